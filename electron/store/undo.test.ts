import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../core/schema';
import { ProjectStore } from './projectStore';

const TEXT = 'Officials reportedly said 12 people were killed in Kervadi and in Halvik.';

describe('undo and redo from the event log', () => {
  let dir: string;
  let path: string;
  let store: ProjectStore;
  let alice: number;
  let bob: number;
  let documentId: number;
  let otherDocumentId: number;

  const doc = (text: string, hash: string) => ({
    externalId: hash,
    title: hash,
    text,
    sha256: hash,
    source: {},
    newlinePolicy: 'none',
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-undo-'));
    path = join(dir, 'p.marginalia');
    store = ProjectStore.create(path, 'p', DEFAULT_SCHEMA);
    alice = store.ensureAnnotator('Alice');
    bob = store.ensureAnnotator('Bob');
    [documentId, otherDocumentId] = store
      .insertDocuments([doc(TEXT, 'a'), doc('Another text here.', 'b')], null)
      .inserted.map((d) => d.id) as [number, number];
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const labels = () => store.spansOf(documentId, alice).map((s) => `${s.label}@${s.start}-${s.end}`);

  it('undoes attribute, note, fragment and relation edits one step at a time', () => {
    const claim = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 53 });
    const hedge = store.addSpan(alice, documentId, { label: 'Hedge', start: 10, end: 20 });
    store.setSpanAttribute(alice, claim.id, 'verified', 'no');
    store.setSpanNote(alice, claim.id, 'check the toll');
    store.setSpanFragments(alice, claim.id, [
      { start: 26, end: 45 },
      { start: 46, end: 60 },
    ]);
    store.addRelation(alice, { type: 'scopes', fromSpan: hedge.id, toSpan: claim.id });
    const current = () => store.getSpan(claim.id)!;

    store.revertAction(alice, documentId, 'undo');
    expect(store.relationsOf(documentId)).toEqual([]);
    store.revertAction(alice, documentId, 'undo');
    expect(current().fragments).toEqual([{ start: 26, end: 53 }]);
    store.revertAction(alice, documentId, 'undo');
    expect(current().note).toBeNull();
    store.revertAction(alice, documentId, 'undo');
    expect(current().attributes).toEqual({});

    store.revertAction(alice, documentId, 'redo');
    store.revertAction(alice, documentId, 'redo');
    store.revertAction(alice, documentId, 'redo');
    store.revertAction(alice, documentId, 'redo');
    expect(current()).toMatchObject({
      attributes: { verified: 'no' },
      note: 'check the toll',
      fragments: [
        { start: 26, end: 45 },
        { start: 46, end: 60 },
      ],
    });
    expect(store.relationsOf(documentId).map((r) => r.type)).toEqual(['scopes']);
  });

  it('undoes and redoes add, relabel and delete, and the stacks survive reopening the file', () => {
    const span = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    store.setSpanLabel(alice, span.id, 'Claim');
    store.deleteSpan(alice, span.id);
    expect(labels()).toEqual([]);

    store.revertAction(alice, documentId, 'undo');
    expect(labels()).toEqual(['Claim@26-35']);
    store.close();
    store = ProjectStore.open(path);
    store.revertAction(alice, documentId, 'undo');
    expect(labels()).toEqual(['Figure@26-35']);
    store.revertAction(alice, documentId, 'undo');
    expect(labels()).toEqual([]);
    expect(store.revertAction(alice, documentId, 'undo')).toBeNull();

    store.close();
    store = ProjectStore.open(path);
    expect(store.revertAction(alice, documentId, 'redo')!.spans.map((s) => s.id)).toEqual([span.id]);
    expect(labels()).toEqual(['Figure@26-35']);
    store.revertAction(alice, documentId, 'redo');
    expect(labels()).toEqual(['Claim@26-35']);
    expect(store.getSpan(span.id)!.label).toBe('Claim');
  });

  it('undoes a span deletion together with the relations it took along, in one step', () => {
    const hedge = store.addSpan(alice, documentId, { label: 'Hedge', start: 10, end: 25 });
    const claim = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 72 });
    const link = store.addRelation(alice, { type: 'scopes', fromSpan: hedge.id, toSpan: claim.id });
    store.deleteSpan(alice, claim.id);
    expect(store.relationsOf(documentId)).toEqual([]);

    const undone = store.revertAction(alice, documentId, 'undo')!;
    expect(undone.spans.map((s) => s.id)).toEqual([claim.id]);
    expect(store.getSpan(claim.id)).toEqual(claim);
    expect(store.relationsOf(documentId)).toEqual([link]);
    // The actions: add, add, link, delete (2 rows), undo (2 rows).
    expect(new Set(store.historyOf(documentId, 100).map((e) => e.action)).size).toBe(5);

    store.revertAction(alice, documentId, 'redo');
    expect(store.relationsOf(documentId)).toEqual([]);
    expect(store.getSpan(claim.id)).toBeUndefined();
  });

  it('reverts several spans added in one action as one step', () => {
    store.addSpans(alice, documentId, [
      { label: 'Location', start: 51, end: 58 },
      { label: 'Location', start: 66, end: 72 },
    ]);
    expect(labels()).toHaveLength(2);
    expect(store.revertAction(alice, documentId, 'undo')!.removedSpanIds).toHaveLength(2);
    expect(labels()).toEqual([]);
  });

  it('clears redo after a new edit, per user and per document', () => {
    store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    store.addSpan(bob, documentId, { label: 'Claim', start: 0, end: 9 });
    store.revertAction(alice, documentId, 'undo');
    // Bob's edit and an edit in another document do not touch Alice's redo here.
    store.addSpan(bob, documentId, { label: 'Claim', start: 10, end: 20 });
    store.addSpan(alice, otherDocumentId, { label: 'Claim', start: 0, end: 7 });
    expect(store.revertAction(alice, documentId, 'redo')).not.toBeNull();
    store.revertAction(alice, documentId, 'undo');
    store.addSpan(alice, documentId, { label: 'Location', start: 51, end: 58 });
    expect(store.revertAction(alice, documentId, 'redo')).toBeNull();
    expect(labels()).toEqual(['Location@51-58']);
    expect(store.spansOf(documentId, bob)).toHaveLength(2);
  });

  it('never reuses the id of a deleted span, so undoing its deletion cannot collide', () => {
    const first = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    store.deleteSpan(alice, first.id);
    const other = store.addSpan(alice, otherDocumentId, { label: 'Claim', start: 0, end: 7 });
    expect(other.id).toBeGreaterThan(first.id);
    store.revertAction(alice, documentId, 'undo');
    expect(store.getSpan(first.id)!.documentId).toBe(documentId);
  });

  it('undoes a boundary change back to the old offsets', () => {
    const span = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    store.setSpanFragments(alice, span.id, [{ start: 26, end: 47 }]);
    expect(labels()).toEqual(['Figure@26-47']);
    store.revertAction(alice, documentId, 'undo');
    expect(labels()).toEqual(['Figure@26-35']);
  });

  it('passes over a schema change: undo after it undoes the edit before it', () => {
    const claim = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 53 });
    store.addSpan(alice, documentId, { label: 'Hedge', start: 10, end: 20 });
    store.setSpanNote(alice, claim.id, 'check the toll');
    const schema = store.schema();
    store.replaceSchema(alice, {
      labels: schema.labels.filter((l) => l.key !== 'Hedge'),
      relationTypes: schema.relationTypes.filter((r) => r.fromLabel !== 'Hedge'),
    });
    expect(labels()).toEqual(['Claim@26-53']);

    // The note is undone, not the Hedge brought back (its label is gone).
    expect(store.revertAction(alice, documentId, 'undo')).not.toBeNull();
    expect(store.getSpan(claim.id)!.note).toBeNull();
    expect(labels()).toEqual(['Claim@26-53']);
    // Undoing the Hedge's addition finds it gone already and changes nothing; then the Claim goes.
    store.revertAction(alice, documentId, 'undo');
    store.revertAction(alice, documentId, 'undo');
    expect(labels()).toEqual([]);
    expect(store.revertAction(alice, documentId, 'undo')).toBeNull();
    store.revertAction(alice, documentId, 'redo');
    expect(labels()).toEqual(['Claim@26-53']);
  });

  it('undoes and redoes edits made before a rename under the new names', () => {
    const figure = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    store.setSpanAttribute(alice, figure.id, 'value', 12);
    store.setSpanNote(alice, figure.id, 'check');
    const hedge = store.addSpan(alice, documentId, { label: 'Hedge', start: 10, end: 20 });
    const claim = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 53 });
    const relation = store.addRelation(alice, { type: 'scopes', fromSpan: hedge.id, toSpan: claim.id });
    const schema = store.schema();
    schema.labels.find((l) => l.key === 'Figure')!.attributes.find((a) => a.name === 'value')!.name =
      'amount';
    schema.relationTypes.find((r) => r.name === 'scopes')!.name = 'qualifies';
    store.replaceSchema(alice, schema, {
      attributes: [{ label: 'Figure', from: 'value', to: 'amount' }],
      relationTypes: [{ fromLabel: 'Hedge', from: 'scopes', to: 'qualifies' }],
    });

    store.revertAction(alice, documentId, 'undo');
    expect(store.relationsOf(documentId)).toEqual([]);
    store.revertAction(alice, documentId, 'redo');
    expect(store.relationsOf(documentId)).toEqual([{ ...relation, type: 'qualifies' }]);
    store.revertAction(alice, documentId, 'undo');
    store.revertAction(alice, documentId, 'undo');
    store.revertAction(alice, documentId, 'undo');
    // Undoing the note keeps the value, under its new name.
    store.revertAction(alice, documentId, 'undo');
    expect(store.getSpan(figure.id)).toMatchObject({ note: null, attributes: { amount: 12 } });
    store.revertAction(alice, documentId, 'undo');
    expect(store.getSpan(figure.id)!.attributes).toEqual({});
    store.revertAction(alice, documentId, 'redo');
    expect(store.getSpan(figure.id)!.attributes).toEqual({ amount: 12 });
  });

  it('passes over an action whose label the schema no longer has, storing nothing for it', () => {
    const span = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    store.deleteSpan(alice, span.id);
    const events = store.counts().events;
    // A label the schema no longer has (as if removed since) cannot be restored.
    const db = new Database(path);
    db.prepare(`UPDATE event SET before = replace(before, '"Figure"', '"Gone"') WHERE op = 'delete'`).run();
    db.close();
    // The deletion is passed over: the undo goes on to the addition before it, which deletes nothing
    // that is left, and then there is nothing more to undo.
    expect(store.revertAction(alice, documentId, 'undo')).not.toBeNull();
    expect(store.revertAction(alice, documentId, 'undo')).toBeNull();
    expect(store.counts().events).toBe(events + 1);
    expect(labels()).toEqual([]);
  });

  it('goes on past a span whose label was removed in the schema to the edit before it', () => {
    const figure = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    const hedge = store.addSpan(alice, documentId, { label: 'Hedge', start: 10, end: 20 });
    store.deleteSpan(alice, hedge.id);
    const schema = store.schema();
    store.replaceSchema(alice, {
      ...schema,
      labels: schema.labels.filter((l) => l.key !== 'Hedge'),
      relationTypes: schema.relationTypes.filter((t) => t.fromLabel !== 'Hedge' && t.toLabel !== 'Hedge'),
    });
    // The deletion of the Hedge is passed over; its addition is undone (nothing left to remove),
    // and the next undo reaches the Figure.
    expect(store.revertAction(alice, documentId, 'undo')).not.toBeNull();
    expect(labels()).toEqual(['Figure@26-35']);
    store.revertAction(alice, documentId, 'undo');
    expect(store.getSpan(figure.id)).toBeUndefined();
  });
});
