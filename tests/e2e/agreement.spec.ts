/**
 * The Agreement view: figures of a project with two annotators and gold, the heat map's table, the
 * per-label table, filters, an annotator's cell choosing a pair (a reviewer's opens the review queue:
 * review-screen.spec.ts), and a document opened from the lowest-agreement list with the pair's two
 * layers drawn together.
 */
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { ProjectStore } from '../../electron/store/projectStore';
import { startHost, tempDir, type RunningHost } from './host';
import { inKervadi, KERVADI_TEXT, reviewProject } from './reviewProject';

const TEXT = KERVADI_TEXT;
const at = inKervadi;

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

/** Kervadi: ann1 and ann2 disagree on the Figure; Quiet: they agree. rita wrote gold on Kervadi. */
function project(): string {
  return reviewProject(tempDir('agreement'), (store, { ann1, ann2, rita, documentId: kervadi }) => {
    const quiet = store.insertDocuments(
      [
        {
          externalId: 'q',
          title: 'Quiet',
          text: `${TEXT} Again.`,
          sha256: 'q',
          source: {},
          newlinePolicy: 'none',
        },
      ],
      null,
    ).inserted[0]!.id;
    store.addSpan(ann1, kervadi, { label: 'Figure', ...at('12 people') });
    store.addSpan(ann2, kervadi, { label: 'Figure', ...at('12 people were killed') });
    store.addSpan(ann1, kervadi, { label: 'Location', ...at('Kervadi') });
    store.addSpan(ann2, kervadi, { label: 'Location', ...at('Kervadi') });
    store.addSpan(rita, kervadi, { label: 'Location', ...at('Kervadi') }, { kind: 'gold' });
    store.addSpan(ann1, quiet, { label: 'Location', ...at('Kervadi') });
    store.addSpan(ann2, quiet, { label: 'Location', ...at('Kervadi') });
  });
}

test('the Agreement view shows pairs, labels and documents, and opens one with both layers', async ({
  page,
}, testInfo) => {
  host = await startHost({ args: ['--project', project(), '--user', 'ann1'] });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Agreement' }).click();
  const view = page.getByRole('region', { name: 'Agreement' });
  await expect(view.getByText('2 documents compared; raters ann1, ann2, gold.')).toBeVisible();

  // The heat map's figures, as a table: exact F1 of ann1/ann2 is 2·2/(3+3) over both documents.
  const pairs = view.getByRole('table', { name: 'Agreement between raters' });
  await expect(pairs.getByRole('row', { name: /^ann1/ })).toContainText('0.667');
  await expect(pairs.getByRole('row', { name: /^ann2/ })).toContainText('0.667');
  await expect(view.locator('.mg-agreement-canvas canvas')).toBeVisible();

  // Partial F1: the Figures overlap, so every span matches.
  await view.getByLabel('Measure').selectOption('partial_f1');
  await expect(pairs.getByRole('row', { name: /^ann1/ })).toContainText('1.000');

  const labels = view.getByRole('table', { name: 'Agreement per label' });
  await expect(labels.getByRole('row', { name: /^Location/ })).toContainText('1.000');
  await expect(labels.getByRole('row', { name: /^Figure/ })).toContainText('0.000');

  // Lowest first: Kervadi, where they disagree, before Quiet.
  await view.getByLabel('Measure').selectOption('exact_f1');
  const docs = view.getByRole('list', { name: 'Documents from the lowest agreement' });
  await expect(docs.getByRole('button')).toHaveText([/0\.500\s+Kervadi/, /1\.000\s+Quiet/]);
  await page.screenshot({ path: testInfo.outputPath('agreement.png') });

  // The list follows the chosen label: Kervadi's Figures differ, Quiet has none; both Locations agree.
  const chosenLabel = view.getByRole('combobox', { name: 'Label', exact: true });
  await chosenLabel.selectOption('Figure');
  await expect(docs.getByRole('button')).toHaveText([/0\.000\s+Kervadi/]);
  await chosenLabel.selectOption('Location');
  await expect(docs.getByRole('button')).toHaveText([/1\.000\s+Kervadi/, /1\.000\s+Quiet/]);
  await chosenLabel.selectOption('');
  await expect(docs.getByRole('button')).toHaveText([/0\.500\s+Kervadi/, /1\.000\s+Quiet/]);

  // An annotator filter leaves ann2 out: ann1 beside gold only.
  await view.getByRole('checkbox', { name: 'ann2' }).uncheck();
  await expect(view.getByText('2 documents compared; raters ann1, gold.')).toBeVisible();
  await expect(pairs.getByRole('row', { name: /^ann2/ })).toHaveCount(0);
  await view.getByRole('checkbox', { name: 'ann2' }).check();
  await expect(view.getByText('2 documents compared; raters ann1, ann2, gold.')).toBeVisible();

  // A label filter leaves the Figure out: the two annotators agree everywhere.
  await view.getByRole('checkbox', { name: 'Figure' }).uncheck();
  await expect(pairs.getByRole('row', { name: /^ann1/ })).toContainText('1.000');
  await expect(labels.getByRole('row', { name: /^Figure/ })).toHaveCount(0);
  await view.getByRole('checkbox', { name: 'Figure' }).check();

  // An annotator's cell chooses the pair (the review queue is for reviewers): ann1 beside gold.
  await expect(view.getByRole('button', { name: 'Review their conflicts' })).toHaveCount(0);
  await expect(docs.getByRole('link')).toHaveCount(0);
  await pairs.getByRole('button', { name: /Documents of ann1 and gold/ }).click();
  await expect(view.getByRole('heading', { name: /^Documents of ann1 and gold/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Review' })).toHaveCount(0);
  // The Pair list chooses too: back to ann1 and ann2.
  await view.getByRole('combobox', { name: 'Pair' }).selectOption({ label: 'ann1 and ann2' });
  await expect(view.getByRole('heading', { name: /^Documents of ann1 and ann2/ })).toBeVisible();

  // Opening Kervadi shows ann1's and ann2's layers together.
  await docs.getByRole('button', { name: /Kervadi/ }).click();
  await expect(page.locator('.mg-article-title')).toContainText('Kervadi');
  await expect(page.locator('.mg-text .mg-other')).not.toHaveCount(0);
  const otherTexts = await page.locator('.mg-text .mg-other').allTextContents();
  expect(otherTexts.join('|')).toContain('were killed');
});

test('a bad document filter is said in words and the figures stay', async ({ page }) => {
  host = await startHost({ args: ['--project', project(), '--user', 'ann1'] });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Agreement' }).click();
  const view = page.getByRole('region', { name: 'Agreement' });
  await expect(view.getByText('2 documents compared; raters ann1, ann2, gold.')).toBeVisible();
  const field = view.getByRole('textbox', { name: 'Documents' });
  await field.fill('1, x');
  await field.press('Enter');
  await expect(view.getByRole('alert')).toHaveText(
    'Documents are numbers separated by commas, such as 1, 4, 9.',
  );
  await field.fill('7');
  await field.press('Enter');
  await expect(page.getByText('this project has no document 7; nothing was computed')).toBeVisible();
  await expect(view.getByText('2 documents compared')).toBeVisible();
});

test('a long first computation shows its progress and can be cancelled; the next one goes on from there', async ({
  page,
}) => {
  const path = join(tempDir('agreement-long'), 'long.marginalia');
  const store = ProjectStore.create(path, 'long', DEFAULT_SCHEMA);
  const ann1 = store.ensureAnnotator('ann1');
  const ann2 = store.ensureAnnotator('ann2');
  const docs = store.insertDocuments(
    Array.from({ length: 60 }, (_, i) => ({
      externalId: `d${i}`,
      title: `Report ${i}`,
      text: `${TEXT} (${i})`,
      sha256: `d${i}`,
      source: {},
      newlinePolicy: 'none',
    })),
    null,
  ).inserted;
  for (const d of docs) {
    store.addSpan(ann1, d.id, { label: 'Location', ...at('Kervadi') });
    store.addSpan(ann2, d.id, { label: 'Location', ...at('Kervadi') });
  }
  store.close();
  // Every job checkpoint (one per document computed) waits 100 ms: six seconds in all.
  host = await startHost({ args: ['--project', path, '--user', 'ann1', '--job-pause', '100'] });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Agreement' }).click();
  const view = page.getByRole('region', { name: 'Agreement' });
  await expect(view.getByRole('progressbar', { name: 'Agreement progress' })).toBeVisible();
  await expect(view.getByText(/Computing documents \d+ of 60/)).toBeVisible();
  await view.getByRole('button', { name: 'Cancel' }).click();
  await expect(view.getByRole('alert')).toHaveText(
    'Computing the figures was cancelled; the figures already computed are kept for next time.',
  );
  await expect(view.getByRole('progressbar')).toHaveCount(0);

  // Asked again, it computes only the documents the cancelled run had not reached.
  const field = view.getByRole('textbox', { name: 'Documents' });
  await field.press('Enter');
  await expect(view.getByText(/Computing documents \d+ of (\d+)/)).toBeVisible();
  const left = Number((await view.getByText(/Computing documents/).textContent())!.match(/of (\d+)/)![1]);
  expect(left).toBeLessThan(60);
  await expect(view.getByText('60 documents compared; raters ann1, ann2.')).toBeVisible({ timeout: 20_000 });
});
