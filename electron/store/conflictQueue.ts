/**
 * What the review queue keeps of each document's conflicts (migration 11): a row per document, as
 * computed from the annotators' layers, current as of a mark. The rows are derived data: written
 * without events, never undone, and dropped whenever an annotator's layer may have changed. The
 * services decide what a row holds (services/conflictQueue.ts); here is only the SQL.
 */
import type { ProjectDatabase } from './database';

/** How far the rows were checked: the last event, and the last project-wide event then. */
export interface QueueMark {
  event: number;
  /** The last event naming no document (schema, people, roles): any of them drops every row. */
  project: number;
}

/** Events that change no annotator's layer: who is assigned what (statuses stay), and policies. */
const NOT_LAYERS = `op NOT IN ('assign', 'unassign', 'team-policy', 'policy')`;

export interface QueueRow {
  documentId: number;
  /** What the queue filters, counts and orders by: small, read for every document. */
  conflicts: string;
}

/** A row with the conflicts in full (core/queuedPlaces.ts), read for the page shown alone. */
export type FullQueueRow = QueueRow & { places: string };

/** The mark as of now (the ends of two indexes). */
export function currentQueueMark(db: ProjectDatabase): QueueMark {
  return db
    .prepare<[], QueueMark>(
      `SELECT coalesce((SELECT max(id) FROM event), 0) AS event,
              coalesce((SELECT id FROM event WHERE document_id IS NULL AND ${NOT_LAYERS}
                        ORDER BY action DESC, id DESC LIMIT 1), 0) AS project`,
    )
    .get()!;
}

/** The mark the rows in the file are current to; undefined when none were written yet. */
export function savedQueueMark(db: ProjectDatabase): QueueMark | undefined {
  return db.prepare<[], QueueMark>('SELECT event, project FROM conflict_queue_mark WHERE id = 1').get();
}

/**
 * The documents whose annotators' layers may have changed since `mark`: those a later event names
 * that is neither a decision, nor in the gold layer, nor one of NOT_LAYERS (a span, relation,
 * status, import, merge or schema change). Every write to a layer logs one (docs/architecture.md, Actions and the event log), undo
 * and redo too, and a span they bring back keeps its old id, so the log is read, not the span ids.
 */
export function layersChangedSince(db: ProjectDatabase, mark: QueueMark): number[] {
  // NOT INDEXED: a range of row ids, not a scan of a whole index by document. `entity` and `op` are
  // tested first: `layer`, the last column, sits past an auto-accept event's large `after` (25 ms
  // for 1,000).
  return db
    .prepare<[number], number>(
      `SELECT DISTINCT document_id FROM event NOT INDEXED
       WHERE id > ? AND document_id IS NOT NULL AND entity <> 'decision' AND ${NOT_LAYERS}
         AND layer IS NOT 'gold'`,
    )
    .pluck()
    .all(mark.event);
}

/** Every stored row, without the conflicts in full. */
export function queueRows(db: ProjectDatabase): QueueRow[] {
  return db.prepare<[], QueueRow>('SELECT document_id AS documentId, conflicts FROM conflict_queue').all();
}

/** The conflicts in full of each of `ids` that has a row. */
export function queuedPlaces(db: ProjectDatabase, ids: readonly number[]): Map<number, string> {
  const rows = db
    .prepare<[string], [number, string]>(
      'SELECT document_id, places FROM conflict_queue WHERE document_id IN (SELECT value FROM json_each(?))',
    )
    .raw(true)
    .all(JSON.stringify(ids));
  return new Map(rows);
}

/**
 * Replaces the rows of `rows`' documents, drops those of `drop` (or every row) and sets the mark, in
 * one transaction of its own.
 */
export function saveQueueRows(
  db: ProjectDatabase,
  mark: QueueMark,
  drop: readonly number[] | 'all',
  rows: readonly FullQueueRow[],
): void {
  db.actions(() => {
    if (drop === 'all') db.prepare('DELETE FROM conflict_queue').run();
    else {
      const remove = db.prepare<[number]>('DELETE FROM conflict_queue WHERE document_id = ?');
      for (const id of drop) remove.run(id);
    }
    const put = db.prepare<FullQueueRow>(
      // A document deleted since it was computed has no row to keep.
      `INSERT OR REPLACE INTO conflict_queue (document_id, conflicts, places)
       SELECT id, @conflicts, @places FROM document WHERE id = @documentId`,
    );
    for (const row of rows) put.run(row);
    db.prepare<QueueMark>(
      'INSERT OR REPLACE INTO conflict_queue_mark (id, event, project) VALUES (1, @event, @project)',
    ).run(mark);
  });
}

/** The annotators (role annotator) who marked each document done, by document. */
export function doneByDocument(db: ProjectDatabase): Map<number, string[]> {
  const rows = db
    .prepare<[], [number, string]>(
      `SELECT s.document_id, group_concat(a.name, char(0))
       FROM assignment s JOIN annotator a ON a.id = s.annotator_id
       WHERE s.status = 'done' AND a.role = 'annotator' GROUP BY s.document_id`,
    )
    .raw(true)
    .all();
  return new Map(rows.map(([id, names]) => [id, names.split('\u0000')]));
}

/**
 * The conflict keys each document has a decision for, of `ids` or of every document: one string per
 * document built by SQLite, split here (a row per decision was most of the time at 100,000 of them).
 */
export function decidedKeys(db: ProjectDatabase, ids?: readonly number[]): Map<number, Set<string>> {
  const where = ids ? 'WHERE document_id IN (SELECT value FROM json_each(?))' : '';
  const rows = db
    .prepare<string[], [number, string]>(
      `SELECT document_id, group_concat(conflict_key, char(0)) FROM decision ${where} GROUP BY document_id`,
    )
    .raw(true)
    .all(...(ids ? [JSON.stringify(ids)] : []));
  return new Map(rows.map(([id, keys]) => [id, new Set(keys.split('\u0000'))]));
}
