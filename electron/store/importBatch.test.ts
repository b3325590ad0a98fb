import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CorpusSpan } from '../core/formats/model';
import { DEFAULT_SCHEMA } from '../core/schema';
import { ProjectStore, type ImportDocument } from './projectStore';
import { SPAN_TUPLE } from './rows';

let dir: string;
let store: ProjectStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-batch-'));
  store = ProjectStore.create(join(dir, 'p.marginalia'), 'p', DEFAULT_SCHEMA);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const span = (key: string, label: string, start: number, end: number, annotator = 'ann'): CorpusSpan => ({
  key,
  label,
  fragments: [{ start, end }],
  annotator,
  attributes: {},
  note: null,
  origin: 'imported',
});

function doc(n: number, extra: Partial<ImportDocument> = {}): ImportDocument {
  const text = `Document ${n} says ${n} people were hurt.`;
  return {
    document: {
      externalId: `d${n}`,
      title: `d${n}`,
      text,
      sha256: `hash-${n}`,
      source: {},
      newlinePolicy: 'none',
    },
    status: n % 2 ? 'done' : 'in_progress',
    spans: [span('a', 'Figure', 16, 16 + `${n} people`.length), span('b', 'Claim', 0, text.length - 1)],
    relations: [{ type: 'in', from: 'a', to: 'b', annotator: 'ann' }],
    ...extra,
  };
}

describe('import batches and the paged document reader', () => {
  it('reads every document with its own spans, relations and statuses across page boundaries', () => {
    store.importBatch({
      importerId: null,
      newLabels: [],
      newRelationTypes: [],
      documents: [1, 2, 3, 4, 5].map((n) => doc(n)),
    });
    const read = [...store.documentsWithSpans(2)];
    expect(read.map((r) => r.document.externalId)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
    for (const { document, spans, relations, statuses } of read) {
      expect(spans.map((s) => s.documentId)).toEqual([document.id, document.id]);
      expect(spans.map((s) => s.label)).toEqual(['Claim', 'Figure']);
      expect(relations).toHaveLength(1);
      expect(relations[0]!.documentId).toBe(document.id);
      expect(statuses.get('ann')).toBe(Number(document.externalId.slice(1)) % 2 ? 'done' : 'in_progress');
    }
    // With stable ids: each document's own spans have theirs, and each relation of the page has one.
    const seen = new Set<string>();
    for (const { rows, relations, relationUids } of store.documentsWithSpanRows(2, true)) {
      expect(rows).toHaveLength(2);
      for (const row of rows) seen.add(row[SPAN_TUPLE.uid]!);
      expect(relationUids!.get(relations[0]!.id)).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(seen.size).toBe(10);
  });

  it('rolls the whole batch back when one document is inconsistent', () => {
    const before = store.counts();
    const broken = doc(2, { relations: [{ type: 'in', from: 'a', to: 'missing', annotator: 'ann' }] });
    expect(() =>
      store.importBatch({
        importerId: null,
        newLabels: [],
        newRelationTypes: [],
        documents: [doc(1), broken],
      }),
    ).toThrow(/missing span/);
    expect(store.counts()).toEqual(before);
  });

  it('logs one event per imported document, span and relation', () => {
    const { documents } = store.importBatch({
      importerId: null,
      newLabels: [],
      newRelationTypes: [],
      documents: [doc(1)],
    });
    const events = store.eventsOf(documents[0]!.id);
    expect(events.map((e) => `${e.op} ${e.entity}`)).toEqual([
      'import document',
      'import span',
      'import span',
      'import relation',
    ]);
    const stored = store.spansOf(documents[0]!.id);
    expect(stored.map((s) => s.id).sort()).toEqual(
      events
        .filter((e) => e.entity === 'span')
        .map((e) => e.entityId)
        .sort(),
    );
  });
});

describe('importing a text the project already has', () => {
  const batch = (documents: ImportDocument[]) =>
    store.importBatch({ importerId: null, newLabels: [], newRelationTypes: [], documents });

  it('merges into the same document: identical spans and relations are skipped, new ones added', () => {
    const first = batch([doc(1)]);
    expect(first).toMatchObject({ spansAdded: { ann: 2 }, spansSkipped: 0, relationsAdded: 1 });
    const again = batch([doc(1)]);
    expect(again).toEqual({
      documents: [{ id: first.documents[0]!.id, merged: true }],
      spansAdded: {},
      spansSkipped: 2,
      relationsAdded: 0,
      relationsSkipped: 1,
    });
    const withBob = doc(1);
    withBob.spans = [...withBob.spans, span('c', 'Location', 0, 8, 'bob')];
    expect(batch([withBob])).toMatchObject({ spansAdded: { bob: 1 }, spansSkipped: 2 });
    expect(store.spansOf(first.documents[0]!.id)).toHaveLength(3);
    expect(store.counts().documents).toBe(1);
  });

  it('keeps the pieces of a discontinuous span and counts spans per annotator', () => {
    const twoPieces = doc(2);
    twoPieces.spans = [
      {
        ...span('a', 'Hedge', 0, 8),
        fragments: [
          { start: 0, end: 8 },
          { start: 11, end: 15 },
        ],
      },
      span('b', 'Figure', 16, 24, 'bob'),
      span('c', 'Claim', 0, 15, 'bob'),
    ];
    twoPieces.relations = [];
    const result = batch([twoPieces]);
    expect(result.spansAdded).toEqual({ ann: 1, bob: 2 });
    const stored = store.spansOf(result.documents[0]!.id);
    expect(stored.find((s) => s.label === 'Hedge')!.fragments).toEqual([
      { start: 0, end: 8 },
      { start: 11, end: 15 },
    ]);
    expect(stored.find((s) => s.label === 'Figure')!.fragments).toEqual([{ start: 16, end: 24 }]);
  });
});
