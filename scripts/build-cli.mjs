#!/usr/bin/env node
/**
 * Bundles the command line (electron/cli/main.ts) into one file with esbuild (scripts/cli-bundle.mjs
 * says where, and when bin/marginalia.mjs runs it): started through tsx, every `marginalia` run first
 * compiled and resolved some 150 TypeScript modules, 1–1.5 s of CPU before a pipeline's command began.
 * Run by `npm install` and `npm run build`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliBundlePath, placesThreadPath, writeBundle } from './cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await writeBundle(root, "export { runCli } from './electron/cli/main.ts';\n", cliBundlePath(root));
// The reading thread's program, beside the bundle where services/placesReader.ts looks for it.
await writeBundle(root, "import './electron/services/placesThread.ts';\n", placesThreadPath(root));
