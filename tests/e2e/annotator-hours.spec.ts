/**
 * A day in the annotate view at 1280×800, by keys and clicks: focus that is never lost, notices that
 * merge and get out of the way, a side panel that leaves the text readable, dark mode, the bundled
 * Urdu font, labels told apart without colour, and the small things (counts, proposals, reopening).
 * Every test reads back what is stored through the host's API. Screenshots go to test-results/;
 * the ones worth keeping are copied to docs/ by hand.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { callApi, dragSelect, readDocument, startHost, tempDir, type RunningHost } from './host';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

const DAM = 'Death toll';

async function demo(page: Page) {
  host = await startHost({ args: ['--startup', '--user', 'Alice'] });
  await page.goto(host.url);
  await expect(page.locator('.mg-doc')).toHaveCount(6);
}

async function openFromList(page: Page, titlePart: string) {
  await page.locator('.mg-doc', { hasText: titlePart }).click();
  await expect(page.locator('.mg-article-title')).toContainText(titlePart);
}

/** Whether the keyboard focus is in the document text. */
const focusInText = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('.mg-text'));

/** The stored document whose title contains `titlePart`, read through the API. */
async function storedDocument(titlePart: string) {
  const id = (await callApi(host!, 'listDocuments', {})).find((d) => d.title.includes(titlePart))!.id;
  return readDocument(host!, id);
}

/** The stored spans of a document as "Label: text". */
async function storedSpans(titlePart: string): Promise<string[]> {
  const document = await storedDocument(titlePart);
  return document.spans.map((s) => `${s.label}: ${document.text.slice(s.start, s.end)}`);
}

/** Whether two elements' boxes overlap on screen. */
async function overlaps(a: Locator, b: Locator): Promise<boolean> {
  const [x, y] = [await a.boundingBox(), await b.boundingBox()];
  if (!x || !y) return false;
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
}

test('a document opened from the list takes the focus in its text, so the keys work without a click', async ({
  page,
}) => {
  await demo(page);
  await openFromList(page, DAM);
  expect(await focusInText(page)).toBe(true);
  await page.keyboard.press('Alt+PageDown');
  await expect(page.locator('.mg-doc-open')).toContainText('shelling');
});

test('Alt+PageDown twice opens two documents on, and the keys then act in the text', async ({ page }) => {
  await demo(page);
  await openFromList(page, DAM);
  await page.locator('.mg-text').click();
  await page.keyboard.press('Alt+PageDown');
  await expect(page.locator('.mg-doc-open')).toContainText('shelling');
  await expect.poll(() => focusInText(page)).toBe(true);
  await page.keyboard.press('Alt+PageDown');
  await expect(page.locator('.mg-doc-open')).toContainText('kidnapped');
  await expect.poll(() => focusInText(page)).toBe(true);
  await page.keyboard.press('Alt+PageUp');
  await expect(page.locator('.mg-doc-open')).toContainText('shelling');
  await page.keyboard.press('Alt+PageUp');
  await expect(page.locator('.mg-doc-open')).toContainText(DAM);
});

test('Alt+PageUp pressed the moment the next document shows, before its text is built, still acts', async ({
  page,
}) => {
  await demo(page);
  await openFromList(page, DAM);
  await page.keyboard.press('Alt+PageDown');
  await expect(page.locator('.mg-doc-open')).toContainText('shelling');
  // When the list marks the next document, the page's next task may be a key: pressed right then
  // (a mutation observer runs before any later task), it goes where the focus is at that moment.
  await page.evaluate(() => {
    const list = document.querySelector('.mg-sidebar')!;
    const observer = new MutationObserver(() => {
      if (!document.querySelector('.mg-doc-open')?.textContent?.includes('kidnapped')) return;
      observer.disconnect();
      const target = document.activeElement ?? document.body;
      Object.assign(window, { focusWhenShown: target === document.body ? 'body' : target.className });
      const init = { key: 'PageUp', code: 'PageUp', altKey: true, bubbles: true, cancelable: true };
      target.dispatchEvent(new KeyboardEvent('keydown', init));
    });
    observer.observe(list, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  });
  await page.keyboard.press('Alt+PageDown');
  await expect
    .poll(() => page.evaluate(() => (window as { focusWhenShown?: string }).focusWhenShown))
    .toBe('mg-annotate');
  await expect(page.locator('.mg-doc-open')).toContainText('shelling');
  await expect(page.locator('.mg-article-title')).toContainText('shelling');
  await expect.poll(() => focusInText(page)).toBe(true);
});

test('two quick presses of Alt+PageDown move two documents on', async ({ page }) => {
  await demo(page);
  await openFromList(page, DAM);
  // A slow disk: the second press comes while the first document is still loading.
  await page.route('**/api/getDocument', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await page.keyboard.press('Alt+PageDown');
  await page.keyboard.press('Alt+PageDown');
  await expect(page.locator('.mg-doc-open')).toContainText('kidnapped');
  await expect(page.locator('.mg-article-title')).toContainText('kidnapped');
  await expect.poll(() => focusInText(page)).toBe(true);
});

test('after Label all is applied by click, Ctrl+Z at once takes the whole step back', async ({ page }) => {
  await demo(page);
  await openFromList(page, DAM);
  await dragSelect(page, 'Sutter Mill');
  await page.keyboard.press('Control+Shift+l');
  const dialog = page.getByRole('dialog', { name: 'Label all occurrences' });
  await dialog.getByLabel('Label for all occurrences').selectOption({ label: 'Location' });
  await dialog.getByRole('button', { name: /^Label \d+ as/ }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => storedSpans(DAM)).toContain('Location: Sutter Mill');
  expect(await focusInText(page)).toBe(true);
  await page.keyboard.press('Control+z');
  await expect.poll(() => storedSpans(DAM)).toEqual([]);
});

test('closing a panel or a dialog gives the focus back where it was', async ({ page }) => {
  await demo(page);
  await openFromList(page, DAM);
  await page.locator('.mg-text').click();
  // A panel opened from the text and closed with its button: back to the text.
  await page.keyboard.press('Control+Shift+g');
  await page.getByRole('button', { name: 'Close the panel' }).click();
  await expect(page.locator('.mg-drawer')).toHaveCount(0);
  expect(await focusInText(page)).toBe(true);
  // A dialog opened from the toolbar: back to the button that opened it.
  await page.getByRole('button', { name: 'Export…' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Export…' })).toBeFocused();
});

/** How long information stays (INFO_SHOWN_MS, renderer/ui/notices.tsx). */
const INFO_SHOWN_MS = 6_000;

/**
 * Resolves once React has drawn the updates that timers fired by `page.clock` made: React renders them
 * in a task it posts through a MessageChannel (the clock does not fake those), so a message posted
 * after it arrives after that render.
 */
async function renderedAfterTimers(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      }),
  );
}

test('notices merge repeats, information goes away, and none covers a control', async ({ page }) => {
  // The page's clock runs as usual but can be moved on, so the notice's time passes without waiting for it.
  await page.clock.install();
  await demo(page);
  await openFromList(page, DAM);
  await page.locator('.mg-text').click();
  for (let i = 0; i < 4; i++) await page.keyboard.press('2');
  const notices = page.locator('.mg-notice');
  await expect(notices).toHaveCount(1);
  await expect(notices).toContainText('Select some text first');
  await expect(notices.locator('.mg-notice-count')).toHaveText('×4');
  for (const control of [
    page.locator('.mg-toolbar'),
    page.locator('.mg-flowbar'),
    page.getByRole('complementary', { name: 'Spans' }),
    page.locator('.mg-labelbar'),
  ])
    expect(await overlaps(page.locator('.mg-notices'), control)).toBe(false);
  // Information times out; nothing was stored.
  await page.clock.fastForward(INFO_SHOWN_MS);
  await expect(notices).toHaveCount(0);
  expect(await storedSpans(DAM)).toEqual([]);
});

test('an error stays until dismissed, and goes when another project opens', async ({ page }) => {
  await page.clock.install();
  await demo(page);
  await openFromList(page, DAM);
  await page.locator('.mg-doc', { hasText: DAM }).press('F2');
  await page.getByLabel('New title (Enter saves, Esc cancels)').fill('   ');
  await page.keyboard.press('Enter');
  await expect(page.locator('.mg-notice-error')).toHaveCount(1);
  expect(await overlaps(page.locator('.mg-notices'), page.locator('.mg-toolbar'))).toBe(false);
  // Longer than information stays, on the page's clock; then the page has drawn what the timers did.
  await page.clock.fastForward(INFO_SHOWN_MS + 1_000);
  await renderedAfterTimers(page);
  await expect(page.locator('.mg-notice-error')).toHaveCount(1);
  expect((await callApi(host!, 'listDocuments', {})).some((d) => d.title.includes(DAM))).toBe(true);

  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Close project' }).click();
  await host!.answerDialogs(join(tempDir('next'), 'next.marginalia'));
  await page.getByRole('button', { name: /New project/i }).click();
  await expect(page.locator('.mg-toolbar')).toContainText('next');
  await expect(page.locator('.mg-notice-error')).toHaveCount(0);
});

test('the side panel at 1280 px leaves the text readable and its close button on screen', async ({
  page,
}) => {
  await demo(page);
  await openFromList(page, DAM);
  const before = (await page.locator('.mg-text').boundingBox())!.width;
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.locator('.mg-drawer')).toBeVisible();
  const text = (await page.locator('.mg-text').boundingBox())!;
  expect(text.width).toBeGreaterThanOrEqual(Math.min(before, 560));
  const close = page.getByRole('button', { name: 'Close the panel' });
  const box = (await close.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1280);
  expect(box.y).toBeGreaterThanOrEqual(0);
  await page.screenshot({ path: 'test-results/side-panel.png' });
  await close.click();
  await expect(page.locator('.mg-drawer')).toHaveCount(0);
});

/** The page background's relative lightness, 0 (black) to 255 (white). */
const backgroundLightness = async (page: Page) => {
  await expect(page.locator('.mg-article')).toBeVisible();
  return page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.querySelector('.mg-article')!)
      .backgroundColor.match(/\d+/g)!
      .map(Number);
    return (r! + g! + b!) / 3;
  });
};

test('dark mode follows the system, and the switch is remembered after a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await demo(page);
  await openFromList(page, DAM);
  await dragSelect(page, 'At least 47 people');
  await page.keyboard.press('2');
  await dragSelect(page, 'Harrow Gap');
  await page.keyboard.press('3');
  await expect.poll(() => storedSpans(DAM)).toHaveLength(2);
  expect(await backgroundLightness(page)).toBeLessThan(80);
  await page.screenshot({ path: 'test-results/dark-mode.png' });

  const theme = page.getByLabel('Colour theme');
  await theme.selectOption('light');
  expect(await backgroundLightness(page)).toBeGreaterThan(200);
  await page.screenshot({ path: 'test-results/light-mode.png' });
  await page.reload();
  await expect(page.getByLabel('Colour theme')).toHaveValue('light');
  expect(await backgroundLightness(page)).toBeGreaterThan(200);
  await page.getByLabel('Colour theme').selectOption('system');
  expect(await backgroundLightness(page)).toBeLessThan(80);
});

test('Urdu text is drawn in the bundled Naskh font, loaded under the strict CSP', async ({ page }) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await demo(page);
  await openFromList(page, 'Quetta');
  await expect
    .poll(() =>
      page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].some(
          (f) => f.family.includes('Noto Naskh Arabic') && f.status === 'loaded',
        );
      }),
    )
    .toBe(true);
  expect(refused).toEqual([]);
  await page.locator('.mg-text p[dir]', { hasText: 'ہ' }).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/editor-urdu-font.png' });
});

test('labels can be told apart without colour: each label underlines in its own pattern', async ({
  page,
}) => {
  await demo(page);
  await openFromList(page, DAM);
  const keys = ['1', '2', '3', '4'];
  const words = ['officials said', '183 people', 'Orvel', 'roughly'];
  for (const [i, word] of words.entries()) {
    await dragSelect(page, word);
    await page.keyboard.press(keys[i]!);
    await expect(page.locator(`.mg-text .mg-span.mg-label-${i}`)).toHaveCount(1);
  }
  const styles = await page.evaluate(() =>
    [0, 1, 2, 3].map(
      (i) => getComputedStyle(document.querySelector(`.mg-text .mg-label-${i}`)!).borderBottomStyle,
    ),
  );
  expect(new Set(styles).size).toBe(4);
  expect(await storedSpans(DAM)).toHaveLength(4);
});

test('the status filters show how many documents each holds', async ({ page }) => {
  await demo(page);
  await expect(page.getByRole('radio', { name: /To do/ })).toHaveText('To do 6');
  await openFromList(page, DAM);
  await dragSelect(page, 'Harrow Gap');
  await page.keyboard.press('3');
  await expect(page.getByRole('radio', { name: /In progress/ })).toHaveText('In progress 1');
  await expect(page.getByRole('radio', { name: /To do/ })).toHaveText('To do 5');
  expect(await storedSpans(DAM)).toEqual(['Location: Harrow Gap']);
});

test('Label all proposes the label the same text already has', async ({ page }) => {
  await demo(page);
  await openFromList(page, DAM);
  await dragSelect(page, 'dam', 1);
  await page.keyboard.press('3');
  await expect.poll(() => storedSpans(DAM)).toEqual(['Location: dam']);
  // Nothing selected: the proposal comes from the text alone.
  await page.keyboard.press('Escape');
  await expect(page.locator('.mg-text .mg-selected')).toHaveCount(0);
  await dragSelect(page, 'dam', 3);
  await page.keyboard.press('Control+Shift+l');
  const dialog = page.getByRole('dialog', { name: 'Label all occurrences' });
  await expect(dialog.getByLabel('Label for all occurrences')).toHaveValue('Location');
  await expect(dialog.getByRole('button', { name: /^Label 4 as Location$/ })).toBeVisible();
});

test('a place unticked in Label all (the heading) stays as it was', async ({ page }) => {
  await demo(page);
  await openFromList(page, DAM);
  await dragSelect(page, 'dam', 3);
  await page.keyboard.press('Control+Shift+l');
  const dialog = page.getByRole('dialog', { name: 'Label all occurrences' });
  await dialog.getByLabel('Label for all occurrences').selectOption({ label: 'Location' });
  await expect(dialog.locator('.mg-labelall-count')).toHaveText('5 places to label');
  await dialog
    .getByRole('checkbox', { name: /Label this place/ })
    .first()
    .uncheck();
  await dialog.getByRole('button', { name: 'Label 4 as Location' }).click();
  await expect.poll(async () => (await storedSpans(DAM)).length).toBe(4);
  const stored = await storedDocument(DAM);
  expect(stored.spans.map((s) => s.start)).not.toContain(stored.text.indexOf('dam'));
});

test('keyboard selection from a caret inside a word takes whole words, as the mouse does', async ({
  page,
}) => {
  await demo(page);
  await openFromList(page, DAM);
  await dragSelect(page, 'At least 47 people');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Alt+ArrowRight');
  await page.keyboard.press('Alt+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => page.evaluate(() => window.getSelection()!.toString())).toBe('people have');
  await page.keyboard.press('4');
  await expect.poll(() => storedSpans(DAM)).toEqual(['Hedge: people have']);
});

test('reloading the app reopens the document that was open, with the focus in its text', async ({ page }) => {
  await demo(page);
  await openFromList(page, 'Quetta');
  await page.reload();
  await expect(page.locator('.mg-article-title')).toContainText('Quetta');
  expect(await focusInText(page)).toBe(true);
});

test('after Ctrl+End the caret line is above the caret information bar, not under it', async ({ page }) => {
  await demo(page);
  await openFromList(page, DAM);
  await page.locator('.mg-text').click();
  await page.keyboard.press('Control+End');
  await expect(page.locator('.mg-point-where')).toContainText('2347');
  const bar = (await page.locator('.mg-point-info').boundingBox())!;
  for (const line of [page.locator('.mg-text p').last(), page.locator('.mg-text p', { hasText: 'point.' })]) {
    const box = (await line.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(bar.y);
  }
});

test('History says a fragment was added, quoting what the span now covers', async ({ page }) => {
  await demo(page);
  await openFromList(page, DAM);
  await dragSelect(page, 'At least 47 people');
  await page.keyboard.press('2');
  await expect(page.locator('.mg-panel-heading')).toHaveText('1 span');
  await dragSelect(page, 'Harrow Gap', 1);
  await page.keyboard.press('+');
  await expect
    .poll(async () => {
      const doc = await storedDocument(DAM);
      return doc.spans.map((sp) => sp.fragments.map((f) => doc.text.slice(f.start, f.end)));
    })
    .toEqual([['At least 47 people', 'Harrow Gap']]);
  await page.keyboard.press('Control+Shift+h');
  await expect(page.locator('.mg-history li .mg-history-what').first()).toHaveText(
    "added a fragment to Figure 'At least 47 people': now 'At least 47 people … Harrow Gap'",
  );
});

test('the name prompt’s Continue looks disabled until a name is typed', async ({ page }) => {
  host = await startHost();
  await page.goto(host.url);
  const go = page.getByRole('button', { name: 'Continue' });
  await expect(go).toBeDisabled();
  const look = () => go.evaluate((b) => [getComputedStyle(b).opacity, getComputedStyle(b).cursor].join(' '));
  const disabledLook = await look();
  await page.getByLabel('Your name').fill('Rita');
  await expect(go).toBeEnabled();
  expect(await look()).not.toBe(disabledLook);
});

test('an import of several labels is logged in History by label, not as all of the first', async ({
  page,
}) => {
  // Two Claims, three Figures and two Locations for Alice, in one native file imported by the dialog.
  const text =
    'Officials said 12 people and 3 children died in Kervadi and 40 in Tamar. Police said 7 were hurt.';
  const span = (label: string, covered: string) => {
    const start = text.indexOf(covered);
    return { label, start, end: start + covered.length, text: covered, annotator: 'Alice' };
  };
  const spans = [
    span('Claim', '12 people and 3 children died in Kervadi and 40 in Tamar'),
    span('Figure', '12 people'),
    span('Figure', '3 children'),
    span('Location', 'Kervadi'),
    span('Figure', '40'),
    span('Location', 'Tamar'),
    span('Claim', '7 were hurt'),
  ];
  const work = tempDir('history-import');
  const file = join(work, 'kervadi.jsonl');
  const line = {
    format: 'marginalia-jsonl/2',
    offset_unit: 'utf16-code-units',
    id: 'k',
    title: 'Kervadi',
    text,
    spans,
  };
  writeFileSync(file, JSON.stringify(line) + '\n');
  await demo(page);
  await host!.answerDialogs(file);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByRole('button', { name: 'Choose files…' }).click();
  await expect(dialog.getByRole('status')).toContainText('Imported 1 new document');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await openFromList(page, 'Kervadi');
  expect(await storedSpans('Kervadi')).toHaveLength(7);
  await page.keyboard.press('Control+Shift+h');
  await expect(page.locator('.mg-history li .mg-history-what').first()).toHaveText(
    'imported 7 spans: 2 × Claim, 3 × Figure, 2 × Location',
  );
});

test('a label added in the schema editor gets a colour far from every label’s', async ({ page }) => {
  await demo(page);
  await openFromList(page, DAM);
  await page.getByRole('button', { name: 'Schema…' }).click();
  // Location in the green the old default for a new label (#2b8a3e) sat next to.
  await page.locator('[data-label-key="Location"]').getByLabel('Colour').fill('#2f9e44');
  await page.getByRole('button', { name: 'Add label' }).click();
  await page.getByRole('button', { name: 'Save schema' }).click();
  await expect(page.getByRole('button', { name: '5 New label' })).toBeVisible();
  const labels = (await callApi(host!, 'getSession', {})).project!.schema.labels;
  const added = labels.find((l) => l.name === 'New label')!;
  // Plain sRGB distance, not the app's own measure: #2b8a3e and #2f9e44 are 21 apart.
  const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const apart = (a: string, b: string) => Math.hypot(...rgb(a).map((v, i) => v - rgb(b)[i]!));
  const nearest = Math.min(...labels.filter((l) => l !== added).map((l) => apart(added.color, l.color)));
  expect(nearest).toBeGreaterThan(50);
});
