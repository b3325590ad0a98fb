#!/usr/bin/env node
// Runs the command line from its bundle while it is current (scripts/cli-bundle.mjs); otherwise the
// TypeScript directly through tsx, so it works in a checkout right after any edit too.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { currentCliBundle } from '../scripts/cli-bundle.mjs';

const bundle = currentCliBundle(join(dirname(fileURLToPath(import.meta.url)), '..'));
let runCli;
if (bundle) ({ runCli } = await import(pathToFileURL(bundle).href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../electron/cli/main.ts'));
}
process.exitCode = await runCli(process.argv.slice(2));
