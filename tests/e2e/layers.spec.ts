/**
 * Several layers of one document: two annotators' and a gold layer. The user sees whose layer they
 * edit, draws the others beside it with the layer picker, tags only into the editable layer, and a
 * click on another layer's span says whose it is. A reviewer chooses gold as the layer they edit.
 */
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { ProjectStore } from '../../electron/store/projectStore';
import { callApi, dragSelect, startHost, tempDir, type RunningHost } from './host';
import { expandDocument } from '../../electron/contract/compactDocument';
import { inKervadi, KERVADI_TEXT, reviewProject } from './reviewProject';

const TEXT = KERVADI_TEXT;
const at = inKervadi;

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

/** A project where ann1, ann2 and the reviewer rita (in gold) have each tagged the article. */
function layeredProject(): string {
  return reviewProject(tempDir('layers'), (store, { ann1, ann2, rita, documentId: doc }) => {
    store.addSpan(ann1, doc, { label: 'Figure', ...at('12 people') });
    store.addSpan(ann2, doc, { label: 'Figure', ...at('12 people were killed') });
    store.addSpan(ann2, doc, { label: 'Location', ...at('Kervadi') });
    store.addSpan(rita, doc, { label: 'Hedge', ...at('police reported') }, { kind: 'gold' });
  });
}

async function openAs(page: Page, user: string, project: string): Promise<void> {
  host = await startHost({ args: ['--project', project, '--user', user] });
  await page.goto(host.url);
  await page.locator('.mg-doc', { hasText: 'Kervadi' }).click();
  await expect(page.locator('.mg-article-title')).toContainText('Kervadi');
}

/** The texts drawn by a read-only layer slot, in order. */
const drawn = (page: Page, slot: number) => page.locator(`.mg-text .mg-other-${slot}`).allTextContents();

/** What is stored in each layer, through the API, as "owner Label: text". */
async function stored(): Promise<string[]> {
  const { id } = (await callApi(host!, 'listDocuments', {}))[0]!;
  const first = expandDocument(await callApi(host!, 'getDocument', { id }));
  const view = expandDocument(
    await callApi(host!, 'getDocument', { id, layers: first.layers.map((l) => l.ref) }),
  );
  return [...view.spans, ...view.shown.flatMap((l) => l.spans)]
    .map((s) => `${s.gold ? 'gold' : s.annotator} ${s.label}: ${TEXT.slice(s.start, s.end)}`)
    .sort();
}

test('an annotator toggles the other layers, edits only their own, and a click names the layer', async ({
  page,
}) => {
  await openAs(page, 'ann1', layeredProject());
  await expect(page.locator('.mg-layers-editing')).toHaveText('Editing: ann1 (you)');
  // Only the editable layer is drawn at first.
  await expect(page.locator('.mg-text .mg-other')).toHaveCount(0);

  await page.getByRole('button', { name: 'Layers (3)' }).click();
  const picker = page.getByRole('list', { name: 'Layers of this document' });
  await expect(picker.getByRole('listitem')).toHaveText([
    /Show gold \(rita\), 1 span\s*Edit gold \(rita\)/,
    /Show ann1 \(you\), 1 span\s*Edit ann1 \(you\)/,
    /Show ann2, 2 spans\s*Edit ann2/,
  ]);
  // The edit rule: an annotator edits their own layer only.
  await expect(picker.getByRole('radio', { name: 'Edit ann1 (you)' })).toBeChecked();
  await expect(picker.getByRole('radio', { name: 'Edit gold (rita)' })).toBeDisabled();
  await expect(picker.getByRole('radio', { name: 'Edit ann2' })).toBeDisabled();
  await expect(picker.getByRole('checkbox', { name: /Show ann1/ })).toBeDisabled();

  await picker.getByRole('checkbox', { name: /Show ann2/ }).click();
  await expect(picker.getByRole('checkbox', { name: /Show ann2/ })).toBeChecked();
  await expect.poll(() => drawn(page, 2)).toEqual(['12 people', ' were killed', 'Kervadi']);
  await picker.getByRole('checkbox', { name: /Show gold/ }).click();
  await expect.poll(() => drawn(page, 4)).toEqual(['police reported']);

  // A click on ann2's Location (no span of ann1's there) says whose it is and selects nothing.
  await page.locator('.mg-text .mg-other-2', { hasText: 'Kervadi' }).click();
  await expect(page.getByText("Location “Kervadi” is in ann2's layer, read only.")).toBeVisible();
  await page.locator('.mg-text .mg-other-4', { hasText: 'police reported' }).click();
  await expect(
    page.getByText('Hedge “police reported” is in the gold layer (written by rita), read only.'),
  ).toBeVisible();
  // No key changes gold: the click selected nothing to delete, relabel or link.
  for (const key of ['Delete', '2', 'l']) await page.keyboard.press(key);
  await expect(page.locator('.mg-text .mg-other-4')).toHaveText(['police reported']);

  // A tag goes into ann1's layer; ann2's and gold stay as they were.
  await dragSelect(page, 'Kervadi');
  await page.keyboard.press('3');
  await expect(page.locator('.mg-text .mg-span.mg-label-2')).toHaveText('Kervadi');
  await expect
    .poll(stored)
    .toEqual([
      'ann1 Figure: 12 people',
      'ann1 Location: Kervadi',
      'ann2 Figure: 12 people were killed',
      'ann2 Location: Kervadi',
      'gold Hedge: police reported',
    ]);
  // The picker counts the tag in the editable layer.
  await expect(picker.getByRole('listitem').nth(1)).toContainText('Show ann1 (you), 2 spans');
  await page.screenshot({ path: test.info().outputPath('layers-shown.png') });

  // Hidden again: ann2's lines go, gold's stay.
  await picker.getByRole('checkbox', { name: /Show ann2/ }).click();
  await expect(page.locator('.mg-text .mg-other-2')).toHaveCount(0);
  await expect.poll(() => drawn(page, 4)).toEqual(['police reported']);
});

test('a reviewer edits gold by keyboard: tag, link, undo and redo act on gold, not on her own layer', async ({
  page,
}) => {
  await openAs(page, 'rita', layeredProject());
  const layers = page.getByRole('button', { name: /^Layers/ });
  const picker = page.getByRole('list', { name: 'Layers of this document' });
  await layers.click();
  await expect(picker.getByRole('radio', { name: 'Edit ann2' })).toBeDisabled();
  await picker.getByRole('radio', { name: 'Edit gold (rita)' }).click();
  await expect(page.locator('.mg-layers-editing')).toHaveText('Editing: gold (rita)');
  // Gold's span is now the editable one (a plain span, selectable).
  await expect(page.locator('.mg-text .mg-span')).toHaveText(['police reported']);
  await dragSelect(page, 'Officials said 12 people were killed');
  await page.keyboard.press('1');
  await expect(page.locator('.mg-text .mg-span.mg-label-0').first()).toContainText('Officials said');
  await expect.poll(stored).toContain('gold Claim: Officials said 12 people were killed');
  await expect.poll(stored).not.toContain('rita Claim: Officials said 12 people were killed');

  // Link gold's Hedge to the gold Claim by keyboard.
  await page.locator('.mg-text .mg-span', { hasText: 'police reported' }).click();
  await page.keyboard.press('l');
  await expect(page.getByRole('status', { name: 'Linking' })).toContainText('to Claim “Officials said');
  await page.keyboard.press('Enter');
  const goldRelations = async () => {
    const { id } = (await callApi(host!, 'listDocuments', {}))[0]!;
    const view = await callApi(host!, 'getDocument', { id, editable: { kind: 'gold' } });
    return view.relations.map((r) => r.type);
  };
  await expect.poll(goldRelations).toEqual(['scopes']);

  // Then a tag in her own layer, the latest thing she did.
  await layers.click();
  await picker.getByRole('radio', { name: 'Edit rita (you)' }).click();
  await expect(page.locator('.mg-layers-editing')).toHaveText('Editing: rita (you)');
  await dragSelect(page, 'Tuesday');
  await page.keyboard.press('3');
  await expect.poll(stored).toContain('rita Location: Tuesday');

  // Back in gold, Ctrl+Z takes back gold's link, then the gold Claim; her own Location stays.
  await layers.click();
  await picker.getByRole('radio', { name: 'Edit gold (rita)' }).click();
  await expect(page.locator('.mg-layers-editing')).toHaveText('Editing: gold (rita)');
  await page.locator('.mg-text').focus();
  await page.keyboard.press('Control+z');
  await expect.poll(goldRelations).toEqual([]);
  await expect.poll(stored).toContain('rita Location: Tuesday');
  await page.keyboard.press('Control+z');
  await expect.poll(stored).not.toContain('gold Claim: Officials said 12 people were killed');
  await expect(page.locator('.mg-text .mg-span')).toHaveText(['police reported']);
  // Redo brings both back, into gold.
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(stored).toContain('gold Claim: Officials said 12 people were killed');
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(goldRelations).toEqual(['scopes']);
  await expect.poll(stored).toContain('rita Location: Tuesday');

  // The history, all of it or only gold's: her own layer's tag is in the one, not the other.
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = page.getByRole('list', { name: 'History' });
  await expect(history).toContainText("'Tuesday'");
  await page.getByRole('checkbox', { name: "Only gold (rita)'s edits" }).check();
  await expect(history).not.toContainText("'Tuesday'");
  await expect(history.getByRole('listitem').first()).toContainText('redid linked scopes');
  await page.getByRole('button', { name: 'Close the panel' }).click();

  // The project setting, a reviewer's to change: then ann2's layer is editable for her too.
  await layers.click();
  const setting = picker.getByRole('checkbox', { name: /Reviewers may edit annotators' layers/ });
  await setting.click();
  await expect(setting).toBeChecked();
  await expect(picker.getByRole('radio', { name: 'Edit ann2' })).toBeEnabled();
});

/** A long article (2,000 lines) where ann2 has tagged the place in every line and gold the last line's number. */
function longLayeredProject(): { path: string; lines: string[] } {
  const lines = Array.from({ length: 2_000 }, (_, n) => `Line ${n + 1}: 12 people were killed in Kervadi.`);
  const text = lines.join('\n');
  const lineStart = (n: number) => lines.slice(0, n).reduce((sum, line) => sum + line.length + 1, 0);
  const path = join(tempDir('layers-long'), 'long.marginalia');
  const store = ProjectStore.create(path, 'layers', DEFAULT_SCHEMA);
  store.ensureAnnotator('ann1');
  const ann2 = store.ensureAnnotator('ann2');
  const rita = store.ensureAnnotator('rita');
  store.setAnnotatorRole('rita', 'reviewer', null);
  const doc = store.insertDocuments(
    [{ externalId: 'long', title: 'Long', text, sha256: 'l', source: {}, newlinePolicy: 'none' }],
    null,
  ).inserted[0]!.id;
  store.addSpans(
    ann2,
    doc,
    lines.map((line, n) => ({
      label: 'Location',
      start: lineStart(n) + line.indexOf('Kervadi'),
      end: lineStart(n) + line.indexOf('Kervadi') + 7,
    })),
  );
  const last = lines.length - 1;
  store.addSpans(
    rita,
    doc,
    [{ label: 'Figure', start: lineStart(last), end: lineStart(last) + 'Line 2000'.length }],
    {
      kind: 'gold',
    },
  );
  store.close();
  return { path, lines };
}

test('on a long article the other layers are drawn where the reader scrolls to, and a click there names the layer', async ({
  page,
}) => {
  const { path, lines } = longLayeredProject();
  host = await startHost({ args: ['--project', path, '--user', 'ann1'] });
  await page.goto(host.url);
  await page.locator('.mg-doc', { hasText: 'Long' }).click();
  await page.getByRole('button', { name: /^Layers/ }).click();
  const picker = page.getByRole('list', { name: 'Layers of this document' });
  for (const name of [/Show ann2/, /Show gold/]) {
    await picker.getByRole('checkbox', { name }).click();
    await expect(picker.getByRole('checkbox', { name })).toBeChecked();
  }
  await page.getByRole('button', { name: /^Layers/ }).click();

  // ann2's lines (gold's are slot 4).
  const ann2Lines = page.locator('.mg-text .mg-other:not(.mg-other-4)');
  await expect(ann2Lines.first()).toHaveText('Kervadi');
  await expect(ann2Lines.first()).toBeInViewport();
  // Not all 2,000 of ann2's spans are built into the text at once: only those near the screen.
  expect(await ann2Lines.count()).toBeLessThan(lines.length / 2);

  // To the end of the text, where the gold span is: it is drawn there and names its layer.
  const goldLine = page.locator('.mg-text .mg-other-4', { hasText: 'Line 2000' });
  await expect(async () => {
    await page.locator('.mg-text').evaluate((text) => {
      for (let pane = text.parentElement; pane; pane = pane.parentElement)
        if (getComputedStyle(pane).overflowY === 'auto') pane.scrollTop = pane.scrollHeight;
    });
    await expect(goldLine).toBeInViewport({ timeout: 1_000 });
  }).toPass();
  await expect(ann2Lines.last()).toHaveText('Kervadi');
  await expect(ann2Lines.last()).toBeInViewport();
  expect(await ann2Lines.count()).toBeLessThan(lines.length / 2);
  await goldLine.click();
  await expect(
    page.getByText('Figure “Line 2000” is in the gold layer (written by rita), read only.'),
  ).toBeVisible();
});
