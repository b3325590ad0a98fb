/**
 * `marginalia serve` in Chromium, as a user without Electron runs it: the address with the token
 * opens the app, the token leaves the address bar, a reload keeps working, a page without the token
 * is refused with a sentence, and where the app would show a file dialog a typed path is asked for.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe, tempDir } from './host';

let server: Awaited<ReturnType<typeof startServe>> | undefined;
test.afterEach(async () => {
  await server?.kill();
  server = undefined;
});

/** A settings folder where the user has already given their name, so the demo opens at once. */
function configFor(user: string): string {
  const config = tempDir('serve-config');
  mkdirSync(join(config, 'marginalia'));
  writeFileSync(join(config, 'marginalia', 'settings.json'), JSON.stringify({ userName: user, recent: [] }));
  return config;
}

test('serve opens the app from its address, hides the token, survives a reload, and asks for typed paths', async ({
  page,
}) => {
  const config = configFor('Alice');
  server = await startServe(config);
  await page.goto(server.url);
  await expect(page.locator('.mg-project-name')).toHaveText('Demo');
  expect(page.url()).toBe(new URL('/', server.url).href);

  await page.reload();
  await expect(page.locator('.mg-project-name')).toHaveText('Demo');

  await page.getByRole('button', { name: 'Close project' }).click();
  const target = join(tempDir('serve-projects'), 'typed.marginalia');
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.accept(target);
  });
  await page.getByRole('button', { name: 'New project…' }).click();
  await expect(page.locator('.mg-project-name')).toHaveText('typed');
  expect(asked).toEqual(['Path of the new project file (.marginalia):']);
  expect(existsSync(target)).toBe(true);

  // Cancelling the typed path is cancelling the dialog: nothing is opened or created.
  await page.getByRole('button', { name: 'Close project' }).click();
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByRole('button', { name: 'Open project…' }).click();
  await expect(page.getByRole('button', { name: 'New project…' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('serve without the token in the address refuses every call and says which address to open', async ({
  page,
}) => {
  server = await startServe(configFor('Alice'));
  await page.goto(new URL('/', server.url).href);
  await expect(page.getByRole('alert')).toContainText('Refused: this request lacks the right token.');
  await expect(page.getByRole('alert')).toContainText('#token=');
  await expect(page.locator('.mg-project-name')).toHaveCount(0);
});
