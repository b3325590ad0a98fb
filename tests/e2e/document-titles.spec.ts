/**
 * Renaming a document from the list with the keyboard (F2) and the mouse (Rename), checked after a
 * reload and through the API; and a regular expression that a backtracking engine could not finish,
 * searched in the open document and across the project.
 */
import { expect, test, type Page } from '@playwright/test';
import { callApi, startHost, type RunningHost } from './host';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

const DAM = 'Death toll rises to at least 47 after Harrow Gap dam collapse floods Lessard valley';

async function demo(page: Page) {
  host = await startHost({ args: ['--startup', '--user', 'Alice'] });
  await page.goto(host.url);
  await expect(page.locator('.mg-doc')).toHaveCount(6);
}

const storedTitles = async () => (await callApi(host!, 'listDocuments', {})).map((d) => d.title);

test('F2 renames a document in the list; the title stays after a reload', async ({ page }) => {
  await demo(page);
  await page.locator('.mg-doc', { hasText: DAM }).click();
  await expect(page.locator('.mg-article-title')).toHaveText(DAM);
  // The headline is the text's first line: it is drawn once, and the heading is for screen readers.
  await expect(page.locator('.mg-article-title')).toHaveClass(/mg-visually-hidden/);
  await page.locator('.mg-doc', { hasText: DAM }).focus();
  await page.keyboard.press('F2');
  const field = page.getByLabel('New title (Enter saves, Esc cancels)');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue(DAM);

  // Esc keeps the old title; a blank title is refused with its reason and the field stays open.
  await page.keyboard.type('Thrown away');
  await page.keyboard.press('Escape');
  await expect(page.locator('.mg-doc', { hasText: DAM })).toBeFocused();
  await page.keyboard.press('F2');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('a title cannot be empty');
  await expect(field).toBeVisible();
  expect(await storedTitles()).toContain(DAM);

  await page.keyboard.type('  Harrow Gap dam: 47 dead  ');
  await page.keyboard.press('Enter');
  await expect(page.locator('.mg-doc', { hasText: 'Harrow Gap dam: 47 dead' })).toBeFocused();
  await expect(page.locator('.mg-article-title')).toHaveText('Harrow Gap dam: 47 dead');
  await expect(page.locator('.mg-article-title')).not.toHaveClass(/mg-visually-hidden/);
  expect(await storedTitles()).toContain('Harrow Gap dam: 47 dead');

  await page.reload();
  await expect(page.locator('.mg-doc').first()).toContainText('Harrow Gap dam: 47 dead');
  await expect(page.locator('.mg-doc', { hasText: DAM })).toHaveCount(0);
});

test('the Rename button beside the open document renames it too', async ({ page }) => {
  await demo(page);
  await page.locator('.mg-doc', { hasText: 'Velmar and Istrenia' }).click();
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.keyboard.type('Border shelling');
  await page.keyboard.press('Enter');
  await expect(page.locator('.mg-article-title')).toHaveText('Border shelling');
  expect(await storedTitles()).toContain('Border shelling');
});

test('a regex that would backtrack for ever answers in the document and the project', async ({ page }) => {
  await demo(page);
  await page.locator('.mg-doc', { hasText: DAM }).click();
  await page.locator('.mg-text').click();
  await page.keyboard.press('Control+f');
  await page.getByRole('checkbox', { name: 'Regex' }).check();
  // The headline is words and spaces up to "valley": a backtracking engine tries every split of it.
  await page.getByLabel('Search text').fill('^(\\w+\\s?)+$');
  await page.keyboard.press('Enter');
  await expect(page.locator('.mg-search-count')).toHaveText('Nothing found.');
  await page.getByLabel('Search text').fill('^(\\w+\\s?)+valley');
  await page.keyboard.press('Enter');
  await expect(page.locator('.mg-search-count')).toHaveText('1 result');

  await page.keyboard.press('Control+Shift+f');
  await page.getByRole('checkbox', { name: 'Regex' }).check();
  await page.getByLabel('Search text').fill('Harrow(?= Gap)');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('cannot use lookahead');
});
