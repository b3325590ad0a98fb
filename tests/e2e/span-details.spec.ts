/**
 * The span panel and the schema editor as an annotator uses them: real keys and clicks in
 * Chromium against the loopback host, checking what the project file stores through the API.
 */
import { expect, test, type Page } from '@playwright/test';
import type { DocumentView } from '../../electron/contract/types';
import { callApi, dragSelect, readDocument, startHost, type RunningHost } from './host';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

const TITLE = 'Talks over kidnapped';
async function storedDocument(): Promise<DocumentView> {
  const documents = await callApi(host!, 'listDocuments', {});
  return readDocument(host!, documents.find((d) => d.title.startsWith(TITLE))!.id);
}

/** Starts the demo project as user Dana and opens the hostage article. */
async function openArticle(page: Page) {
  host = await startHost({ args: ['--user', 'Dana', '--startup'] });
  await page.goto(host.url);
  await page.locator('.mg-doc', { hasText: TITLE }).click();
  await expect(page.locator('.mg-article-title')).toContainText(TITLE);
}

/** Drag-selects `needle` and tags it with the label key; waits until the span is in the list. */
async function tag(page: Page, needle: string, key: string, occurrence = 0) {
  const rows = await page.locator('.mg-spanrow').count();
  await dragSelect(page, needle, occurrence);
  await page.keyboard.press(key);
  await expect(page.locator('.mg-spanrow')).toHaveCount(rows + 1);
}

const panel = (page: Page) => page.getByRole('region', { name: 'Selected span' });

test('typed attributes of each kind and a note are saved as they are set', async ({ page }) => {
  await openArticle(page);
  await tag(page, '11 aid workers', '2');
  const value = panel(page).getByLabel('value', { exact: true });
  await value.fill('eleven');
  await value.press('Enter');
  await expect(panel(page)).toContainText('value must be a number');
  await value.fill('11');
  await value.press('Enter');
  await expect(panel(page)).not.toContainText('value must be a number');
  // The box shows the stored value, so it flips once the change is committed.
  await panel(page).getByLabel('approximate').click();
  await expect(panel(page).getByLabel('approximate')).toBeChecked();
  await panel(page).getByLabel('category').selectOption('captives');
  const note = panel(page).getByLabel('Note');
  await note.fill('aid workers, not all staff');
  await note.press('Enter');
  await expect(
    page.locator('.mg-spanrow', { hasText: '11 aid workers' }).locator('.mg-note-marker'),
  ).toBeVisible();
  await page.screenshot({
    path: test.info().outputPath('attributes.png'),
    clip: { x: 260, y: 43, width: 1020, height: 460 },
  });

  await tag(page, 'according to two officials with knowledge of the talks', '1');
  await panel(page).getByLabel('source').fill('two unnamed officials');
  await panel(page).getByLabel('verified').selectOption('unclear');
  await panel(page).getByLabel('source').press('Tab'); // leaving the field saves it
  await expect
    .poll(async () => (await storedDocument()).spans.find((s) => s.label === 'Claim')?.attributes)
    .toEqual({ verified: 'unclear', source: 'two unnamed officials' });

  const figure = (await storedDocument()).spans.find((s) => s.label === 'Figure')!;
  expect(figure.attributes).toEqual({ value: 11, approximate: true, category: 'captives' });
  expect(figure.note).toBe('aid workers, not all staff');

  // Unticking the bool stores false; the fields show what is stored when the span is selected again.
  await page.locator('.mg-spanrow', { hasText: 'Figure11 aid workers' }).click();
  await expect(panel(page).getByLabel('value', { exact: true })).toHaveValue('11');
  await panel(page).getByLabel('approximate').click();
  await expect(panel(page).getByLabel('approximate')).not.toBeChecked();
  await expect
    .poll(
      async () => (await storedDocument()).spans.find((s) => s.label === 'Figure')?.attributes.approximate,
    )
    .toBe(false);
});

test('attributes by keyboard alone: Enter into the fields, Tab between them, Esc back to the text', async ({
  page,
}) => {
  await openArticle(page);
  await tag(page, 'four hostages', '2');
  await page.keyboard.press('Enter');
  await expect(panel(page).getByLabel('value', { exact: true })).toBeFocused();
  await page.keyboard.type('4');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(panel(page).getByLabel('approximate')).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(page.locator('.mg-text')).toBeFocused();
  // Back in the text, keys act on spans again: Delete removes the selected one.
  expect((await storedDocument()).spans[0]!.attributes).toEqual({ value: 4, approximate: true });
  await page.keyboard.press('Delete');
  await expect(page.locator('.mg-spanrow')).toHaveCount(0);
  expect((await storedDocument()).spans).toEqual([]);
});

test('link a Hedge to its Claim by keyboard and by mouse, see both ends, delete one', async ({ page }) => {
  await openArticle(page);
  await tag(page, 'Negotiators are reportedly close to securing the release of 11 aid workers', '1');
  await tag(page, 'reportedly', '4', 1);

  // Keyboard: L shows the candidates, nearest first; Enter links with the one type that fits.
  await page.keyboard.press('l');
  await expect(page.getByRole('status', { name: 'Linking' })).toContainText('to Claim “Negotiators');
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('list', { name: 'Relations' })).toContainText(
    'scopes → Claim “Negotiators',
  );
  let stored = await storedDocument();
  const hedge = stored.spans.find((s) => s.label === 'Hedge')!;
  const claim = stored.spans.find((s) => s.label === 'Claim')!;
  expect(stored.relations.map((r) => [r.type, r.fromSpan, r.toSpan])).toEqual([
    ['scopes', hedge.id, claim.id],
  ]);
  await expect(page.locator(`.mg-text [data-span-id="${claim.id}"]`).first()).toHaveCSS(
    'outline-style',
    'dashed',
  );

  // Mouse: "Link…", then click the Claim in the text.
  await tag(
    page,
    'The workers, employed by the relief organisation Hearthline, were allegedly seized on March 3',
    '1',
  );
  await tag(page, 'allegedly', '4', 0);
  await panel(page).getByRole('button', { name: 'Link…' }).click();
  await expect(page.getByRole('status', { name: 'Linking' })).toBeVisible();
  // Every span it can link to is outlined, so the mouse user sees what to click: both Claims.
  const beforeLink = await storedDocument();
  const workers = beforeLink.spans.find((s) => beforeLink.text.startsWith('The workers', s.start))!;
  const outlinedIds = async () =>
    [
      ...new Set(
        await page
          .locator('.mg-text .mg-link-candidate')
          .evaluateAll((nodes) => nodes.map((n) => Number((n as HTMLElement).dataset.spanId))),
      ),
    ].sort((a, b) => a - b);
  await expect.poll(outlinedIds).toEqual([claim.id, workers.id].sort((a, b) => a - b));
  await expect(page.locator(`.mg-text [data-span-id="${workers.id}"]`).first()).toHaveClass(/mg-link-target/);
  await expect(page.locator(`.mg-text [data-span-id="${claim.id}"]`).first()).toHaveCSS(
    'outline-style',
    'dashed',
  );
  await page.screenshot({
    path: test.info().outputPath('link-candidates.png'),
    clip: { x: 260, y: 43, width: 1020, height: 460 },
  });
  await page
    .locator('.mg-text .mg-span', { hasText: /^The workers/ })
    .first()
    .click({ position: { x: 8, y: 8 } });
  await expect(panel(page).getByRole('list', { name: 'Relations' })).toContainText(
    'scopes → Claim “The workers',
  );
  stored = await storedDocument();
  expect(stored.relations).toHaveLength(2);
  await expect(page.locator('.mg-text .mg-link-candidate')).toHaveCount(0);

  // Jump along the relation: the Claim shows it as incoming; delete it there.
  await panel(page)
    .getByRole('button', { name: /scopes → Claim/ })
    .click();
  await expect(panel(page).getByRole('list', { name: 'Relations' })).toContainText(
    '← scopes from Hedge “allegedly”',
  );
  await page.screenshot({
    path: test.info().outputPath('relations.png'),
    clip: { x: 260, y: 43, width: 1020, height: 460 },
  });
  await panel(page).getByRole('button', { name: 'Delete relation scopes from “allegedly”' }).click();
  await expect(panel(page)).toContainText('No relations.');
  stored = await storedDocument();
  expect(stored.relations.map((r) => r.fromSpan)).toEqual([hedge.id]);

  // Mouse, through the span list: select the Hedge there, "Link…", then click the Claim's row.
  await page.locator('.mg-spanrow', { hasText: /^Hedgeallegedly/ }).click();
  await panel(page).getByRole('button', { name: 'Link…' }).click();
  await page.locator('.mg-spanrow', { hasText: 'The workers' }).click();
  await expect(panel(page).getByRole('list', { name: 'Relations' })).toContainText(
    'scopes → Claim “The workers',
  );
  expect((await storedDocument()).relations).toHaveLength(2);
});

test('a discontinuous span: add a fragment with + and remove one in the panel', async ({ page }) => {
  await openArticle(page);
  await tag(page, 'The second official said an initial release of four hostages could happen', '1');
  await dragSelect(page, '"within days"');
  await page.keyboard.press('+');
  const row = page.locator('.mg-spanrow.mg-spanrow-selected');
  await expect(row).toContainText('could happen … "within days"');
  const text = (await storedDocument()).text;
  const [span] = (await storedDocument()).spans;
  expect(span!.fragments.map((f) => text.slice(f.start, f.end))).toEqual([
    'The second official said an initial release of four hostages could happen',
    '"within days"',
  ]);
  await panel(page).getByRole('button', { name: 'Remove fragment “"within days"”' }).click();
  await expect(row).not.toContainText('…');
  expect((await storedDocument()).spans[0]!.fragments).toHaveLength(1);
});

test('the schema editor renames a label keeping its spans, and removes one in use after saying how much', async ({
  page,
}) => {
  await openArticle(page);
  await tag(page, 'Negotiators are reportedly close to securing the release of 11 aid workers', '1');
  await tag(page, 'reportedly', '4', 1);
  await page.keyboard.press('l');
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('list', { name: 'Relations' })).toContainText('scopes');
  await tag(page, 'allegedly', '4', 0);

  await page.getByRole('button', { name: 'Schema…' }).click();
  const claim = page.locator('[data-label-key="Claim"]');
  await claim.getByLabel('Label name').fill('Assertion');
  await claim.getByLabel('Colour').fill('#0b7285');
  await page.locator('[data-label-key="Figure"]').getByLabel('Hotkey').fill('1');
  await expect(page.getByRole('note')).toHaveText('Assertion and Figure both use the hotkey "1"');
  await expect(page.getByRole('button', { name: 'Save schema' })).toBeDisabled();
  await page.locator('[data-label-key="Figure"]').getByLabel('Hotkey').fill('l');
  await expect(page.getByRole('note')).toHaveText(
    'the hotkey of Figure cannot be "l": in the editor that key links spans',
  );
  await expect(page.locator('[data-label-key="Figure"]').getByLabel('Hotkey')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(page.getByRole('button', { name: 'Save schema' })).toBeDisabled();
  await page.locator('[data-label-key="Figure"]').getByLabel('Hotkey').fill('2');
  await page.screenshot({ path: test.info().outputPath('schema-editor.png') });
  await page.getByRole('button', { name: 'Save schema' }).click();
  await expect(page.getByRole('button', { name: '1 Assertion' })).toBeVisible();
  await expect(page.locator('.mg-spanrow', { hasText: 'Negotiators' }).locator('.mg-chip')).toHaveText(
    'Assertion',
  );
  let session = await callApi(host!, 'getSession', {});
  expect(session.project!.schema.labels[0]).toMatchObject({
    key: 'Claim',
    name: 'Assertion',
    color: '#0b7285',
  });
  expect((await storedDocument()).spans.map((s) => s.label)).toEqual(['Claim', 'Hedge', 'Hedge']);

  // Removing Hedge, which is in use: asked first, with the counts.
  await page.getByRole('button', { name: 'Schema…' }).click();
  await page.locator('[data-label-key="Hedge"]').getByRole('button', { name: 'Remove label' }).click();
  await page.getByRole('button', { name: 'Save schema' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('This change removes 2 spans and 1 relation');
  await expect(dialog).toContainText('Label Hedge is on 2 spans with 1 relation');
  await expect(dialog).toContainText('cannot be undone');
  await page.screenshot({
    path: test.info().outputPath('schema-confirm.png'),
    clip: { x: 260, y: 43, width: 1020, height: 460 },
  });
  await dialog.getByRole('button', { name: 'Go back' }).click();
  expect((await storedDocument()).spans).toHaveLength(3);
  await page.getByRole('button', { name: 'Save schema' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove and save' }).click();
  await expect(page.locator('.mg-label-button')).toHaveCount(3);
  await expect(page.locator('.mg-spanrow')).toHaveCount(1);
  const stored = await storedDocument();
  expect(stored.spans.map((s) => s.label)).toEqual(['Claim']);
  expect(stored.relations).toEqual([]);
  session = await callApi(host!, 'getSession', {});
  expect(session.project!.schema.labels.map((l) => l.name)).toEqual(['Assertion', 'Figure', 'Location']);
  expect(session.project!.schema.relationTypes.map((r) => r.name)).toEqual(['in', 'attributed_to']);
});

test('a relation type added in the schema editor is offered when linking; removing attribute values in use asks first', async ({
  page,
}) => {
  await openArticle(page);
  await tag(page, '11 aid workers', '2');
  await panel(page).getByLabel('category').selectOption('other');
  const value = panel(page).getByLabel('value', { exact: true });
  await value.fill('11');
  await value.press('Enter');
  await expect
    .poll(async () => (await storedDocument()).spans[0]?.attributes)
    .toEqual({ category: 'other', value: 11 });

  await page.getByRole('button', { name: 'Schema…' }).click();
  const figure = page.locator('[data-label-key="Figure"]');
  await figure
    .locator('[data-attribute="category"]')
    .getByLabel('Options')
    .fill('casualties, captives, money');
  await figure.getByRole('button', { name: 'Remove attribute value' }).click();
  await page.getByRole('button', { name: 'Add relation type' }).click();
  const added = page.locator('[data-relation-type="3"]');
  await added.getByLabel('Relation name').fill('contradicts');
  await added.getByLabel('From label').selectOption('Hedge');
  await added.getByLabel('To label').selectOption('Claim');
  await page.getByRole('button', { name: 'Save schema' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('This change removes 2 attribute values');
  await expect(dialog).toContainText('Figure category: 1 span loses its value');
  await expect(dialog).toContainText('Figure value: 1 span loses its value');
  await dialog.getByRole('button', { name: 'Remove and save' }).click();
  await expect(page.locator('.mg-article-title')).toContainText(TITLE);
  expect((await storedDocument()).spans[0]!.attributes).toEqual({});

  // Two relation types now fit a Hedge and a Claim: the user picks one by its number.
  await tag(page, 'Negotiators are reportedly close to securing the release of 11 aid workers', '1');
  await tag(page, 'reportedly', '4', 1);
  await page.keyboard.press('l');
  await page.keyboard.press('Enter');
  const linking = page.getByRole('status', { name: 'Linking' });
  await expect(linking).toContainText('1 Hedge scopes Claim');
  await expect(linking).toContainText('2 Hedge contradicts Claim');
  await page.keyboard.press('2');
  await expect(panel(page).getByRole('list', { name: 'Relations' })).toContainText('contradicts → Claim');
  expect((await storedDocument()).relations.map((r) => r.type)).toEqual(['contradicts']);
});

test('renaming an attribute and a relation type in the schema editor keeps the stored values and links', async ({
  page,
}) => {
  await openArticle(page);
  await tag(page, '11 aid workers', '2');
  const value = panel(page).getByLabel('value', { exact: true });
  await value.fill('11');
  await value.press('Enter');
  await tag(page, 'Negotiators are reportedly close to securing the release of 11 aid workers', '1');
  await tag(page, 'reportedly', '4', 1);
  await page.keyboard.press('l');
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('list', { name: 'Relations' })).toContainText('scopes');
  await expect.poll(async () => (await storedDocument()).relations.length).toBe(1);

  await page.getByRole('button', { name: 'Schema…' }).click();
  await page
    .locator('[data-label-key="Figure"] [data-attribute="value"]')
    .getByLabel('Attribute name')
    .fill('amount');
  const scopes = page.locator('[data-relation-type]').filter({ has: page.locator('input[value="scopes"]') });
  await scopes.getByLabel('Relation name').fill('qualifies');
  await page.getByRole('button', { name: 'Save schema' }).click();
  // A rename removes nothing, so it is saved without asking.
  await expect(page.locator('.mg-article-title')).toContainText(TITLE);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);

  const stored = await storedDocument();
  expect(stored.spans.find((s) => s.label === 'Figure')!.attributes).toEqual({ amount: 11 });
  expect(stored.relations.map((r) => r.type)).toEqual(['qualifies']);
  const session = await callApi(host!, 'getSession', {});
  const figure = session.project!.schema.labels.find((l) => l.key === 'Figure')!;
  expect(figure.attributes.map((a) => a.name)).toContain('amount');
  expect(figure.attributes.map((a) => a.name)).not.toContain('value');
  await page.locator('.mg-spanrow', { hasText: 'Figure11 aid workers' }).click();
  await expect(panel(page).getByLabel('amount', { exact: true })).toHaveValue('11');
});
