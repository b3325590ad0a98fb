import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiResults } from '../contract/api';
import { expandDocument } from '../contract/compactDocument';
import { dispatch, type WireError } from '../contract/dispatch';
import type { ImportReport } from '../contract/types';
import { createWorkbench, type Workbench } from './workbench';

const KABUL = 'Officials said 12 people died in Kabul. Police said 12 people were hurt.\nKabul is calm.';
const KARACHI = 'کراچی میں بارش 🔥 Kabul sends help. Officials said nothing.';

let dir: string;
let workbench: Workbench;

/** The files the user picks in the next import dialog; the new project is always news.marginalia. */
let importing: string[] | null = null;
const dialogs = {
  chooseNewProjectPath: async () => projectPath(),
  chooseProjectPath: async () => null,
  chooseImportPaths: async () => importing,
  chooseExportPath: async () => null,
  choosePackagePath: async () => null,
  choosePackagesToMerge: async () => null,
};

/** Imports through the API's job, as the app does (the user picks `paths`), and waits for its report. */
async function importFiles(paths: string[]): Promise<ImportReport> {
  importing = paths;
  const started = await ok('startImport', {});
  const status = started && (await workbench.jobs.settled(started.jobId));
  if (status?.kind !== 'import' || !status.result?.written)
    throw new Error(`import failed: ${JSON.stringify(status)}`);
  return status.result;
}

async function ok<M extends ApiMethod>(method: M, args: unknown): Promise<ApiResults[M]> {
  const reply = await dispatch(workbench.handlers, method, args);
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error.message}`);
  return reply.result as ApiResults[M];
}
async function fails(method: ApiMethod, args: unknown): Promise<WireError> {
  const reply = await dispatch(workbench.handlers, method, args);
  if (reply.ok) throw new Error(`${method} succeeded`);
  return reply.error;
}

let kabul: number;
let karachi: number;
const projectPath = () => join(dir, 'news.marginalia');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-flow-'));
  workbench = createWorkbench({ settingsPath: join(dir, 'settings.json'), dialogs });
  await ok('setUserName', { name: 'alice' });
  await ok('newProject', {});
  writeFileSync(join(dir, 'kabul.txt'), KABUL);
  writeFileSync(join(dir, 'karachi.txt'), KARACHI);
  const report = await importFiles([join(dir, 'kabul.txt'), join(dir, 'karachi.txt')]);
  [kabul, karachi] = report.imported.map((d) => d.documentId) as [number, number];
});

afterEach(() => {
  workbench.close();
  rmSync(dir, { recursive: true, force: true });
});

const spansOf = async (id: number) =>
  expandDocument(await ok('getDocument', { id })).spans.map(
    (s) => `${s.label} ${KABUL.slice(s.start, s.end)}`,
  );

describe('undo, redo and history through the API', () => {
  it('undoes and redoes after the workbench restarts, and describes each action', async () => {
    const span = await ok('addSpan', { documentId: kabul, start: 15, end: 24, label: 'Figure' });
    await ok('setSpanLabel', { spanId: span.id, label: 'Claim' });
    const undone = await ok('undo', { documentId: kabul });
    expect(undone).toMatchObject({ description: "relabelled Figure → Claim '12 people'" });
    expect(undone!.spans.map((s) => s.label)).toEqual(['Figure']);
    expect(undone!.relations).toEqual([]);

    workbench.close();
    workbench = createWorkbench({ settingsPath: join(dir, 'settings.json'), dialogs });
    workbench.openProject(projectPath());
    expect(await ok('redo', { documentId: kabul })).toMatchObject({ spans: [{ label: 'Claim' }] });
    expect(await ok('redo', { documentId: kabul })).toBeNull();
    const history = await ok('getHistory', { documentId: kabul });
    expect(history.map((h) => [h.kind, h.annotator, h.description])).toEqual([
      ['redo', 'alice', "redid relabelled Figure → Claim '12 people'"],
      ['undo', 'alice', "undid relabelled Figure → Claim '12 people'"],
      ['edit', 'alice', "relabelled Figure → Claim '12 people'"],
      ['edit', 'alice', "added Figure '12 people'"],
    ]);
  });

  it('moves a boundary as one undoable edit and refuses a bad one, storing nothing', async () => {
    const span = await ok('addSpan', { documentId: kabul, start: 15, end: 24, label: 'Figure' });
    expect(await ok('setSpanBounds', { spanId: span.id, end: 29 })).toMatchObject({ start: 15, end: 29 });
    const error = await fails('setSpanBounds', { spanId: span.id, start: 29 });
    expect(error).toMatchObject({ kind: 'user', message: expect.stringContaining('is empty') });
    expect(await fails('setSpanBounds', { spanId: span.id })).toMatchObject({ kind: 'invalid' });
    expect(await spansOf(kabul)).toEqual(['Figure 12 people died']);
    await ok('undo', { documentId: kabul });
    expect(await spansOf(kabul)).toEqual(['Figure 12 people']);
  });
});

describe('label all occurrences', () => {
  it('previews every match with context, skips ranges already so labelled, and applies as one undo step', async () => {
    await ok('addSpan', { documentId: kabul, start: 33, end: 38, label: 'Location' });
    const args = { documentId: kabul, start: 33, end: 38, label: 'Location', wholeWord: true };
    const preview = await ok('previewLabelAll', args);
    expect(preview.text).toBe('Kabul');
    expect(preview.alreadyLabelled).toBe(1);
    expect(preview.matches.map((m) => m.start)).toEqual([KABUL.lastIndexOf('Kabul')]);
    expect(preview.matches[0]!.context).toMatchObject({ match: 'Kabul', after: ' is calm.' });
    expect(await ok('labelAll', args)).toHaveLength(1);
    expect(await spansOf(kabul)).toEqual(['Location Kabul', 'Location Kabul']);
    await ok('undo', { documentId: kabul });
    expect(await spansOf(kabul)).toEqual(['Location Kabul']);
  });

  it('leaves the places unticked in the preview as they are; a malformed skip list stores nothing', async () => {
    const args = { documentId: kabul, start: 33, end: 38, label: 'Location', wholeWord: true };
    expect(await fails('labelAll', { ...args, skip: [-1] })).toMatchObject({ kind: 'invalid' });
    expect(await spansOf(kabul)).toEqual([]);
    const added = await ok('labelAll', { ...args, skip: [33] });
    expect(added.map((s) => s.start)).toEqual([KABUL.lastIndexOf('Kabul')]);
    expect(await spansOf(kabul)).toEqual(['Location Kabul']);
  });

  it('refuses an unknown label or a blank selection and stores nothing', async () => {
    const bad = { documentId: kabul, start: 33, end: 38, label: 'Nope' };
    expect(await fails('labelAll', bad)).toMatchObject({ kind: 'user', message: 'unknown label "Nope"' });
    expect(await fails('labelAll', { ...bad, start: 39, end: 40, label: 'Claim' })).toMatchObject({
      kind: 'user',
    });
    expect(await spansOf(kabul)).toEqual([]);
  });

  it('refuses to label a text that occurs too often, storing nothing', async () => {
    writeFileSync(join(dir, 'many.txt'), 'a b '.repeat(3000));
    const report = await importFiles([join(dir, 'many.txt')]);
    const documentId = report.imported[0]!.documentId;
    const error = await fails('labelAll', { documentId, start: 0, end: 1, label: 'Claim' });
    expect(error).toMatchObject({ kind: 'user', message: expect.stringContaining('occurs more than') });
    expect(expandDocument(await ok('getDocument', { id: documentId })).spans).toEqual([]);
  });
});

describe('search', () => {
  it('finds plain text across the project with context, and in one document', async () => {
    const all = await ok('search', { text: { pattern: 'kabul' } });
    expect(all.results.map((r) => r.documentId)).toEqual([kabul, kabul, karachi]);
    expect(all.capped).toBe(false);
    const one = await ok('search', { documentId: karachi, text: { pattern: 'Officials' } });
    expect(one.results).toMatchObject([
      { start: KARACHI.indexOf('Officials'), context: { match: 'Officials' } },
    ]);
  });

  it('caps results and says so', async () => {
    writeFileSync(join(dir, 'long.txt'), 'ab '.repeat(400));
    await importFiles([join(dir, 'long.txt')]);
    const found = await ok('search', { text: { pattern: '\\S', regex: true } });
    expect(found.capped).toBe(true);
    expect(found.results).toHaveLength(found.cap);
  });

  it('says why a regular expression is invalid', async () => {
    expect(await fails('search', { text: { pattern: '[a-', regex: true } })).toMatchObject({
      kind: 'user',
      message: expect.stringContaining('invalid regular expression'),
    });
  });

  it('answers a regular expression that would backtrack for ever, in the document and the project', async () => {
    writeFileSync(join(dir, 'runs.txt'), `${'a'.repeat(50_000)}!\n🔥 ${'a'.repeat(40)}.`);
    await importFiles([join(dir, 'runs.txt')]);
    const query = { pattern: '(a+)+$', regex: true };
    const project = await ok('search', { text: query });
    expect(project.results).toEqual([]);
    const lines = await ok('search', { text: { ...query, pattern: '^(a+)+!' } });
    expect(lines.results).toMatchObject([{ start: 0, end: 50_001 }]);
    const emoji = await ok('search', { text: { ...query, pattern: '(a+)+\\.$' } });
    expect(emoji.results).toMatchObject([{ start: 50_005, end: 50_046 }]);
  });

  it('names the regular expression feature it does not run, before reading any document', async () => {
    expect(
      await fails('search', { documentId: kabul, text: { pattern: '(\\d+) \\1', regex: true } }),
    ).toMatchObject({
      kind: 'user',
      message: expect.stringContaining('backreferences'),
    });
  });

  it('finds spans by label and attribute value', async () => {
    await ok('addSpan', { documentId: kabul, start: 15, end: 24, label: 'Figure' });
    await ok('addSpan', { documentId: kabul, start: 50, end: 59, label: 'Figure' });
    const db = (await import('better-sqlite3')).default(projectPath());
    db.prepare(`UPDATE span SET attributes = '{"category":"casualties"}' WHERE start = 15`).run();
    db.close();
    const figures = await ok('search', { label: 'Figure' });
    expect(figures.results.map((r) => r.start)).toEqual([15, 50]);
    const casualties = await ok('search', { label: 'Figure', attributes: { category: 'casualties' } });
    expect(casualties.results).toMatchObject([{ start: 15, label: 'Figure', documentId: kabul }]);
    expect(await fails('search', { label: 'Nope' })).toMatchObject({ kind: 'user' });
    expect(await fails('search', {})).toMatchObject({ kind: 'invalid' });
  });

  it('finds spans of a label in every layer when asked, each saying whose layer it is in', async () => {
    await ok('addSpan', { documentId: kabul, start: 15, end: 24, label: 'Figure' });
    await ok('setUserName', { name: 'bob' });
    await ok('addSpan', { documentId: kabul, start: 50, end: 59, label: 'Figure' });
    // rita opens a document (which makes her row); alice made the project, so she is its owner
    // and gives rita the reviewer role.
    await ok('setUserName', { name: 'rita' });
    await ok('getDocument', { id: kabul });
    await ok('setUserName', { name: 'alice' });
    await ok('setAnnotatorRole', { name: 'rita', role: 'reviewer' });
    await ok('setUserName', { name: 'rita' });
    await ok('addSpan', {
      documentId: karachi,
      start: 33,
      end: 42,
      label: 'Figure',
      layer: { kind: 'gold' },
    });

    // Rita's own layer holds nothing; every layer holds alice's, bob's and the gold span.
    expect((await ok('search', { label: 'Figure' })).results).toEqual([]);
    const every = await ok('search', { label: 'Figure', layers: 'all' });
    expect(every.results.map((r) => [r.documentId, r.start, r.owner])).toEqual([
      [kabul, 15, 'alice'],
      [kabul, 50, 'bob'],
      [karachi, 33, 'gold'],
    ]);
    // A text search narrows a label search the same way in every layer.
    const inKabul = await ok('search', {
      documentId: kabul,
      label: 'Figure',
      layers: 'all',
      text: { pattern: 'hurt' },
    });
    expect(inKabul.results).toEqual([]);
    expect(await fails('search', { label: 'Figure', layers: 'everyone' })).toMatchObject({ kind: 'invalid' });
  });
});

describe('status and guidelines', () => {
  it('stores the status per user and lists it', async () => {
    await ok('setDocumentStatus', { documentId: karachi, status: 'done' });
    expect((await ok('listDocuments', {})).map((d) => d.status)).toEqual(['todo', 'done']);
    expect(await fails('setDocumentStatus', { documentId: karachi, status: 'finished' })).toMatchObject({
      kind: 'invalid',
    });
    expect(await fails('setDocumentStatus', { documentId: 999, status: 'done' })).toMatchObject({
      kind: 'user',
    });
    expect((await ok('getHistory', { documentId: karachi })).map((h) => h.description)).toEqual([
      'marked done',
    ]);
  });

  it('keeps the guidelines in the project file', async () => {
    expect(await ok('getGuidelines', {})).toEqual({ markdown: '' });
    await ok('setGuidelines', { markdown: '# Figures\nTag **numbers** of people.' });
    workbench.close();
    workbench = createWorkbench({ settingsPath: join(dir, 'settings.json'), dialogs });
    workbench.openProject(projectPath());
    expect((await ok('getGuidelines', {})).markdown).toContain('**numbers**');
  });
});

describe('renaming a document', () => {
  const titles = async () => (await ok('listDocuments', {})).map((d) => d.title);

  it('stores the new title, trimmed, keeps it after a restart and shows it in the history', async () => {
    expect(await titles()).toEqual(['kabul', 'karachi']);
    expect(await ok('renameDocument', { documentId: kabul, title: '  Kabul: 12 dead  ' })).toEqual({
      documentId: kabul,
      title: 'Kabul: 12 dead',
    });
    workbench.close();
    workbench = createWorkbench({ settingsPath: join(dir, 'settings.json'), dialogs });
    workbench.openProject(projectPath());
    expect(await titles()).toEqual(['Kabul: 12 dead', 'karachi']);
    expect(expandDocument(await ok('getDocument', { id: kabul })).title).toBe('Kabul: 12 dead');
    expect((await ok('getHistory', { documentId: kabul })).map((h) => h.description)).toEqual([
      "renamed the document 'kabul' → 'Kabul: 12 dead'",
    ]);
    // The same title again changes nothing and logs nothing.
    await ok('renameDocument', { documentId: kabul, title: 'Kabul: 12 dead' });
    expect(await ok('getHistory', { documentId: kabul })).toHaveLength(1);
  });

  it('refuses a blank, multi-line or overlong title, or a missing document, and changes nothing', async () => {
    const refusals: [unknown, RegExp][] = [
      [{ documentId: kabul, title: '   ' }, /a title cannot be empty/],
      [{ documentId: kabul, title: 'Two\nlines' }, /a title is one line/],
      [{ documentId: kabul, title: 'x'.repeat(201) }, /a title has at most 200 characters/],
    ];
    for (const [args, message] of refusals)
      expect(await fails('renameDocument', args)).toMatchObject({
        kind: 'invalid',
        message: expect.stringMatching(message),
      });
    expect(await fails('renameDocument', { documentId: 999, title: 'Lost' })).toEqual({
      kind: 'user',
      message: 'document 999 does not exist',
    });
    expect(await titles()).toEqual(['kabul', 'karachi']);
    expect(await ok('getHistory', { documentId: kabul })).toEqual([]);
  });
});
