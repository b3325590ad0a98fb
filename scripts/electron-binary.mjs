/**
 * Is Electron's own binary on this machine? Its npm package downloads it on install, unless
 * ELECTRON_SKIP_BINARY_DOWNLOAD was set (or the download failed); then `npm start` cannot run, and
 * the user is told why, how to fix it, and how to use the app in a browser instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The binary in the installed `electron` package at `electronDir`, or null where it was not downloaded. */
export function electronBinaryPath(electronDir) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** What `npm start` says where the binary is missing: what happened, the fix, the browser alternative. */
export function missingElectronMessage(env) {
  const skipped = env.ELECTRON_SKIP_BINARY_DOWNLOAD
    ? ` ELECTRON_SKIP_BINARY_DOWNLOAD is set in this shell (${env.ELECTRON_SKIP_BINARY_DOWNLOAD}), which tells the install to skip it.`
    : ' It was skipped at install time (ELECTRON_SKIP_BINARY_DOWNLOAD) or its download failed.';
  return [
    `marginalia: cannot start the desktop app: the Electron binary is not installed.${skipped}`,
    'Nothing was started or changed.',
    '',
    'To install it, download it again without that setting:',
    '    env -u ELECTRON_SKIP_BINARY_DOWNLOAD npm rebuild electron',
    'then run `npm start` again.',
    '',
    'Or use the same app in a browser on this machine (no Electron needed):',
    '    npm run build && npx marginalia serve [PROJECT]',
    'and open the address it prints.',
  ].join('\n');
}
