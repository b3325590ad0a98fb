/**
 * Recent projects on the start screen, opened by the handle the Node side gave them: the page never
 * sends a path, and a path it does send is refused without touching any file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { callApi, startHost, tempDir, type RunningHost } from './host';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

test('a recent project on the start screen opens by its handle; a path from the page is refused', async ({
  page,
}) => {
  const work = tempDir('recent');
  host = await startHost({ args: ['--user', 'Alice'] });
  await page.goto(host.url);
  for (const name of ['north', 'south']) {
    await host.answerDialogs(join(work, name));
    await page.getByRole('button', { name: 'New project…' }).click();
    await expect(page.locator('.mg-project-name')).toHaveText(name);
    await page.getByRole('button', { name: 'Close project' }).click();
  }

  const recent = page.locator('.mg-recent button');
  await expect(recent).toHaveText([join(work, 'south.marginalia'), join(work, 'north.marginalia')]);
  await recent.filter({ hasText: 'north' }).click();
  await expect(page.locator('.mg-project-name')).toHaveText('north');

  const planted = join(work, 'planted.marginalia');
  // Sent the way the page's client sends calls; a path is not an argument of any method.
  const withPath = { path: planted } as unknown as Record<string, never>;
  await expect(callApi(host, 'newProject', withPath)).rejects.toThrow(/Unrecognized key: "path"/);
  expect(existsSync(planted)).toBe(false);
  await expect(page.locator('.mg-project-name')).toHaveText('north');
});
