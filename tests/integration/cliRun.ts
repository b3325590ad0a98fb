/**
 * Runs the CLI as a user does, in a child process, as `user`: from its bundle (tests/testBundles.ts:
 * the same source without tsx's start-up cost), or through `bin/marginalia.mjs` itself.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CLI_BUNDLE } from '../testBundles';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `marginalia ARGS…` as `user`, from the bundle built for this test run. */
export function runMarginalia(user: string, ...args: string[]): Promise<Run> {
  return run(user, [CLI_BUNDLE, ...args]);
}

/** `node bin/marginalia.mjs ARGS…` as `user`: the entry point a checkout runs (scripts/cli-bundle.mjs). */
export function runMarginaliaBin(user: string, ...args: string[]): Promise<Run> {
  return run(user, ['bin/marginalia.mjs', ...args]);
}

function run(user: string, nodeArgs: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      nodeArgs,
      { cwd: ROOT, env: { ...process.env, MARGINALIA_USER: user }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
