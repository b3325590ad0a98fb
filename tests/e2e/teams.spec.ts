/**
 * Teams on one machine: the owner assigns 3 documents to 2 annotators in the assignment table
 * (Assign… round-robin, then one cell changed by hand), and each annotator, opening the same
 * project under their own name in another app instance, sees only the documents assigned to them.
 */
import { expect, test, type Page } from '@playwright/test';
import { callApi, startHost, tempDir, type RunningHost } from './host';
import { teamProject as makeTeamProject } from './teamProject';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

/** olga's project with three articles; ann1 and ann2 have joined. */
const teamProject = () => makeTeamProject(tempDir('teams'));

/** A new app instance (host) for `user` on the project; the one before it is stopped (one writer). */
async function openAs(page: Page, user: string, project: string): Promise<void> {
  await host?.kill();
  host = await startHost({ args: ['--project', project, '--user', user] });
  await page.goto(host.url);
  await expect(page.locator('.mg-project-name')).toHaveText('team');
}

const listed = (page: Page) => page.locator('.mg-doc .mg-doc-title').allTextContents();

test('the owner assigns 3 documents to 2 annotators in the table; each annotator sees only theirs', async ({
  page,
}) => {
  const project = teamProject();
  await openAs(page, 'olga', project);
  await expect(page.locator('.mg-doc')).toHaveCount(3);
  const quetta = (await callApi(host!, 'listDocuments', {})).find((d) => d.title === 'Quetta')!.id;

  await page.getByRole('button', { name: 'Team…' }).click();
  const team = page.getByRole('dialog', { name: 'Team' });
  await expect(team.getByLabel('Your name')).toHaveValue('olga');
  await expect(team.getByText('your role: owner')).toBeVisible();
  await team.getByRole('button', { name: 'Assignments…' }).click();

  const table = page.getByRole('dialog', { name: 'Assignments' });
  await expect(table.getByText('1–3 of 3')).toBeVisible();
  await table.getByRole('button', { name: 'Assign…' }).click();
  const form = page.getByRole('dialog', { name: 'Assign documents' });
  await form.getByRole('checkbox', { name: 'ann1' }).check();
  await form.getByRole('checkbox', { name: 'ann2' }).check();
  await form.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(page.getByText('Assigned 3 documents, 1 annotators each: ann1 2, ann2 1')).toBeVisible();

  // Round-robin gave Kabul and Sindh to ann1, Quetta to ann2; Sindh moves to ann2 by hand.
  const cell = (title: string, name: string) => table.getByRole('checkbox', { name: `${title}: ${name}` });
  await expect(cell('Kabul', 'ann1')).toBeChecked();
  await expect(cell('Quetta', 'ann2')).toBeChecked();
  await expect(cell('Sindh', 'ann1')).toBeChecked();
  // A cell shows its new state once it is saved.
  await cell('Sindh', 'ann1').click();
  await expect(cell('Sindh', 'ann1')).not.toBeChecked();
  await cell('Sindh', 'ann2').click();
  await expect(cell('Sindh', 'ann2')).toBeChecked();
  await table.getByRole('button', { name: 'Done' }).click();
  await expect(team.getByRole('row', { name: /ann1/ })).toContainText('1');
  await team.getByRole('button', { name: 'Done' }).click();
  // The owner still sees every document.
  await expect(page.locator('.mg-doc')).toHaveCount(3);

  await openAs(page, 'ann1', project);
  await expect(page.locator('.mg-doc')).toHaveCount(1);
  expect(await listed(page)).toEqual(['Kabul']);
  // Not only hidden: the API refuses ann1 a document assigned to ann2.
  await expect(callApi(host!, 'getDocument', { id: quetta })).rejects.toThrow(/not assigned to you/);
  // The table names every document: an annotator neither sees it offered nor gets it from the API.
  await page.getByRole('button', { name: 'Team…' }).click();
  const annTeam = page.getByRole('dialog', { name: 'Team' });
  await expect(annTeam.getByText('your role: annotator')).toBeVisible();
  await expect(annTeam.getByRole('button', { name: 'Assignments…' })).toHaveCount(0);
  await expect(annTeam.getByLabel('Role of olga')).toBeDisabled();
  await expect(callApi(host!, 'listAssignments', { offset: 0, limit: 10 })).rejects.toThrow(
    /the assignment table is for owners and reviewers/,
  );

  await openAs(page, 'ann2', project);
  await expect(page.locator('.mg-doc')).toHaveCount(2);
  expect(await listed(page)).toEqual(['Quetta', 'Sindh']);
});

test('the local user renames themselves in the Team dialog; their spans stay theirs', async ({ page }) => {
  const project = teamProject();
  await openAs(page, 'ann1', project);
  const kabul = (await callApi(host!, 'listDocuments', {}))[0]!.id;
  await callApi(host!, 'addSpan', { documentId: kabul, start: 15, end: 24, label: 'Figure' });
  await page.getByRole('button', { name: 'Team…' }).click();
  const team = page.getByRole('dialog', { name: 'Team' });
  // The field shows your name once the team is read; then you type the new one.
  await expect(team.getByLabel('Your name')).toHaveValue('ann1');
  await team.getByLabel('Your name').fill('Ann Lee');
  await team.getByRole('button', { name: 'Rename me' }).click();
  await expect(page.locator('.mg-user')).toHaveText('Ann Lee');
  await expect(team.getByRole('row', { name: /Ann Lee/ })).toContainText('1');
  expect((await callApi(host!, 'listAnnotators', {})).map((a) => a.name)).toEqual([
    'Ann Lee',
    'ann2',
    'olga',
  ]);
});
