/**
 * Work packages across two app instances: the owner writes ann1's package from the toolbar, a
 * second host opens it on "ann1's laptop" (whose user is called Ann there) under its banner, and
 * ann1 tags a figure; the owner merges it back and reads the report, merging again changes nothing,
 * and a package whose text was altered is refused with the project left as it was.
 */
import { expect, test, type Page } from '@playwright/test';
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

test('the owner packages, an annotator tags in the package on another instance, the owner merges it once', async ({
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

  // ann2's package with its text altered: refused by name, and the project is as it was.
  const spoiled = new Database(ann2Package);
  spoiled.exec("UPDATE document SET text = replace(text, '12', '21')");
  spoiled.close();
  const before = tableDump(project);
  await owner.answerDialogs([ann2Package]);
  await expect(callApi(owner, 'mergeWorkPackages', {})).rejects.toThrow(
    'team-ann2.marginalia: the text of "Quetta" no longer matches the project\'s',
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
