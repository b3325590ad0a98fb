/**
 * The annotator's flow as a user does it, with real keys and clicks: undo/redo across a restart,
 * label all, search, status, keyboard selection and boundaries, span cycling, document navigation,
 * help and guidelines. Every test reads back what is stored through the host's API.
 */
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { callApi, dragSelect, readDocument, startHost, type RunningHost } from './host';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

/** The demo project, user Alice, with the document whose title contains `titlePart` open. */
async function demoWith(page: Page, titlePart: string, dataDir?: string) {
  host = await startHost({ args: ['--startup', '--user', 'Alice'], ...(dataDir ? { dataDir } : {}) });
  await page.goto(host.url);
  await expect(page.locator('.mg-doc')).toHaveCount(6);
  await openDocument(page, titlePart);
}

async function openDocument(page: Page, titlePart: string) {
  await page.locator('.mg-doc', { hasText: titlePart }).click();
  await expect(page.locator('.mg-article-title')).toContainText(titlePart);
}

async function documentIdOf(titlePart: string): Promise<number> {
  return (await callApi(host!, 'listDocuments', {})).find((d) => d.title.includes(titlePart))!.id;
}

/** The stored spans of a document as "Label: text". */
async function storedSpans(titlePart: string): Promise<string[]> {
  const document = await readDocument(host!, await documentIdOf(titlePart));
  return document.spans.map((s) => `${s.label}: ${document.text.slice(s.start, s.end)}`);
}

const DAM = 'Death toll';
const panelHeading = (page: Page) => page.locator('.mg-panel-heading');

test('tag, undo, restart the app, redo; the history lists each step', async ({ page }) => {
  await demoWith(page, DAM);
  await dragSelect(page, 'At least 47 people');
  await page.keyboard.press('2');
  await expect(panelHeading(page)).toHaveText('1 span');
  await page.keyboard.press('1');
  await expect(page.locator('.mg-text .mg-span.mg-label-0')).toHaveText('At least 47 people');
  expect(await storedSpans(DAM)).toEqual(['Claim: At least 47 people']);

  await page.keyboard.press('Control+z');
  await expect(page.locator('.mg-text .mg-span.mg-label-1')).toHaveText('At least 47 people');
  expect(await storedSpans(DAM)).toEqual(['Figure: At least 47 people']);
  await page.keyboard.press('Control+z');
  await expect(panelHeading(page)).toHaveText('0 spans');
  expect(await storedSpans(DAM)).toEqual([]);

  // Quit hard and start again: the redo stack is read from the event log.
  await host!.kill();
  await demoWith(page, DAM, host!.dataDir);
  await expect(panelHeading(page)).toHaveText('0 spans');
  await page.locator('.mg-text').click();
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('.mg-text .mg-span.mg-label-1')).toHaveText('At least 47 people');
  await page.keyboard.press('Control+y');
  await expect(page.locator('.mg-text .mg-span.mg-label-0')).toHaveText('At least 47 people');
  expect(await storedSpans(DAM)).toEqual(['Claim: At least 47 people']);
  await expect(page.locator('.mg-flow-message')).toContainText(
    "Redid: relabelled Figure → Claim 'At least 47 people'",
  );

  await page.keyboard.press('Control+Shift+h');
  await expect(page.locator('.mg-history li .mg-history-what')).toHaveText([
    "redid relabelled Figure → Claim 'At least 47 people'",
    "redid added Figure 'At least 47 people'",
    "undid added Figure 'At least 47 people'",
    "undid relabelled Figure → Claim 'At least 47 people'",
    "relabelled Figure → Claim 'At least 47 people'",
    "added Figure 'At least 47 people'",
  ]);
  await expect(page.locator('.mg-history li').first()).toContainText('Alice');
  await page.screenshot({ path: test.info().outputPath('history.png') });
});

test('label all occurrences: preview, apply in one step, undo in one step', async ({ page }) => {
  await demoWith(page, DAM);
  // An existing Location on the second "Harrow Gap" is skipped, not doubled.
  await dragSelect(page, 'Harrow Gap', 1);
  await page.keyboard.press('3');
  await expect(panelHeading(page)).toHaveText('1 span');
  await dragSelect(page, 'Lessard valley');
  await page.keyboard.press('Control+Shift+L');
  const dialog = page.getByRole('dialog', { name: 'Label all occurrences' });
  await expect(dialog.getByRole('heading')).toHaveText('Label all occurrences of “Lessard valley”');
  await dialog.getByLabel('Label for all occurrences').selectOption('Location');
  await expect(dialog.locator('.mg-matches li')).toHaveCount(2);
  await expect(dialog.locator('.mg-matches li mark')).toHaveText(['Lessard valley', 'Lessard valley']);
  await page.screenshot({ path: test.info().outputPath('label-all.png') });
  await dialog.getByRole('button', { name: 'Label 2 as Location' }).click();
  await expect(dialog).toBeHidden();
  await expect(panelHeading(page)).toHaveText('3 spans');
  expect((await storedSpans(DAM)).filter((s) => s === 'Location: Lessard valley')).toHaveLength(2);

  // Selecting a labelled Harrow Gap: the preview skips the one already labelled.
  await dragSelect(page, 'Harrow Gap', 0);
  await page.getByRole('button', { name: 'Label all occurrences of the selected text' }).click();
  await dialog.getByLabel('Label for all occurrences').selectOption('Location');
  await expect(dialog.locator('.mg-labelall-count')).toHaveText(
    '1 place to label; 1 already labelled Location, skipped',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.locator('.mg-text').press('Control+z');
  await expect(panelHeading(page)).toHaveText('1 span');
  expect(await storedSpans(DAM)).toEqual(['Location: Harrow Gap']);
});

test('search the project: a result opens the right document at the right place', async ({ page }) => {
  await demoWith(page, DAM);
  await dragSelect(page, 'At least 47 people');
  await page.keyboard.press('2');
  await expect(panelHeading(page)).toHaveText('1 span');
  await page.keyboard.press('Control+Shift+f');
  const search = page.getByLabel('Search text');
  await search.fill('Sabra (high|low)lands');
  await page.getByLabel('Regex').check();
  await page.locator('.mg-search').getByRole('button', { name: 'Search' }).click();
  const results = page.getByRole('list', { name: 'Search results' }).locator('.mg-result');
  await expect(results).toHaveCount(2);
  await expect(results.first()).toContainText('Talks over kidnapped aid workers');
  await page.screenshot({ path: test.info().outputPath('search.png') });
  await results.nth(1).click();
  await expect(page.locator('.mg-article-title')).toContainText('Talks over kidnapped');
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('Sabra highlands');
  // The selection is the second occurrence, at its stored offsets: tag it and read it back.
  await page.keyboard.press('3');
  await expect(page.locator('.mg-text .mg-span.mg-label-2')).toBeInViewport();
  const talks = await readDocument(host!, await documentIdOf('Talks over'));
  expect(talks.spans.map((s) => s.start)).toEqual([talks.text.lastIndexOf('Sabra highlands')]);

  // An invalid regular expression says why, and a label search finds the Figure in the other document.
  await search.fill('Sabra (');
  await page.locator('.mg-search').getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'invalid regular expression' })).toBeVisible();
  await search.fill('');
  await page.getByLabel('Only spans of label').selectOption('Figure');
  await page.locator('.mg-search').getByRole('button', { name: 'Search' }).click();
  await expect(results).toHaveCount(1);
  await results.first().click();
  await expect(page.locator('.mg-article-title')).toContainText(DAM);
  await expect(page.getByLabel('Label of the selected span')).toHaveValue('Figure');
  await expect(page.locator('.mg-text .mg-selected')).toHaveText('At least 47 people');
});

test('status by key and by list filter', async ({ page }) => {
  await demoWith(page, DAM);
  await page.locator('.mg-text').click();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByLabel('Document status')).toHaveValue('done');
  await expect
    .poll(async () => (await callApi(host!, 'listDocuments', {})).map((d) => d.status))
    .toEqual(['done', 'todo', 'todo', 'todo', 'todo', 'todo']);
  await page.getByRole('radio', { name: 'Done' }).click();
  await expect(page.locator('.mg-doc')).toHaveCount(1);
  await expect(page.locator('.mg-doc')).toContainText('done');
  await page.getByRole('radio', { name: 'To do' }).click();
  await expect(page.locator('.mg-doc')).toHaveCount(5);
  await page.getByLabel('Document status').selectOption('in_progress');
  await page.getByRole('radio', { name: 'In progress' }).click();
  await expect(page.locator('.mg-doc')).toHaveCount(1);
  expect((await callApi(host!, 'listDocuments', {})).find((d) => d.title.includes(DAM))!.status).toBe(
    'in_progress',
  );
});

test('keyboard selection by word and character, word-snapped mouse selection', async ({ page }) => {
  await demoWith(page, DAM);
  // Shift+→ extends by a word, Alt+Shift+← takes back one character.
  await dragSelect(page, 'have been killed');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await page.keyboard.press('1');
  await expect(panelHeading(page)).toHaveText('1 span');
  expect(await storedSpans(DAM)).toEqual(['Claim: have been killed and mor']);

  // A drag from inside "provincial" to inside "emergency" snaps to both whole words.
  await dragSelect(page, 'ovincial emerg');
  await page.keyboard.press('4');
  await expect(panelHeading(page)).toHaveText('2 spans');
  expect(await storedSpans(DAM)).toContain('Hedge: provincial emergency');

  // Ctrl+Shift+→ extends to the end of the sentence.
  await dragSelect(page, 'A further');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('2');
  await expect(panelHeading(page)).toHaveText('3 spans');
  expect(await storedSpans(DAM)).toContain(
    'Figure: A further 3,700 homes were reported damaged, along with 14 bridges and roughly 60 kilometres of road.',
  );
});

test('cycle spans with Tab and move their boundaries with [ ] { }', async ({ page }) => {
  await demoWith(page, DAM);
  await dragSelect(page, '47 people');
  await page.keyboard.press('2');
  await expect(panelHeading(page)).toHaveText('1 span');
  await dragSelect(page, 'officials said');
  await page.keyboard.press('4');
  await expect(panelHeading(page)).toHaveText('2 spans');
  // From the caret after "officials said", Tab wraps around to the first span.
  await page.keyboard.press('Escape');
  await expect(page.getByText('No span selected.')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Label of the selected span')).toHaveValue('Figure');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Label of the selected span')).toHaveValue('Hedge');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByLabel('Label of the selected span')).toHaveValue('Figure');

  await page.keyboard.press('BracketLeft'); // start one word left: "least 47 people"
  await expect(page.locator('.mg-selected-text')).toHaveText('“least 47 people”');
  await page.keyboard.press('Shift+BracketRight'); // end one word right
  await expect(page.locator('.mg-selected-text')).toHaveText('“least 47 people have”');
  await page.keyboard.press('Alt+Shift+BracketLeft'); // end one character left
  await expect(page.locator('.mg-selected-text')).toHaveText('“least 47 people hav”');
  await page.keyboard.press('BracketRight'); // start one word right
  await expect(page.locator('.mg-selected-text')).toHaveText('“47 people hav”');
  expect(await storedSpans(DAM)).toEqual(['Figure: 47 people hav', 'Hedge: officials said']);
  // Each press was one stored edit: four undos restore the first offsets.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Control+z');
  // The four replies may still be on their way: wait for the last.
  await expect(page.locator('.mg-spanrow').first()).toHaveText(/^Figure\s*47 people$/);
  await expect.poll(() => storedSpans(DAM)).toEqual(['Figure: 47 people', 'Hedge: officials said']);

  // The mouse does the same with the flow bar's buttons.
  await page.locator('.mg-spanrow', { hasText: '47 people' }).click();
  await page.getByRole('button', { name: 'Move the end one word right (})' }).click();
  await expect(page.locator('.mg-selected-text')).toHaveText('“47 people have”');
  expect(await storedSpans(DAM)).toEqual(['Figure: 47 people have', 'Hedge: officials said']);
});

test('next and previous document by key and button; help overlay; guidelines', async ({ page }) => {
  await demoWith(page, DAM);
  await page.locator('.mg-text').click();
  await page.keyboard.press('Alt+PageDown');
  await expect(page.locator('.mg-article-title')).toContainText('Velmar and Istrenia');
  await page.locator('.mg-text').click();
  await page.keyboard.press('Alt+PageDown');
  await expect(page.locator('.mg-article-title')).toContainText('Talks over kidnapped');
  await page.getByRole('button', { name: 'Previous document (Alt+PageUp)' }).click();
  await expect(page.locator('.mg-article-title')).toContainText('Velmar and Istrenia');

  await page.locator('.mg-text').click();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard help' });
  await expect(help).toContainText('move the start of the selected span left / right by a word');
  await page.screenshot({ path: test.info().outputPath('help.png') });
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();

  await page.getByRole('button', { name: 'Guidelines' }).click();
  await page.getByRole('button', { name: 'Edit guidelines' }).click();
  await page
    .getByLabel('Guidelines (Markdown)')
    .fill('# Figures\n\nTag **every** count of people.<img src=x onerror=alert(1)>');
  await page.getByRole('button', { name: 'Save guidelines' }).click();
  await expect(page.locator('.mg-guidelines-text h1')).toHaveText('Figures');
  await expect(page.locator('.mg-guidelines-text strong')).toHaveText('every');
  expect(await page.locator('.mg-guidelines-text img').getAttribute('onerror')).toBeNull();
  expect((await callApi(host!, 'getGuidelines', {})).markdown).toContain('Tag **every** count');
});

/** The texts of a CSS highlight's ranges, and their boxes on screen. */
function highlighted(page: Page, name: string) {
  return page.evaluate((name) => {
    const highlight = CSS.highlights.get(name);
    return [...(highlight ?? [])].map((marked) => {
      const range = document.createRange();
      range.setStart(marked.startContainer, marked.startOffset);
      range.setEnd(marked.endContainer, marked.endOffset);
      const box = range.getBoundingClientRect();
      return { text: range.toString(), x: Math.round(box.x), y: Math.round(box.y) };
    });
  }, name);
}
const texts = async (page: Page, name: string) => (await highlighted(page, name)).map((h) => h.text);

test('Ctrl+F searches the open document; hits are highlighted in the text and a result selects the place to tag', async ({
  page,
}) => {
  await demoWith(page, DAM);
  await page.locator('.mg-text').click();
  await page.keyboard.press('Control+f');
  await page.keyboard.type('harrow gap');
  await page.keyboard.press('Enter');
  const results = page.getByRole('list', { name: 'Search results' }).locator('.mg-result');
  await expect(results).toHaveCount(2);
  await expect(page.locator('.mg-search-count')).toHaveText('2 results');
  await expect.poll(() => texts(page, 'mg-search-hit')).toEqual(['Harrow Gap', 'Harrow Gap']);
  expect(await texts(page, 'mg-search-current')).toEqual([]);

  // The chosen result is marked apart; the other stays highlighted as a hit.
  await results.nth(1).click();
  await expect.poll(() => texts(page, 'mg-search-current')).toEqual(['Harrow Gap']);
  const [first] = await highlighted(page, 'mg-search-hit');
  const [chosen] = await highlighted(page, 'mg-search-current');
  expect(chosen!.y).toBeGreaterThan(first!.y);
  await page.screenshot({ path: test.info().outputPath('search-hits.png') });

  await page.keyboard.press('3');
  await expect(panelHeading(page)).toHaveText('1 span');
  const dam = await readDocument(host!, await documentIdOf(DAM));
  expect(dam.spans.map((s) => [s.label, s.start])).toEqual([
    ['Location', dam.text.lastIndexOf('Harrow Gap')],
  ]);
  // The tag redrew the hit's paragraph: the highlight is placed again on the new span.
  const span = page.locator('.mg-text .mg-span.mg-label-2');
  await expect(span).toHaveText('Harrow Gap');
  await expect.poll(() => texts(page, 'mg-search-current')).toEqual(['Harrow Gap']);
  const [after] = await highlighted(page, 'mg-search-current');
  expect(Math.abs(after!.y - (await span.boundingBox())!.y)).toBeLessThan(8);

  // Closing the search clears every highlight.
  await page.getByRole('button', { name: 'Close the panel' }).click();
  await expect.poll(() => texts(page, 'mg-search-hit')).toEqual([]);
  expect(await texts(page, 'mg-search-current')).toEqual([]);
});

test('search by label and attribute value across the project', async ({ page }) => {
  await demoWith(page, DAM);
  await dragSelect(page, 'At least 47 people');
  await page.keyboard.press('2');
  await expect(panelHeading(page)).toHaveText('1 span');
  await dragSelect(page, '1,200 homes');
  await page.keyboard.press('2');
  await expect(panelHeading(page)).toHaveText('2 spans');
  // Attributes are edited in the span panel's attribute editor; here they are set in the file directly.
  const { project } = await callApi(host!, 'getSession', {});
  const db = new Database(project!.path);
  db.prepare(`UPDATE span SET attributes = '{"category":"casualties"}' WHERE start = ?`).run(
    (await readDocument(host!, await documentIdOf(DAM))).text.indexOf('At least 47 people'),
  );
  db.close();

  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByLabel('Only spans of label').selectOption('Figure');
  await page.getByLabel('Attribute', { exact: true }).selectOption('category');
  await page.getByLabel('Attribute value').selectOption('casualties');
  await page.locator('.mg-search').getByRole('button', { name: 'Search' }).click();
  const results = page.getByRole('list', { name: 'Search results' }).locator('.mg-result');
  await expect(results).toHaveCount(1);
  await expect(results.first().locator('mark')).toHaveText('At least 47 people');
  await results.first().click();
  await expect(page.locator('.mg-text .mg-selected')).toHaveText('At least 47 people');
});
