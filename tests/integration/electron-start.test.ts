/**
 * `npm start` where Electron's binary was never downloaded: the prestart check must say what
 * happened, how to fix it and how to use the app in a browser, instead of electron-vite's bare
 * "Error: Electron uninstall". Checked against a stand-in `electron` package folder.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinaryPath, missingElectronMessage } from '../../scripts/electron-binary.mjs';

function standInElectron(withBinary: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-electron-pkg-'));
  writeFileSync(join(dir, 'package.json'), '{"name":"electron"}');
  writeFileSync(join(dir, 'path.txt'), 'electron');
  if (withBinary) {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
  }
  return dir;
}

describe('npm start without the Electron binary', () => {
  it('finds the binary where the install put it, and none where the download was skipped', () => {
    const installed = standInElectron(true);
    expect(electronBinaryPath(installed)).toBe(join(installed, 'dist', 'electron'));
    expect(electronBinaryPath(standInElectron(false))).toBeNull();
  });

  it('says what happened, the reinstall that fixes it, and the browser alternative', () => {
    const message = missingElectronMessage({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(message).toMatch(
      /^marginalia: cannot start the desktop app: the Electron binary is not installed\./,
    );
    expect(message).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set in this shell (1)');
    expect(message).toContain('Nothing was started or changed.');
    expect(message).toContain('env -u ELECTRON_SKIP_BINARY_DOWNLOAD npm rebuild electron');
    expect(message).toContain('npx marginalia serve [PROJECT]');
    expect(message).not.toMatch(/Error:|at .*\.js/);
  });

  it('names the skipped download even when the variable is no longer set', () => {
    expect(missingElectronMessage({})).toContain('skipped at install time (ELECTRON_SKIP_BINARY_DOWNLOAD)');
  });
});
