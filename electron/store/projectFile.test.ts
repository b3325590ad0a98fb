/**
 * The project file on disk: the settings it runs with, one writer at a time, upgrades from every
 * shipped schema version (built here from that version's own DDL, with real data), backups, and
 * damaged files.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../core/errors';
import { DEFAULT_SCHEMA } from '../core/schema';
import { MIGRATIONS } from './migrations';
import { APPLICATION_ID, isProjectFile, sentenceFor } from './projectFile';
import { ProjectStore } from './projectStore';
import { fileHash, scribbleOverRoot, storeTracker, tableDump, thrown } from './testing';

let dir: string;
const { track, closeAll } = storeTracker();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-file-'));
});

afterEach(() => {
  closeAll();
  rmSync(dir, { recursive: true, force: true });
});

const TEXT = 'Officials said 12 people died in Kabul on Tuesday, police reported.';

/**
 * A project as Marginalia with schema version 1 wrote it: three annotators (one a reviewer), spans
 * of each with attributes and a note, a discontinuous span, a relation, and their event rows.
 */
function writeVersion1Project(path: string, version = 1): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  for (let v = 0; v < version; v++) db.exec(MIGRATIONS[v]!);
  const at = '2025-03-01T10:00:00.000Z';
  db.exec(`
    INSERT INTO project (id, name, created_at) VALUES (1, 'Kabul desk', '${at}');
    INSERT INTO label (id, key, name, color, hotkey, kind, position) VALUES
      (1, 'Claim', 'Claim', '#d9480f', '1', 'span', 0), (2, 'Figure', 'Figure', '#1971c2', '2', 'span', 1),
      (3, 'Location', 'Location', '#2f9e44', '3', 'span', 2);
    INSERT INTO attribute_def (label_id, name, type, options) VALUES
      (2, 'category', 'enum', '["casualties","other"]'), (2, 'approximate', 'bool', '[]');
    INSERT INTO relation_type (id, name, from_label_id, to_label_id) VALUES (1, 'in', 2, 1);
    INSERT INTO document (id, external_id, title, text, sha256, source, newline_policy, imported_at)
      VALUES (1, 'kabul', 'Kabul', '${TEXT}', '${createHash('sha256').update(TEXT).digest('hex')}', '{}', 'none', '${at}');
    INSERT INTO annotator (id, name, role) VALUES (1, 'alice', 'annotator'), (2, 'bob', 'annotator'),
      (3, 'rita', 'reviewer');
    INSERT INTO assignment (document_id, annotator_id, status, started_at, done_at) VALUES
      (1, 1, 'done', '${at}', '${at}'), (1, 3, 'in_progress', '${at}', NULL);
    INSERT INTO span (id, document_id, annotator_id, label_id, start, "end", fragments, attributes, note, origin,
                      created_at, updated_at) VALUES
      (1, 1, 1, 1, 0, 44, NULL, '{}', 'the official line', 'manual', '${at}', '${at}'),
      (2, 1, 1, 2, 15, 24, NULL, '{"category":"casualties","approximate":false}', NULL, 'manual', '${at}', '${at}'),
      (3, 1, 2, 3, 33, 38, NULL, '{}', NULL, 'imported', '${at}', '${at}'),
      (4, 1, 3, 2, 15, 38, '[{"start":15,"end":24},{"start":33,"end":38}]', '{}', NULL, 'manual', '${at}', '${at}');
    INSERT INTO relation (id, type_id, from_span_id, to_span_id, annotator_id) VALUES (1, 1, 2, 1, 1);
    INSERT INTO event (at, annotator_id, document_id, op, entity, entity_id, before, after) VALUES
      ('${at}', 1, 1, 'add', 'span', 1, NULL, '{}'), ('${at}', 1, 1, 'add', 'span', 2, NULL, '{}'),
      ('${at}', 2, 1, 'add', 'span', 3, NULL, '{}'), ('${at}', 3, 1, 'add', 'span', 4, NULL, '{}'),
      ('${at}', 1, 1, 'add', 'relation', 1, NULL, '{}'), ('${at}', 1, 1, 'delete', 'span', 7, '{}', NULL);
  `);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma(`user_version = ${version}`);
  db.close();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Rows of one table of a project file, read without its lock. */
function rowsOf<T>(path: string, sql: string): T[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], T>(sql).all();
  } finally {
    db.close();
  }
}

describe.each([1, 2])('layers and identities after upgrading from schema version %i', (version) => {
  it("makes the reviewer's spans the gold layer, keeps the annotators' layers, and gives every row a stable id", () => {
    const path = join(dir, 'old.marginalia');
    writeVersion1Project(path, version);
    const before = tableDump(path);
    const store = track(ProjectStore.open(path));

    // rita was a reviewer: her discontinuous Figure is now gold, under her name; alice and bob keep theirs.
    expect(store.layerSpans(1, { kind: 'gold' }).map((s) => [s.id, s.annotator, s.gold])).toEqual([
      [4, 'rita', true],
    ]);
    const uidOf = new Map(
      rowsOf<{ name: string; uid: string }>(path, 'SELECT name, uid FROM annotator').map((a) => [
        a.name,
        a.uid,
      ]),
    );
    expect([...uidOf.values()].every((uid) => UUID.test(uid))).toBe(true);
    expect(new Set(uidOf.values()).size).toBe(3);
    const alice = { kind: 'annotator' as const, annotator: uidOf.get('alice')! };
    expect(store.layerSpans(1, alice).map((s) => s.id)).toEqual([1, 2]);
    expect(store.layerRelations(1, alice)).toMatchObject([{ id: 1, fromSpan: 2, toSpan: 1 }]);
    // rita's own layer is empty: nothing of hers stayed outside gold.
    expect(store.layerSpans(1, { kind: 'annotator', annotator: uidOf.get('rita')! })).toEqual([]);
    expect(store.spansOf(1, 3)).toEqual([]);

    const spanUids = rowsOf<{ uid: string }>(path, 'SELECT uid FROM span').map((r) => r.uid);
    expect(spanUids).toHaveLength(4);
    expect(spanUids.every((uid) => UUID.test(uid))).toBe(true);
    expect(new Set(spanUids).size).toBe(4);
    expect(rowsOf<{ uid: string }>(path, 'SELECT uid FROM relation')[0]!.uid).toMatch(UUID);
    expect(rowsOf<{ uid: string }>(path, 'SELECT uid FROM project')[0]!.uid).toMatch(UUID);
    // New rows get ids too, and the gold flag stays with a new span of bob's.
    const bobSpan = store.addSpan(2, 1, { start: 0, end: 9, label: 'Claim' });
    expect(bobSpan.gold).toBeUndefined();
    expect(rowsOf<{ uid: string }>(path, `SELECT uid FROM span WHERE id = ${bobSpan.id}`)[0]!.uid).toMatch(
      UUID,
    );
    store.ensureAnnotator('dana');
    expect(rowsOf<{ uid: string }>(path, "SELECT uid FROM annotator WHERE name = 'dana'")[0]!.uid).toMatch(
      UUID,
    );
    // The edit rule now holds in the file: bob may not touch the gold span; rita may.
    expect(thrown(() => store.deleteSpan(2, 4)).message).toBe(
      'span 4 belongs to the gold layer, which only reviewers edit',
    );
    expect(store.setSpanNote(3, 4, 'checked').note).toBe('checked');

    expect(tableDump(`${path}.v${version}.bak`)).toBe(before);
  });

  it('leaves the file as it was when the upgrade to layers fails midway', () => {
    const path = join(dir, 'old.marginalia');
    writeVersion1Project(path, version);
    // A table of the name the rebuild uses, already there: migration 3 fails after it has begun.
    const db = new Database(path);
    db.exec('CREATE TABLE relation_new (x)');
    db.close();
    const before = tableDump(path);
    const error = thrown(() => ProjectStore.open(path));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain(
      `left as it was (version ${version}), and a copy is in ${path}.v${version}.bak`,
    );
    expect(tableDump(path)).toBe(before);
  });
});

describe('the event log after upgrading from schema version 3', () => {
  it("places each earlier edit in its layer, so a reviewer's undo on gold takes back her gold span", () => {
    const path = join(dir, 'old.marginalia');
    writeVersion1Project(path, 3);
    // Under version 3, rita's Figure was written into gold: the row and its logged snapshot say so.
    const db = new Database(path);
    db.exec(`UPDATE event SET action = id;
             UPDATE span SET gold = 1 WHERE id = 4;
             UPDATE event SET after = '{"gold":true}' WHERE entity = 'span' AND entity_id = 4;`);
    db.close();
    const before = tableDump(path);
    const store = track(ProjectStore.open(path));
    const uid = (name: string) =>
      rowsOf<{ uid: string }>(path, `SELECT uid FROM annotator WHERE name = '${name}'`)[0]!.uid;
    expect(
      rowsOf<{ entity: string; entityId: number; layer: string }>(
        path,
        'SELECT entity, entity_id AS entityId, layer FROM event ORDER BY id',
      ),
    ).toEqual([
      { entity: 'span', entityId: 1, layer: `annotator:${uid('alice')}` },
      { entity: 'span', entityId: 2, layer: `annotator:${uid('alice')}` },
      { entity: 'span', entityId: 3, layer: `annotator:${uid('bob')}` },
      { entity: 'span', entityId: 4, layer: 'gold' },
      { entity: 'relation', entityId: 1, layer: `annotator:${uid('alice')}` },
      { entity: 'span', entityId: 7, layer: `annotator:${uid('alice')}` },
    ]);
    // rita's own layer has nothing to undo; her gold layer has the Figure.
    expect(store.revertAction(3, 1, 'undo')).toBeNull();
    expect(store.revertAction(3, 1, 'undo', { kind: 'gold' })).toMatchObject({ removedSpanIds: [4] });
    expect(store.layerSpans(1, { kind: 'gold' })).toEqual([]);
    expect(tableDump(`${path}.v3.bak`)).toBe(before);
  });
});

describe('the settings a project runs with', () => {
  it('is in WAL mode, fsyncs every commit, enforces foreign keys and waits for a busy file', () => {
    const path = join(dir, 'p.marginalia');
    ProjectStore.create(path, 'p', DEFAULT_SCHEMA).close();
    // Reopened: all but the journal mode are settings of the connection, which open() must make again.
    const store = track(ProjectStore.open(path));
    // synchronous 2 = FULL: a commit is on the disk before the edit is acknowledged.
    expect(store.pragmas()).toEqual({
      journalMode: 'wal',
      synchronous: 2,
      foreignKeys: 1,
      busyTimeout: 5000,
    });
  });
});

describe('one writer per project file', () => {
  it('refuses a second opening of an open project, naming who holds it, and lets it in once closed', () => {
    const path = join(dir, 'p.marginalia');
    const first = track(ProjectStore.create(path, 'p', DEFAULT_SCHEMA, { program: 'the Marginalia app' }));
    const alice = first.ensureAnnotator('alice');
    const error = thrown(() => ProjectStore.open(path, { program: 'marginalia import' }));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain(`${path} is open in the Marginalia app (process ${process.pid}`);
    expect(error.message).toMatch(/Nothing was changed; close it there and try again\.$/);
    // The holder goes on writing; a reader that needs no lock is let in meanwhile.
    first.insertDocuments(
      [{ externalId: 'a', title: 'a', text: TEXT, sha256: 'x', source: {}, newlinePolicy: 'none' }],
      alice,
    );
    const reader = track(ProjectStore.open(path, { readOnly: true }));
    expect(reader.counts().documents).toBe(1);
    const write = thrown(() => reader.setGuidelines('# Rules'));
    expect(write.message).toMatch(/^the change was not saved: .* cannot be written/);
    // Under another name (a link), it is the same file and the same lock.
    symlinkSync(path, join(dir, 'link.marginalia'));
    expect(() => ProjectStore.open(join(dir, 'link.marginalia'))).toThrow(/is open in the Marginalia app/);
    first.close();
    expect(track(ProjectStore.open(path)).counts().documents).toBe(1);
  });
});

describe('a damaged lock file', () => {
  it('is named, with what to do, and the project is left as it was', () => {
    const path = join(dir, 'p.marginalia');
    ProjectStore.create(path, 'p', DEFAULT_SCHEMA).close();
    writeFileSync(`${path}.lock`, 'not a lock '.repeat(100));
    const before = fileHash(path);
    const error = thrown(() => ProjectStore.open(path));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(
      new RegExp(
        `^cannot open .*p\\.marginalia: its lock file .*p\\.marginalia\\.lock is unusable \\(.+\\)\\. ` +
          'Nothing was changed; if no Marginalia has the project open, delete that file and open the project again\\.$',
      ),
    );
    expect(fileHash(path)).toBe(before);
    rmSync(`${path}.lock`);
    track(ProjectStore.open(path));
  });
});

describe('upgrading a project from schema version 1', () => {
  it('keeps every annotator, span, attribute, note, relation and event, and backs up the old file', () => {
    const path = join(dir, 'old.marginalia');
    writeVersion1Project(path);
    const before = tableDump(path);
    const store = track(ProjectStore.open(path));

    expect(store.annotators().map((a) => [a.name, a.role])).toEqual([
      ['alice', 'annotator'],
      ['bob', 'annotator'],
      ['rita', 'reviewer'],
    ]);
    const spans = store.spansOf(1);
    expect(spans.map((s) => [s.id, s.annotator, s.label, s.start, s.end])).toEqual([
      [1, 'alice', 'Claim', 0, 44],
      [4, 'rita', 'Figure', 15, 38],
      [2, 'alice', 'Figure', 15, 24],
      [3, 'bob', 'Location', 33, 38],
    ]);
    expect(spans.find((s) => s.id === 2)!.attributes).toEqual({ category: 'casualties', approximate: false });
    expect(spans.find((s) => s.id === 1)!.note).toBe('the official line');
    expect(spans.find((s) => s.id === 4)!.fragments).toEqual([
      { start: 15, end: 24 },
      { start: 33, end: 38 },
    ]);
    expect(store.relationsOf(1)).toMatchObject([
      { id: 1, type: 'in', fromSpan: 2, toSpan: 1, annotator: 'alice' },
    ]);
    expect(store.documentStatus(1, 1)).toBe('done');
    expect(store.eventsOf(1)).toHaveLength(6);
    expect(store.guidelines()).toBe('');
    // A new span takes an id above every id the old log named (7 was deleted), so undo stays unambiguous.
    expect(store.addSpan(2, 1, { start: 0, end: 9, label: 'Claim' }).id).toBe(8);
    // It is an action of its own after the old log's (migration 13 reads the log in action order).
    expect(store.revertAction(2, 1, 'undo')).toMatchObject({ spans: [], removedSpanIds: [8] });
    expect(store.spansOf(1).map((s) => s.id)).toEqual([1, 4, 2, 3]);

    // The backup is the version-1 project, whole.
    expect(tableDump(`${path}.v1.bak`)).toBe(before);
  });

  it('keeps a backup left by an earlier attempt and writes the new one beside it', () => {
    const path = join(dir, 'old.marginalia');
    writeVersion1Project(path);
    writeFileSync(`${path}.v1.bak`, 'an earlier backup');
    const store = track(ProjectStore.open(path));
    expect(store.counts().spans).toBe(4);
    expect(readFileSync(`${path}.v1.bak`, 'utf8')).toBe('an earlier backup');
    expect(JSON.parse(tableDump(`${path}.v1.2.bak`)).version).toBe(1);
  });

  it('upgrades nothing when the backup cannot be written, and leaves no half backup', () => {
    const path = join(dir, 'old.marginalia');
    writeVersion1Project(path);
    const before = tableDump(path);
    // Where the backup is first written, something it may not remove (as a full disk refuses it).
    mkdirSync(`${path}.v1.bak-partial`);
    writeFileSync(join(`${path}.v1.bak-partial`, 'keep.txt'), 'not ours');
    const error = thrown(() => ProjectStore.open(path));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(
      /^cannot upgrade .*old\.marginalia from version 1: the backup made first could not be written \(.+\)\. The project was left untouched\.$/,
    );
    expect(tableDump(path)).toBe(before);
    expect(existsSync(`${path}.v1.bak`)).toBe(false);
    expect(readFileSync(join(`${path}.v1.bak-partial`, 'keep.txt'), 'utf8')).toBe('not ours');
  });

  it('leaves the project as it was when the upgrade fails, and says so in words', () => {
    const path = join(dir, 'old.marginalia');
    writeVersion1Project(path);
    // An index migration 2 creates, already there: its CREATE INDEX fails midway through.
    const db = new Database(path);
    db.exec('CREATE INDEX event_by_entity ON event (entity)');
    db.close();
    const before = tableDump(path);
    const error = thrown(() => ProjectStore.open(path));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/^cannot upgrade .*old\.marginalia from version 1: /);
    expect(error.message).toContain(`left as it was (version 1), and a copy is in ${path}.v1.bak`);
    expect(tableDump(path)).toBe(before);
    expect(tableDump(`${path}.v1.bak`)).toBe(before);
    // The lock went with the failed open: the project can be opened (and fail the same way) again.
    expect(thrown(() => ProjectStore.open(path)).message).toMatch(/^cannot upgrade/);
  });
});

describe('a damaged project', () => {
  /** A project of 40 documents, closed, with the document table's root page scribbled over. */
  function damagedProject(): string {
    const path = join(dir, 'p.marginalia');
    const store = ProjectStore.create(path, 'p', DEFAULT_SCHEMA);
    const alice = store.ensureAnnotator('alice');
    store.insertDocuments(
      Array.from({ length: 40 }, (_, i) => ({
        externalId: `d${i}`,
        title: `d${i}`,
        text: `${TEXT} ${'x'.repeat(2000)} ${i}`,
        sha256: `sha${i}`,
        source: {},
        newlinePolicy: 'none' as const,
      })),
      alice,
    );
    store.close();
    scribbleOverRoot(path, 'document');
    return path;
  }
  const DAMAGED =
    /p\.marginalia is damaged \(SQLite's check says: Tree \d+ page \d+: .+\)\. It was left untouched/;

  it('is refused on open with what SQLite found, and left byte-identical', () => {
    const path = damagedProject();
    const before = fileHash(path);
    const error = thrown(() => ProjectStore.open(path));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(DAMAGED);
    expect(fileHash(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('checked before writing instead, opens but refuses the first change, and is left byte-identical', () => {
    const path = damagedProject();
    const before = fileHash(path);
    const store = ProjectStore.open(path, { checkBeforeWriting: true });
    const error = thrown(() => store.ensureAnnotator('bob'));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(DAMAGED);
    // Refused again, without checking again.
    expect(() => store.ensureAnnotator('carol')).toThrow(DAMAGED);
    store.close();
    expect(fileHash(path)).toBe(before);
  });
});

describe('errors in words', () => {
  it('says a full disk plainly, without SQLite codes', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x)');
    db.pragma('max_page_count = 2');
    const full = thrown(() => db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(20_000)));
    db.close();
    expect((full as { code?: string }).code).toBe('SQLITE_FULL');
    expect(sentenceFor(full, '/data/p.marginalia')).toBe(
      'the disk holding /data/p.marginalia is full; free some space and try again',
    );
  });

  it('knows the files that belong to a project', () => {
    const project = '/data/p.marginalia';
    for (const own of ['', '-wal', '-shm', '.lock', '.v1.bak', '.v1.3.bak'])
      expect(isProjectFile(project, `${project}${own}`), own).toBe(true);
    for (const other of [
      '/data/p.jsonl',
      '/data/p.marginalia.jsonl',
      '/other/p.marginalia',
      '/data/p.marginalia.v1.bak.txt',
    ])
      expect(isProjectFile(project, other), other).toBe(false);
  });
});
