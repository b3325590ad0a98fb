/**
 * The review screen end to end (issue 14): two annotators disagree in every conflict kind; the
 * reviewer resolves them by keyboard only, with reasons, one of them by editing gold in the
 * document; decisions are undone and redone and survive a restart; the exported gold equals the
 * expected spans exactly, the decisions export holds every reason, and auto-accept run again keeps
 * the manual decisions. The Agreement view opens the queue filtered.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMarginalia } from '../integration/cliRun';
import { startHost, tempDir, type RunningHost } from './host';
import { inKervadi as at, reviewProject } from './reviewProject';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

/**
 * ann1 and ann2 agree on Hedge "said" and the Claim "12 people were killed in Kervadi"; they
 * disagree on where Kervadi's Location ends (boundary), on the label of "Tuesday" (label), on the
 * Figure's category (attribute); only ann1 has Hedge "reported" (missing) and the relation "said"
 * scopes the Claim (relation). rita reviews.
 */
function project(dir: string): string {
  return reviewProject(dir, (store, { ann1, ann2, documentId: id }) => {
    const [hedge] = [ann1, ann2].map((a) => store.addSpan(a, id, { label: 'Hedge', ...at('said') }));
    const [claim] = [ann1, ann2].map((a) =>
      store.addSpan(a, id, { label: 'Claim', ...at('12 people were killed in Kervadi') }),
    );
    store.addRelation(ann1, { type: 'scopes', fromSpan: hedge!.id, toSpan: claim!.id });
    store.addSpan(ann1, id, { label: 'Location', ...at('in Kervadi') });
    store.addSpan(ann2, id, { label: 'Location', ...at('Kervadi on') });
    store.addSpan(ann1, id, { label: 'Location', ...at('Tuesday') });
    store.addSpan(ann2, id, { label: 'Claim', ...at('Tuesday') });
    store.addSpan(ann1, id, { label: 'Figure', ...at('12'), attributes: { category: 'casualties' } });
    store.addSpan(ann2, id, { label: 'Figure', ...at('12'), attributes: { category: 'captives' } });
    store.addSpan(ann1, id, { label: 'Hedge', ...at('reported') });
  });
}

const queueOf = (page: Page) => page.getByRole('region', { name: 'Review' });

/** Types a reason without leaving the keyboard: R, the text, Enter (back in the queue). */
async function reason(page: Page, text: string) {
  await page.keyboard.press('r');
  await expect(queueOf(page).getByLabel('Reason')).toBeFocused();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await expect(queueOf(page).getByRole('group', { name: 'Conflict queue' })).toBeFocused();
}

test('a reviewer resolves every kind of conflict by keyboard, with reasons; gold and decisions export exactly that', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const dir = tempDir('review-screen');
  const path = project(dir);
  // The agreed spans go to gold first, as a lead would run it; relations need their spans in gold.
  expect((await runMarginalia('rita', 'review', path, '--auto-accept', '2')).code).toBe(0);

  host = await startHost({ args: ['--project', path, '--user', 'rita'] });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const view = queueOf(page);
  const status = view.getByRole('status');
  await expect(status).toHaveText('5 open conflicts');
  const current = view.getByRole('article', { name: 'Current conflict' });
  const queue = view.getByRole('group', { name: 'Conflict queue' });
  await expect(queue).toBeFocused();

  // The document in review mode: identical spans drawn once for both, each annotator apart.
  await expect(view.getByLabel('Layers drawn')).toHaveText(/gold \(edited\)\s*ann1\s*ann2\s*ann1 and ann2/);
  const text = view.getByLabel('Document text');
  await expect(text.locator('.mg-other-3').first()).toBeVisible();

  // Sorted by kind from the keyboard: F, Tab to Sort, ↓ (by document → by kind), Esc.
  await page.keyboard.press('f');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await expect(view.getByLabel('Sort')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(view.getByLabel('Sort')).toHaveValue('kind');
  await page.keyboard.press('Escape');
  await expect(queue).toBeFocused();

  // 1. boundary, edited in gold with the editor's keys: → points at version 2, E selects it in the
  // text, 3 tags it Location in gold, Shift+[ moves its end a word back (to "Kervadi"), Enter records "edited".
  await expect(current).toContainText('boundary in Kervadi — 1 of 2: ann1; 1 of 2: ann2');
  await expect(current.getByRole('listitem')).toHaveText([
    /1\s+Location 37–47 “in Kervadi”\s*ann1/,
    /2\s+Location 40–50 “Kervadi on”\s*ann2/,
  ]);
  await reason(page, 'the place, without the preposition');
  await page.keyboard.press('ArrowRight');
  await expect(current.getByRole('listitem').nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('e');
  await expect(text).toBeFocused();
  await page.keyboard.press('3');
  const selected = view.getByRole('region', { name: 'Selected span' });
  await expect(selected).toContainText('“Kervadi on”');
  await expect(selected).toContainText('40–50');
  await expect(selected.getByRole('combobox', { name: 'Label' })).toHaveValue('Location');
  await page.keyboard.press('Shift+BracketLeft');
  await expect(selected).toContainText('“Kervadi”');
  await expect(selected).toContainText('40–47');
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('4 open conflicts');
  await expect(queue).toBeFocused();

  // 2. label: accept ann1's Location.
  await expect(current).toContainText('label in Kervadi');
  const tuesday = await current.getByRole('listitem').filter({ hasText: 'Location' }).innerText();
  await reason(page, 'a date is no place, but the reference stands');
  await page.keyboard.press(tuesday.trim()[0]!);
  await expect(status).toHaveText('3 open conflicts');

  // 3. attribute: accept casualties.
  await expect(current).toContainText('attribute in Kervadi');
  const casualties = await current.getByRole('listitem').filter({ hasText: 'casualties' }).innerText();
  await reason(page, 'people were killed');
  await page.keyboard.press(casualties.trim()[0]!);
  await expect(status).toHaveText('2 open conflicts');

  // 4. missing: reject.
  await expect(current).toContainText('missing in Kervadi — 1 of 2: ann1; ann2: none');
  await reason(page, 'reporting verb already hedged');
  await page.keyboard.press('x');
  await expect(status).toHaveText('1 open conflict');

  // 5. relation: accept scopes.
  await expect(current).toContainText('relation in Kervadi');
  await reason(page, 'said scopes the claim');
  await page.keyboard.press('1');
  await expect(status).toHaveText('0 open conflicts');

  // Undo and redo of decisions with the usual keys.
  await page.keyboard.press('Control+z');
  await expect(status).toHaveText('1 open conflict');
  await expect(current).toContainText('relation in Kervadi');
  await page.keyboard.press('Control+y');
  await expect(status).toHaveText('0 open conflicts');

  // A restart: the decisions are still there, and Ctrl+Z still takes back the latest one.
  await host.kill();
  host = await startHost({ args: ['--project', path, '--user', 'rita'] });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await expect(status).toHaveText('0 open conflicts');
  await queue.focus();
  await page.keyboard.press('Control+z');
  await expect(status).toHaveText('1 open conflict');
  await page.keyboard.press('Control+y');
  await expect(status).toHaveText('0 open conflicts');
  await host.kill();
  host = undefined;

  // Auto-accept again: nothing a reviewer decided changes.
  const rerun = await runMarginalia('rita', 'review', path, '--auto-accept', '2');
  expect(rerun.code).toBe(0);

  const goldFile = join(dir, 'gold.jsonl');
  expect(
    (await runMarginalia('rita', 'export', path, '--format', 'jsonl', '--gold', '--out', goldFile)).code,
  ).toBe(0);
  const exported = JSON.parse(readFileSync(goldFile, 'utf8').trim()) as {
    spans: { id: string; label: string; text: string; attributes: object }[];
    relations: { type: string; from: string; to: string }[];
  };
  const byId = new Map(exported.spans.map((s) => [s.id, s]));
  expect(exported.spans.map((s) => [s.label, s.text, s.attributes]).sort()).toEqual(
    [
      ['Claim', '12 people were killed in Kervadi', {}],
      ['Figure', '12', { category: 'casualties' }],
      ['Hedge', 'said', {}],
      ['Location', 'Kervadi', {}],
      ['Location', 'Tuesday', {}],
    ].sort(),
  );
  expect(exported.relations.map((r) => [byId.get(r.from)?.text, r.type, byId.get(r.to)?.text])).toEqual([
    ['said', 'scopes', '12 people were killed in Kervadi'],
  ]);

  const decisionsFile = join(dir, 'decisions.jsonl');
  expect((await runMarginalia('rita', 'decisions', path, '--out', decisionsFile)).code).toBe(0);
  const decisions = readFileSync(decisionsFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { kind: string; outcome: string; reason: string; auto: boolean });
  expect(
    decisions
      .filter((d) => !d.auto)
      .map((d) => [d.kind, d.outcome, d.reason])
      .sort(),
  ).toEqual(
    [
      ['boundary', 'edit', 'the place, without the preposition'],
      ['label', 'accept', 'a date is no place, but the reference stands'],
      ['attribute', 'accept', 'people were killed'],
      ['missing', 'reject', 'reporting verb already hedged'],
      ['relation', 'accept', 'said scopes the claim'],
    ].sort(),
  );
});

test("the Agreement view opens the review queue filtered to a heat-map cell's pair or a document", async ({
  page,
}) => {
  const dir = tempDir('review-from-agreement');
  const path = project(dir);
  host = await startHost({ args: ['--project', path, '--user', 'rita'] });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Agreement' }).click();
  const agreement = page.getByRole('region', { name: 'Agreement' });
  const fromDocument = agreement.getByRole('link', { name: 'Review the conflicts of Kervadi' });
  await fromDocument.focus();
  await page.keyboard.press('Enter');
  const view = queueOf(page);
  await expect(view.getByLabel('Document', { exact: true })).toHaveValue('1');
  await expect(view.getByLabel('Annotator')).toHaveValue('ann1\u0000ann2');
  await expect(view.getByRole('status')).toHaveText('5 open conflicts');
  // The filter stays while moving through the queue.
  await view.getByRole('group', { name: 'Conflict queue' }).focus();
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(view.getByLabel('Document', { exact: true })).toHaveValue('1');

  // From the pair's heat-map cell, by keyboard (its figure in the table): every document of the two.
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await page.getByRole('button', { name: 'Agreement' }).click();
  const cell = agreement
    .getByRole('table', { name: 'Agreement between raters' })
    .getByRole('button', { name: /Review the conflicts of ann1 and ann2/ });
  await cell.focus();
  await page.keyboard.press('Enter');
  await expect(view.getByLabel('Document', { exact: true })).toHaveValue('');
  await expect(view.getByLabel('Annotator')).toHaveValue('ann1\u0000ann2');
  await expect(view.getByRole('status')).toHaveText('5 open conflicts');

  // A click on the drawn cell does the same; the Pair list only chooses whose documents are listed.
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await page.getByRole('button', { name: 'Agreement' }).click();
  await expect(agreement.getByRole('combobox', { name: 'Pair' })).toHaveValue('0');
  await agreement.getByRole('combobox', { name: 'Pair' }).selectOption({ label: 'ann1 and ann2' });
  await expect(agreement.getByRole('heading', { name: /Documents of ann1 and ann2/ })).toBeVisible();
  await expect(view).toBeHidden();
  const canvas = agreement.locator('.mg-agreement-canvas canvas');
  // Two raters: the top left cell is ann1 (x) beside ann2 (y, whose first label is at the bottom).
  const box = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: box.width * 0.35, y: box.height * 0.3 } });
  await expect(view.getByLabel('Annotator')).toHaveValue('ann1\u0000ann2');
  await expect(view.getByRole('status')).toHaveText('5 open conflicts');
});
