import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../core/errors';
import { DEFAULT_SCHEMA } from '../core/schema';
import { ProjectStore } from './projectStore';
import { downgradeTo, tableDump, thrown } from './testing';

const TEXT = 'Officials reportedly said 12 people were killed in Kervadi and in Halvik.';

// Ids of deleted spans and relations are never given again (undo brings them back under them); since
// migration 12 the file keeps the highest ones that left their tables, not an index of the event log.
describe('ids never given again, across closing and reopening the file', () => {
  let dir: string;
  let path: string;
  const open: ProjectStore[] = [];
  const track = (store: ProjectStore) => (open.push(store), store);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-ids-'));
    path = join(dir, 'p.marginalia');
  });
  afterEach(() => {
    for (const store of open.splice(0)) store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A project with a kept span and the highest span and relation ids deleted (the relation along with its span). */
  function projectWithDeletions() {
    const store = ProjectStore.create(path, 'p', DEFAULT_SCHEMA);
    const alice = store.ensureAnnotator('Alice');
    const documentId = store.insertDocuments(
      [{ externalId: 'a', title: 'a', text: TEXT, sha256: 'a', source: {}, newlinePolicy: 'none' }],
      alice,
    ).inserted[0]!.id;
    const kept = store.addSpan(alice, documentId, { label: 'Claim', start: 26, end: 53 });
    const hedge = store.addSpan(alice, documentId, { label: 'Hedge', start: 10, end: 20 });
    const relation = store.addRelation(alice, { type: 'scopes', fromSpan: hedge.id, toSpan: kept.id });
    store.deleteSpan(alice, hedge.id);
    store.close();
    return { alice, documentId, kept, hedge, relation };
  }

  const highWater = () => {
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT entity, high FROM id_high_water ORDER BY entity').all();
    const indexes = db
      .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'event'")
      .pluck()
      .all();
    db.close();
    return { rows, indexes };
  };

  it('upgrading a project of version 10 starts the marks from its log, and drops the log index it needed', () => {
    const { alice, documentId, kept, hedge, relation } = projectWithDeletions();
    downgradeTo(path, 10);
    const store = track(ProjectStore.open(path));
    const { rows, indexes } = highWater();
    expect(rows).toEqual([
      { entity: 'relation', high: relation.id },
      { entity: 'span', high: hedge.id },
    ]);
    expect(indexes).not.toContain('event_by_entity');
    const span = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    expect(span.id).toBeGreaterThan(hedge.id);
    const link = store.addRelation(alice, { type: 'in', fromSpan: span.id, toSpan: kept.id });
    expect(link.id).toBeGreaterThan(relation.id);
    // Undoing the deletion brings the span and its relation back under their own ids.
    store.revertAction(alice, documentId, 'undo');
    store.revertAction(alice, documentId, 'undo');
    store.revertAction(alice, documentId, 'undo');
    expect(store.getSpan(hedge.id)?.label).toBe('Hedge');
    expect(store.relationsOf(documentId).map((r) => r.id)).toEqual([relation.id]);
  });

  it('leaves a project of version 10 as it was, with its backup, when the upgrade fails midway', () => {
    projectWithDeletions();
    downgradeTo(path, 10);
    // A table of the name migration 12 creates, already there: it fails after its first statement.
    const db = new Database(path);
    db.exec('CREATE TABLE id_high_water (x)');
    db.close();
    const before = tableDump(path);
    const error = thrown(() => ProjectStore.open(path));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/^cannot upgrade .*p\.marginalia from version 10: /);
    expect(error.message).toContain(`left as it was (version 10), and a copy is in ${path}.v10.bak`);
    expect(tableDump(path)).toBe(before);
    expect(tableDump(`${path}.v10.bak`)).toBe(before);
  });

  it('a span or relation deleted by hand, by undo or along with its span is never reused after reopening', () => {
    const { alice, documentId, kept } = projectWithDeletions();
    let store = track(ProjectStore.open(path));
    const added = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 35 });
    const link = store.addRelation(alice, { type: 'in', fromSpan: added.id, toSpan: kept.id });
    store.revertAction(alice, documentId, 'undo'); // the relation goes
    store.revertAction(alice, documentId, 'undo'); // the span goes
    store.close();
    expect(highWater().rows).toEqual([
      { entity: 'relation', high: link.id },
      { entity: 'span', high: added.id },
    ]);
    store = track(ProjectStore.open(path));
    const next = store.addSpan(alice, documentId, { label: 'Figure', start: 26, end: 28 });
    const nextLink = store.addRelation(alice, { type: 'in', fromSpan: next.id, toSpan: kept.id });
    expect(next.id).toBeGreaterThan(added.id);
    expect(nextLink.id).toBeGreaterThan(link.id);
  });
});
