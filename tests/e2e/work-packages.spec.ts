/**
 * Work packages across two app instances: the owner writes ann1's package from the toolbar, a
 * second host opens it on "ann1's laptop" (whose user is called Ann there) under its banner, and
 * ann1 tags a figure; a third instance is ann2's laptop, where ann2 tags a place and marks it done.
 * The owner merges both back and reads the report; the Progress screen shows both annotators'
 * spans and statuses, and merging again changes nothing there; a package whose text was altered is
 * refused with the project left as it was.
 */
import { expect, test, type Page } from '@playwright/test';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tableDump } from '../../electron/store/testing';
import { writePackage } from '../../electron/services/packages';
import { ProjectStore } from '../../electron/store/projectStore';
import { callApi, dragSelect, startHost, tempDir, type RunningHost } from './host';
import { teamProject } from './teamProject';

const hosts: RunningHost[] = [];
test.afterEach(async () => {
  for (const host of hosts.splice(0)) await host.kill();
});

async function openAs(page: Page, user: string, project: string): Promise<RunningHost> {
  const host = await startHost({ args: ['--project', project, '--user', user] });
  hosts.push(host);
  await page.goto(host.url);
  return host;
}

test('the owner packages, two annotators work in their packages on other instances, the owner merges both once and reads their progress', async ({
  page,
  browser,
}) => {
  const dir = tempDir('packages');
  const project = teamProject(dir);
  const owner = await openAs(page, 'olga', project);
  await expect(page.locator('.mg-project-name')).toHaveText('team');
  await callApi(owner, 'assignDocuments', {
    annotators: ['ann1', 'ann2'],
    perDocument: 1,
    strategy: 'round-robin',
  });

  // ann1's package from the toolbar; ann2's through the API the host serves.
  const ann1Package = join(dir, 'team-ann1.marginalia');
  await page.getByRole('button', { name: 'Packages…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Work packages' });
  await dialog.getByLabel('Annotator').selectOption('ann1');
  await owner.answerDialogs(ann1Package);
  await dialog.getByRole('button', { name: 'Export work package…' }).click();
  await expect(
    page.getByText(`Wrote the work package of ann1: 2 documents, 0 spans, to ${ann1Package}.`),
  ).toBeVisible();
  const ann2Package = join(dir, 'team-ann2.marginalia');
  await owner.answerDialogs(ann2Package);
  expect(await callApi(owner, 'exportWorkPackage', { annotator: 'ann2' })).toMatchObject({ documents: 1 });

  // On ann1's laptop (another instance, its user called Ann): the package, under its banner.
  const laptop = await browser.newPage();
  await openAs(laptop, 'Ann', ann1Package);
  await expect(laptop.getByRole('note')).toHaveText('Work package of team for ann1');
  await expect(laptop.locator('.mg-user')).toHaveText('ann1');
  await expect(laptop.locator('.mg-doc .mg-doc-title')).toHaveText(['Kabul', 'Sindh']);
  await laptop.locator('.mg-doc', { hasText: 'Kabul' }).click();
  // The text is drawn once the document has opened: select in it only then.
  await expect(laptop.locator('.mg-text')).toContainText('died in Kabul');
  await dragSelect(laptop, '12 people');
  await laptop.keyboard.press('2');
  await expect(laptop.locator('.mg-text .mg-span')).toHaveCount(1);
  await hosts.pop()!.kill();
  await laptop.close();

  // On ann2's laptop: Quetta's place tagged, and the document marked done.
  const second = await browser.newPage();
  const ann2Host = await openAs(second, 'ann2', ann2Package);
  await second.locator('.mg-doc', { hasText: 'Quetta' }).click();
  await expect(second.locator('.mg-text')).toContainText('died in Quetta');
  await dragSelect(second, 'Quetta');
  await second.keyboard.press('3');
  await expect(second.locator('.mg-text .mg-span')).toHaveCount(1);
  const [quetta] = await callApi(ann2Host, 'listDocuments', {});
  await callApi(ann2Host, 'setDocumentStatus', { documentId: quetta!.id, status: 'done' });
  await hosts.pop()!.kill();
  await second.close();

  // The owner merges it back and reads the report; merging again changes nothing.
  await owner.answerDialogs([ann1Package]);
  await dialog.getByRole('button', { name: 'Merge returned work…' }).click();
  const report = dialog.getByRole('table', { name: 'Merge report' });
  await expect(report.locator('tbody tr').first()).toHaveText(['ann1', 'Kabul', '1', '0', '0', '0'].join(''));
  await expect(dialog.getByText('Merged.')).toBeVisible();
  const spans = (await callApi(owner, 'listAnnotators', {})).map((a) => [a.name, a.spans]);
  expect(spans).toEqual([
    ['ann1', 1],
    ['ann2', 0],
    ['olga', 0],
  ]);
  await owner.answerDialogs([ann1Package]);
  await dialog.getByRole('button', { name: 'Merge returned work…' }).click();
  await expect(dialog.getByText('Nothing to merge: the project already holds this work.')).toBeVisible();
  await owner.answerDialogs([ann2Package]);
  const merged = await callApi(owner, 'mergeWorkPackages', {});
  expect(merged && 'packages' in merged ? merged.packages[0]?.documents : merged).toEqual([
    expect.objectContaining({ title: 'Quetta', added: 1 }),
  ]);
  await dialog.getByRole('button', { name: 'Dismiss dialog' }).click();

  // The Progress screen (by keyboard) shows both annotators' spans and statuses; at 1280 px the
  // toolbar with its Progress button still fits on one line.
  await page.setViewportSize({ width: 1280, height: 800 });
  const close = await page.getByRole('button', { name: 'Close project' }).boundingBox();
  const progressButton = await page.getByRole('button', { name: 'Progress' }).boundingBox();
  expect(close!.x + close!.width).toBeLessThanOrEqual(1280);
  expect(close!.y).toBe(progressButton!.y);
  await page.keyboard.press('Control+Shift+P');
  const byStatus = page.getByRole('table', { name: 'Documents by status per annotator' });
  const rowOf = (name: string) =>
    byStatus.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  // annotator, done, in progress, todo, spans
  await expect(rowOf('ann1').getByRole('cell')).toHaveText(['0', '1', '1', '1']);
  await expect(rowOf('ann2').getByRole('cell')).toHaveText(['1', '0', '0', '1']);
  await expect(page.getByRole('table', { name: 'Spans per label per annotator' })).toContainText('Location');
  const documentsTable = page.getByRole('table', { name: 'Documents', exact: true });
  await expect(documentsTable).toContainText('ann2: done, 1');
  const dashboard = await page.locator('.mg-dashboard').innerText();

  // Merging both again changes nothing there.
  await owner.answerDialogs([ann1Package, ann2Package]);
  expect(await callApi(owner, 'mergeWorkPackages', {})).toMatchObject({ changed: false });
  await page.keyboard.press('Control+Shift+P');
  await expect(page.locator('.mg-dashboard')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+P');
  await expect(rowOf('ann2').getByRole('cell')).toHaveText(['1', '0', '0', '1']);
  expect(await page.locator('.mg-dashboard').innerText()).toBe(dashboard);

  // ann2's package, a copy with its text altered: refused by name, and the project is as it was.
  const spoiledPackage = join(dir, 'team-ann2-altered.marginalia');
  copyFileSync(ann2Package, spoiledPackage);
  const spoiled = new Database(spoiledPackage);
  spoiled.exec("UPDATE document SET text = replace(text, '12', '21')");
  spoiled.close();
  const before = tableDump(project);
  await owner.answerDialogs([spoiledPackage]);
  await expect(callApi(owner, 'mergeWorkPackages', {})).rejects.toThrow(
    'team-ann2-altered.marginalia: the text of "Quetta" no longer matches the project\'s',
  );
  await hosts.pop()!.kill();
  expect(tableDump(project)).toBe(before);
});

test("a merge refused for the package's own labels lists them; the owner maps one, adds the other, and merges", async ({
  page,
}) => {
  const dir = tempDir('packages-labels');
  const project = teamProject(dir);
  // ann1 added two labels in the package and used each once in Kabul.
  const ann1Package = join(dir, 'team-ann1.marginalia');
  const store = ProjectStore.open(project);
  writePackage(store, 'ann1', ann1Package, 'olga');
  store.close();
  const pkg = new Database(ann1Package);
  pkg.exec(`
    INSERT INTO label (key, name, color, hotkey, kind, position) VALUES
      ('Person', 'Person', '#2b8a3e', '', 'span', 8), ('Org', 'Organisation', '#5f3dc4', '', 'span', 9);
    INSERT INTO span (document_id, annotator_id, gold, label_id, start, "end", attributes, origin, created_at, updated_at)
      SELECT 1, a.id, 0, l.id, s, e, '{}', 'manual', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'
      FROM annotator a, label l, (SELECT 0 AS s, 9 AS e, 'Person' AS k UNION ALL SELECT 33, 38, 'Org')
      WHERE a.name = 'ann1' AND l.key = k;`);
  pkg.close();

  const owner = await openAs(page, 'olga', project);
  await page.getByRole('button', { name: 'Packages…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Work packages' });
  await owner.answerDialogs([ann1Package]);
  await dialog.getByRole('button', { name: 'Merge returned work…' }).click();
  const placing = dialog.getByRole('form', { name: 'Labels to place' });
  await expect(placing.getByRole('alert')).toContainText('Nothing was merged yet');
  await expect(placing.getByRole('combobox')).toHaveCount(2);
  await placing.getByLabel('Organisation').selectOption({ label: 'Merge as Location' });
  await expect(placing.getByLabel('Person')).toHaveValue('');
  await placing.getByRole('button', { name: 'Merge' }).click();

  const report = dialog.getByRole('table', { name: 'Merge report' });
  await expect(report.locator('tbody tr').first()).toHaveText(['ann1', 'Kabul', '2', '0', '0', '0'].join(''));
  await expect(placing).toBeHidden();
  const labels = (await callApi(owner, 'getSession', {})).project!.schema.labels.map((l) => l.name);
  expect(labels).toEqual(['Claim', 'Figure', 'Location', 'Hedge', 'Person']);
  await hosts.pop()!.kill();
  const merged = new Database(project, { readonly: true });
  const spans = merged
    .prepare(
      `SELECT l.name, s.start FROM span s JOIN label l ON l.id = s.label_id
       JOIN annotator a ON a.id = s.annotator_id WHERE a.name = 'ann1' ORDER BY s.start`,
    )
    .all();
  merged.close();
  expect(spans).toEqual([
    { name: 'Person', start: 0 },
    { name: 'Location', start: 33 },
  ]);
});
