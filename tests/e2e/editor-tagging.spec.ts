/**
 * A tag is painted in the frame after the key and stored in the same moment. These tests hold the
 * store's reply back, or make it fail, to check what the annotator sees meanwhile and afterwards,
 * and read what is stored from the project file itself.
 */
import { expect, test, type Page, type Route } from '@playwright/test';
import Database from 'better-sqlite3';
import { dragSelect, startHost, type RunningHost } from './host';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

const DAM = 'Death toll';
const WORDS = 'At least 47 people';

/** The demo project, user Alice, with the dam article open and WORDS selected by a mouse drag. */
async function demoWithSelection(page: Page): Promise<void> {
  host = await startHost({ args: ['--startup', '--user', 'Alice'] });
  await page.goto(host.url);
  await page.locator('.mg-doc', { hasText: DAM }).click();
  await expect(page.locator('.mg-article-title')).toContainText(DAM);
  await dragSelect(page, WORDS);
}

/** Alice's spans of the dam article as "Label: text", read from the project file. */
async function storedSpans(): Promise<string[]> {
  const response = await fetch(new URL('/api/getSession', host!.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const { result } = (await response.json()) as { result: { project: { path: string } } };
  const db = new Database(result.project.path, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT label.name AS label, substr(document.text, span.start + 1, span."end" - span.start) AS text
         FROM span JOIN label ON label.id = span.label_id JOIN document ON document.id = span.document_id
         JOIN annotator ON annotator.id = span.annotator_id
         WHERE annotator.name = 'Alice' AND instr(document.title, ?) > 0
         ORDER BY span.start, span.id`,
      )
      .all(DAM) as { label: string; text: string }[];
    return rows.map((row) => `${row.label}: ${row.text}`);
  } finally {
    db.close();
  }
}

/** Holds every addSpan call until the returned function is called, then lets them through. */
async function holdAddSpan(page: Page): Promise<() => Promise<void>> {
  const held: Route[] = [];
  await page.route('**/api/addSpan', (route) => void held.push(route));
  return async () => {
    for (const route of held.splice(0)) await route.continue();
    await page.unroute('**/api/addSpan');
  };
}

test('a tag is painted before the store answers, then carries its stored id', async ({ page }) => {
  await demoWithSelection(page);
  const release = await holdAddSpan(page);
  await page.keyboard.press('2');
  // Painted and selected while the call is still held back; not stored yet.
  const painted = page.locator('.mg-text .mg-span.mg-label-1.mg-selected');
  await expect(painted).toHaveText(WORDS);
  expect(await storedSpans()).toEqual([]);

  await release();
  await expect(page.locator('.mg-panel-heading')).toHaveText('1 span');
  const id = Number(await painted.getAttribute('data-span-id'));
  expect(id).toBeGreaterThan(0);
  expect(await storedSpans()).toEqual([`Figure: ${WORDS}`]);
});

test('keys pressed while a tag is being stored act after it, on the new span', async ({ page }) => {
  await demoWithSelection(page);
  const release = await holdAddSpan(page);
  await page.keyboard.press('2');
  await expect(page.locator('.mg-text .mg-span.mg-selected')).toHaveText(WORDS);
  // Relabel as Claim, then as Location: both must wait for the tag, or they would act on nothing.
  await page.keyboard.press('1');
  await page.keyboard.press('3');
  await release();
  await expect(page.locator('.mg-text .mg-span.mg-label-2.mg-selected')).toHaveText(WORDS);
  await expect(page.locator('.mg-panel-heading')).toHaveText('1 span');
  await expect.poll(storedSpans).toEqual([`Location: ${WORDS}`]);
});

test('a tag the store refuses is taken back with the reason, the text stays selected', async ({ page }) => {
  await demoWithSelection(page);
  await page.route('**/api/addSpan', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { kind: 'internal', message: 'database or disk is full' } }),
    }),
  );
  await page.keyboard.press('2');
  await expect(page.getByRole('alert')).toContainText('database or disk is full');
  await expect(page.locator('.mg-text .mg-span')).toHaveCount(0);
  await expect(page.locator('.mg-panel-heading')).toHaveText('0 spans');
  expect(await storedSpans()).toEqual([]);

  // Once the disk has room again, the same key on the same selection tags it.
  await page.unroute('**/api/addSpan');
  await page.keyboard.press('2');
  await expect(page.locator('.mg-text .mg-span.mg-label-1')).toHaveText(WORDS);
  await expect.poll(storedSpans).toEqual([`Figure: ${WORDS}`]);
});
