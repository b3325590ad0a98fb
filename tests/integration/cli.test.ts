/**
 * The headless CLI as a user runs it: `node bin/marginalia.mjs ...` in a child process, checking
 * exit codes, what it prints and the files it writes.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeDocumentRecord } from '../../electron/core/formats/nativeJsonl';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function marginalia(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/marginalia.mjs', ...args],
      { cwd: ROOT, env: { ...process.env, MARGINALIA_USER: 'cli-tester' }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-cli-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('marginalia CLI', () => {
  it('prints its usage with --help and exits 0', async () => {
    const run = await marginalia('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: marginalia <command>/);
    for (const command of ['new PROJECT', 'import PROJECT PATH...', 'export PROJECT', 'info PROJECT'])
      expect(run.stdout).toContain(command);
    expect(run.stderr).toBe('');
  });

  it('exits 1 for an unknown command, naming it', async () => {
    const run = await marginalia('frobnicate', 'x');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stderr).toContain('Usage:');
  });

  it('exits 1 for an unknown option and when no command is given', async () => {
    const option = await marginalia('info', '--verbose');
    expect(option.code).toBe(1);
    expect(option.stderr).toMatch(/Unknown option '--verbose'/);
    expect((await marginalia()).code).toBe(1);
  });

  it('exports a missing project with exit 1 and a clear message, writing nothing', async () => {
    const missing = join(dir, 'missing.marginalia');
    const out = join(dir, 'missing.jsonl');
    const run = await marginalia('export', missing, '--format', 'jsonl', '--out', out);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`marginalia export: ${missing} does not exist`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it('creates, imports into, describes and exports a project', async () => {
    const project = join(dir, 'news.marginalia');
    const created = await marginalia('new', project);
    expect(created).toMatchObject({ code: 0, stdout: `created ${project}\n` });
    expect(existsSync(project)).toBe(true);

    const again = await marginalia('new', project);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);

    const articles = join(dir, 'articles');
    mkdirSync(articles);
    writeFileSync(join(articles, 'kabul.txt'), 'Fire 🔥 in Kabul\r\nOfficials said 12 people died.\r\n');
    writeFileSync(join(articles, 'karachi.txt'), 'کراچی میں بارش\nپولیس کے مطابق\n');
    const bad = join(articles, 'latin1.txt');
    writeFileSync(bad, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));

    const imported = await marginalia('import', project, articles);
    expect(imported.code).toBe(2);
    expect(imported.stdout).toContain('imported 2 documents');
    expect(imported.stderr.trim()).toBe(
      `not imported: ${bad}: the file is not valid UTF-8 (first bad byte at 3)`,
    );

    const reimport = await marginalia('import', project, join(articles, 'kabul.txt'));
    expect(reimport.code).toBe(0);
    expect(reimport.stdout).toContain('imported 0 documents');
    expect(reimport.stdout).toContain('1 already in the project (skipped)');

    const info = await marginalia('info', project);
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/^project +news \(/m);
    expect(info.stdout).toMatch(/^offsets +utf16-code-units$/m);
    expect(info.stdout).toMatch(/^documents +2$/m);
    expect(info.stdout).toMatch(/^spans +0$/m);
    expect(info.stdout).toMatch(/^annotators +1$/m);
    expect(info.stdout).toMatch(/^labels +1 Claim, 2 Figure, 3 Location, 4 Hedge$/m);

    const out = join(dir, 'export.jsonl');
    const exported = await marginalia('export', project, '--format', 'jsonl', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`exported 2 documents, 0 spans to ${out}`);
    const records = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as NativeDocumentRecord);
    expect(records.map((r) => [r.id, r.offset_unit])).toEqual([
      ['kabul', 'utf16-code-units'],
      ['karachi', 'utf16-code-units'],
    ]);
    expect(records[0]!.text).toBe('Fire 🔥 in Kabul\nOfficials said 12 people died.\n');
    expect(records[0]!.source).toEqual({ file: 'kabul.txt', newlines: 'crlf' });
    expect(records[1]!.text).toBe('کراچی میں بارش\nپولیس کے مطابق\n');
  });

  it('refuses an export without --out or in another format, with exit 1', async () => {
    const project = join(dir, 'formats.marginalia');
    expect((await marginalia('new', project)).code).toBe(0);
    const noOut = await marginalia('export', project);
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toContain('name the output file with --out FILE');
    const csv = await marginalia('export', project, '--format', 'csv', '--out', join(dir, 'x.csv'));
    expect(csv.code).toBe(1);
    expect(csv.stderr).toContain('unknown format "csv"');
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });

  it('refuses to open a file that is not a project, with exit 1', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'just notes\n');
    const run = await marginalia('info', notes);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${notes} is not a Marginalia project`);
    expect(readFileSync(notes, 'utf8')).toBe('just notes\n');
  });

  it('adds the .marginalia extension to a new project named without one', async () => {
    const run = await marginalia('new', join(dir, 'bare'));
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'bare.marginalia'))).toBe(true);
    expect((await marginalia('info', join(dir, 'bare.marginalia'))).stdout).toContain('documents   0');
  });

  it('refuses an export into a folder that does not exist, with exit 1 and no stack trace', async () => {
    const project = join(dir, 'nowhere.marginalia');
    expect((await marginalia('new', project)).code).toBe(0);
    const target = join(dir, 'missing-folder', 'out.jsonl');
    const run = await marginalia('export', project, '--out', target);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`marginalia export: cannot write ${target}`);
    expect(run.stderr).not.toContain('    at ');
  });
});
