/**
 * The CLI's import as a user meets it on bad input: `marginalia import ...` in a child process (from
 * its bundle, tests/testBundles.ts) that the test can interrupt, checking exit codes, messages and
 * what the project holds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE } from '../testBundles';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI; `onStderr` sees its error output as it comes (to interrupt it at a given moment). */
function start(args: string[], onStderr: (text: string, child: ChildProcess) => void = () => {}) {
  const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
    cwd: ROOT,
    env: { ...process.env, MARGINALIA_USER: 'cli-importer' },
  });
  const run: Run = { code: null, stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    run.stderr += chunk.toString();
    onStderr(run.stderr, child);
  });
  return new Promise<Run>((resolve) => child.on('close', (code) => resolve({ ...run, code })));
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-cli-import-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function folderWith(name: string, files: Record<string, string>): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(folder, file), content);
  return folder;
}

async function newProject(name: string): Promise<string> {
  const project = join(dir, `${name}.marginalia`);
  expect((await start(['new', project])).code).toBe(0);
  return project;
}

describe.concurrent('marginalia import on bad input', { timeout: 120_000 }, () => {
  it('refuses a batch with bad files (exit 2, naming how many are good), and --skip-bad imports the rest', async () => {
    const project = await newProject('skip');
    // The creator's row (the owner) is made with the project; a refused import adds none.
    const people = (await start(['annotators', project])).stdout;
    const folder = folderWith('five', {
      'a.txt': 'First story.\n',
      'b-empty.txt': '',
      'c.txt': 'Second story.\n',
      'd-blank.txt': ' \n',
      'notes.bin': 'x',
    });
    const refused = await start(['import', project, folder]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${join(folder, 'b-empty.txt')}: the file is empty`);
    expect(refused.stderr).toContain('--skip-bad imports the 2 good files');
    const annotators = await start(['annotators', project]);
    expect(annotators.stdout).toBe(people);

    const skipped = await start(['import', project, folder, '--skip-bad']);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('imported 2 documents');
    expect(skipped.stderr).toContain(`skipped ${join(folder, 'b-empty.txt')}: the file is empty`);
    expect(skipped.stderr).toContain(
      `skipped ${join(folder, 'd-blank.txt')}: the file holds only white space`,
    );
    expect(skipped.stderr).toContain(`skipped ${join(folder, 'notes.bin')}: no import format takes it`);
    expect(skipped.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops on Ctrl-C while writing, exits 130 and leaves the project as it was', async () => {
    const project = await newProject('interrupted');
    const files = Object.fromEntries(
      Array.from({ length: 3000 }, (_, i) => [
        `story-${String(i).padStart(4, '0')}.txt`,
        `Story ${i}: the river rose.\n`,
      ]),
    );
    const folder = folderWith('many', files);
    let sent = false;
    const run = await start(['import', project, folder], (stderr, child) => {
      if (!sent && /import: writing/.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('interrupted; nothing was written');
    const info = await start(['info', project]);
    expect(info.stdout).toMatch(/^documents\s+0$/m);
    // Only the creator (the owner), made with the project.
    expect(info.stdout).toMatch(/^annotators\s+1$/m);
  });
});
