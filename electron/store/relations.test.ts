import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../core/schema';
import { ProjectStore } from './projectStore';

const TEXT = 'Officials reportedly said 12 people were killed in Kervadi and in Halvik.';

describe('discontinuous spans and relations in the store', () => {
  let dir: string;
  let store: ProjectStore;
  let alice: number;
  let bob: number;
  let documentId: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-relations-'));
    store = ProjectStore.create(join(dir, 'p.marginalia'), 'p', DEFAULT_SCHEMA);
    alice = store.ensureAnnotator('Alice');
    bob = store.ensureAnnotator('Bob');
    documentId = store.insertDocuments(
      [{ externalId: 'd', title: 'd', text: TEXT, sha256: 'h', source: {}, newlinePolicy: 'none' }],
      null,
    ).inserted[0]!.id;
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the fragments of a discontinuous span, and one fragment for a continuous one', () => {
    const fragments = [
      { start: 26, end: 47 },
      { start: 63, end: 72 },
    ];
    const split = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 72, fragments });
    const whole = store.addSpan(alice, documentId, { label: 'Location', start: 51, end: 58 });
    expect(store.getSpan(split.id)!.fragments).toEqual(fragments);
    expect(store.getSpan(whole.id)!.fragments).toEqual([{ start: 51, end: 58 }]);
    expect(fragments.map((f) => TEXT.slice(f.start, f.end))).toEqual(['12 people were killed', 'in Halvik']);
  });

  it('links a Hedge to the Claim it scopes, lists it, and deletes it with a logged event', () => {
    const hedge = store.addSpan(alice, documentId, { label: 'Hedge', start: 10, end: 20 });
    const claim = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 58 });
    const relation = store.addRelation(alice, { type: 'scopes', fromSpan: hedge.id, toSpan: claim.id });
    expect(store.relationsOf(documentId)).toEqual([
      {
        id: relation.id,
        documentId,
        type: 'scopes',
        fromSpan: hedge.id,
        toSpan: claim.id,
        annotator: 'Alice',
      },
    ]);
    store.deleteRelation(alice, relation.id);
    expect(store.relationsOf(documentId)).toEqual([]);
    expect(
      store
        .eventsOf(documentId)
        .filter((e) => e.entity === 'relation')
        .map((e) => e.op),
    ).toEqual(['add', 'delete']);
  });

  it('refuses relations the schema does not allow, across annotators, or to the same span, writing nothing', () => {
    const hedge = store.addSpan(alice, documentId, { label: 'Hedge', start: 10, end: 20 });
    const figure = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    const bobsClaim = store.addSpan(bob, documentId, { label: 'Claim', start: 26, end: 58 });
    expect(() => store.addRelation(alice, { type: 'scopes', fromSpan: hedge.id, toSpan: figure.id })).toThrow(
      '"scopes" links Hedge to Claim, not to Figure',
    );
    expect(() => store.addRelation(alice, { type: 'in', fromSpan: hedge.id, toSpan: figure.id })).toThrow(
      'the schema has no relation "in" from Hedge',
    );
    expect(() =>
      store.addRelation(alice, { type: 'scopes', fromSpan: hedge.id, toSpan: bobsClaim.id }),
    ).toThrow('belongs to another annotator');
    expect(() =>
      store.addRelation(alice, { type: 'scopes', fromSpan: hedge.id, toSpan: hedge.id }),
    ).toThrow();
    expect(store.relationsOf(documentId)).toEqual([]);
  });

  it('deleting a span deletes its relations and logs them first', () => {
    const hedge = store.addSpan(alice, documentId, { label: 'Hedge', start: 10, end: 20 });
    const claim = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 58 });
    store.addRelation(alice, { type: 'scopes', fromSpan: hedge.id, toSpan: claim.id });
    store.deleteSpan(alice, claim.id);
    expect(store.relationsOf(documentId)).toEqual([]);
    expect(
      store
        .eventsOf(documentId)
        .slice(-2)
        .map((e) => [e.op, e.entity]),
    ).toEqual([
      ['delete', 'relation'],
      ['delete', 'span'],
    ]);
  });
});
