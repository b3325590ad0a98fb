/**
 * The CLI parses its requests with the API's own argument schemas, as the app's dialogs are: what
 * the app refuses is refused on the command line too, in a sentence, with the project unchanged.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDump } from '../../electron/store/testing';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function marginalia(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/marginalia.mjs', ...args],
      { cwd: ROOT, env: { ...process.env, MARGINALIA_USER: 'cli-tester' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-cli-args-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('marginalia import arguments', { timeout: 120_000 }, () => {
  it('refuses an annotator name the app would refuse (over 100 characters), naming it, and writes nothing', async () => {
    const project = join(dir, 'names.marginalia');
    expect((await marginalia('new', project)).code).toBe(0);
    const file = join(dir, 'story.txt');
    writeFileSync(file, 'Floods reached Sukkur on Monday.\n');
    const before = tableDump(project);

    const run = await marginalia('import', project, file, '--annotator', 'x'.repeat(101));

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^marginalia import: annotator: .*100.*; nothing was imported\n$/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(tableDump(project)).toBe(before);

    // The same file under a name within the limit is imported: only the name was refused.
    const ok = await marginalia('import', project, file, '--annotator', 'x'.repeat(100));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('imported 1 documents');
  });
});
