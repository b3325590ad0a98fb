/**
 * The project's decisions as review reads them again and again: in full for auto-accept and the
 * progress figures (`decisionIndex`), and as the conflict keys decided per document for the queue
 * (`decidedConflicts`), which needs no more. Both are kept per open project file and, after the log
 * moves, read again only for the documents it names (a decision touches one).
 */
import { changedSince, projectMark, type ProjectMark } from '../store/agreementReads';
import { decidedKeys } from '../store/conflictQueue';
import type { ProjectDatabase } from '../store/database';
import type { Decision } from '../store/decisions';
import type { ProjectStore } from '../store/projectStore';

/** A conflict's name in the project: its document and key. */
export const placeId = (documentId: number, key: string) => `${documentId}\u0000${key}`;

/**
 * `cache`'s value for `db` as of now: read whole the first time and after an event naming no
 * document; otherwise `refresh` reads again the documents the log names since.
 */
function current<T>(
  cache: WeakMap<ProjectDatabase, { mark: ProjectMark; value: T }>,
  db: ProjectDatabase,
  readAll: () => T,
  refresh: (value: T, changed: readonly number[]) => void,
): T {
  const mark = projectMark(db);
  const cached = cache.get(db);
  const changed = cached && changedSince(db, cached.mark);
  if (!cached || !changed) {
    const value = readAll();
    cache.set(db, { mark, value });
    return value;
  }
  if (changed.length) refresh(cached.value, changed);
  cached.mark = mark;
  return cached.value;
}

const decisionCaches = new WeakMap<ProjectDatabase, { mark: ProjectMark; value: Map<string, Decision> }>();

/** The project's decisions by `placeId`. */
export function decisionIndex(store: ProjectStore): ReadonlyMap<string, Decision> {
  return current(
    decisionCaches,
    store.database,
    () => new Map(store.decisions.list().map((d) => [placeId(d.documentId, d.conflictKey), d])),
    (index, changed) => {
      const again = new Set(changed);
      for (const [id, d] of index) if (again.has(d.documentId)) index.delete(id);
      for (const documentId of again)
        for (const d of store.decisions.list(documentId)) index.set(placeId(documentId, d.conflictKey), d);
    },
  );
}

const decidedCaches = new WeakMap<ProjectDatabase, { mark: ProjectMark; value: Map<number, Set<string>> }>();

/** The conflict keys decided in each document (one string per document read, not a row per decision). */
export function decidedConflicts(db: ProjectDatabase): ReadonlyMap<number, ReadonlySet<string>> {
  return current(
    decidedCaches,
    db,
    () => decidedKeys(db),
    (keys, changed) => {
      const again = decidedKeys(db, changed);
      for (const id of changed) keys.set(id, again.get(id) ?? new Set());
    },
  );
}
