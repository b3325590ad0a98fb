/** Runs the CLI as a user does, `node bin/marginalia.mjs ...` in a child process, as the user cli-tester. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function marginalia(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/marginalia.mjs', ...args],
      { cwd: ROOT, env: { ...process.env, MARGINALIA_USER: 'cli-tester' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}
