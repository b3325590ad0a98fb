import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiMethod } from '../contract/api';
import { expandDocument, type CompactDocumentView } from '../contract/compactDocument';
import { dispatch, type WireError } from '../contract/dispatch';
import type {
  DocumentSummary,
  ExportReport,
  FormatInfo,
  ImportReport,
  JobStatus,
  Session,
  Span,
} from '../contract/types';
import { createWorkbench, type Dialogs, type Workbench } from './workbench';

let dir: string;
const workbenches: Workbench[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-workbench-'));
});

afterEach(() => {
  for (const workbench of workbenches.splice(0)) workbench.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Dialogs that answer from a script and record what they were asked. `picked` is the path a test
 * gave with its call (see `pickInDialog`): the next dialog answers it and is not recorded.
 */
class FakeDialogs implements Dialogs {
  newProjectPath: string | null = null;
  projectPath: string | null = null;
  importPaths: string[] | null = null;
  exportPath: string | null = null;
  picked: string[] | null = null;
  readonly asked: string[] = [];

  private answer<T>(question: string, scripted: T, fromPicked: (paths: string[]) => T): T {
    const picked = this.picked;
    this.picked = null;
    if (picked) return fromPicked(picked);
    this.asked.push(question);
    return scripted;
  }
  async chooseNewProjectPath() {
    return this.answer('newProject', this.newProjectPath, (p) => p[0]!);
  }
  async chooseProjectPath() {
    return this.answer('openProject', this.projectPath, (p) => p[0]!);
  }
  async chooseImportPaths(folder: boolean, format: FormatInfo | null) {
    const question = `${folder ? 'importFolder' : 'importFiles'} ${format?.id ?? 'auto'}`;
    return this.answer(question, this.importPaths, (p) => p);
  }
  async chooseExportPath(suggestedName: string, format: FormatInfo) {
    return this.answer(`export ${format.id} ${suggestedName}`, this.exportPath, (p) => p[0]!);
  }
  async choosePackagePath(suggestedName: string) {
    return this.answer(`package ${suggestedName}`, this.exportPath, (p) => p[0]!);
  }
  async choosePackagesToMerge() {
    return this.answer('merge', this.importPaths, (p) => p);
  }
}

/**
 * Paths are never API arguments. For brevity a test may still write `{ path }` or `{ paths }`: they
 * are taken out of the call and become what the user picks in the dialog the call opens.
 */
function pickInDialog(dialogs: FakeDialogs, args: unknown): unknown {
  if (typeof args !== 'object' || args === null || !('path' in args || 'paths' in args)) return args;
  const { path, paths, ...rest } = args as { path?: string; paths?: string[] };
  dialogs.picked = paths ?? (path === undefined ? null : [path]);
  return rest;
}

const settingsPath = () => join(dir, 'settings', 'settings.json');

function makeWorkbench(dialogs = new FakeDialogs()) {
  const workbench = createWorkbench({ settingsPath: settingsPath(), dialogs });
  workbenches.push(workbench);
  /** A call exactly as a transport delivers it. */
  const raw = (method: unknown, args?: unknown) => dispatch(workbench.handlers, method, args);
  const call = (method: unknown, args?: unknown) => raw(method, pickInDialog(dialogs, args));
  /** Runs a call that must succeed and returns its result. */
  async function ok<T>(method: ApiMethod, args?: unknown): Promise<T> {
    const reply = await call(method, args);
    if (!reply.ok) throw new Error(`${method} failed: ${reply.error.kind}: ${reply.error.message}`);
    return reply.result as T;
  }
  /** Runs a call that must fail and returns its error. */
  async function fails(method: unknown, args?: unknown): Promise<WireError> {
    const reply = await call(method, args);
    if (reply.ok) throw new Error(`${method} succeeded with ${JSON.stringify(reply.result)}`);
    return reply.error;
  }
  /** Starts a job with `method` and waits for it; returns its final status (null: dialog cancelled). */
  async function job(method: 'startImport' | 'startExport', args: unknown): Promise<JobStatus | null> {
    const started = await ok<{ jobId: string } | null>(method, args);
    return started && workbench.jobs.settled(started.jobId);
  }
  async function imported(args: unknown): Promise<ImportReport> {
    const status = await job('startImport', args);
    if (status?.kind !== 'import' || !status.result)
      throw new Error(`import failed: ${JSON.stringify(status)}`);
    return status.result;
  }
  async function exported(args: unknown): Promise<ExportReport> {
    const status = await job('startExport', args);
    if (status?.kind !== 'export' || !status.result)
      throw new Error(`export failed: ${JSON.stringify(status)}`);
    return status.result;
  }
  /** A document as the renderer opens it: the wire form, decoded by the renderer's decoder. */
  async function readDocument(id: number) {
    return expandDocument(await ok<CompactDocumentView>('getDocument', { id }));
  }
  return { workbench, dialogs, raw, call, ok, fails, job, imported, exported, readDocument };
}

interface NativeRecord {
  id: string;
  format: string;
  offset_unit: string;
  text: string;
  spans: { id: string; start: number; end: number; label: string; text: string; annotator: string }[];
}

const ARTICLE = 'Fire 🔥 in Kabul\nOfficials said 12 people died.';
const SECOND = 'کراچی میں بارش\nپولیس کے مطابق';

/** A workbench with user "alice", a new project and two imported articles. */
async function readyWorkbench() {
  const bench = makeWorkbench();
  await bench.ok('setUserName', { name: 'alice' });
  const session = await bench.ok<Session>('newProject', { path: join(dir, 'news') });
  writeFileSync(join(dir, 'kabul.txt'), ARTICLE);
  writeFileSync(join(dir, 'karachi.txt'), SECOND);
  const report = await bench.imported({ paths: [join(dir, 'kabul.txt'), join(dir, 'karachi.txt')] });
  const documentId = report.imported[0]!.documentId;
  const spanCount = async () =>
    (await bench.ok<DocumentSummary[]>('listDocuments')).reduce((n, d) => n + d.spanCount, 0);
  return { ...bench, session, documentId, spanCount };
}

describe('argument validation at the API boundary', () => {
  it.each([
    ['start equal to end', { start: 5, end: 5 }],
    ['start after end', { start: 9, end: 4 }],
    ['a negative start', { start: -1, end: 4 }],
    ['a fractional offset', { start: 0.5, end: 4 }],
    ['an offset given as a string', { start: '0', end: 4 }],
    ['a document id given as a string', { documentId: '1' }],
    ['a document id of 0', { documentId: 0 }],
    ['an empty label', { label: '' }],
    ['a label that is not a string', { label: 1 }],
  ])('rejects addSpan with %s as invalid and stores nothing', async (_case, change) => {
    const bench = await readyWorkbench();
    const error = await bench.fails('addSpan', {
      documentId: bench.documentId,
      start: 0,
      end: 4,
      label: 'Claim',
      ...change,
    });
    expect(error.kind).toBe('invalid');
    expect(error.message).toMatch(/^addSpan: /);
    expect(await bench.spanCount()).toBe(0);
  });

  it('rejects an unknown method as invalid, naming it', async () => {
    const bench = await readyWorkbench();
    const error = await bench.fails('dropAllSpans', {});
    expect(error).toEqual({ kind: 'invalid', message: 'unknown API method "dropAllSpans"' });
    expect((await bench.fails('constructor', {})).kind).toBe('invalid');
    expect((await bench.fails(42, {})).kind).toBe('invalid');
  });

  it('rejects missing arguments and wrong types for other methods', async () => {
    const bench = await readyWorkbench();
    expect((await bench.fails('addSpan', {})).kind).toBe('invalid');
    expect((await bench.fails('getDocument', { id: 'one' })).kind).toBe('invalid');
    expect((await bench.fails('deleteSpan', { spanId: -3 })).kind).toBe('invalid');
    expect((await bench.fails('startExport', { format: 'docx' })).kind).toBe('invalid');
    expect((await bench.fails('startExport', { format: 'jsonl', offsetUnit: 'bytes' })).kind).toBe('invalid');
    expect((await bench.fails('startExport', { format: 'jsonl', gold: true, annotators: ['a'] })).kind).toBe(
      'invalid',
    );
    expect((await bench.fails('getJob', { id: '' })).kind).toBe('invalid');
    expect((await bench.fails('setUserName', { name: '   ' })).kind).toBe('invalid');
    expect(bench.workbench.recentProjects()).toHaveLength(1);
  });

  it('rejects a range that splits an emoji as a user error, with the reason, and stores nothing', async () => {
    const bench = await readyWorkbench();
    // "Fire " is 0-4, the emoji 5-6: offset 6 is between its two halves.
    const error = await bench.fails('addSpan', {
      documentId: bench.documentId,
      start: 6,
      end: 10,
      label: 'Claim',
    });
    expect(error).toEqual({
      kind: 'user',
      message: 'cannot add a span: offset 6 splits a character in two',
    });
    expect(await bench.spanCount()).toBe(0);
  });

  it('rejects a range past the end of the text, a missing document and an unknown label as user errors', async () => {
    const bench = await readyWorkbench();
    const past = await bench.fails('addSpan', {
      documentId: bench.documentId,
      start: 0,
      end: 500,
      label: 'Claim',
    });
    expect(past.kind).toBe('user');
    expect(past.message).toMatch(/outside the text/);
    const missing = await bench.fails('addSpan', { documentId: 999, start: 0, end: 4, label: 'Claim' });
    expect(missing).toEqual({ kind: 'user', message: 'document 999 does not exist' });
    const label = await bench.fails('addSpan', {
      documentId: bench.documentId,
      start: 0,
      end: 4,
      label: 'Person',
    });
    expect(label).toEqual({ kind: 'user', message: 'unknown label "Person"' });
    expect(await bench.spanCount()).toBe(0);
  });
});

describe('who is annotating', () => {
  it('refuses to annotate before the user gives a name, saying why', async () => {
    const bench = makeWorkbench();
    const session = await bench.ok<Session>('newProject', { path: join(dir, 'anon.marginalia') });
    expect(session.user).toBeNull();
    expect(session.project?.name).toBe('anon');
    writeFileSync(join(dir, 'a.txt'), ARTICLE);
    for (const [method, args] of [
      ['startImport', { paths: [join(dir, 'a.txt')] }],
      ['listDocuments', {}],
      ['getDocument', { id: 1 }],
      ['addSpan', { documentId: 1, start: 0, end: 4, label: 'Claim' }],
      ['setSpanLabel', { spanId: 1, label: 'Claim' }],
      ['deleteSpan', { spanId: 1 }],
    ] as const) {
      const error = await bench.fails(method, args);
      expect(error, method).toEqual({
        kind: 'user',
        message: 'tell Marginalia your name first: annotations are stored under it',
      });
    }
    // Once named, the same calls work, and nothing was imported before.
    await bench.ok('setUserName', { name: 'alice' });
    expect(await bench.ok<DocumentSummary[]>('listDocuments')).toEqual([]);
  });

  it('refuses to annotate with no project open', async () => {
    const bench = makeWorkbench();
    await bench.ok('setUserName', { name: 'alice' });
    expect(await bench.fails('listDocuments')).toEqual({ kind: 'user', message: 'no project is open' });
    expect(await bench.fails('startExport', { format: 'jsonl', path: join(dir, 'x.jsonl') })).toEqual({
      kind: 'user',
      message: 'no project is open',
    });
  });

  it("shows each annotator only their own spans, and protects one's spans from the other", async () => {
    const bench = await readyWorkbench();
    const span = await bench.ok<Span>('addSpan', {
      documentId: bench.documentId,
      start: 0,
      end: 4,
      label: 'Claim',
    });
    await bench.ok('setUserName', { name: 'bob' });
    const view = await bench.readDocument(bench.documentId);
    expect(view.spans).toEqual([]);
    expect(await bench.fails('deleteSpan', { spanId: span.id })).toEqual({
      kind: 'user',
      message: `span ${span.id} belongs to another annotator`,
    });
    await bench.ok('setUserName', { name: 'alice' });
    expect((await bench.readDocument(bench.documentId)).spans).toEqual([span]);
  });
});

describe('annotating and exporting', () => {
  it('exports one JSONL line per document with UTF-16 offsets, span text and annotator', async () => {
    const bench = await readyWorkbench();
    const view = await bench.readDocument(bench.documentId);
    expect(view.text).toBe(ARTICLE);
    // "🔥 in Kabul": the emoji counts as two code units.
    const start = ARTICLE.indexOf('🔥');
    const end = ARTICLE.indexOf('\n');
    const span = await bench.ok<Span>('addSpan', {
      documentId: bench.documentId,
      start,
      end,
      label: 'Location',
    });
    expect(span).toMatchObject({ start: 5, end: 16, label: 'Location', annotator: 'alice' });
    const figure = ARTICLE.indexOf('12 people');
    await bench.ok('addSpan', {
      documentId: bench.documentId,
      start: figure,
      end: figure + 9,
      label: 'Figure',
    });

    const out = join(dir, 'out', '..', 'export.jsonl');
    const result = await bench.exported({ format: 'jsonl', path: out });
    expect(result).toMatchObject({ path: out, format: 'jsonl', documents: 2, spans: 2, losses: [] });
    expect(existsSync(`${out}.partial`)).toBe(false);

    const content = readFileSync(out, 'utf8');
    expect(content.endsWith('\n')).toBe(true);
    const lines = content.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const records = lines.map((line) => JSON.parse(line) as NativeRecord);
    expect(records.map((r) => r.id)).toEqual(['kabul', 'karachi']);
    for (const record of records) {
      expect(record.format).toMatch(/^marginalia-jsonl\//);
      expect(record.offset_unit).toBe('utf16-code-units');
      for (const s of record.spans) expect(s.text).toBe(record.text.slice(s.start, s.end));
    }
    const [kabul, karachi] = records;
    expect(kabul!.text).toBe(ARTICLE);
    expect(kabul!.spans.map((s) => [s.label, s.text, s.annotator])).toEqual([
      ['Location', '🔥 in Kabul', 'alice'],
      ['Figure', '12 people', 'alice'],
    ]);
    expect(karachi!.text).toBe(SECOND);
    expect(karachi!.spans).toEqual([]);
  });

  it('relabels and deletes a span, and the export follows', async () => {
    const bench = await readyWorkbench();
    const span = await bench.ok<Span>('addSpan', {
      documentId: bench.documentId,
      start: 0,
      end: 4,
      label: 'Claim',
    });
    expect((await bench.ok<Span>('setSpanLabel', { spanId: span.id, label: 'Hedge' })).label).toBe('Hedge');
    const other = await bench.ok<Span>('addSpan', {
      documentId: bench.documentId,
      start: 5,
      end: 7,
      label: 'Figure',
    });
    expect(await bench.ok('deleteSpan', { spanId: other.id })).toEqual({ spanId: other.id });
    const out = join(dir, 'e.jsonl');
    await bench.exported({ format: 'jsonl', path: out });
    const first = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]!) as NativeRecord;
    expect(first.spans.map((s) => [s.id, s.label, s.text])).toEqual([[String(span.id), 'Hedge', 'Fire']]);
  });

  it('asks for an export path with a suggested name, and writes nothing when the user cancels', async () => {
    const bench = await readyWorkbench();
    expect(await bench.ok('startExport', { format: 'jsonl' })).toBeNull();
    expect(bench.dialogs.asked).toEqual(['export jsonl news.jsonl']);
    bench.dialogs.exportPath = join(dir, 'chosen.jsonl');
    const result = await bench.exported({ format: 'jsonl' });
    expect(result.path).toBe(join(dir, 'chosen.jsonl'));
    expect(readFileSync(join(dir, 'chosen.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(2);
  });
});

describe('import and export jobs through the API', () => {
  it('asks for files with the chosen format, and starts nothing when the dialog is cancelled', async () => {
    const bench = await readyWorkbench();
    expect(await bench.ok('startImport', { folder: true, format: 'brat' })).toBeNull();
    expect(await bench.ok('startImport', {})).toBeNull();
    expect(bench.dialogs.asked).toEqual(['importFolder brat', 'importFiles auto']);
    expect((await bench.fails('startImport', { format: 'spacy', paths: [dir] })).message).toBe(
      '"spacy" is not a format this version can import; choose one of jsonl, labelstudio, doccano, brat, conll, txt',
    );
  });

  it('reports a job through getJob until it is done, and cancelJob on a finished job changes nothing', async () => {
    const bench = await readyWorkbench();
    const started = await bench.ok<{ jobId: string; path: string }>('startExport', {
      format: 'csv',
      path: join(dir, 'sheet.csv'),
    });
    expect(started.path).toBe(join(dir, 'sheet.csv'));
    const first = await bench.ok<JobStatus>('getJob', { id: started.jobId });
    expect(first).toMatchObject({ id: started.jobId, kind: 'export' });
    await bench.workbench.jobs.settled(started.jobId);
    const done = await bench.ok<JobStatus>('getJob', { id: started.jobId });
    expect(done).toMatchObject({ state: 'done', phase: 'finished', result: { format: 'csv', documents: 2 } });
    expect(await bench.ok('cancelJob', { id: started.jobId })).toEqual(done);
    expect(await bench.fails('getJob', { id: 'export-999' })).toEqual({
      kind: 'user',
      message: 'no job export-999',
    });
  });

  it('remembers an export while it writes, and the next start removes what a killed export left', async () => {
    const bench = await readyWorkbench();
    const target = join(dir, 'sheet.csv');
    const inFlight = () =>
      (JSON.parse(readFileSync(settingsPath(), 'utf8')) as { exportsInFlight: string[] }).exportsInFlight;
    const started = await bench.ok<{ jobId: string }>('startExport', { format: 'csv', path: target });
    expect(inFlight()).toEqual([target]);
    await bench.workbench.jobs.settled(started.jobId);
    expect(inFlight()).toEqual([]);

    // As if the app was killed while writing: its target is still listed, its temporary still there.
    // A temporary of a process that still runs (this one) is another export's, and stays.
    const dead = join(dir, '.sheet.csv.2147483646-0badcafe.marginalia-partial');
    const alive = join(dir, `.sheet.csv.${process.pid}-0badcafe.marginalia-partial`);
    writeFileSync(dead, 'half an export');
    writeFileSync(alive, 'an export under way');
    const settings = JSON.parse(readFileSync(settingsPath(), 'utf8')) as Record<string, unknown>;
    writeFileSync(settingsPath(), JSON.stringify({ ...settings, exportsInFlight: [target] }));
    bench.workbench.close();
    makeWorkbench();
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(alive)).toBe(true);
    expect(inFlight()).toEqual([]);
  });

  it('cancels a running job when its project closes, leaving nothing behind', async () => {
    const bench = await readyWorkbench();
    const out = join(dir, 'closing.jsonl');
    const started = await bench.ok<{ jobId: string }>('startExport', { format: 'jsonl', path: out });
    await bench.ok('closeProject');
    expect(await bench.workbench.jobs.settled(started.jobId)).toMatchObject({ state: 'cancelled' });
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('lists the formats with what each can do, and the annotators with their roles', async () => {
    const bench = await readyWorkbench();
    const formats = await bench.ok<FormatInfo[]>('listFormats');
    expect(formats.find((f) => f.id === 'hf')).toMatchObject({
      layout: 'folder',
      canImport: false,
      canExport: true,
    });
    expect(formats.find((f) => f.id === 'brat')).toMatchObject({ canImport: true, canExport: true });
    // The creator of a project is its owner.
    expect(await bench.ok('listAnnotators')).toEqual([
      { id: expect.any(String), name: 'alice', role: 'owner', spans: 0, assigned: 0 },
    ]);
  });

  it('lets the owner write the gold layer that gold exports, and an annotator not', async () => {
    const bench = await readyWorkbench();
    const file = join(dir, 'bo.jsonl');
    writeFileSync(
      file,
      JSON.stringify({ text: '40 people died.', annotator: 'bo', label: [[0, 9, 'Figure']] }) + '\n',
    );
    const { documentId } = (await bench.imported({ paths: [file] })).imported[0]!;
    const goldSpan = { documentId, start: 10, end: 14, label: 'Claim', layer: { kind: 'gold' as const } };
    // alice created the project: its owner, who writes gold as reviewers do.
    expect(await bench.ok('addSpan', goldSpan)).toMatchObject({ annotator: 'alice', gold: true });
    // Gold is the stored layer, not bo's spans: a role no longer moves anyone's spans.
    const gold = await bench.exported({ format: 'jsonl', path: join(dir, 'gold.jsonl'), gold: true });
    expect(gold).toMatchObject({ spans: 1, annotators: ['gold (alice)'] });
    expect(await bench.fails('setAnnotatorRole', { name: 'zed', role: 'reviewer' })).toEqual({
      kind: 'user',
      message: 'no annotator "zed" in this project; it has alice, bo',
    });
    expect(await bench.ok('setAnnotatorRole', { name: 'bo', role: 'owner' })).toMatchObject([
      { name: 'alice', role: 'owner', spans: 1 },
      { name: 'bo', role: 'owner', spans: 1 },
    ]);
    await bench.ok('setAnnotatorRole', { name: 'alice', role: 'annotator' });
    expect(await bench.fails('addSpan', { ...goldSpan, start: 0, end: 2 })).toEqual({
      kind: 'user',
      message: 'cannot add a span there: that layer belongs to the gold layer, which only reviewers edit',
    });
    expect(await bench.fails('setAnnotatorRole', { name: 'alice', role: 'reviewer' })).toEqual({
      kind: 'user',
      message:
        'cannot make alice reviewer: only an owner of the project can change roles and assignments; nothing was changed',
    });
    expect((await bench.fails('setAnnotatorRole', { name: 'bo', role: 'admin' })).kind).toBe('invalid');
  });

  it('adds labels to the schema the session reports, after an import that asked for them', async () => {
    const bench = await readyWorkbench();
    const file = join(dir, 'people.jsonl');
    writeFileSync(file, JSON.stringify({ text: 'Amina Rauf spoke.', label: [[0, 10, 'Person']] }) + '\n');
    const refused = await bench.job('startImport', { paths: [file] });
    expect(refused?.kind === 'import' && refused.result?.unknownLabels.map((l) => l.label)).toEqual([
      'Person',
    ]);
    // "Import again" names the refused job; its files are not sent again, and no dialog opens.
    const added = await bench.imported({ again: refused!.id, addLabels: ['Person'] });
    expect(bench.dialogs.asked).toEqual([]);
    expect(added).toMatchObject({ written: true, addedLabels: ['Person'], spansAdded: { alice: 1 } });
    const session = await bench.ok<Session>('getSession');
    expect(session.project?.schema.labels.map((l) => l.key)).toContain('Person');
  });
});

describe('paths come only from the Node side', () => {
  it('refuses a file path sent by the caller to any file method, and touches no file', async () => {
    const bench = await readyWorkbench();
    const other = join(dir, 'other.marginalia');
    makeWorkbench().workbench.createProject(other).close();
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'not for the renderer');
    const out = join(dir, 'stolen.jsonl');
    for (const [method, args] of [
      ['newProject', { path: join(dir, 'planted.marginalia') }],
      ['openProject', { path: other }],
      ['startImport', { paths: [secret] }],
      ['startExport', { format: 'jsonl', path: out }],
    ] as const) {
      const reply = await bench.raw(method, args);
      expect(reply, method).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    }
    expect(existsSync(join(dir, 'planted.marginalia'))).toBe(false);
    expect(existsSync(out)).toBe(false);
    expect(bench.dialogs.asked).toEqual([]);
    const session = await bench.ok<Session>('getSession');
    expect(session.project?.path).toBe(join(dir, 'news.marginalia'));
    expect(await bench.ok<DocumentSummary[]>('listDocuments')).toHaveLength(2);
  });

  it('refuses to import again from a job it does not know, and imports nothing', async () => {
    const bench = await readyWorkbench();
    expect(await bench.fails('startImport', { again: 'import-999' })).toEqual({
      kind: 'user',
      message:
        'import import-999 is not one this session remembers, so nothing was imported: choose the files again',
    });
    expect(bench.dialogs.asked).toEqual([]);
    expect(await bench.ok<DocumentSummary[]>('listDocuments')).toHaveLength(2);
  });
});

describe('settings and recent projects', () => {
  it('remembers the user name and recent projects, newest first, across restarts', async () => {
    const first = makeWorkbench();
    await first.ok('setUserName', { name: '  Ayesha  ' });
    await first.ok('newProject', { path: join(dir, 'one') });
    await first.ok('newProject', { path: join(dir, 'two.marginalia') });
    const listed = (await first.ok<Session>('getSession')).recent;
    const session = await first.ok<Session>('openProject', { recent: listed[1]!.handle });
    expect(session.user).toBe('Ayesha');
    expect(session.project?.path).toBe(join(dir, 'one.marginalia'));
    expect(session.recent.map((r) => [r.name, r.displayPath])).toEqual([
      ['one', join(dir, 'one.marginalia')],
      ['two', join(dir, 'two.marginalia')],
    ]);
    first.workbench.close();

    const restarted = makeWorkbench();
    const again = await restarted.ok<Session>('getSession');
    expect(again).toMatchObject({ user: 'Ayesha', project: null });
    expect(again.recent.map((r) => r.displayPath)).toEqual([
      join(dir, 'one.marginalia'),
      join(dir, 'two.marginalia'),
    ]);
  });

  it('names recent projects by handles that are not paths, and refuses a handle it did not give', async () => {
    const bench = makeWorkbench();
    await bench.ok('setUserName', { name: 'alice' });
    await bench.ok('newProject', { path: join(dir, 'kept') });
    await bench.ok('closeProject');
    const [entry] = (await bench.ok<Session>('getSession')).recent;
    expect(entry!.handle).not.toContain(dir);
    expect(bench.workbench.recentEntries()).toEqual([entry]);
    for (const recent of ['made-up', join(dir, 'kept.marginalia')]) {
      expect(await bench.fails('openProject', { recent })).toEqual({
        kind: 'user',
        message:
          'that project is no longer in the recent list, so nothing was opened: open it with Open Project…',
      });
    }
    expect(bench.dialogs.asked).toEqual([]);
    expect((await bench.ok<Session>('getSession')).project).toBeNull();
    expect((await bench.ok<Session>('openProject', { recent: entry!.handle })).project?.name).toBe('kept');
  });

  it('fails to open a recent project that no longer exists, and drops it from the list', async () => {
    const bench = makeWorkbench();
    await bench.ok('setUserName', { name: 'alice' });
    await bench.ok('newProject', { path: join(dir, 'kept') });
    await bench.ok('newProject', { path: join(dir, 'deleted') });
    await bench.ok('closeProject');
    rmSync(join(dir, 'deleted.marginalia'));

    const [deleted] = (await bench.ok<Session>('getSession')).recent;
    const error = await bench.fails('openProject', { recent: deleted!.handle });
    expect(error).toEqual({ kind: 'user', message: `${join(dir, 'deleted.marginalia')} does not exist` });
    const session = await bench.ok<Session>('getSession');
    expect(session.recent.map((r) => r.displayPath)).toEqual([join(dir, 'kept.marginalia')]);
    expect(session.project).toBeNull();
    // The change is saved, not only in memory.
    expect(JSON.parse(readFileSync(settingsPath(), 'utf8')).recent).toEqual([join(dir, 'kept.marginalia')]);
  });

  it('keeps working with defaults when the settings file is corrupt', async () => {
    writeFileSync(join(dir, 'corrupt.json'), '{ not json');
    const workbench = createWorkbench({
      settingsPath: join(dir, 'corrupt.json'),
      dialogs: new FakeDialogs(),
    });
    workbenches.push(workbench);
    const reply = await dispatch(workbench.handlers, 'getSession', {});
    expect(reply).toEqual({ ok: true, result: { user: null, project: null, recent: [] } });
  });

  it('does nothing when the user cancels the new-project or open dialog', async () => {
    const bench = makeWorkbench();
    const session = await bench.ok<Session>('newProject', {});
    expect(session.project).toBeNull();
    expect((await bench.ok<Session>('openProject', {})).project).toBeNull();
    expect(bench.dialogs.asked).toEqual(['newProject', 'openProject']);
    bench.dialogs.newProjectPath = join(dir, 'picked');
    const created = await bench.ok<Session>('newProject', {});
    expect(created.project).toMatchObject({ path: join(dir, 'picked.marginalia'), name: 'picked' });
    expect(created.project?.offsetUnit).toBe('utf16-code-units');
  });

  it('refuses to create a project over an existing file', async () => {
    const bench = makeWorkbench();
    writeFileSync(join(dir, 'taken.marginalia'), 'something else');
    const error = await bench.fails('newProject', { path: join(dir, 'taken.marginalia') });
    expect(error.kind).toBe('user');
    expect(error.message).toMatch(/already exists/);
    expect(readFileSync(join(dir, 'taken.marginalia'), 'utf8')).toBe('something else');
  });
});
