/**
 * Feedback to an annotator in their work package: after rita reviewed, the package written for ann1
 * opens on ann1's laptop, "Review feedback" (from the keyboard) lists each change review made in
 * ann1's layer with rita's reason, spans and then relations, Enter on a change selects it (a
 * relation's from-span) in the text, and Esc closes the panel.
 */
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { GOLD } from '../../electron/core/layers';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { writePackage } from '../../electron/services/packages';
import { ProjectStore } from '../../electron/store/projectStore';
import { rangeIn, startHost, tempDir, type RunningHost } from './host';

const TEXT = 'Officials said 12 people were killed in Kervadi on Tuesday.';
const at = rangeIn(TEXT);

/**
 * ann1 and ann2 annotated; rita decided three places with reasons and drew one gold span by hand;
 * ann1's Figure `in` her Claim became a Claim `attributed_to` the shorter Claim, and gold has one
 * relation more, both with rita's reasons.
 */
function reviewedPackage(): string {
  const dir = tempDir('feedback');
  const store = ProjectStore.create(join(dir, 'review.marginalia'), 'review', DEFAULT_SCHEMA);
  try {
    const ann1 = store.ensureAnnotator('ann1');
    const ann2 = store.ensureAnnotator('ann2');
    const rita = store.ensureAnnotator('rita');
    store.setAnnotatorRole('rita', 'reviewer', null);
    const [doc] = store.insertDocuments(
      [{ externalId: 'k', title: 'Kervadi', text: TEXT, sha256: 'k', source: {}, newlinePolicy: 'none' }],
      null,
    ).inserted;
    const documentId = doc!.id;
    const figure = store.addSpan(ann1, documentId, { label: 'Figure', ...at('12 people') });
    store.addSpan(ann2, documentId, { label: 'Claim', ...at('12 people') });
    store.addSpan(ann1, documentId, { label: 'Hedge', ...at('Tuesday') });
    const claim = store.addSpan(ann1, documentId, {
      label: 'Claim',
      ...at('Officials said 12 people were killed'),
    });
    store.addRelation(ann1, { type: 'in', fromSpan: figure.id, toSpan: claim.id });
    const count = store.addSpan(rita, documentId, { label: 'Claim', ...at('12 people') }, GOLD);
    const killed = store.addSpan(rita, documentId, { label: 'Claim', ...at('12 people were killed') }, GOLD);
    const place = store.addSpan(rita, documentId, { label: 'Location', ...at('Kervadi') }, GOLD);
    store.addRelation(rita, { type: 'attributed_to', fromSpan: count.id, toSpan: killed.id });
    store.addRelation(rita, { type: 'attributed_to', fromSpan: killed.id, toSpan: place.id });
    const decide = (conflictKey: string, kind: string, outcome: string, reason: string) =>
      store.decisions.record(rita, { documentId, conflictKey, kind, outcome, reason });
    decide('span:15-24:Claim+Figure', 'label', 'accept', 'a count is no claim here');
    decide('span:51-58:Hedge', 'missing', 'reject', 'a date, not a hedge');
    decide('span:0-36:Claim', 'boundary', 'edit', 'the source is not part of the claim');
    decide('rel:Figure@15-24>Claim@0-36', 'relation', 'edit', 'the count is what the claim says');
    decide('rel:Claim@15-36>Location@40-47', 'relation', 'edit', 'the officials of Kervadi');
    const out = join(dir, 'review-ann1.marginalia');
    writePackage(store, 'ann1', out, 'rita');
    return out;
  } finally {
    store.close();
  }
}

test('an annotator opens their package and reads what review changed, with reasons, by keyboard', async ({
  page,
}) => {
  const host = await startHost({ args: ['--project', reviewedPackage(), '--user', 'ann1'] });
  try {
    await readFeedback(page, host);
  } finally {
    await host.kill();
  }
});

async function readFeedback(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByRole('note')).toHaveText('Work package of review for ann1');
  await page.locator('.mg-doc', { hasText: 'Kervadi' }).click();

  const open = page.getByRole('button', { name: 'Review feedback' });
  await open.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Review feedback' });
  const changes = panel.getByRole('button');
  await expect(changes).toHaveText([
    'Boundary moved: Claim “Officials said 12 people were killed” → Claim “12 people were killed” — rita: the source is not part of the claim',
    'Relabelled: Figure “12 people” → Claim “12 people” — rita: a count is no claim here',
    'Added by the reviewer: Location “Kervadi”',
    'Removed: Hedge “Tuesday” — rita: a date, not a hedge',
    'Relation retyped: Figure “12 people” in → attributed_to Claim “Officials said 12 people were killed” — rita: the count is what the claim says',
    'Relation added by the reviewer: Claim “12 people were killed” attributed_to Location “Kervadi” — rita: the officials of Kervadi',
  ]);
  await expect(changes.first()).toBeFocused();

  // ↓ to the removed Hedge, Enter: ann1's span is selected in the text (a key would act on it).
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(changes.nth(3)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Selected span' })).toContainText('“Tuesday”');

  // The reviewer's added span is not in ann1's layer: its characters are selected instead.
  await changes.nth(2).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('Kervadi');

  // A relation change selects its from-span: ann1's own Figure for the retyped one (↓ from the spans).
  await changes.nth(3).focus();
  await page.keyboard.press('ArrowDown');
  await expect(changes.nth(4)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Selected span' })).toContainText('“12 people”');
  // The relation rita added starts at a gold span: its characters are selected.
  await changes.nth(5).click();
  await expect
    .poll(() => page.evaluate(() => window.getSelection()?.toString()))
    .toBe('12 people were killed');

  await panel.getByRole('button').first().focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(open).toBeFocused();
}
