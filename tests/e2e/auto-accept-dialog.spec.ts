/**
 * Auto-accept from the review screen (issue 14): k of n annotators, labels with a k of their own, a
 * preview that follows the form, one accept; the queue and gold follow it, and a re-run after more
 * work leaves a reviewer's decision as decided. By keyboard only, by mouse, and refused to an annotator.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expandDocument } from '../../electron/contract/compactDocument';
import { GOLD } from '../../electron/core/layers';
import { ProjectStore } from '../../electron/store/projectStore';
import { threeAnnotators, HALDEN_TEXT } from './autoAcceptProject';
import { callApi, rangeIn, startHost, tempDir, type RunningHost } from './host';
import { inKervadi } from './reviewProject';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

/** The project's review screen for `user`, reached from the keyboard (its toolbar button). */
async function openReview(page: Page, path: string, user = 'rita') {
  host = await startHost({ args: ['--project', path, '--user', user] });
  await page.goto(host.url);
  const review = page.getByRole('button', { name: 'Review', exact: true });
  await review.focus();
  await page.keyboard.press('Enter');
  return page.getByRole('region', { name: 'Review' });
}

/** A document's gold spans as [label, text, attributes], sorted; and its gold relations' types. */
async function goldOf(id: number, text: string) {
  const doc = expandDocument(await callApi(host!, 'getDocument', { id, editable: GOLD, layers: [] }));
  return {
    spans: doc.spans.map((s) => [s.label, text.slice(s.start, s.end), s.attributes ?? {}]).sort(),
    relations: doc.relations.map((r) => r.type),
  };
}

const KERVADI = 'Officials said 12 people were killed in Kervadi on Tuesday, police reported.';

/** The preview's figure in the row of `name` (a label, or "Relations"). */
const figure = (dialog: Locator, name: string) =>
  dialog
    .getByRole('table', { name: 'What the rule would accept' })
    .getByRole('row')
    .filter({ has: dialog.page().getByRole('rowheader', { name, exact: true }) })
    .getByRole('cell')
    .last();

/** Expects the preview's figures per label and relations, and the accept button's words. */
async function expectPreview(dialog: Locator, figures: Record<string, string>, button: string) {
  for (const [name, value] of Object.entries(figures)) await expect(figure(dialog, name)).toHaveText(value);
  await expect(dialog.getByRole('button', { name: button })).toBeVisible();
}

/** Presses Tab until `target` has the focus (at most `limit` times). */
async function tabTo(page: Page, target: Locator, limit = 30) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('by keyboard only: k of 3 with a preview per label, accept, a decision by hand, more work and a re-run', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = tempDir('auto-accept-keys');
  const { path, kervadi, halden } = threeAnnotators(dir);
  const view = await openReview(page, path);
  const status = view.getByRole('status');
  await expect(status).toHaveText('9 open conflicts');
  const queue = view.getByRole('group', { name: 'Conflict queue' });
  await expect(queue).toBeFocused();
  await expect(queue).toContainText('A\u00a0auto\u2011accept…');

  // A in the queue opens the dialog on a majority: 2 of 3.
  await page.keyboard.press('a');
  const dialog = page.getByRole('dialog', { name: 'Auto-accept' });
  const k = dialog.getByLabel('k', { exact: true });
  await expect(k).toBeFocused();
  await expect(k).toHaveValue('2');
  await expect(k).toHaveAccessibleDescription('of 3 annotators must agree exactly');
  const all = { Claim: '1', Figure: '1', Location: '2', Hedge: '1', Relations: '1' };
  await expectPreview(dialog, all, 'Accept 6 places into gold');
  await expect(dialog.getByRole('status')).toHaveText(
    'Would accept 5 spans and 1 relation. 0 places decided by a reviewer are left as decided. Nothing is written until you accept.',
  );

  // All three agree nowhere; the preview follows k.
  await page.keyboard.press('ArrowUp');
  await expect(k).toHaveValue('3');
  await expectPreview(
    dialog,
    { Claim: '0', Figure: '0', Location: '0', Hedge: '0', Relations: '0' },
    'Nothing to accept',
  );
  await expect(dialog.getByRole('button', { name: 'Nothing to accept' })).toBeDisabled();
  await page.keyboard.press('ArrowDown');
  await expectPreview(dialog, all, 'Accept 6 places into gold');

  // Location with a k of its own (3), then Figure left out: the preview says what each leaves.
  await tabTo(page, dialog.getByLabel('k for Location'));
  await page.keyboard.type('3');
  await expectPreview(dialog, { ...all, Location: '0' }, 'Accept 4 places into gold');
  await page.keyboard.press('Backspace');
  await expectPreview(dialog, all, 'Accept 6 places into gold');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('checkbox', { name: 'Figure' })).toBeFocused();
  await page.keyboard.press('Space');
  await expectPreview(dialog, { ...all, Figure: '–' }, 'Accept 5 places into gold');
  await page.keyboard.press('Space');
  await expectPreview(dialog, all, 'Accept 6 places into gold');

  // Tab stays in the dialog: from the accept button round to its first control.
  const accept = dialog.getByRole('button', { name: 'Accept 6 places into gold' });
  await tabTo(page, accept);
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Dismiss dialog' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(accept).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Notices')).toContainText(
    /Auto-accepted 5 spans \((?=.*Claim 1)(?=.*Figure 1)(?=.*Location 2)(?=.*Hedge 1).*\) and 1 relation into gold\. Ctrl\+Z in a document’s gold layer takes that document’s part back\./,
  );
  await expect(status).toHaveText('3 open conflicts');
  await expect(queue).toBeFocused();
  expect(await goldOf(kervadi, KERVADI)).toEqual({
    spans: [
      ['Claim', '12 people were killed in Kervadi', {}],
      ['Figure', '12', { category: 'casualties' }],
      ['Hedge', 'said', {}],
      ['Location', 'Kervadi', {}],
    ].sort(),
    relations: ['scopes'],
  });
  expect(await goldOf(halden, HALDEN_TEXT)).toEqual({ spans: [['Location', 'Halden', {}]], relations: [] });

  // By hand: "reported" (only ann1 drew it) is rejected.
  const current = view.getByRole('article', { name: 'Current conflict' });
  for (let i = 0; i < 3 && !(await current.innerText()).includes('“reported”'); i++)
    await page.keyboard.press('j');
  await expect(current).toContainText('missing in Kervadi');
  await expect(current).toContainText('“reported”');
  await page.keyboard.press('x');
  await expect(status).toHaveText('2 open conflicts');
  // The queue moves on at once; the decision is stored behind it.
  const manual = async () =>
    (await callApi(host!, 'listDecisions', { documents: [kervadi] }))
      .filter((d) => !d.auto)
      .map((d) => [d.kind, d.outcome]);
  await expect.poll(manual).toEqual([['missing', 'reject']]);

  // More work: ann2 draws "reported" too (now two agree there), ann3 Halden's "said".
  await host!.kill();
  const store = ProjectStore.open(path);
  try {
    const id = (name: string) => store.annotators().find((a) => a.name === name)!.id;
    store.addSpan(id('ann2'), kervadi, { label: 'Hedge', ...inKervadi('reported') });
    store.addSpan(id('ann3'), halden, { label: 'Hedge', ...rangeIn(HALDEN_TEXT)('said') });
  } finally {
    store.close();
  }
  const again = await openReview(page, path);
  await expect(again.getByRole('status')).toHaveText('2 open conflicts');
  await page.keyboard.press('a');
  await expect(k).toBeFocused();
  await expectPreview(
    dialog,
    { Claim: '0', Figure: '0', Location: '0', Hedge: '1', Relations: '0' },
    'Accept 1 place into gold',
  );
  await expect(dialog.getByRole('status')).toContainText('1 place decided by a reviewer is left as decided.');
  await tabTo(page, dialog.getByRole('button', { name: 'Accept 1 place into gold' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Notices')).toContainText(
    '1 place decided by a reviewer was left as decided.',
  );
  await expect(again.getByRole('status')).toHaveText('1 open conflict');
  // The rejection stands: gold has no "reported"; Halden's "said" came in.
  expect((await goldOf(kervadi, KERVADI)).spans.map((s) => s[1])).not.toContain('reported');
  expect((await goldOf(halden, HALDEN_TEXT)).spans).toEqual(
    [
      ['Hedge', 'said', {}],
      ['Location', 'Halden', {}],
    ].sort(),
  );
  expect(await manual()).toEqual([['missing', 'reject']]);
});

test('by mouse: one label chosen with a k of its own, Esc and Cancel write nothing, accept', async ({
  page,
}) => {
  const { path, kervadi } = threeAnnotators(tempDir('auto-accept-mouse'));
  host = await startHost({ args: ['--project', path, '--user', 'rita'] });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const view = page.getByRole('region', { name: 'Review' });
  await expect(view.getByRole('status')).toHaveText('9 open conflicts');
  const open = view.getByRole('button', { name: 'Auto-accept…' });
  const dialog = page.getByRole('dialog', { name: 'Auto-accept' });

  // Esc and Cancel close it and write nothing.
  await open.click();
  await expect(dialog.getByRole('button', { name: 'Accept 6 places into gold' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
  await open.click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(view.getByRole('status')).toHaveText('9 open conflicts');

  await open.click();
  await dialog.getByRole('button', { name: 'None' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Choose at least one label or relation type.');
  await expect(dialog.getByRole('button', { name: /Accept/ })).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'Location' }).click();
  await expectPreview(
    dialog,
    { Claim: '–', Figure: '–', Location: '2', Hedge: '–', Relations: '0' },
    'Accept 2 places into gold',
  );
  await dialog.getByLabel('k for Location').fill('3');
  await expectPreview(dialog, { Location: '0' }, 'Nothing to accept');
  await dialog.getByLabel('k for Location').fill('4');
  await expect(dialog.getByRole('alert')).toHaveText(
    'The k of Location must be a whole number from 1 to 3, or be left empty.',
  );
  await dialog.getByLabel('k for Location').fill('');
  // Busy while it runs (held back here, as a large project takes seconds): Esc does not close it.
  let release = () => {};
  const held = new Promise<void>((done) => (release = done));
  await page.route('**/api/autoAccept', async (route) => {
    await held;
    await route.continue();
  });
  await dialog.getByRole('button', { name: 'Accept 2 places into gold' }).click();
  const busy = dialog.getByRole('button', { name: 'Accepting…' });
  await expect(busy).toBeDisabled();
  await expect(busy).toHaveAttribute('aria-busy', 'true');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  release();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Notices')).toContainText(
    'Auto-accepted 2 spans (Location 2) and 0 relations',
  );
  await expect(view.getByRole('status')).toHaveText('7 open conflicts');
  expect((await goldOf(kervadi, KERVADI)).spans).toEqual([['Location', 'Kervadi', {}]]);
});

test("an annotator who opens it sees the API's sentence, and nothing is accepted", async ({ page }) => {
  const { path } = threeAnnotators(tempDir('auto-accept-annotator'));
  const view = await openReview(page, path, 'ann1');
  await view.getByRole('button', { name: 'Auto-accept…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Auto-accept' });
  await expect(dialog.getByRole('alert')).toHaveText(
    'auto-accept is for reviewers and owners, and ann1 is an annotator; ask an owner for the reviewer role',
  );
  await expect(dialog.getByRole('button', { name: /Accept/ })).toBeDisabled();
});
