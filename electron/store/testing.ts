/** Helpers for tests of project files (not used by the app). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ProjectStore } from './projectStore';

/** Throws what `action` throws, failing the test if it throws nothing. */
export function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
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
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    return JSON.stringify({
      version: db.pragma('user_version', { simple: true }),
      rows: tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
    });
  } finally {
    db.close();
  }
}
