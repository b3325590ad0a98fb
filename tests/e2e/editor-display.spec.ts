/**
 * How the editor shows spans, as an annotator meets it: nested spans in layers and listed at the
 * caret and under the pointer, a discontinuous span drawn and selected as one, and right-to-left
 * Urdu paragraphs inside English text tagged at exact offsets. Each test checks what is stored.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { DocumentView } from '../../electron/contract/types';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { sha256 } from '../../electron/services/importer';
import { ProjectStore } from '../../electron/store/projectStore';
import { callApi, dragSelect, readDocument, startHost, tempDir, type RunningHost } from './host';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

async function storedDocument(page: Page, titlePart: string): Promise<DocumentView> {
  const documents = await callApi(host!, 'listDocuments', {});
  const summary = documents.find((d) => d.title.includes(titlePart));
  if (!summary) throw new Error(`no document titled like ${titlePart}`);
  return readDocument(host!, summary.id);
}

const storedTexts = (document: DocumentView) =>
  document.spans.map((s) => [
    s.label,
    s.fragments.map((f) => document.text.slice(f.start, f.end)).join(' … '),
  ]);

async function openDocument(page: Page, titlePart: string) {
  await page.locator('.mg-doc', { hasText: titlePart }).click();
  await expect(page.locator('.mg-article-title')).toContainText(titlePart);
}

const pointInfo = (page: Page) => page.getByRole('region', { name: 'Spans at the caret' });
const pointRows = (page: Page) => pointInfo(page).locator('li');

/**
 * Selects `needle` by a mouse drag from its logical start to its logical end, which in a
 * right-to-left paragraph runs from right to left (the shared dragSelect drags left to right).
 */
async function dragSelectRtl(page: Page, needle: string, occurrence = 0) {
  await dragSelect(page, needle, occurrence);
  const box = await page.evaluate(() => {
    const rects = document.getSelection()!.getRangeAt(0).getClientRects();
    const first = rects[0]!;
    const last = rects[rects.length - 1]!;
    return {
      x1: first.right - 1,
      y1: first.top + first.height / 2,
      x2: last.left + 1,
      y2: last.top + last.height / 2,
    };
  });
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => page.evaluate(() => document.getSelection()!.toString())).toBe(needle);
}

/**
 * Clicks the middle of the `occurrence`-th appearance of `needle` in the text (puts the caret there),
 * then moves the pointer off the text, so the status line shows the caret rather than the hover.
 */
async function clickText(page: Page, needle: string, occurrence = 0) {
  const point = await page.evaluate(
    ({ needle, occurrence }) => {
      const root = document.querySelector('.mg-text')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      while (walker.nextNode()) {
        const node = walker.currentNode as Text;
        for (let at = node.data.indexOf(needle); at !== -1; at = node.data.indexOf(needle, at + 1)) {
          if (seen++ < occurrence) continue;
          node.parentElement!.scrollIntoView({ block: 'center' });
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + needle.length);
          const rect = range.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
      }
      throw new Error(`"${needle}" not found in one text node`);
    },
    { needle, occurrence },
  );
  await page.mouse.click(point.x, point.y);
  await page.locator('.mg-panel-heading').hover();
}

test('nested spans are drawn in layers and listed, innermost first, at the caret and under the pointer', async ({
  page,
}) => {
  host = await startHost({ args: ['--startup', '--user', 'Dana'] });
  await page.goto(host.url);
  await openDocument(page, 'Death toll');

  const claim =
    'At least 47 people have been killed and more than 1,200 homes destroyed after the Harrow Gap dam';
  // Each tag is stored before the next drag: this test is about how nested spans are drawn (quick
  // tags while one is stored are editor-tagging.spec.ts's).
  const heading = page.locator('.mg-panel-heading');
  await dragSelect(page, claim);
  await page.keyboard.press('1');
  await expect(heading).toHaveText('1 span');
  await dragSelect(page, 'At least 47 people');
  await page.keyboard.press('2');
  await expect(heading).toHaveText('2 spans');
  await dragSelect(page, 'Harrow Gap', 1);
  await page.keyboard.press('3');
  await expect(heading).toHaveText('3 spans');

  // Layers: the Figure and the Location sit inside the Claim's element, one underline further down.
  const claimElements = page.locator('.mg-text .mg-span.mg-label-0');
  await expect(claimElements.locator('.mg-span.mg-label-1')).toHaveText('At least 47 people');
  await expect(claimElements.locator('.mg-span.mg-label-2')).toHaveText('Harrow Gap');
  await expect(page.locator('.mg-text .mg-span.mg-label-1')).toHaveClass(/mg-layer-1/);
  await expect(page.locator('.mg-text .mg-span.mg-label-2')).toHaveClass(/mg-layer-1/);
  await expect(claimElements.first()).not.toHaveClass(/mg-layer-/);

  // The caret inside "47": the Figure first, then the Claim holding it.
  await clickText(page, 'At least 47');
  await expect(pointInfo(page)).toContainText('At the caret');
  await expect(pointRows(page)).toHaveText([
    /Figure\s*“At least 47 people”\s*layer 2/,
    /Claim\s*“At least 47 people have been killed.*”\s*layer 1/,
  ]);
  await page.screenshot({ path: test.info().outputPath('nested-caret.png') });

  // Moved by keyboard out of the Figure into the rest of the Claim: only the Claim is listed.
  // Alt+→ moves by a character (→ alone moves by a word).
  for (let i = 0; i < 'least 47 people ha'.length; i++) await page.keyboard.press('Alt+ArrowRight');
  await expect(pointRows(page)).toHaveText([/Claim/]);

  // Hovering the Location lists it and the Claim, whatever the caret does.
  const location = page.locator('.mg-text .mg-span.mg-label-2');
  await location.hover();
  await expect(pointInfo(page)).toContainText('Under the pointer');
  await expect(pointRows(page)).toHaveText([/Location\s*“Harrow Gap”/, /Claim/]);
  await page.screenshot({ path: test.info().outputPath('nested-hover.png') });
  await page.locator('.mg-panel-heading').hover();
  await expect(pointInfo(page)).toContainText('At the caret');

  const stored = await storedDocument(page, 'Death toll');
  expect(storedTexts(stored)).toEqual([
    ['Claim', claim],
    ['Figure', 'At least 47 people'],
    ['Location', 'Harrow Gap'],
  ]);
});

test('a discontinuous span is drawn as joined pieces, selected and deleted as one', async ({ page }) => {
  const text =
    'Officials said on Monday that 12 people were killed, most of them farmers, in Kervadi during the night.';
  const piece = (part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });
  const path = join(tempDir('discontinuous'), 'split.marginalia');
  const store = ProjectStore.create(path, 'split', DEFAULT_SCHEMA);
  let claimId: number;
  try {
    const annotator = store.ensureAnnotator('Dana');
    const { inserted } = store.insertDocuments(
      [
        {
          externalId: 'split',
          title: 'Split claim',
          text,
          sha256: sha256(text),
          source: {},
          newlinePolicy: 'none',
        },
      ],
      annotator,
    );
    const documentId = inserted[0]!.id;
    const fragments = [piece('12 people were killed'), piece('in Kervadi')];
    claimId = store.addSpan(annotator, documentId, {
      label: 'Claim',
      start: fragments[0]!.start,
      end: fragments[1]!.end,
      fragments,
    }).id;
    store.addSpan(annotator, documentId, { label: 'Location', ...piece('Kervadi') });
  } finally {
    store.close();
  }

  host = await startHost({ args: ['--project', path, '--user', 'Dana'] });
  await page.goto(host.url);
  await openDocument(page, 'Split claim');

  // The pieces carry the same span id (the second is split around the Location nested in it), the
  // gap between them is not tagged, and a mark after the first piece and before the second joins them.
  const pieces = page.locator(`.mg-text [data-span-id="${claimId}"]`);
  await expect(pieces).toHaveText(['12 people were killed', 'in ', 'Kervadi']);
  await expect(page.locator('.mg-text .mg-span', { hasText: 'most of them' })).toHaveCount(0);
  await expect(page.locator(`.mg-text [data-join-of="${claimId}"]`)).toHaveCount(2);
  expect(await page.locator('.mg-text p').evaluate((p) => p.textContent!.replace(/⋯/g, '[+]'))).toContain(
    '12 people were killed[+], most of them farmers, [+]in Kervadi',
  );

  // Clicking one piece selects the whole span: every piece is highlighted.
  await pieces.nth(1).click();
  for (let i = 0; i < 3; i++) await expect(pieces.nth(i)).toHaveClass(/mg-selected/);
  await expect(pointRows(page).first()).toContainText('Claim');
  await clickText(page, 'killed');
  await expect(pointRows(page)).toHaveText([
    /Claim\s*“12 people were killed … in Kervadi”\s*layer 1, 2 pieces/,
  ]);
  await page.screenshot({ path: test.info().outputPath('discontinuous.png') });

  const stored = await storedDocument(page, 'Split claim');
  expect(storedTexts(stored)).toEqual([
    ['Claim', '12 people were killed … in Kervadi'],
    ['Location', 'Kervadi'],
  ]);

  // Delete removes the span as a whole: every piece leaves the text, and the store.
  await page.keyboard.press('Delete');
  await expect(pieces).toHaveCount(0);
  await expect(page.locator('.mg-panel-heading')).toHaveText('1 span');
  expect(storedTexts(await storedDocument(page, 'Split claim'))).toEqual([['Location', 'Kervadi']]);
});

test('Urdu paragraphs read right to left inside English text and are tagged at exact offsets', async ({
  page,
}) => {
  host = await startHost({ args: ['--startup', '--user', 'Dana'] });
  await page.goto(host.url);
  await openDocument(page, 'Quetta');

  const direction = (needle: string) =>
    page
      .locator('.mg-text p', { hasText: needle })
      .first()
      .evaluate((p) => getComputedStyle(p).direction);
  expect(await direction('صوبائی ڈیزاسٹر')).toBe('rtl');
  expect(await direction('Residents spent the night')).toBe('ltr');

  // A place in the Urdu paragraph, and the Urdu name inside an English sentence.
  // Each tag is stored before the next drag (quick tags are editor-tagging.spec.ts's).
  const heading = page.locator('.mg-panel-heading');
  await dragSelectRtl(page, 'نیل کوٹ', 1);
  await page.keyboard.press('3');
  await expect(heading).toHaveText('1 span');
  await dragSelect(page, 'کوئٹہ', 0);
  await page.keyboard.press('3');
  await expect(heading).toHaveText('2 spans');
  // A Claim across the English and Urdu of one sentence: its pieces of text stay one span.
  await dragSelect(page, 'outskirts of Quetta (کوئٹہ)');
  await page.keyboard.press('1');
  await expect(heading).toHaveText('3 spans');
  await expect(page.locator('.mg-text .mg-span.mg-label-2')).toHaveText(['کوئٹہ', 'نیل کوٹ']);

  await clickText(page, 'کوئٹہ', 0);
  await expect(pointRows(page)).toHaveText([/Location\s*“کوئٹہ”/, /Claim\s*“outskirts of Quetta \(کوئٹہ\)”/]);
  // In the Urdu paragraph, which is aligned to the right: the caret lists the place there.
  await clickText(page, 'نیل کوٹ', 1);
  await expect(pointRows(page)).toHaveText([/Location\s*“نیل کوٹ”\s*layer 1/]);
  await page.screenshot({ path: test.info().outputPath('rtl.png') });

  const stored = await storedDocument(page, 'Quetta');
  const urduParagraph = stored.text.indexOf('صوبائی ڈیزاسٹر');
  const nilkot = stored.text.indexOf('نیل کوٹ', urduParagraph);
  const quetta = stored.text.indexOf('کوئٹہ');
  const claimStart = stored.text.indexOf('outskirts of Quetta');
  expect(stored.spans.map((s) => [s.label, s.start, s.end, stored.text.slice(s.start, s.end)])).toEqual([
    ['Claim', claimStart, claimStart + 'outskirts of Quetta (کوئٹہ)'.length, 'outskirts of Quetta (کوئٹہ)'],
    ['Location', quetta, quetta + 'کوئٹہ'.length, 'کوئٹہ'],
    ['Location', nilkot, nilkot + 'نیل کوٹ'.length, 'نیل کوٹ'],
  ]);
});
