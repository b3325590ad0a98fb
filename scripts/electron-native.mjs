#!/usr/bin/env node
/**
 * Builds a second copy of better-sqlite3's native addon for Electron's ABI, next to the Node copy
 * that npm built, so the app (`npm start`) and the tests/CLI (`npm test`) both work after a plain
 * `npm install`, with no rebuild step between them. Runs on postinstall and before `npm start`.
 *
 * Where the Electron binary was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1) there is nothing
 * to build for: after install it says so and exits 0; before `npm start` (--for-start) it says what
 * to do instead and exits 1, so npm does not go on to electron-vite's bare "Electron uninstall".
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinaryPath, missingElectronMessage } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const targetDir = join(root, 'node_modules', '.marginalia-electron');
const target = join(targetDir, 'better_sqlite3.node');
const stampFile = join(targetDir, 'built-for.json');

function electronInstalled() {
  try {
    return electronBinaryPath(dirname(require.resolve('electron/package.json'))) !== null;
  } catch {
    return false;
  }
}

if (!electronInstalled()) {
  if (process.argv.includes('--for-start')) {
    console.error(missingElectronMessage(process.env));
    process.exit(1);
  }
  console.log('[marginalia] Electron binary not installed: skipped the Electron build of better-sqlite3.');
  process.exit(0);
}

const electronVersion = require('electron/package.json').version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const stamp = JSON.stringify({
  electron: electronVersion,
  betterSqlite3: sqliteVersion,
  platform: process.platform,
  arch: process.arch,
});
if (existsSync(target) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) process.exit(0);

console.log(`[marginalia] building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}…`);
const work = join(targetDir, 'build-tree');
rmSync(work, { recursive: true, force: true });
mkdirSync(targetDir, { recursive: true });
cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${sqliteDir}/build`) });

const run = (command, args) => execFileSync(command, args, { cwd: work, stdio: 'inherit', env: process.env });
const electronArgs = [`--runtime=electron`, `--target=${electronVersion}`, `--arch=${process.arch}`];
try {
  // A published prebuilt binary when there is one (fast, needs the network) …
  run(process.execPath, [
    require.resolve('prebuild-install/bin.js', { paths: [sqliteDir] }),
    ...electronArgs,
  ]);
} catch {
  // … else compile against Electron's headers (needs a C++ toolchain, as npm's own build of it did).
  const nodeGyp = process.env.npm_config_node_gyp ?? require.resolve('node-gyp/bin/node-gyp.js');
  run(process.execPath, [
    nodeGyp,
    'rebuild',
    '--release',
    ...electronArgs,
    '--dist-url=https://electronjs.org/headers',
  ]);
}
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
writeFileSync(stampFile, stamp);
rmSync(work, { recursive: true, force: true });
console.log(`[marginalia] Electron build of better-sqlite3 ready: ${target}`);
