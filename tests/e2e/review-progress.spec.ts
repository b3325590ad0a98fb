/**
 * The progress panel of the Review screen: conflicts left and each annotator against gold, read
 * again as the reviewer decides by keyboard.
 */
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { labelDisagreement } from './reviewProject';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

test('the progress panel counts the conflicts left and scores each annotator against gold', async ({
  page,
}) => {
  host = await startHost({ args: ['--project', labelDisagreement('review-progress'), '--user', 'rita'] });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const view = page.getByRole('region', { name: 'Review' });
  await expect(view.getByRole('status')).toHaveText('2 open conflicts');
  await view.getByText('Progress', { exact: true }).click();
  await expect(view.getByLabel('Conflicts left')).toHaveText('2 of 2 conflicts open, in 1 of 1 documents');
  await expect(view.getByText('Agreement with gold: the gold layer has no span yet.')).toBeVisible();

  // ann1's Figure goes to gold: ann1 now agrees with gold on it, ann2's Claim does not.
  await view.getByRole('group', { name: 'Conflict queue' }).focus();
  await page.keyboard.press('2');
  await expect(view.getByLabel('Conflicts left')).toHaveText('1 of 2 conflicts open, in 1 of 1 documents');
  const table = view.getByRole('table', { name: 'Agreement with gold' });
  await expect(table.getByRole('columnheader')).toHaveText([
    'Annotator',
    'All labels',
    'Claim',
    'Figure',
    'Location',
  ]);
  // ann1: Figure in gold, Location not (2·1/3 overall); ann2: a Claim gold lacks, gold's Figure missed.
  await expect(table.getByRole('row', { name: /^ann1/ }).getByRole('cell')).toHaveText([
    '0.67 / 0.67',
    '–',
    '1.00 / 1.00',
    '0.00 / 0.00',
  ]);
  await expect(table.getByRole('row', { name: /^ann2/ }).getByRole('cell')).toHaveText([
    '0.00 / 0.00',
    '0.00 / 0.00',
    '0.00 / 0.00',
    '–',
  ]);
});
