/**
 * The text index off the import path: a search right after an import finds the new documents though
 * the index does not cover them yet; the catch-up indexes them a batch at a time with the event loop
 * served between batches, after an import job and when a project opens; deletes, renames and a
 * reused id keep the results exact whether a document is indexed or not.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextOf, findMatches, type TextQuery } from '../core/search';
import { ProjectStore } from '../store/projectStore';
import { indexedTo, indexPending, textCandidates } from '../store/textIndex';
import { createProjectFile } from './headless';
import { searchProjectText } from './projectSearch';
import { catchUpTextIndex } from './textIndexing';
import { createWorkbench, type Workbench } from './workbench';

let dir: string;
let path: string;
const open: { close(): void }[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-text-indexing-'));
  path = join(dir, 'p.marginalia');
});
afterEach(() => {
  for (const o of open.splice(0)) o.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (i: number, text: string) => ({
  externalId: `d${i}`,
  title: `Document ${i}`,
  text,
  sha256: `h${i}`,
  source: {},
  newlinePolicy: 'none',
});

const TEXTS = ['Flood in Kervadi.', 'Rain in Quetta.', 'Kervadi again.', 'Storm near kervadi.'];

function project(texts = TEXTS) {
  const store = createProjectFile(path, 'p', {}, 'olga');
  open.push(store);
  store.insertDocuments(
    texts.map((t, i) => row(i, t)),
    null,
  );
  return { store, olga: store.ensureAnnotator('olga') };
}

/** What a scan of every remaining document finds, with its current title. */
function scan(store: ProjectStore, query: TextQuery) {
  return store.database
    .prepare<[], { id: number; title: string; text: string }>(
      'SELECT id, title, text FROM document ORDER BY id',
    )
    .all()
    .flatMap((d) =>
      findMatches(d.text, query, 501).map((m) => ({
        documentId: d.id,
        title: d.title,
        ...m,
        context: contextOf(d.text, m.start, m.end),
      })),
    );
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the text index off the import path', () => {
  it('leaves new documents out of the index on import, and a search still finds them', () => {
    const { store, olga } = project();
    expect(textCandidates(store.database, 'kervadi', false)).toEqual([]);
    expect(indexedTo(store.database)).toBe(0);
    const found = searchProjectText(store, olga, { pattern: 'kervadi' });
    expect(found.results.map((r) => r.documentId)).toEqual([1, 3, 4]);
    expect(found.results).toEqual(scan(store, { pattern: 'kervadi' }));
  });

  it('catches up a batch at a time, serving the event loop between batches, then covers them all', async () => {
    const { store, olga } = project();
    const caughtUp = catchUpTextIndex(store, 2);
    await tick();
    // One batch is in and the rest waits: a tag made now is not held up by the whole catch-up.
    expect(indexedTo(store.database)).toBe(2);
    expect(textCandidates(store.database, 'kervadi', false)).toEqual([1]);
    expect(searchProjectText(store, olga, { pattern: 'kervadi' }).results).toEqual(
      scan(store, { pattern: 'kervadi' }),
    );
    expect(await caughtUp).toBe(4);
    expect(indexedTo(store.database)).toBe(4);
    expect(textCandidates(store.database, 'kervadi', false)).toEqual([1, 3, 4]);
    expect(await catchUpTextIndex(store, 2)).toBe(0);
  });

  it('stays exact through deletes and renames of indexed and pending documents, and a reused id', () => {
    const { store, olga } = project();
    expect(indexPending(store.database, 2)).toBe(2);
    store.database.prepare('DELETE FROM document WHERE id IN (1, 3)').run();
    store.renameDocument(4, olga, 'Renamed');
    const query = { pattern: 'kervadi' };
    expect(searchProjectText(store, olga, query).results).toEqual(scan(store, query));
    expect(searchProjectText(store, olga, query).results.map((r) => [r.documentId, r.title])).toEqual([
      [4, 'Renamed'],
    ]);
    expect(textCandidates(store.database, 'kervadi', false)).toEqual([]);
    // The last documents go and a new one takes a freed id below the watermark: the index covers it.
    while (indexPending(store.database, 2) > 0);
    store.database.prepare('DELETE FROM document WHERE id = 4').run();
    store.insertDocuments([row(9, 'Kervadi once more.')], null);
    expect(indexedTo(store.database)).toBe(4);
    expect(textCandidates(store.database, 'kervadi', false)).toEqual([3]);
    expect(searchProjectText(store, olga, query).results).toEqual(scan(store, query));
  });

  it('caught up by the app when a project opens and after an import job', async () => {
    const { store } = project();
    store.close();
    open.length = 0;
    const source = join(dir, 'new.txt');
    writeFileSync(source, 'More rain in Kervadi.');
    const refuse = async () => null;
    const workbench: Workbench = createWorkbench({
      settingsPath: join(dir, 'settings.json'),
      dialogs: {
        chooseNewProjectPath: refuse,
        chooseProjectPath: refuse,
        chooseImportPaths: async () => [source],
        chooseExportPath: refuse,
        choosePackagePath: refuse,
        choosePackagesToMerge: refuse,
      },
    });
    open.push(workbench);
    await workbench.handlers.setUserName({ name: 'olga' });
    workbench.openProject(path);
    const reader = new Database(path, { readonly: true });
    open.push(reader);
    const watermark = () => reader.prepare('SELECT indexed_to FROM document_text_state').pluck().get();
    const settles = async (upTo: number) => {
      for (let i = 0; i < 200 && watermark() !== upTo; i++) await tick();
      return watermark();
    };
    expect(await settles(4)).toBe(4);
    const started = await workbench.handlers.startImport({ format: 'auto' });
    await workbench.jobs.settled(started!.jobId);
    const found = await workbench.handlers.search({ text: { pattern: 'kervadi' } });
    expect(found.results.map((r) => r.documentId)).toEqual([1, 3, 4, 5]);
    expect(await settles(5)).toBe(5);
  });
});
