/**
 * The review queue by keyboard only: a reviewer goes through two conflicts, accepts one version
 * with a reason typed in place and rejects the other; gold and the decisions hold exactly that.
 */
import { expect, test } from '@playwright/test';
import { ProjectStore } from '../../electron/store/projectStore';
import { startHost, type RunningHost } from './host';
import { labelDisagreement } from './reviewProject';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

test('a reviewer decides the queue by keyboard, with a reason, into gold', async ({ page }) => {
  const path = labelDisagreement('review');
  host = await startHost({ args: ['--project', path, '--user', 'rita'] });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const view = page.getByRole('region', { name: 'Review' });
  await expect(view.getByRole('status')).toHaveText('2 open conflicts');
  const current = view.getByRole('article', { name: 'Current conflict' });
  await expect(current).toContainText('label in Kervadi — 1 of 2: ann2; 1 of 2: ann1');
  await expect(current.getByRole('listitem')).toHaveText([
    /1\s+Claim 15–24 “12 people”\s*ann2/,
    /2\s+Figure 15–24 “12 people”\s*ann1/,
  ]);

  // The document's text, marked: a decision repaints gold in it instead of building it again.
  const text = view.getByLabel('Document text');
  await text.evaluate((el) => Object.assign(el, { keptByTest: true }));
  const reads: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/getDocument')) reads.push(r.postData() ?? '');
  });
  const goldInText = () => text.locator('[data-span-id]').evaluateAll((els) => els.map((e) => e.textContent));

  await view.getByRole('group', { name: 'Conflict queue' }).focus();
  await page.keyboard.press('r');
  await expect(view.getByLabel('Reason')).toBeFocused();
  await page.keyboard.type('a count, not a claim');
  await page.keyboard.press('Enter');
  await page.keyboard.press('2');
  await expect(view.getByRole('status')).toHaveText('1 open conflict');
  await expect(current).toContainText('missing in Kervadi — 1 of 2: ann1; ann2: none');
  // The next conflict is in the same document: the accepted span is drawn in gold in the same text,
  // and only gold was read again (not the annotators' layers).
  await expect.poll(goldInText).toEqual(['12 people']);
  expect(await text.evaluate((el) => (el as HTMLElement & { keptByTest?: boolean }).keptByTest)).toBe(true);
  expect(reads.length).toBeGreaterThan(0);
  for (const read of reads) expect(JSON.parse(read)).toMatchObject({ layers: [] });
  await page.keyboard.press('x');
  await expect(view.getByRole('status')).toHaveText('0 open conflicts');
  await expect(view.getByText('No open conflicts.')).toBeVisible();

  await host.kill();
  host = undefined;
  const store = ProjectStore.open(path, { readOnly: true });
  try {
    expect(store.layerSpans(1, { kind: 'gold' }).map((s) => `${s.label}@${s.start}-${s.end}`)).toEqual([
      'Figure@15-24',
    ]);
    expect(store.decisions.list().map((d) => [d.kind, d.outcome, d.reason, d.reviewer])).toEqual([
      ['label', 'accept', 'a count, not a claim', 'rita'],
      ['missing', 'reject', '', 'rita'],
    ]);
  } finally {
    store.close();
  }
});

test('a decision the store refuses comes back to the queue with its reason, and nothing is stored', async ({
  page,
}) => {
  const path = labelDisagreement('review-refused');
  host = await startHost({ args: ['--project', path, '--user', 'rita'] });
  // As the host refuses a conflict an annotator's edit has just taken away.
  const refusal =
    'document 1 has no conflict "x" (the layers may have changed since it was listed); nothing was decided';
  await page.route('**/api/decideConflict', (route) => route.fulfill({ status: 400, body: refusal }));
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const view = page.getByRole('region', { name: 'Review' });
  const current = view.getByRole('article', { name: 'Current conflict' });
  await expect(current).toContainText('label in Kervadi');
  await view.getByRole('group', { name: 'Conflict queue' }).focus();
  await page.keyboard.press('r');
  await page.keyboard.type('a count, not a claim');
  await page.keyboard.press('Enter');
  await page.keyboard.press('2');

  await expect(page.getByText(refusal)).toBeVisible();
  await expect(view.getByText('Not decided: the label in Kervadi is back in the queue.')).toBeVisible();
  await expect(current).toContainText('label in Kervadi');
  await expect(view.getByRole('status')).toHaveText('2 open conflicts');
  await expect(view.getByLabel('Reason')).toHaveValue('a count, not a claim');

  await host.kill();
  host = undefined;
  const store = ProjectStore.open(path, { readOnly: true });
  try {
    expect(store.layerSpans(1, { kind: 'gold' })).toEqual([]);
    expect(store.decisions.list()).toEqual([]);
  } finally {
    store.close();
  }
});
