/**
 * Import and export through the dialogs as a user does it: real clicks in Chromium against the
 * loopback host, scripted answers for the native file dialogs, and checks on what is stored (through
 * the API) and on the files written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { callApi, readDocument, startHost, tempDir, type RunningHost } from './host';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

const TEXT = 'Officials said 12 people 🔥 were killed in Kervadi.\nThe ministry reportedly denied it.';

/** A native JSONL file: Alice's Claim holding a Figure and a Location (nested), and Bob's Hedge. */
function nativeFixture(path: string): void {
  const span = (id: string, label: string, covered: string, annotator: string) => {
    const start = TEXT.indexOf(covered);
    return { id, label, start, end: start + covered.length, text: covered, annotator };
  };
  const line = {
    format: 'marginalia-jsonl/2',
    offset_unit: 'utf16-code-units',
    id: 'kervadi',
    title: 'Kervadi',
    text: TEXT,
    spans: [
      span('c', 'Claim', '12 people 🔥 were killed in Kervadi', 'Alice'),
      span('f', 'Figure', '12 people', 'Alice'),
      span('l', 'Location', 'Kervadi', 'Alice'),
      span('h', 'Hedge', 'reportedly', 'Bob'),
    ],
    relations: [{ type: 'in', from: 'f', to: 'c', annotator: 'Alice' }],
  };
  writeFileSync(path, JSON.stringify(line) + '\n');
}

async function newProject(page: Page, path: string) {
  await host!.answerDialogs(path);
  await page.getByRole('button', { name: 'New project…' }).click();
  await expect(page.locator('.mg-project-name')).toBeVisible();
}

/** Starts the app as Alice on a new project in `work` and imports the native fixture through the Import dialog. */
async function importNativeFixture(page: Page, work: string) {
  const fixture = join(work, 'kervadi.jsonl');
  nativeFixture(fixture);
  host = await startHost({ args: ['--user', 'Alice'] });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await newProject(page, join(work, 'news.marginalia'));
  await host.answerDialogs(fixture);
  await page.getByRole('button', { name: 'Import…' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import' });
  await importDialog.getByRole('button', { name: 'Choose files…' }).click();
  await expect(importDialog.getByRole('status')).toContainText('Imported 1 new document');
  await expect(importDialog.getByRole('status')).toContainText('New spans: 3 for Alice, 1 for Bob');
  await importDialog.getByRole('button', { name: 'Close', exact: true }).click();
}

test('import a native file, then export CoNLL with options: loss report shown and written', async ({
  page,
}) => {
  const work = tempDir('transfer');
  await importNativeFixture(page, work);
  await expect(page.locator('.mg-doc')).toHaveCount(1);

  // Export Alice's Claims and Figures as CoNLL, in code points: the nested Figure cannot be held.
  const out = join(work, 'alice.conll');
  await host!.answerDialogs(out);
  await page.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await exportDialog.getByLabel('Format').selectOption({ label: 'CoNLL-2003 (BIO)' });
  await exportDialog.getByLabel('Chosen annotators').check();
  await exportDialog.getByLabel('Alice').check();
  await expect(exportDialog.getByLabel('Gold only')).toBeDisabled();
  await expect(exportDialog).toContainText('no annotator in this project has the reviewer role');
  await exportDialog.getByLabel('Location').uncheck();
  await exportDialog.getByLabel('Hedge').uncheck();
  await exportDialog.getByLabel('Offsets').selectOption('codepoint');
  await page.screenshot({ path: test.info().outputPath('export-dialog.png') });
  await exportDialog.getByRole('button', { name: 'Export…' }).click();

  const summary = exportDialog.getByRole('status');
  await expect(summary).toContainText(`Exported 1 document, 2 spans and 1 relation to ${out}`);
  await expect(summary).toContainText('Loss report');
  await expect(summary.locator('.mg-losses')).toContainText('overlap');
  await expect(exportDialog.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('export-loss-report.png') });

  const conll = readFileSync(out, 'utf8');
  expect(conll).toContain('12 -X- -X- B-Claim\npeople -X- -X- I-Claim\n');
  expect(conll).not.toContain('Hedge');
  expect(conll).not.toContain('Location');
  expect(readFileSync(`${out}.loss.txt`, 'utf8')).toContain('overlap');
  expect(existsSync(`${out}.loss.json`)).toBe(true);
  expect(await callApi(host!, 'listFormats', {})).not.toHaveLength(0);
});

test('make an annotator a reviewer from the Export dialog; gold is what reviewers write, not their own spans', async ({
  page,
}) => {
  const work = tempDir('gold');
  await importNativeFixture(page, work);

  await page.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await exportDialog.getByLabel('Format').selectOption({ label: 'Native JSONL' });
  await expect(exportDialog.getByLabel('Gold only')).toBeDisabled();
  await exportDialog.getByRole('button', { name: 'Annotators…' }).click();
  const annotators = page.getByRole('dialog', { name: 'Team' });
  await expect(annotators.getByRole('row', { name: /Alice/ })).toContainText('3');
  await expect(annotators.getByRole('row', { name: /Bob/ })).toContainText('1');
  await annotators.getByLabel('Role of Bob').selectOption('reviewer');
  await expect
    .poll(() => callApi(host!, 'listAnnotators', {}))
    .toContainEqual(expect.objectContaining({ name: 'Bob', role: 'reviewer' }));
  await page.screenshot({ path: test.info().outputPath('annotators-dialog.png') });
  await annotators.getByRole('button', { name: 'Done' }).click();

  // Back in the Export dialog with its choices kept: Bob may now write gold, but a role moves no spans.
  await expect(exportDialog.getByLabel('Format')).toHaveValue('jsonl');
  await expect(exportDialog).toContainText(
    'Gold is the layer the reviewers (Bob) write in the annotate view.',
  );
  await exportDialog.getByLabel('Gold only').check();
  const out = join(work, 'gold.jsonl');
  await host!.answerDialogs(out);
  await exportDialog.getByRole('button', { name: 'Export…' }).click();
  await expect(exportDialog).toContainText('there is no gold layer: no reviewer has written gold spans');
  expect(existsSync(out)).toBe(false);
});

test('import a doccano file with an unknown label, map it to a schema label, and the spans are stored', async ({
  page,
}) => {
  const work = tempDir('unknown-label');
  const doccano = join(work, 'people.jsonl');
  const text = 'Dr. Amina Rauf said the clinic in Quetta treated 40 people.';
  const at = (s: string) => [text.indexOf(s), text.indexOf(s) + s.length];
  writeFileSync(
    doccano,
    JSON.stringify({
      text,
      label: [
        [...at('Dr. Amina Rauf'), 'Person'],
        [...at('Quetta'), 'Location'],
      ],
    }) + '\n',
  );
  host = await startHost({ args: ['--user', 'Alice'] });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await newProject(page, join(work, 'clinic.marginalia'));

  await host.answerDialogs(doccano);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog.getByLabel('Format')).toHaveValue('auto');
  await page.screenshot({ path: test.info().outputPath('import-dialog.png') });
  await dialog.getByRole('button', { name: 'Choose files…' }).click();
  const refused = dialog.getByRole('alert');
  await expect(refused).toContainText('Nothing was imported.');
  await expect(refused).toContainText('Person');
  expect(await callApi(host!, 'listDocuments', {})).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('unknown-label.png') });

  await dialog.getByLabel('Import Person as').selectOption('Claim');
  await dialog.getByRole('button', { name: 'Import again' }).click();
  await expect(dialog.getByRole('status')).toContainText('Imported 1 new document');
  await expect(dialog.getByRole('status')).toContainText('New spans: 2 for Alice');

  const [document] = await callApi(host!, 'listDocuments', {});
  const view = await readDocument(host!, document!.id);
  expect(view.spans.map((s) => [s.label, text.slice(s.start, s.end)])).toEqual([
    ['Claim', 'Dr. Amina Rauf'],
    ['Location', 'Quetta'],
  ]);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.locator('.mg-doc')).toHaveCount(1);
});

test('a doccano file with an emoji before its spans is read as doccano counts, and the dialog says which unit', async ({
  page,
}) => {
  const work = tempDir('doccano-units');
  const doccano = join(work, 'admin.jsonl');
  // As doccano's annotation screen writes it: UTF-16 offsets, no offset_unit.
  const text = '😀 Police said 47 people died in Karachi.';
  writeFileSync(
    doccano,
    JSON.stringify({
      text,
      label: [
        [3, 9, 'Claim'],
        [33, 40, 'Location'],
      ],
    }) + '\n',
  );
  host = await startHost({ args: ['--user', 'Alice'] });
  await page.goto(host.url);
  await newProject(page, join(work, 'units.marginalia'));

  await host.answerDialogs(doccano);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByRole('button', { name: 'Choose files…' }).click();
  const status = dialog.getByRole('status');
  await expect(status).toContainText('Imported 1 new document');
  await expect(status.getByRole('list', { name: 'How the files were read' })).toContainText(
    'offsets read as UTF-16 code units',
  );

  const [document] = (await callApi(host!, 'listDocuments', {})) as { id: number }[];
  const view = await readDocument(host!, document!.id);
  expect(view.spans.map((s) => text.slice(s.start, s.end))).toEqual(['Police', 'Karachi']);
});

test('import five files of which three are bad: refused by default, then the good two with the bad ones listed, from the keyboard', async ({
  page,
}) => {
  const work = tempDir('skip-bad');
  const names = ['a-story.txt', 'b-empty.txt', 'c-story.txt', 'd-binary.txt', 'e-blank.txt'];
  const contents = ['First story\n', '', 'Second story\n', '\u0000\u0001binary', '  \n'];
  names.forEach((name, index) => writeFileSync(join(work, name), contents[index]!));
  host = await startHost({ args: ['--user', 'Alice'] });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await newProject(page, join(work, 'skip.marginalia'));

  await host.answerDialogs(names.map((name) => join(work, name)));
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByRole('button', { name: 'Choose files…' }).click();
  const refused = dialog.getByRole('alert');
  await expect(refused).toContainText('Nothing was imported. 3 problems in the files:');
  expect(await callApi(host!, 'listDocuments', {})).toEqual([]);

  const skip = dialog.getByRole('button', { name: 'Import the 2 good files, skip the listed ones' });
  // Reachable with Tab from where the refusal leaves the focus, and taken with Enter.
  for (let i = 0; i < 12 && !(await skip.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  const status = dialog.getByRole('status');
  await expect(status).toContainText('Imported 2 new documents');
  await status.getByText('3 files were left out').click();
  await expect(status).toContainText(`${join(work, 'b-empty.txt')}: the file is empty`);
  await expect(status).toContainText(`${join(work, 'd-binary.txt')}: the file is binary, not text`);
  await expect(status).toContainText(`${join(work, 'e-blank.txt')}: the file holds only white space`);
  const documents = (await callApi(host!, 'listDocuments', {})) as { title: string }[];
  expect(documents.map((d) => d.title).sort()).toEqual(['First story', 'Second story']);
});

test('a large import shows its progress figure moving, and Cancel leaves the project without a document', async ({
  page,
}) => {
  // The host waits 5 ms at every job checkpoint (--job-pause), so reading 2,000 articles takes
  // seconds on any machine: the figure can be seen to move and Cancel arrives while the job runs.
  const work = tempDir('cancel');
  const folder = join(work, 'articles');
  mkdirSync(folder);
  const FILES = 2_000;
  const body = 'Officials said 12 people were killed in Kervadi; the ministry denied it.';
  for (let i = 0; i < FILES; i++) writeFileSync(join(folder, `article-${i}.txt`), `Article ${i}\n\n${body}`);
  host = await startHost({ args: ['--user', 'Alice', '--job-pause', '5'] });
  await page.goto(host.url);
  await newProject(page, join(work, 'news.marginalia'));

  await host.answerDialogs(folder);
  await page.getByRole('button', { name: 'Import…' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import' });
  await importDialog.getByRole('button', { name: 'Choose folder…' }).click();
  const phase = importDialog.locator('.mg-job-phase');
  await expect(phase).toContainText(new RegExp(`Reading files \\d+ of ${FILES}`), { timeout: 30_000 });
  await expect(importDialog.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  // How many files the dialog says are read ("Reading files 120 of 20000"); -1 once reading is over.
  const filesRead = async () =>
    Number(/^Reading files (\d+) of/.exec((await phase.textContent()) ?? '')?.[1] ?? -1);
  const first = await filesRead();
  expect(first).toBeGreaterThanOrEqual(0);
  await expect.poll(filesRead).toBeGreaterThan(first);

  await importDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(importDialog.getByRole('status')).toHaveText('Import cancelled; nothing was written.');
  await expect(importDialog.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  expect(await callApi(host, 'listDocuments', {})).toEqual([]);
  await importDialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.locator('.mg-doc')).toHaveCount(0);
});
