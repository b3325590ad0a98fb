/**
 * Two processes on one project file: the app (a child process holding the project open) and the CLI
 * or another program. Never two writers: the second is refused with the holder named and the file
 * unchanged, or reads without writing; a short write by another program is waited for.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { ProjectStore } from '../../electron/store/projectStore';
import { tableDump } from '../../electron/store/testing';
import { runMarginalia } from './cliRun';
import { fixtureBundle } from '../testBundles';

const marginalia = (...args: string[]) => runMarginalia('cli-tester', ...args);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// tests/integration/fixtures/project-holder.ts, bundled (tests/testBundles.ts).
const HOLDER = fixtureBundle('project-holder');
const TEXT = 'Officials said 12 people died in Kabul on Tuesday.';

let dir: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-writers-'));
});

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a holder and resolves once it holds the project. */
function hold(path: string, mode: 'store' | 'sqlite', ms = 0): Promise<ChildProcess> {
  const child = spawn(process.execPath, [HOLDER, path, mode, String(ms)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('holding')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}: ${err}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function projectWithDocument(name: string): { path: string; documentId: number } {
  const path = join(dir, name);
  const store = ProjectStore.create(path, name, DEFAULT_SCHEMA);
  const alice = store.ensureAnnotator('alice');
  const documentId = store.insertDocuments(
    [
      {
        externalId: 'kabul',
        title: 'Kabul',
        text: TEXT,
        sha256: createHash('sha256').update(TEXT).digest('hex'),
        source: {},
        newlinePolicy: 'none',
      },
    ],
    alice,
  ).inserted[0]!.id;
  store.addSpan(alice, documentId, { start: 15, end: 24, label: 'Figure' });
  store.close();
  return { path, documentId };
}

describe('two processes on one project', { timeout: 120_000 }, () => {
  it('refuses a CLI import while the app holds the project, naming it, and lets it in once the app is gone', async () => {
    const { path } = projectWithDocument('held.marginalia');
    const article = join(dir, 'article.txt');
    writeFileSync(article, 'Floods in Sindh displaced 3,000 families.\n');
    const app = await hold(path, 'store');
    const before = tableDump(path);

    const refused = await marginalia('import', path, article);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^marginalia import: .*held\\.marginalia is open in the Marginalia app \\(process ${app.pid} `,
      ),
    );
    expect(refused.stderr).toContain('Nothing was changed; close it there and try again.');
    expect(refused.stderr).not.toMatch(/SQLITE_|\n\s+at /);
    expect(tableDump(path)).toBe(before);
    // In-process, a second store is refused the same way.
    expect(() => ProjectStore.open(path)).toThrow(/is open in the Marginalia app/);

    // Reading needs no lock: an export goes ahead while the app has the project open.
    const exported = await marginalia('export', path, '--format', 'jsonl', '--out', join(dir, 'held.jsonl'));
    expect(exported.stderr).not.toMatch(/is open in/);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('exported 1 documents, 1 spans');

    // However the holder ends (here SIGKILL: no close, no exit handler), the OS releases its lock.
    await killed(app);
    const imported = await marginalia('import', path, article);
    expect(imported.stderr).not.toMatch(/is open in/);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('imported 1 documents');
  });

  it('refuses `export p.marginalia --out p.marginalia` with exit 1, and the project still opens whole', async () => {
    const { path } = projectWithDocument('self.marginalia');
    const before = tableDump(path);
    const run = await marginalia('export', path, '--format', 'jsonl', '--out', path);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot export to ${path}: it is the open project or one of its own files`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(tableDump(path)).toBe(before);
    const store = ProjectStore.open(path);
    expect(store.integrityCheck()).toBe('ok');
    store.close();
  });

  it('says in words, not a stack trace, when another program writes for longer than the CLI waits', async () => {
    const { path } = projectWithDocument('long.marginalia');
    const article = join(dir, 'long.txt');
    writeFileSync(article, 'Storms closed the port of Karachi.\n');
    // Longer than the 5 s busy wait plus the CLI's start-up.
    const other = await hold(path, 'sqlite', 15_000);
    const run = await marginalia('import', path, article);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `marginalia import: ${path} is busy: another program is writing to it; ` +
        'try again when it has finished. Nothing was written.',
    );
    expect(run.stderr).not.toMatch(/SQLITE_|\n\s+at /);
    await killed(other);
  });

  it('waits for another program writing to the project instead of failing the edit', async () => {
    const { path, documentId } = projectWithDocument('busy.marginalia');
    const store = ProjectStore.open(path);
    try {
      const alice = store.ensureAnnotator('alice');
      const span = store.spansOf(documentId)[0]!;
      // Another program (a sqlite3 shell, a backup tool) holds a write transaction for 400 ms.
      const other = await hold(path, 'sqlite', 400);
      // A relabel reads the span before it writes: a deferred transaction could not wait here.
      expect(store.setSpanLabel(alice, span.id, 'Claim').label).toBe('Claim');
      expect(store.guidelines()).toBe('written by another program');
      await new Promise((resolve) => other.once('exit', resolve));
    } finally {
      store.close();
    }
  });
});
