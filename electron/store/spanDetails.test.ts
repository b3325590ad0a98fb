import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA, type ProjectSchema } from '../core/schema';
import { ProjectStore } from './projectStore';

const TEXT = 'Officials reportedly said 12 people were killed in Kervadi and in Halvik.';

let dir: string;
let path: string;
let store: ProjectStore;
let alice: number;
let bob: number;
let documentId: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-details-'));
  path = join(dir, 'p.marginalia');
  store = ProjectStore.create(path, 'p', DEFAULT_SCHEMA);
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

/** The last event of the document, with its snapshots parsed. */
function lastEvent() {
  const db = new Database(path, { readonly: true });
  try {
    const row = db
      .prepare<[], { op: string; entity: string; before: string | null; after: string | null }>(
        'SELECT op, entity, before, after FROM event ORDER BY id DESC LIMIT 1',
      )
      .get()!;
    return {
      op: row.op,
      entity: row.entity,
      before: row.before && (JSON.parse(row.before) as unknown),
      after: row.after && (JSON.parse(row.after) as unknown),
    };
  } finally {
    db.close();
  }
}

const edited = (change: (schema: ProjectSchema) => void): ProjectSchema => {
  const schema = store.schema();
  change(schema);
  return schema;
};

describe('span attributes, notes and fragments', () => {
  it('sets and clears attributes with a full before/after event', () => {
    const figure = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    const withValue = store.setSpanAttribute(alice, figure.id, 'value', 12);
    expect(withValue.attributes).toEqual({ value: 12 });
    expect(lastEvent()).toEqual({ op: 'attributes', entity: 'span', before: figure, after: withValue });
    store.setSpanAttribute(alice, figure.id, 'approximate', true);
    const cleared = store.setSpanAttribute(alice, figure.id, 'value', null);
    expect(cleared.attributes).toEqual({ approximate: true });
    expect(store.getSpan(figure.id)!.attributes).toEqual({ approximate: true });
  });

  it('sets a note, and refuses to edit another annotator’s span', () => {
    const claim = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 58 });
    expect(store.setSpanNote(alice, claim.id, 'check the figure').note).toBe('check the figure');
    expect(lastEvent()).toMatchObject({
      op: 'note',
      before: { note: null },
      after: { note: 'check the figure' },
    });
    expect(() => store.setSpanNote(bob, claim.id, 'mine')).toThrow('belongs to another annotator');
    expect(store.getSpan(claim.id)!.note).toBe('check the figure');
  });

  it('stores fragments with the outer bounds, and one fragment again as a plain range', () => {
    const claim = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 47 });
    const fragments = [
      { start: 26, end: 47 },
      { start: 63, end: 72 },
    ];
    const split = store.setSpanFragments(alice, claim.id, fragments);
    expect(split).toMatchObject({ start: 26, end: 72, fragments });
    expect(lastEvent()).toMatchObject({ op: 'fragments', before: claim, after: split });
    const joined = store.setSpanFragments(alice, claim.id, [{ start: 63, end: 72 }]);
    expect(joined).toMatchObject({ start: 63, end: 72, fragments: [{ start: 63, end: 72 }] });
  });
});

describe('relabelling a linked span', () => {
  it('deletes the relations that no longer fit, with their events, and keeps the rest', () => {
    const hedge = store.addSpan(alice, documentId, { label: 'Hedge', start: 10, end: 20 });
    const claim = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 58 });
    const location = store.addSpan(alice, documentId, { label: 'Location', start: 51, end: 58 });
    store.addRelation(alice, { type: 'scopes', fromSpan: hedge.id, toSpan: claim.id });
    const kept = store.addRelation(alice, { type: 'attributed_to', fromSpan: claim.id, toSpan: location.id });
    store.setSpanLabel(alice, claim.id, 'Figure');
    expect(store.relationsOf(documentId)).toEqual([]);
    store.setSpanLabel(alice, claim.id, 'Claim');
    const again = store.addRelation(alice, {
      type: 'attributed_to',
      fromSpan: claim.id,
      toSpan: location.id,
    });
    store.setSpanLabel(alice, location.id, 'Hedge');
    expect(store.relationsOf(documentId)).toEqual([again]);
    expect(kept.id).not.toBe(again.id);
    expect(
      store
        .eventsOf(documentId)
        .filter((e) => e.entity === 'relation')
        .map((e) => e.op),
    ).toEqual(['add', 'add', 'delete', 'delete', 'add']);
  });
});

describe('relabelling a span with attributes', () => {
  it('keeps the values the new label defines and drops the rest, logging both in the event', () => {
    const span = store.addSpan(alice, documentId, { label: 'Location', start: 51, end: 58 });
    store.setSpanAttribute(alice, span.id, 'kind', 'town');
    store.setSpanAttribute(alice, span.id, 'normalized', 'Kervadi');
    const claim = store.setSpanLabel(alice, span.id, 'Claim');
    expect(claim.attributes).toEqual({});
    expect(lastEvent()).toMatchObject({
      op: 'relabel',
      before: { label: 'Location', attributes: { kind: 'town', normalized: 'Kervadi' } },
      after: { label: 'Claim', attributes: {} },
    });
  });
});

describe('changing the schema', () => {
  /** Every row that names a label, span or relation type points at one that exists. */
  function orphans(): number {
    const db = new Database(path, { readonly: true });
    try {
      return db
        .prepare<[], { n: number }>(
          `SELECT
             (SELECT count(*) FROM span WHERE label_id NOT IN (SELECT id FROM label)) +
             (SELECT count(*) FROM attribute_def WHERE label_id NOT IN (SELECT id FROM label)) +
             (SELECT count(*) FROM relation_type WHERE from_label_id NOT IN (SELECT id FROM label)
                OR (to_label_id IS NOT NULL AND to_label_id NOT IN (SELECT id FROM label))) +
             (SELECT count(*) FROM relation WHERE type_id NOT IN (SELECT id FROM relation_type)
                OR from_span_id NOT IN (SELECT id FROM span) OR to_span_id NOT IN (SELECT id FROM span)) AS n`,
        )
        .get()!.n;
    } finally {
      db.close();
    }
  }

  it('renames a label, recolours it and changes its hotkey, keeping its spans', () => {
    const claim = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 58 });
    const next = edited((s) =>
      Object.assign(s.labels[0]!, { name: 'Assertion', color: '#112233', hotkey: 'a' }),
    );
    expect(store.schemaImpact(next)).toEqual({ labels: [], attributes: [], relationTypes: [] });
    store.replaceSchema(alice, next);
    expect(store.schema().labels[0]).toMatchObject({
      key: 'Claim',
      name: 'Assertion',
      color: '#112233',
      hotkey: 'a',
    });
    expect(store.getSpan(claim.id)).toEqual(claim);
    expect(lastEvent()).toMatchObject({ op: 'schema', entity: 'schema', after: store.schema() });
  });

  it('removes a label in use with its spans and their relations, for every annotator, leaving no orphans', () => {
    const hedge = store.addSpan(alice, documentId, { label: 'Hedge', start: 10, end: 20 });
    const claim = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 58 });
    store.addSpan(bob, documentId, { label: 'Hedge', start: 10, end: 25 });
    store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    store.addRelation(alice, { type: 'scopes', fromSpan: hedge.id, toSpan: claim.id });
    const next = edited((s) => {
      s.labels = s.labels.filter((l) => l.key !== 'Hedge');
      s.relationTypes = s.relationTypes.filter((r) => r.fromLabel !== 'Hedge');
    });
    const impact = store.schemaImpact(next);
    expect(impact.labels).toEqual([{ key: 'Hedge', name: 'Hedge', spans: 2, relations: 1 }]);
    expect(store.counts().spans).toBe(4);
    expect(store.replaceSchema(alice, next)).toEqual(impact);
    expect(store.spansOf(documentId).map((s) => s.label)).toEqual(['Claim', 'Figure']);
    expect(store.relationsOf(documentId)).toEqual([]);
    expect(store.schema().labels.map((l) => l.key)).toEqual(['Claim', 'Figure', 'Location']);
    expect(orphans()).toBe(0);
    const ops = store
      .eventsOf(documentId)
      .slice(-3)
      .map((e) => `${e.op} ${e.entity}`);
    expect(ops).toEqual(['schema relation', 'schema span', 'schema span']);
  });

  it('renames an attribute and a relation type keeping every value and relation', () => {
    const figure = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    store.setSpanAttribute(alice, figure.id, 'value', 12);
    store.setSpanAttribute(alice, figure.id, 'category', 'other');
    const second = store.addSpan(bob, documentId, { label: 'Figure', start: 26, end: 28 });
    store.setSpanAttribute(bob, second.id, 'value', 3);
    const hedge = store.addSpan(alice, documentId, { label: 'Hedge', start: 10, end: 20 });
    const claim = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 58 });
    const scopes = store.addRelation(alice, { type: 'scopes', fromSpan: hedge.id, toSpan: claim.id });
    const next = edited((s) => {
      s.labels.find((l) => l.key === 'Figure')!.attributes.find((a) => a.name === 'value')!.name = 'amount';
      s.relationTypes.find((r) => r.name === 'scopes')!.name = 'qualifies';
    });
    const renames = {
      attributes: [{ label: 'Figure', from: 'value', to: 'amount' }],
      relationTypes: [{ fromLabel: 'Hedge', from: 'scopes', to: 'qualifies' }],
    };
    // Without the renames the same schema drops the values and the relation.
    expect(store.schemaImpact(next).attributes).toEqual([{ label: 'Figure', attribute: 'value', spans: 2 }]);
    expect(store.schemaImpact(next).relationTypes).toEqual([
      { name: 'scopes', fromLabel: 'Hedge', relations: 1 },
    ]);
    expect(store.schemaImpact(next, renames)).toEqual({ labels: [], attributes: [], relationTypes: [] });

    store.replaceSchema(alice, next, renames);
    expect(store.getSpan(figure.id)!.attributes).toEqual({ amount: 12, category: 'other' });
    expect(store.getSpan(second.id)!.attributes).toEqual({ amount: 3 });
    expect(store.relationsOf(documentId)).toEqual([{ ...scopes, type: 'qualifies' }]);
    expect(store.schema()).toEqual(next);
    expect(orphans()).toBe(0);
    const ops = store
      .eventsOf(documentId)
      .slice(-3)
      .map((e) => `${e.op} ${e.entity} ${e.entityId}`);
    expect(ops).toEqual([
      `schema span ${figure.id}`,
      `schema span ${second.id}`,
      `schema relation ${scopes.id}`,
    ]);
    // A relation of the renamed type can be made at once.
    const other = store.addSpan(alice, documentId, { label: 'Hedge', start: 0, end: 9 });
    expect(store.addRelation(alice, { type: 'qualifies', fromSpan: other.id, toSpan: claim.id }).type).toBe(
      'qualifies',
    );
  });

  it('refuses renames that do not match the change, storing nothing', () => {
    const figure = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    store.setSpanAttribute(alice, figure.id, 'value', 12);
    const before = store.schema();
    const next = edited((s) => {
      s.labels.find((l) => l.key === 'Figure')!.attributes.find((a) => a.name === 'value')!.name = 'amount';
    });
    expect(() =>
      store.replaceSchema(alice, next, {
        attributes: [{ label: 'Figure', from: 'category', to: 'amount' }],
        relationTypes: [],
      }),
    ).toThrow('cannot change the schema: Figure has no attribute "category" renamed to "amount"');
    expect(() =>
      store.replaceSchema(alice, next, {
        attributes: [],
        relationTypes: [{ fromLabel: 'Hedge', from: 'scopes', to: 'qualifies' }],
      }),
    ).toThrow(
      'cannot change the schema: there is no relation type "scopes" from Hedge renamed to "qualifies"',
    );
    expect(store.schema()).toEqual(before);
    expect(store.getSpan(figure.id)!.attributes).toEqual({ value: 12 });
  });

  it('strips removed attributes and enum options from the spans that carry them', () => {
    const figure = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    store.setSpanAttribute(alice, figure.id, 'category', 'other');
    store.setSpanAttribute(alice, figure.id, 'value', 12);
    const second = store.addSpan(bob, documentId, { label: 'Figure', start: 26, end: 28 });
    store.setSpanAttribute(bob, second.id, 'category', 'casualties');
    const next = edited((s) => {
      const figureDef = s.labels.find((l) => l.key === 'Figure')!;
      figureDef.attributes = figureDef.attributes.filter((a) => a.name !== 'value');
      figureDef.attributes.find((a) => a.name === 'category')!.options = ['casualties', 'money'];
    });
    expect(store.schemaImpact(next).attributes).toEqual([
      { label: 'Figure', attribute: 'category', spans: 1 },
      { label: 'Figure', attribute: 'value', spans: 1 },
    ]);
    store.replaceSchema(alice, next);
    expect(store.getSpan(figure.id)!.attributes).toEqual({});
    expect(store.getSpan(second.id)!.attributes).toEqual({ category: 'casualties' });
  });

  it('removes relations whose type goes, and keeps relation types that still exist', () => {
    const hedge = store.addSpan(alice, documentId, { label: 'Hedge', start: 10, end: 20 });
    const claim = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 58 });
    const figure = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    store.addRelation(alice, { type: 'scopes', fromSpan: hedge.id, toSpan: claim.id });
    const kept = store.addRelation(alice, { type: 'in', fromSpan: figure.id, toSpan: claim.id });
    const next = edited((s) => {
      s.relationTypes = s.relationTypes.filter((r) => r.name !== 'scopes');
      s.relationTypes.push({ name: 'near', fromLabel: 'Location', toLabel: null });
    });
    expect(store.schemaImpact(next).relationTypes).toEqual([
      { name: 'scopes', fromLabel: 'Hedge', relations: 1 },
    ]);
    store.replaceSchema(alice, next);
    expect(store.relationsOf(documentId)).toEqual([kept]);
    expect(store.schema().relationTypes.map((r) => r.name)).toEqual(['in', 'attributed_to', 'near']);
    expect(orphans()).toBe(0);
  });

  it('adds a label that can be used at once, and refuses an invalid schema, changing nothing', () => {
    const next = edited((s) =>
      s.labels.push({
        key: 'Person',
        name: 'Person',
        color: '#000000',
        hotkey: '5',
        kind: 'span',
        attributes: [],
      }),
    );
    store.replaceSchema(alice, next);
    expect(store.addSpan(alice, documentId, { label: 'Person', start: 0, end: 9 }).label).toBe('Person');
    const before = store.schema();
    const bad = edited((s) => (s.labels[1]!.hotkey = '1'));
    expect(() => store.replaceSchema(alice, bad)).toThrow(
      'cannot change the schema: Claim and Figure both use the hotkey "1"',
    );
    expect(store.schema()).toEqual(before);
  });
});
