/**
 * The packaged app itself: Electron's window with the real preload, IPC and security settings.
 * Where the Electron binary was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1, as on the CI
 * machines here) this test is skipped and says so; everything behind the window is covered by the
 * Chromium end-to-end tests against the loopback host, which serves the same API.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinaryPath } from '../../scripts/electron-binary.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

function electronBinary(): string | null {
  const require = createRequire(join(ROOT, 'package.json'));
  return electronBinaryPath(dirname(require.resolve('electron/package.json')));
}

/** What the preload exposes on window, as far as this test uses it. */
interface Bridged {
  marginalia: { methods: Record<string, (args: unknown) => Promise<{ ok: boolean }>> };
}

const binary = electronBinary();
const SKIPPED =
  'SKIPPED: the Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD=1), so the packaged app was not launched';
if (!binary) console.log(`[tests/electron] ${SKIPPED}`);

test('the packaged app opens the demo, tags a span over IPC, and is locked down', async () => {
  test.skip(!binary, SKIPPED);
  const userData = mkdtempSync(join(tmpdir(), 'marginalia-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [ROOT],
    env: { ...process.env, MARGINALIA_USER_DATA: userData },
  });
  try {
    const page = await app.firstWindow();
    // Served from the app's own protocol, not file://, so the page cannot read local files by URL.
    expect(page.url()).toBe('marginalia://app/index.html');
    await page.getByLabel('Your name').fill('Electra');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('.mg-doc')).toHaveCount(6);
    await page.locator('.mg-doc').first().click();
    await expect(page.locator('.mg-text')).toBeVisible();

    // contextIsolation + sandbox + no nodeIntegration: the page sees neither Node nor the preload's scope.
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((window as unknown as Bridged).marginalia).sort())).toEqual([
      'methods',
      'onMenu',
    ]);

    const spans = await page.evaluate(async () => {
      const { methods } = (window as unknown as Bridged).marginalia;
      const reply = await methods.addSpan!({ documentId: 1, start: 0, end: 5, label: 'Claim' });
      const bad = await methods.addSpan!({ documentId: 1, start: 5, end: 1, label: 'Claim' });
      return { ok: reply.ok, badOk: bad.ok };
    });
    expect(spans).toEqual({ ok: true, badOk: false });

    // Paths come from the main process's dialogs only: one sent by the page is refused, and nothing opens.
    const planted = join(userData, 'planted.marginalia');
    const withPath = await page.evaluate(
      (path) => (window as unknown as Bridged).marginalia.methods.newProject!({ path }),
      planted,
    );
    expect(withPath.ok).toBe(false);
    expect(existsSync(planted)).toBe(false);
  } finally {
    await app.close();
  }
});
