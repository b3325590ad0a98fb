/**
 * The document list one page at a time, for projects of 100,000 documents: one annotator's rows
 * (their assigned ones under blind annotation), filtered by status, with the counts the status
 * filters show and the neighbour of a document (Alt+PageDown/Up), each one indexed query.
 */
import type { ProjectDatabase } from './database';
import type { DocumentRow, DocumentStatus } from './rows';

/** Whose list, and which part of it. */
export interface ListScope {
  annotatorId: number;
  /** Only the documents assigned to them (blind annotation, core/teams.ts). */
  onlyAssigned: boolean;
  /** One status only; every status when null. */
  status: DocumentStatus | null;
}

export type StatusCounts = Record<DocumentStatus | 'all', number>;

const COLUMNS = `d.id, d.external_id AS externalId, d.title, length(d.text) AS chars,
  coalesce(a.status, 'todo') AS status,
  (SELECT count(*) FROM span s WHERE s.document_id = d.id AND s.annotator_id = @who) AS spanCount`;

/**
 * FROM and WHERE of a scope. A list of assigned documents, or of a status other than to-do, is read
 * from the assignment rows (indexed by annotator and status); every document, or the to-do ones
 * (which have no row until touched), from the document table.
 */
function source(scope: ListScope): { from: string; where: string[]; key: string } {
  if (scope.onlyAssigned || (scope.status !== null && scope.status !== 'todo')) {
    const where = ['a.annotator_id = @who'];
    if (scope.onlyAssigned) where.push('a.assigned = 1');
    if (scope.status !== null) where.push('a.status = @status');
    return { from: 'assignment a JOIN document d ON d.id = a.document_id', where, key: 'a.document_id' };
  }
  const where = scope.status === 'todo' ? ["coalesce(a.status, 'todo') = 'todo'"] : [];
  return {
    from: 'document d LEFT JOIN assignment a ON a.document_id = d.id AND a.annotator_id = @who',
    where,
    key: 'd.id',
  };
}

const parameters = (scope: ListScope) => ({ who: scope.annotatorId, status: scope.status ?? 'todo' });

/**
 * Rows `offset` to `offset + limit` of the scope, in import order. The page's ids are counted off
 * indexes first (skipping rows there never reads a text), then only its rows are read.
 */
export function documentPage(
  db: ProjectDatabase,
  scope: ListScope,
  offset: number,
  limit: number,
): DocumentRow[] {
  const { from, key } = source(scope);
  const ids = `${idsOf(scope)} LIMIT @limit OFFSET @offset`;
  const mine = key === 'a.document_id' ? 'a.annotator_id = @who AND ' : '';
  const sql = `SELECT ${COLUMNS} FROM ${from} WHERE ${mine}${key} IN (${ids}) ORDER BY ${key}`;
  return db.prepare<object, DocumentRow>(sql).all({ ...parameters(scope), limit, offset });
}

/** The ids of a scope in import order, as SQL that reads indexes only (never the document rows). */
function idsOf(scope: ListScope): string {
  const { from, where, key } = source(scope);
  const rows =
    key === 'a.document_id'
      ? 'assignment a'
      : from.replace('document d', 'document d INDEXED BY document_order');
  return `SELECT ${key} FROM ${rows} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${key}`;
}

/** The next (or previous) document of the scope after `documentId`, which need not be in it. */
export function neighbourDocument(
  db: ProjectDatabase,
  scope: ListScope,
  documentId: number,
  direction: 'forward' | 'backward',
): DocumentRow | null {
  const { from, where, key } = source(scope);
  const forward = direction === 'forward';
  const sql = `SELECT ${COLUMNS} FROM ${from} WHERE ${[...where, `${key} ${forward ? '>' : '<'} @at`].join(' AND ')}
    ORDER BY ${key} ${forward ? 'ASC' : 'DESC'} LIMIT 1`;
  return db.prepare<object, DocumentRow>(sql).get({ ...parameters(scope), at: documentId }) ?? null;
}

/**
 * How many documents of the list each status filter shows. Counted from the annotator's assignment
 * rows alone: documents without a row are to do.
 */
export function statusCounts(db: ProjectDatabase, annotatorId: number, onlyAssigned: boolean): StatusCounts {
  const rows = db
    .prepare<[number, number], { status: DocumentStatus; n: number }>(
      `SELECT status, count(*) AS n FROM assignment
       WHERE annotator_id = ? AND (? = 0 OR assigned = 1) GROUP BY status`,
    )
    .all(annotatorId, onlyAssigned ? 1 : 0);
  const counts: StatusCounts = { all: 0, todo: 0, in_progress: 0, done: 0 };
  for (const { status, n } of rows) counts[status] = n;
  if (onlyAssigned) counts.all = counts.todo + counts.in_progress + counts.done;
  else {
    counts.all = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM document').get()!.n;
    counts.todo = counts.all - counts.in_progress - counts.done;
  }
  return counts;
}

/**
 * Ids of every document of the scope, in import order (what a project search reads), read from
 * indexes alone.
 */
export function documentIds(db: ProjectDatabase, scope: ListScope): number[] {
  return db.prepare<object, number>(idsOf(scope)).pluck().all(parameters(scope));
}
