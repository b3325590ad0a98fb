/**
 * Feedback to an annotator in their work package: after rita reviewed, the package written for ann1
 * opens on ann1's laptop, "Review feedback" (from the keyboard) lists each change review made in
 * ann1's layer with rita's reason, Enter on a change selects it in the text, and Esc closes the panel.
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

/** ann1 and ann2 annotated; rita decided three places with reasons and drew one gold span by hand. */
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
    store.addSpan(ann1, documentId, { label: 'Figure', ...at('12 people') });
    store.addSpan(ann2, documentId, { label: 'Claim', ...at('12 people') });
    store.addSpan(ann1, documentId, { label: 'Hedge', ...at('Tuesday') });
    store.addSpan(ann1, documentId, { label: 'Claim', ...at('Officials said 12 people were killed') });
    store.addSpan(rita, documentId, { label: 'Claim', ...at('12 people') }, GOLD);
    store.addSpan(rita, documentId, { label: 'Claim', ...at('12 people were killed') }, GOLD);
    store.addSpan(rita, documentId, { label: 'Location', ...at('Kervadi') }, GOLD);
    const decide = (conflictKey: string, kind: string, outcome: string, reason: string) =>
      store.decisions.record(rita, { documentId, conflictKey, kind, outcome, reason });
    decide('span:15-24:Claim+Figure', 'label', 'accept', 'a count is no claim here');
    decide('span:51-58:Hedge', 'missing', 'reject', 'a date, not a hedge');
    decide('span:0-36:Claim', 'boundary', 'edit', 'the source is not part of the claim');
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

  await panel.getByRole('button').first().focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(open).toBeFocused();
}
