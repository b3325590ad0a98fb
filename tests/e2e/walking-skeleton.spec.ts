/**
 * The walking skeleton as a user does it: real clicks, drags and keys in Chromium against the
 * loopback host, checking what is stored and exported, not only what is shown.
 */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dragSelect, startHost, tempDir, type RunningHost } from './host';

const DEMO = resolve(import.meta.dirname, '../../resources/demo');

interface ExportedSpan {
  start: number;
  end: number;
  label: string;
  text: string;
  annotator: string;
}
interface ExportedDocument {
  offset_unit: string;
  id: string;
  text: string;
  spans: ExportedSpan[];
}

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.kill();
  host = undefined;
});

async function giveName(page: Page, name: string) {
  await expect(page.getByRole('heading', { name: 'Welcome to Marginalia' })).toBeVisible();
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Opens a document from the list and waits until its text is on screen. */
async function openDocument(page: Page, titlePart: string) {
  await page.locator('.mg-doc', { hasText: titlePart }).click();
  await expect(page.locator('.mg-article-title')).toContainText(titlePart);
}

const spanIn = (page: Page, text: string) => page.locator('.mg-text .mg-span', { hasText: text });

test('first start opens the demo project with its sample articles', async ({ page }) => {
  host = await startHost({ args: ['--startup'] });
  await page.goto(host.url);
  await giveName(page, 'Dana');
  await expect(page.locator('.mg-project-name')).toHaveText('Demo');
  await expect(page.locator('.mg-doc')).toHaveCount(6);
  await openDocument(page, 'Quetta');
  await expect(page.locator('.mg-text')).toContainText('کوئٹہ');
});

test('create a project, import, tag, relabel, delete, reopen and export', async ({ page }) => {
  const work = tempDir('skeleton');
  const projectPath = join(work, 'field-notes.marginalia');
  const articles = join(work, 'articles');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(articles);
  for (const name of [
    '01-dam-collapse-figures.txt',
    '04-wildfire-social-emoji.txt',
    '06-ministry-press-release-crlf.txt',
  ]) {
    copyFileSync(join(DEMO, name), join(articles, name));
  }
  writeFileSync(join(articles, 'empty.txt'), '');
  writeFileSync(join(articles, 'scan.txt'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]));
  writeFileSync(join(articles, 'latin1.txt'), Buffer.from('Caf\xe9 au lait', 'latin1'));

  host = await startHost();
  await page.goto(host.url);
  await giveName(page, 'Alice');

  // 2. Create a project through the (scripted) save dialog.
  await host.answerDialogs(projectPath);
  await page.getByRole('button', { name: 'New project…' }).click();
  await expect(page.locator('.mg-project-name')).toHaveText('field-notes');

  // 3. Import a folder: one batch, so the bad files (each named with its reason) stop all of it.
  await host.answerDialogs(articles);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByRole('button', { name: 'Choose folder…' }).click();
  const report = dialog.getByRole('alert');
  await expect(report).toContainText('Nothing was imported. 3 problems in the files');
  await expect(report).toContainText(`${join(articles, 'empty.txt')}: the file is empty`);
  await expect(report).toContainText(`${join(articles, 'scan.txt')}: the file is binary`);
  await expect(report).toContainText(`${join(articles, 'latin1.txt')}: the file is not valid UTF-8`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('.mg-doc')).toHaveCount(0);
  for (const name of ['empty.txt', 'scan.txt', 'latin1.txt']) rmSync(join(articles, name));
  await host.answerDialogs(articles);
  await page.getByRole('button', { name: 'Import…' }).click();
  await dialog.getByRole('button', { name: 'Choose folder…' }).click();
  await expect(dialog.getByRole('status')).toContainText('Imported 3 new documents');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // 4. The document list: titles, status, span counts.
  const docs = page.locator('.mg-doc');
  await expect(docs).toHaveCount(3);
  await expect(docs.nth(0)).toContainText('Death toll rises to at least 47');
  await expect(docs.nth(0)).toContainText('to do');
  await expect(docs.nth(0)).toContainText('0 spans');

  // 5. Tag by key and by button; a Claim holding a Figure and a Location is drawn in layers.
  await openDocument(page, 'Death toll');
  const claim =
    'At least 47 people have been killed and more than 1,200 homes destroyed after the Harrow Gap dam';
  await dragSelect(page, claim);
  await page.keyboard.press('1');
  await expect(spanIn(page, 'have been killed')).toHaveClass(/mg-label-0/);
  await dragSelect(page, 'At least 47 people');
  await page.keyboard.press('2');
  await dragSelect(page, 'Harrow Gap', 1);
  await page.getByRole('button', { name: '3 Location' }).click();
  await dragSelect(page, 'officials said');
  await page.keyboard.press('4');
  await expect(page.locator('.mg-text [data-span-id]')).not.toHaveCount(0);
  await expect(page.locator('.mg-panel-heading')).toHaveText('4 spans');
  await expect(docs.nth(0)).toContainText('4 spans');
  await expect(docs.nth(0)).toContainText('in progress');
  const figure = page.locator('.mg-text .mg-span.mg-label-1');
  await expect(figure).toHaveText('At least 47 people');
  await expect(figure).toHaveClass(/mg-layer-1/);
  await expect(page.locator('.mg-text .mg-span.mg-label-2')).toHaveClass(/mg-layer-1/);
  await page.screenshot({ path: test.info().outputPath('nested.png') });

  // 6. Select a span in the text and relabel it by key; select one in the list and delete it.
  await spanIn(page, 'officials said').click();
  await expect(page.getByLabel('Label of the selected span')).toHaveValue('Hedge');
  await page.keyboard.press('1');
  await expect(spanIn(page, 'officials said')).toHaveClass(/mg-label-0/);
  await page.getByLabel('Label of the selected span').selectOption('Location');
  await expect(spanIn(page, 'officials said')).toHaveClass(/mg-label-2/);
  await page.locator('.mg-spanrow.mg-label-2', { hasText: 'Harrow Gap' }).click();
  await page.keyboard.press('Delete');
  await expect(page.locator('.mg-panel-heading')).toHaveText('3 spans');

  // Offsets stay exact after emoji and in a file that had CRLF line ends.
  await openDocument(page, 'Social media roundup');
  await dragSelect(page, 'Crews from three stations');
  await page.keyboard.press('2');
  await openDocument(page, 'Ministry of Civil Protection');
  await dragSelect(page, 'Ministry of Civil Protection', 1);
  await page.keyboard.press('3');
  await expect(page.locator('.mg-panel-heading')).toHaveText('1 span');

  // 7. Quit hard and start again: the app reopens the last project with every edit.
  await host.kill();
  host = await startHost({ dataDir: host.dataDir, args: ['--startup'] });
  await page.goto(host.url);
  await expect(page.locator('.mg-project-name')).toHaveText('field-notes');
  await expect(page.locator('.mg-doc').nth(0)).toContainText('3 spans');
  await openDocument(page, 'Death toll');
  await expect(page.locator('.mg-spanrow')).toHaveText([
    /Claim.*At least 47 people have been killed/,
    /Figure.*At least 47 people/,
    /Location.*officials said/,
  ]);

  // 8. Export native JSONL through the save dialog, and check the file.
  const exportPath = join(work, 'field-notes.jsonl');
  await host.answerDialogs(exportPath);
  await page.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await exportDialog.getByRole('button', { name: 'Export…' }).click();
  await expect(exportDialog.getByRole('status')).toContainText(
    `Exported 3 documents, 5 spans and 0 relations to ${exportPath}`,
  );
  await expect(exportDialog.getByRole('status')).toContainText('Nothing was lost');
  const lines = readFileSync(exportPath, 'utf8').trimEnd().split('\n');
  const exported = lines.map((line) => JSON.parse(line) as ExportedDocument);
  expect(exported.map((d) => d.id)).toEqual([
    '01-dam-collapse-figures',
    '04-wildfire-social-emoji',
    '06-ministry-press-release-crlf',
  ]);
  for (const doc of exported) {
    expect(doc.offset_unit).toBe('utf16-code-units');
    expect(doc.text).not.toContain('\r');
    for (const span of doc.spans) {
      expect(span.text).toBe(doc.text.slice(span.start, span.end));
      expect(span.annotator).toBe('Alice');
    }
  }
  expect(exported[0]!.spans.map((s) => [s.label, s.text])).toEqual([
    ['Claim', claim],
    ['Figure', 'At least 47 people'],
    ['Location', 'officials said'],
  ]);
  const emojiSpan = exported[1]!.spans[0]!;
  expect(emojiSpan.text).toBe('Crews from three stations');
  expect(emojiSpan.start).toBe(exported[1]!.text.indexOf('Crews from three stations'));
  expect(exported[2]!.spans.map((s) => s.text)).toEqual(['Ministry of Civil Protection']);
});

test('opening a file that is not a project says so and changes nothing', async ({ page }) => {
  const work = tempDir('bad-open');
  const notProject = join(work, 'notes.marginalia');
  writeFileSync(notProject, 'just some notes');
  host = await startHost({ args: ['--user', 'Bo'] });
  await page.goto(host.url);
  await host.answerDialogs(notProject);
  await page.getByRole('button', { name: 'Open project…' }).click();
  await expect(page.getByRole('alert')).toContainText(`${notProject} is not a Marginalia project`);
  await expect(page.getByRole('button', { name: 'New project…' })).toBeVisible();
  expect(readFileSync(notProject, 'utf8')).toBe('just some notes');
});
