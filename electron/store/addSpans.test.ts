import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCHEMA } from '../core/schema';
import { ProjectStore } from './projectStore';

const TEXT = 'Officials said 12 people were killed in Kabul.';

describe('ProjectStore.addSpans', () => {
  let dir: string;
  let store: ProjectStore;
  let annotatorId: number;
  let documentId: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-insert-spans-'));
    store = ProjectStore.create(join(dir, 'p.marginalia'), 'p', DEFAULT_SCHEMA);
    annotatorId = store.ensureAnnotator('Dana');
    const { inserted } = store.insertDocuments(
      [{ externalId: 'd1', title: 'd1', text: TEXT, sha256: 'h1', source: {}, newlinePolicy: 'none' }],
      null,
    );
    documentId = inserted[0]!.id;
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every span, nested ones included, as added by hand', () => {
    const created = store.addSpans(annotatorId, documentId, [
      { start: 0, end: 45, label: 'Claim' },
      { start: 15, end: 24, label: 'Figure' },
      { start: 40, end: 45, label: 'Location' },
    ]);
    expect(created).toHaveLength(3);
    const spans = store.spansOf(documentId, annotatorId);
    expect(spans.map((s) => [TEXT.slice(s.start, s.end), s.label, s.origin, s.annotator])).toEqual([
      ['Officials said 12 people were killed in Kabul', 'Claim', 'manual', 'Dana'],
      ['12 people', 'Figure', 'manual', 'Dana'],
      ['Kabul', 'Location', 'manual', 'Dana'],
    ]);
    expect(spans.every((s) => s.note === null && Object.keys(s.attributes).length === 0)).toBe(true);
  });

  it('writes one add event per span, under the annotator', () => {
    store.addSpans(annotatorId, documentId, [
      { start: 15, end: 24, label: 'Figure' },
      { start: 40, end: 45, label: 'Location' },
    ]);
    const spans = store.spansOf(documentId);
    const spanEvents = store.eventsOf(documentId).filter((e) => e.entity === 'span');
    expect(spanEvents).toEqual(
      spans.map((s) => ({ op: 'add', entity: 'span', entityId: s.id, annotator: 'Dana' })),
    );
    expect(store.counts()).toMatchObject({ spans: 2, events: 3 }); // + the document's import event
  });

  it('marks the document in progress for the annotator', () => {
    expect(store.documentStatus(documentId, annotatorId)).toBe('todo');
    store.addSpans(annotatorId, documentId, [{ start: 40, end: 45, label: 'Location' }]);
    expect(store.documentStatus(documentId, annotatorId)).toBe('in_progress');
  });

  it('inserts nothing when one span is invalid: all spans go in one transaction', () => {
    expect(() =>
      store.addSpans(annotatorId, documentId, [
        { start: 15, end: 24, label: 'Figure' },
        { start: 40, end: 45, label: 'Place' },
      ]),
    ).toThrow(/unknown label "Place"/);
    expect(() =>
      store.addSpans(annotatorId, documentId, [
        { start: 15, end: 24, label: 'Figure' },
        { start: 9, end: 9, label: 'Claim' },
      ]),
    ).toThrow();
    expect(store.counts()).toMatchObject({ spans: 0, events: 1 });
    expect(store.documentStatus(documentId, annotatorId)).toBe('todo');
  });

  it('does nothing for an empty list', () => {
    expect(store.addSpans(annotatorId, documentId, [])).toEqual([]);
    expect(store.counts()).toMatchObject({ spans: 0, events: 1 });
    expect(store.documentStatus(documentId, annotatorId)).toBe('todo');
  });

  it('logs each add in the layer the span went into, so undo in that layer takes it back', () => {
    const rita = store.ensureAnnotator('Rita');
    store.setAnnotatorRole('Rita', 'reviewer', null);
    const own = store.addSpan(annotatorId, documentId, { start: 15, end: 24, label: 'Figure' });
    const gold = store.addSpan(rita, documentId, { start: 40, end: 45, label: 'Location' }, { kind: 'gold' });
    const uid = (name: string) =>
      store.database.connection.prepare('SELECT uid FROM annotator WHERE name = ?').pluck().get(name);
    const layers = store.database.connection
      .prepare("SELECT entity_id AS id, layer FROM event WHERE op = 'add' ORDER BY id")
      .all();
    expect(layers).toEqual([
      { id: own.id, layer: `annotator:${String(uid('Dana'))}` },
      { id: gold.id, layer: 'gold' },
    ]);
    expect(store.revertAction(rita, documentId, 'undo')).toBeNull(); // her own layer has no edit
    expect(store.revertAction(rita, documentId, 'undo', { kind: 'gold' })).toMatchObject({
      removedSpanIds: [gold.id],
    });
  });

  // Every tag runs this: the span's layer comes with the read of the new span, and the action id
  // from memory, so a tag asks the file two things, both of the span table.
  it('reads twice per tag, the next id and the span it wrote, and never the event log', () => {
    const prepare = vi.spyOn(store.database, 'prepare');
    store.addSpan(annotatorId, documentId, { start: 15, end: 24, label: 'Figure' });
    const reads = prepare.mock.calls
      .map(([sql]) => sql.replace(/\s+/g, ' ').trim())
      .filter((sql) => /^SELECT\b/.test(sql));
    expect(reads).toHaveLength(2);
    expect(reads[0]).toBe('SELECT max(id) AS id FROM span');
    expect(reads[1]).toMatch(/\bFROM span s\b.* WHERE s\.id = \?$/);
  });
});
