#!/usr/bin/env node
/**
 * Bundles the command line (electron/cli/main.ts) into one file with esbuild (scripts/cli-bundle.mjs
 * says where, and when bin/marginalia.mjs runs it): started through tsx, every `marginalia` run first
 * compiled and resolved some 150 TypeScript modules, 1–1.5 s of CPU before a pipeline's command began.
 * Run by `npm install` and `npm run build`.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { cliBundlePath } from './cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = cliBundlePath(root);

const result = await build({
  entryPoints: [join(root, 'electron', 'cli', 'main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Packages load from node_modules, as under tsx: better-sqlite3's native binding among them.
  packages: 'external',
  write: false,
  logLevel: 'warning',
});
mkdirSync(dirname(bundle), { recursive: true });
// Replaced whole: a `marginalia` started meanwhile reads the old bundle or the new, never half of one.
const partial = `${bundle}.${process.pid}.tmp`;
writeFileSync(partial, result.outputFiles[0].contents);
renameSync(partial, bundle);
