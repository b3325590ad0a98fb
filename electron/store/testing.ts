/** Helpers for tests of project files (not used by the app). */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { UserError } from '../core/errors';
import { DEFAULT_SCHEMA } from '../core/schema';
import { MIGRATIONS } from './migrations';
import { ProjectStore } from './projectStore';

/**
 * Takes the project file at `path` back to schema `version`: drops every trigger, index and table the
 * later migrations create (with their rows) and makes again the indexes they drop, found by running
 * the migrations on a scratch database, so an upgrade test starts from a true old file however many
 * migrations come after it.
 */
export function downgradeTo(path: string, version: number): void {
  const objects = (db: Database.Database) =>
    db
      .prepare<[], { type: string; name: string; sql: string }>(
        `SELECT s.type, s.name, s.sql FROM sqlite_schema s LEFT JOIN pragma_table_list t ON t.name = s.name
         WHERE s.name NOT LIKE 'sqlite%' AND s.sql IS NOT NULL AND coalesce(t.type, '') <> 'shadow'`,
      )
      .all();
  const scratch = new Database(':memory:');
  for (const migration of MIGRATIONS.slice(0, version)) scratch.exec(migration);
  const earlierObjects = objects(scratch);
  const earlier = new Set(earlierObjects.map((o) => o.name));
  for (const migration of MIGRATIONS.slice(version)) scratch.exec(migration);
  const final = objects(scratch);
  const now = new Set(final.map((o) => o.name));
  const later = final.filter((o) => !earlier.has(o.name));
  scratch.close();
  const order = ['trigger', 'index', 'table'];
  later.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  const db = new Database(path);
  for (const { type, name } of later) db.exec(`DROP ${type.toUpperCase()} IF EXISTS "${name}"`);
  for (const { name, sql } of earlierObjects) if (!now.has(name)) db.exec(sql);
  db.pragma(`user_version = ${version}`);
  db.close();
}

/** Throws what `action` throws, failing the test if it throws nothing. */
export function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/** The sentence of the UserError `run` throws (a refusal), failing the test on anything else. */
export function refusal(run: () => unknown): string {
  const error = thrown(run);
  if (error instanceof UserError) return error.message;
  throw error;
}

export const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Stores a test opened, closed after it (if the test did not close them itself). */
export function storeTracker() {
  const open: ProjectStore[] = [];
  return {
    track: (store: ProjectStore) => (open.push(store), store),
    closeAll() {
      for (const store of open.splice(0)) {
        try {
          store.close();
        } catch {
          // already closed by the test
        }
      }
    },
  };
}

/**
 * Every row of every table and the schema version, read without the project's lock: "left as it
 * was" comparisons that do not depend on WAL or header bytes.
 */
export function tableDump(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    // Ordinary tables: the text index (a virtual table and its shadow tables) is derived from them, and
    // SQLite's own (its schema's page numbers change when a backup is vacuumed into a new file).
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
      )
      .all();
    return JSON.stringify({
      version: db.pragma('user_version', { simple: true }),
      rows: tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
    });
  } finally {
    db.close();
  }
}

/**
 * olga's project `name` at `path` (she made it: its owner) with the default schema, `members`
 * joined, and one article per place: "Officials said 12 people died in PLACE.", titled PLACE.
 */
export function placesProject(
  path: string,
  name: string,
  places: readonly string[],
  members: string[] = [],
): void {
  const store = ProjectStore.create(path, name, DEFAULT_SCHEMA, {}, 'olga');
  for (const member of members) store.ensureAnnotator(member);
  store.insertDocuments(
    places.map((place, i) => ({
      externalId: place.toLowerCase(),
      title: place,
      text: `Officials said 12 people died in ${place}.`,
      sha256: `h${i}`,
      source: {},
      newlinePolicy: 'none',
    })),
    null,
  );
  store.close();
}

/**
 * A new project at `path` with the default schema, the annotators named (each by id in `ids`), the
 * reviewer rita last, and one document titled Kervadi holding `text`.
 */
export function reviewedProject(
  path: string,
  text: string,
  annotators: readonly string[] = ['ann1'],
): { store: ProjectStore; ids: Record<string, number>; documentId: number } {
  const store = ProjectStore.create(path, 'p', DEFAULT_SCHEMA);
  const ids = Object.fromEntries([...annotators, 'rita'].map((name) => [name, store.ensureAnnotator(name)]));
  store.setAnnotatorRole('rita', 'reviewer', null);
  const documentId = store.insertDocuments(
    [{ externalId: 'd', title: 'Kervadi', text, sha256: 'h', source: {}, newlinePolicy: 'none' }],
    null,
  ).inserted[0]!.id;
  return { store, ids, documentId };
}

/**
 * Damages the project at `path` as a disk can: 64 bytes scribbled over the header of the root page
 * of `name` (a table or an index), which SQLite's check then finds.
 */
export function scribbleOverRoot(path: string, name: string): void {
  const db = new Database(path, { readonly: true });
  const root = db
    .prepare<[string], { rootpage: number }>('SELECT rootpage FROM sqlite_master WHERE name = ?')
    .get(name)!.rootpage;
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  db.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (root - 1) * pageSize);
  closeSync(fd);
}
