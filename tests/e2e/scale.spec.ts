/**
 * A project of many documents: the document list fetched a page at a time as it scrolls, moved
 * through from the keyboard, and a regular-expression search over every text shown with its
 * progress, stopped by Cancel with the hits found so far kept.
 */
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { ProjectStore } from '../../electron/store/projectStore';
import { startHost, tempDir, type RunningHost } from './host';

const DOCUMENTS = 1500;

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

function project(): string {
  const path = join(tempDir('scale'), 'scale.marginalia');
  const store = ProjectStore.create(path, 'scale', DEFAULT_SCHEMA);
  store.insertDocuments(
    Array.from({ length: DOCUMENTS }, (_, i) => ({
      externalId: `d${i}`,
      title: `Report ${String(i + 1).padStart(4, '0')}`,
      text: `Officials said ${i} people were evacuated from district ${i % 40}.`,
      sha256: `h${i}`,
      source: {},
      newlinePolicy: 'none',
    })),
    null,
  );
  store.close();
  return path;
}

test('the document list draws a screen of a large project and moves by keyboard to its end', async ({
  page,
}) => {
  host = await startHost({ args: ['--project', project(), '--user', 'ann1'] });
  await page.goto(host.url);
  const list = page.getByRole('list', { name: 'Documents' });
  await expect(list.locator('.mg-doc').first()).toContainText('Report 0001');
  // Only a screen of rows is in the page, not 1,500.
  expect(await list.locator('.mg-doc').count()).toBeLessThan(100);
  await expect(page.getByRole('radio', { name: /All/ })).toContainText(String(DOCUMENTS));

  await list.locator('.mg-doc').first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(list.locator('.mg-doc', { hasText: 'Report 0002' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(list.locator('.mg-doc', { hasText: 'Report 1500' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(list.locator('.mg-doc', { hasText: 'Report 1499' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.mg-doc-open')).toContainText('Report 1499');
  // Opening puts the cursor in the text; back in the list, Home goes to the first document.
  await page.locator('.mg-doc-open').focus();
  await page.keyboard.press('Home');
  await expect(list.locator('.mg-doc', { hasText: 'Report 0001' })).toBeFocused();
});

test('a regular-expression search shows its progress, and Cancel stops it with the hits so far', async ({
  page,
}) => {
  // Every job checkpoint waits 20 ms: 1,500 documents take half a minute, time enough to cancel.
  host = await startHost({ args: ['--project', project(), '--user', 'ann1', '--job-pause', '20'] });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search text' }).fill('\\d+ people');
  await page.getByRole('checkbox', { name: 'Regex' }).check();
  await page
    .getByRole('form', { name: 'Search the project' })
    .getByRole('button', { name: 'Search' })
    .click();

  const progress = page.getByRole('progressbar', { name: 'Search progress' });
  await expect(progress).toBeVisible();
  const results = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  await expect(results.nth(2)).toBeVisible();
  await expect(page.getByText(/results so far/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();

  await expect(page.getByText(/Search cancelled after \d+ of 1500 documents/)).toBeVisible();
  await expect(progress).toHaveCount(0);
  const kept = await results.count();
  expect(kept).toBeGreaterThan(2);
  expect(kept).toBeLessThan(DOCUMENTS);
  await expect(results.first()).toContainText('Report 0001');
  // Nothing more arrives after the cancel.
  await page.waitForTimeout(500);
  expect(await results.count()).toBe(kept);
});
