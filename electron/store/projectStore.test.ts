import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../core/errors';
import { DEFAULT_SCHEMA } from '../core/schema';
import { MIGRATIONS } from './migrations';
import { ProjectStore, type NewDocument } from './projectStore';
import { downgradeTo, fileHash, thrown } from './testing';

let dir: string;
const open: ProjectStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-store-'));
});

afterEach(() => {
  for (const store of open.splice(0)) {
    try {
      store.close();
    } catch {
      // already closed by the test
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

const projectPath = (name = 'project.marginalia') => join(dir, name);
const track = (store: ProjectStore) => (open.push(store), store);
const createProject = (path = projectPath()) => track(ProjectStore.create(path, 'News 2024', DEFAULT_SCHEMA));

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const newDocument = (text: string, externalId = 'doc'): NewDocument => ({
  externalId,
  title: text.split('\n')[0]!,
  text,
  sha256: sha(text),
  source: { file: `${externalId}.txt`, newlines: 'lf' },
  newlinePolicy: 'none',
});

/** A project with one document and two annotators, ready for span edits. */
function projectWithDocument() {
  const store = createProject();
  const alice = store.ensureAnnotator('alice');
  const bob = store.ensureAnnotator('bob');
  const text = 'Officials said 12 people died in Kabul.';
  const { inserted } = store.insertDocuments([newDocument(text)], alice);
  return { store, alice, bob, text, documentId: inserted[0]!.id };
}

describe('creating and opening a project', () => {
  it('creates a project file that opens again with its name, offset unit and contents', () => {
    const path = projectPath();
    const store = createProject(path);
    const annotator = store.ensureAnnotator('alice');
    const { inserted } = store.insertDocuments([newDocument('Floods in Sindh.\nMore rain.')], annotator);
    store.addSpan(annotator, inserted[0]!.id, { start: 0, end: 6, label: 'Claim' });
    store.close();

    const reopened = track(ProjectStore.open(path));
    expect(reopened.path).toBe(path);
    expect(reopened.info()).toMatchObject({ name: 'News 2024', offsetUnit: 'utf16-code-units' });
    expect(Date.parse(reopened.info().createdAt)).not.toBeNaN();
    expect(reopened.counts()).toMatchObject({ documents: 1, spans: 1, annotators: 1 });
    expect(reopened.getDocument(inserted[0]!.id)?.text).toBe('Floods in Sindh.\nMore rain.');
    expect(reopened.spansOf(inserted[0]!.id)).toMatchObject([
      { start: 0, end: 6, label: 'Claim', annotator: 'alice', origin: 'manual' },
    ]);
  });

  it('stores the default schema: four labels on hotkeys 1-4 with their attributes, and relation types', () => {
    const path = projectPath();
    createProject(path).close();
    const schema = track(ProjectStore.open(path)).schema();
    expect(schema).toEqual(DEFAULT_SCHEMA);
    expect(schema.labels.map((l) => [l.key, l.hotkey])).toEqual([
      ['Claim', '1'],
      ['Figure', '2'],
      ['Location', '3'],
      ['Hedge', '4'],
    ]);
    const figure = schema.labels.find((l) => l.key === 'Figure')!;
    expect(figure.attributes.find((a) => a.name === 'category')).toEqual({
      name: 'category',
      type: 'enum',
      options: ['casualties', 'captives', 'property', 'vehicles', 'money', 'other'],
    });
    expect(schema.relationTypes).toContainEqual({ name: 'attributed_to', fromLabel: 'Claim', toLabel: null });
    expect(schema.relationTypes).toContainEqual({ name: 'scopes', fromLabel: 'Hedge', toLabel: 'Claim' });
  });

  it('refuses to create a project over an existing file and leaves that file alone', () => {
    const path = projectPath();
    writeFileSync(path, 'my thesis draft');
    const error = thrown(() => ProjectStore.create(path, 'x', DEFAULT_SCHEMA));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('my thesis draft');
  });

  it('refuses to create a project over an existing project', () => {
    const path = projectPath();
    createProject(path).close();
    expect(() => ProjectStore.create(path, 'x', DEFAULT_SCHEMA)).toThrow(/already exists/);
  });

  it('refuses to open a path that does not exist, without creating it', () => {
    const path = projectPath('missing.marginalia');
    const error = thrown(() => ProjectStore.open(path));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(`${path} does not exist`);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses to open a file that is not SQLite, and leaves it byte-identical', () => {
    const path = projectPath('notes.marginalia');
    writeFileSync(path, 'These are my notes, not a database.\n'.repeat(50));
    const before = fileHash(path);
    const error = thrown(() => ProjectStore.open(path));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/is not a Marginalia project/);
    expect(fileHash(path)).toBe(before);
  });

  it("refuses to open another program's SQLite database, and leaves it byte-identical", () => {
    const path = projectPath('other.db');
    const other = new Database(path);
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ayesha');");
    other.close();
    const before = fileHash(path);

    const error = thrown(() => ProjectStore.open(path));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(`${path} is not a Marginalia project`);
    expect(fileHash(path)).toBe(before);
    // Not switched to WAL, no journal files left behind.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });
});

describe('schema guard', () => {
  /*
   * A shipped migration must never change: projects made by earlier versions already hold its
   * tables, and they are never re-run. When this test fails, revert the edit to the shipped migration
   * and add a new migration to MIGRATIONS instead (then add its tables to a new expectation here).
   */
  const masterOf = (db: Database.Database) =>
    db
      .prepare<[], { type: string; name: string; sql: string | null }>(
        'SELECT type, name, sql FROM sqlite_master ORDER BY type, name',
      )
      .all();
  const hashOf = (rows: { type: string; name: string; sql: string | null }[]) =>
    createHash('sha256')
      .update(rows.map((r) => `${r.type} ${r.name}\n${r.sql ?? ''}`).join('\n;\n'))
      .digest('hex');

  it('creates exactly the tables of shipped migration 1', () => {
    const db = new Database(':memory:');
    db.exec(MIGRATIONS[0]!);
    const rows = masterOf(db);
    db.close();
    expect(rows.filter((r) => r.type === 'table').map((r) => r.name)).toEqual([
      'annotator',
      'assignment',
      'attribute_def',
      'decision',
      'document',
      'event',
      'label',
      'project',
      'relation',
      'relation_type',
      'span',
    ]);
    expect(rows.filter((r) => r.type === 'index' && r.sql !== null).map((r) => r.name)).toEqual([
      'event_by_document',
      'span_by_document',
    ]);
    expect(hashOf(rows)).toBe('31aa4337e937d0a333b3b8c126430ef358fb7525f6bee8a7174a74f61ba6a157');
  });

  it('migration 2 adds undo grouping to the event log and guidelines to the project', () => {
    const db = new Database(':memory:');
    db.exec(MIGRATIONS[0]!);
    db.exec(MIGRATIONS[1]!);
    const rows = masterOf(db);
    const columns = (table: string) =>
      db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
        .all()
        .map((c) => c.name);
    expect(columns('event')).toEqual(expect.arrayContaining(['action', 'undoes']));
    expect(columns('project')).toContain('guidelines');
    db.close();
    expect(rows.filter((r) => r.type === 'index' && r.sql !== null).map((r) => r.name)).toEqual([
      'event_by_action',
      'event_by_document',
      'event_by_entity',
      'span_by_document',
    ]);
  });

  it('migration 3 gives the project and annotators stable ids, spans and relations UUIDs and a gold flag', () => {
    const path = projectPath();
    createProject(path).close();
    const db = new Database(path, { readonly: true });
    const rows = masterOf(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const columns = (table: string) =>
      db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
        .all()
        .map((c) => c.name);
    expect(columns('project')).toEqual(expect.arrayContaining(['uid', 'reviewers_edit_layers']));
    expect(columns('annotator')).toContain('uid');
    expect(columns('span')).toEqual(expect.arrayContaining(['uid', 'gold']));
    expect(columns('relation')).toContain('uid');
    // The project made after the migration got its id from the trigger.
    expect(db.prepare<[], { uid: string }>('SELECT uid FROM project').get()!.uid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    db.close();
    expect(MIGRATIONS).toHaveLength(13);
    expect(rows.filter((r) => r.type === 'trigger').map((r) => r.name)).toEqual([
      'annotator_uid',
      'assignment_added',
      'assignment_changed',
      'assignment_removed',
      'document_text_delete',
      'document_text_reused',
      'document_text_update',
      'project_uid',
      'relation_id_high_water',
      'span_id_high_water',
      'span_tombstone',
    ]);
  });

  it('migration 4 gives event rows their layer and decisions the versions chosen and an auto flag', () => {
    const path = projectPath();
    createProject(path).close();
    const db = new Database(path, { readonly: true });
    const rows = masterOf(db);
    const columns = (table: string) =>
      db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
        .all()
        .map((c) => c.name);
    expect(columns('event')).toContain('layer');
    expect(columns('decision')).toEqual(expect.arrayContaining(['chosen', 'auto']));
    db.close();
    expect(rows.filter((r) => r.type === 'index' && r.sql !== null).map((r) => r.name)).toEqual([
      'annotator_by_uid',
      'assignment_assigned',
      'assignment_by_status',
      'decision_by_conflict',
      'document_order',
      'event_by_annotator',
      'event_by_document_action',
      'event_merges_by_layer',
      'span_by_document',
      'span_labels_by_layer',
    ]);
  });
});

describe('schema guard, teams', () => {
  it('migration 5 adds the owner flag, assignment beside status, and what annotators may see', () => {
    const path = projectPath();
    createProject(path).close();
    const db = new Database(path, { readonly: true });
    const columns = (table: string) =>
      db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
        .all()
        .map((c) => c.name);
    expect(columns('annotator')).toEqual(['id', 'name', 'role', 'uid', 'owner']);
    expect(columns('assignment')).toEqual([
      'document_id',
      'annotator_id',
      'status',
      'started_at',
      'done_at',
      'assigned',
      'assigned_at',
    ]);
    expect(columns('project')).toContain('annotators_see_others');
    db.close();
  });
});

describe('schema guard, work packages', () => {
  it('migration 6 adds the one row a work package keeps of its origin', () => {
    const path = projectPath();
    createProject(path).close();
    const db = new Database(path, { readonly: true });
    const columns = db
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('package_origin')")
      .all()
      .map((c) => c.name);
    expect(columns).toEqual([
      'id',
      'package_uid',
      'project_uid',
      'project_name',
      'annotator_uid',
      'annotator_name',
      'made_at',
      'made_by',
      'documents',
    ]);
    // An ordinary project has no origin: only a package does.
    expect(db.prepare('SELECT count(*) AS n FROM package_origin').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('schema guard, deletions', () => {
  it('migration 7 upgrades a project of version 6 with its spans, and from then on a deleted span leaves a tombstone', () => {
    const path = projectPath();
    const store = createProject(path);
    const alice = store.ensureAnnotator('alice');
    const { inserted } = store.insertDocuments([newDocument('Floods in Sindh.')], alice);
    const kept = store.addSpan(alice, inserted[0]!.id, { start: 0, end: 6, label: 'Claim' });
    const gone = store.addSpan(alice, inserted[0]!.id, { start: 10, end: 15, label: 'Location' });
    store.close();
    // As version 6 left it: no tombstone table, no trigger (nor what later migrations add).
    downgradeTo(path, 6);
    const upgraded = track(ProjectStore.open(path));
    expect(upgraded.spansOf(inserted[0]!.id).map((s) => s.id)).toEqual([kept.id, gone.id]);
    upgraded.deleteSpan(alice, gone.id);
    upgraded.close();
    const db = new Database(path, { readonly: true });
    const uid = db.prepare('SELECT uid FROM span WHERE id = ?').get(kept.id);
    const rows = db.prepare('SELECT document_id, annotator_id, deleted_at FROM span_tombstone').all();
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    expect(uid).toBeDefined();
    expect(rows).toEqual([
      {
        document_id: inserted[0]!.id,
        annotator_id: alice,
        deleted_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
      },
    ]);
  });
});

describe('schema versions', () => {
  it('refuses a project made by a newer version, says so, and leaves the file untouched', () => {
    const path = projectPath();
    createProject(path).close();
    // As a future version might leave it: a higher schema number, rollback journal.
    const future = new Database(path);
    future.pragma('journal_mode = DELETE');
    future.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    future.close();
    const before = fileHash(path);

    const error = thrown(() => ProjectStore.open(path));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain(`newer Marginalia (schema ${MIGRATIONS.length + 1}); update the app`);
    expect(fileHash(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
  });

  it('opens a project of the current version without making a backup', () => {
    const path = projectPath();
    createProject(path).close();
    track(ProjectStore.open(path));
    expect(existsSync(`${path}.v1.bak`)).toBe(false);
  });
});

describe('durability settings', () => {
  it('keeps the project in WAL journal mode', () => {
    const path = projectPath();
    createProject(path).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('enforces foreign keys: a span on a missing document is refused and nothing is written', () => {
    const path = projectPath();
    createProject(path).close();
    // Reopened, since foreign_keys is a per-connection setting that open() must set again.
    const store = track(ProjectStore.open(path));
    const annotator = store.ensureAnnotator('alice');
    const before = store.counts();
    expect(() => store.addSpan(annotator, 999, { start: 0, end: 3, label: 'Claim' })).toThrow(/FOREIGN KEY/);
    expect(store.counts()).toEqual(before);
  });
});

describe('span edits and the event log', () => {
  it('logs the import, then add, relabel and delete of a span, each under its annotator', () => {
    const { store, alice, documentId, text } = projectWithDocument();
    const span = store.addSpan(alice, documentId, { start: 15, end: 24, label: 'Figure' });
    expect(span).toMatchObject({ documentId, start: 15, end: 24, label: 'Figure', annotator: 'alice' });
    expect(text.slice(span.start, span.end)).toBe('12 people');
    expect(store.documentStatus(documentId, alice)).toBe('in_progress');

    const relabelled = store.setSpanLabel(alice, span.id, 'Claim');
    expect(relabelled.label).toBe('Claim');
    expect(store.getSpan(span.id)?.label).toBe('Claim');

    store.deleteSpan(alice, span.id);
    expect(store.getSpan(span.id)).toBeUndefined();
    expect(store.spansOf(documentId)).toEqual([]);

    expect(store.eventsOf(documentId)).toEqual([
      { op: 'import', entity: 'document', entityId: documentId, annotator: 'alice' },
      { op: 'add', entity: 'span', entityId: span.id, annotator: 'alice' },
      { op: 'relabel', entity: 'span', entityId: span.id, annotator: 'alice' },
      { op: 'delete', entity: 'span', entityId: span.id, annotator: 'alice' },
    ]);
  });

  it("does not let another annotator relabel or delete someone's span", () => {
    const { store, alice, bob, documentId } = projectWithDocument();
    const span = store.addSpan(alice, documentId, { start: 33, end: 38, label: 'Location' });
    const events = store.counts().events;

    const relabel = thrown(() => store.setSpanLabel(bob, span.id, 'Claim'));
    expect(relabel).toBeInstanceOf(UserError);
    expect(relabel.message).toBe(`span ${span.id} belongs to another annotator`);
    expect(() => store.deleteSpan(bob, span.id)).toThrow(/belongs to another annotator/);

    expect(store.getSpan(span.id)).toEqual(span);
    expect(store.counts().events).toBe(events);
  });

  it('keeps annotators apart: each sees only their own spans', () => {
    const { store, alice, bob, documentId } = projectWithDocument();
    store.addSpan(alice, documentId, { start: 0, end: 9, label: 'Claim' });
    store.addSpan(bob, documentId, { start: 0, end: 9, label: 'Hedge' });
    expect(store.spansOf(documentId, alice).map((s) => s.label)).toEqual(['Claim']);
    expect(store.spansOf(documentId, bob).map((s) => s.label)).toEqual(['Hedge']);
    expect(store.spansOf(documentId)).toHaveLength(2);
    expect(store.listDocuments(alice)[0]).toMatchObject({ spanCount: 1, status: 'in_progress' });
  });

  it('rejects an unknown label with a clear message and writes nothing', () => {
    const { store, alice, documentId } = projectWithDocument();
    const before = store.counts();
    const error = thrown(() => store.addSpan(alice, documentId, { start: 0, end: 9, label: 'Person' }));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe('unknown label "Person"');
    expect(store.counts()).toEqual(before);
    expect(store.documentStatus(documentId, alice)).toBe('todo');

    const span = store.addSpan(alice, documentId, { start: 0, end: 9, label: 'Claim' });
    const events = store.counts().events;
    expect(() => store.setSpanLabel(alice, span.id, 'claim')).toThrow('unknown label "claim"');
    expect(store.getSpan(span.id)?.label).toBe('Claim');
    expect(store.counts().events).toBe(events);
  });

  it('reports a span that does not exist', () => {
    const { store, alice } = projectWithDocument();
    expect(() => store.deleteSpan(alice, 4242)).toThrow('span 4242 does not exist');
  });
});

describe('annotator roles', () => {
  it('makes an annotator a reviewer and back, logging each change with the row before and after', () => {
    const { store, alice, bob, documentId } = projectWithDocument();
    store.addSpan(bob, documentId, { start: 15, end: 24, label: 'Figure' });
    expect(store.setAnnotatorRole('bob', 'reviewer', alice)).toEqual({
      id: bob,
      name: 'bob',
      role: 'reviewer',
    });
    expect(store.annotatorSpanCounts()).toEqual([
      { id: alice, uid: expect.any(String), name: 'alice', role: 'annotator', spans: 0 },
      { id: bob, uid: expect.any(String), name: 'bob', role: 'reviewer', spans: 1 },
    ]);
    const events = store.counts().events;
    store.setAnnotatorRole('bob', 'reviewer', alice);
    expect(store.counts().events).toBe(events);
    store.setAnnotatorRole('bob', 'annotator', alice);
    const db = new Database(store.path, { readonly: true });
    const logged = db
      .prepare(
        `SELECT annotator_id AS annotatorId, document_id AS documentId, op, entity, entity_id AS entityId, before, after
         FROM event WHERE entity = 'annotator' ORDER BY id`,
      )
      .all();
    db.close();
    const row = (role: string) => JSON.stringify({ id: bob, name: 'bob', role });
    expect(logged).toEqual([
      {
        annotatorId: alice,
        documentId: null,
        op: 'role',
        entity: 'annotator',
        entityId: bob,
        before: row('annotator'),
        after: row('reviewer'),
      },
      {
        annotatorId: alice,
        documentId: null,
        op: 'role',
        entity: 'annotator',
        entityId: bob,
        before: row('reviewer'),
        after: row('annotator'),
      },
    ]);
  });

  it('refuses an annotator the project does not have, naming those it has, and writes nothing', () => {
    const { store, alice } = projectWithDocument();
    const before = store.counts();
    const error = thrown(() => store.setAnnotatorRole('zed', 'reviewer', alice));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe('no annotator "zed" in this project; it has alice, bob');
    expect(store.counts()).toEqual(before);
    expect(store.annotators().map((a) => a.role)).toEqual(['annotator', 'annotator']);
  });
});

describe('documents', () => {
  it('does not insert the same text twice (same sha256), and reports the existing id', () => {
    const store = createProject();
    const first = store.insertDocuments([newDocument('Same text.', 'a')], null);
    const second = store.insertDocuments(
      [newDocument('Same text.', 'b'), newDocument('Other text.', 'c'), newDocument('Other text.', 'd')],
      null,
    );
    expect(first.inserted).toHaveLength(1);
    expect(second.duplicates).toEqual([
      { index: 0, id: first.inserted[0]!.id },
      { index: 2, id: second.inserted[0]!.id },
    ]);
    expect(second.inserted.map((d) => d.index)).toEqual([1]);
    expect(store.counts().documents).toBe(2);
    expect(store.listDocuments(store.ensureAnnotator('alice')).map((d) => d.externalId)).toEqual(['a', 'c']);
  });

  it('stores Urdu, emoji and combining marks exactly', () => {
    const store = createProject();
    const text = 'کراچی 🔥\ne\u0301';
    const { inserted } = store.insertDocuments([newDocument(text)], null);
    expect(store.getDocument(inserted[0]!.id)?.text).toBe(text);
  });
});

describe('schema guard, the review queue', () => {
  it('migration 11 adds the conflicts the queue keeps per document and the mark they are current to, empty', () => {
    const path = projectPath();
    createProject(path).close();
    const db = new Database(path, { readonly: true });
    const tables = db
      .prepare<[], { name: string; columns: string }>(
        `SELECT m.name, group_concat(c.name, ' ' ORDER BY c.cid) AS columns
         FROM sqlite_schema m, pragma_table_info(m.name) c
         WHERE m.type = 'table' AND m.name LIKE 'conflict_queue%' GROUP BY m.name ORDER BY m.name`,
      )
      .all();
    expect(tables).toEqual([
      { name: 'conflict_queue', columns: 'document_id conflicts places' },
      { name: 'conflict_queue_mark', columns: 'id event project' },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM conflict_queue').get()).toEqual({ n: 0 });
    db.close();
  });
});
