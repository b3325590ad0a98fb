/**
 * Reads for the progress dashboard (core/progress.ts): every figure is added up by SQLite — status
 * counts, spans per label, each person's working sessions (window functions over the event log) —
 * so the service receives a few rows per person, not a row per document or event. Read only.
 */
import type { DocumentStatus } from '../core/documentStatus';
import type { Role } from '../core/layers';
import { sessionsOf, type AnnotatorCounts, type DocumentProgress, type Session } from '../core/progress';
import type { ProjectDatabase } from './database';

/**
 * An event's time in whole milliseconds since 1970 (event.at is an ISO time): julianday's doubles
 * would make a gap of exactly five minutes a hair longer and split it.
 */
const MILLISECONDS = `CAST(round((julianday(at) - 2440587.5) * 86400000.0) AS INTEGER)`;

/**
 * A document's status over everyone who has it: done when all are done, in progress once anyone
 * started. Grouped by document over `assignment` rows (only assigned ones once anything is assigned).
 */
const DOCUMENT_STATUS = `CASE WHEN min(status = 'done') = 1 THEN 'done'
  WHEN max(status <> 'todo') = 1 THEN 'in_progress' ELSE 'todo' END`;

/** Rows that count: assigned ones once the project assigns, else every status row. */
const COUNTED = `(assigned = 1 OR NOT @onlyAssigned)`;

export interface ProgressScope {
  /** The project assigns documents: statuses count on assigned rows only. */
  onlyAssigned: boolean;
  /** Only this annotator (row id) and their documents (blind annotation); null for everyone. */
  only: number | null;
}

const flag = (scope: ProgressScope) => ({ onlyAssigned: scope.onlyAssigned ? 1 : 0, only: scope.only });

/** The project's documents by status; `total` is every document the scope sees. */
export function documentTotals(
  db: ProjectDatabase,
  scope: ProgressScope,
): { total: number; inProgress: number; done: number } {
  const total =
    scope.only !== null
      ? db
          .prepare<{ only: number }, { n: number }>(
            'SELECT count(*) AS n FROM assignment WHERE annotator_id = @only AND assigned = 1',
          )
          .get({ only: scope.only! })!.n
      : db.prepare<[], { n: number }>('SELECT count(*) AS n FROM document').get()!.n;
  const row = db
    .prepare<ReturnType<typeof flag>, { inProgress: number | null; done: number | null }>(
      `SELECT sum(st = 'in_progress') AS inProgress, sum(st = 'done') AS done FROM (
         SELECT ${DOCUMENT_STATUS} AS st FROM assignment
         WHERE ${COUNTED} AND (@only IS NULL OR annotator_id = @only) GROUP BY document_id)`,
    )
    .get(flag(scope))!;
  return { total, inProgress: row.inProgress ?? 0, done: row.done ?? 0 };
}

/**
 * How often assignment rows were added, removed or changed status or assignment (migration 10's
 * triggers count every writer): status counts read at one value still hold at the same value.
 */
export const assignmentChanges = (db: ProjectDatabase): number =>
  db.prepare<[], { n: number }>('SELECT n FROM assignment_changes').get()?.n ?? 0;

/** Each person's status counts by row id: assigned documents, in progress and done among those counted. */
export type PersonStatuses = Map<number, { assigned: number; inProgress: number; done: number }>;

/** Every person's status counts (or only `scope.only`'s), added up over the assignment rows. */
export function personStatuses(db: ProjectDatabase, scope: ProgressScope): PersonStatuses {
  const rows = db
    .prepare<ReturnType<typeof flag>, { who: number; assigned: number; inProgress: number; done: number }>(
      `SELECT annotator_id AS who, sum(assigned) AS assigned,
              sum(status = 'in_progress' AND ${COUNTED}) AS inProgress, sum(status = 'done' AND ${COUNTED}) AS done
       FROM assignment WHERE @only IS NULL OR annotator_id = @only GROUP BY annotator_id`,
    )
    .all(flag(scope));
  return new Map(rows.map(({ who, ...counts }) => [who, counts]));
}

/** Each person (or only `scope.only`) with their documents' status counts and latest activity. */
export function annotatorCounts(
  db: ProjectDatabase,
  scope: ProgressScope,
  statuses: PersonStatuses,
): AnnotatorCounts[] {
  const documents = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM document').get()!.n;
  const rows = db
    .prepare<
      { only: number | null },
      {
        who: number;
        id: string;
        name: string;
        role: 'annotator' | 'reviewer';
        owner: number;
        lastActivity: string;
      }
    >(
      `SELECT a.id AS who, a.uid AS id, a.name, a.role, a.owner,
              -- Their latest event, or the latest merge of their work (written by the merger).
              max(coalesce((SELECT max(at) FROM event e WHERE e.annotator_id = a.id), ''),
                  coalesce((SELECT max(at) FROM event e WHERE e.layer = 'annotator:' || a.uid AND e.op = 'merge'), ''))
                AS lastActivity
       FROM annotator a WHERE @only IS NULL OR a.id = @only ORDER BY a.name`,
    )
    .all({ only: scope.only });
  return rows.map(({ who, id, name, owner, role, lastActivity }) => {
    const counts = statuses.get(who);
    return {
      id,
      name,
      documents: scope.onlyAssigned ? (counts?.assigned ?? 0) : documents,
      inProgress: counts?.inProgress ?? 0,
      done: counts?.done ?? 0,
      role: owner ? 'owner' : (role as Role),
      lastActivity: lastActivity || null,
    };
  });
}

/** Spans of each person's own layer per label name: person uid → label → count. */
export function spansPerLabel(db: ProjectDatabase, scope: ProgressScope): Map<string, Map<string, number>> {
  const rows = db
    .prepare<{ only: number | null }, { who: string; label: string; n: number }>(
      `SELECT a.uid AS who, l.name AS label, c.n FROM (
         SELECT annotator_id, label_id, count(*) AS n FROM span
         WHERE gold = 0 AND (@only IS NULL OR annotator_id = @only) GROUP BY annotator_id, label_id) c
       JOIN annotator a ON a.id = c.annotator_id JOIN label l ON l.id = c.label_id`,
    )
    .all({ only: scope.only });
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const labels = out.get(r.who) ?? new Map<string, number>();
    labels.set(r.label, r.n);
    out.set(r.who, labels);
  }
  return out;
}

/** The label names in the schema's order. */
export const labelOrder = (db: ProjectDatabase): string[] =>
  db
    .prepare<[], { name: string }>('SELECT name FROM label ORDER BY position, id')
    .all()
    .map((r) => r.name);

/**
 * Working sessions from the event log: SQLite hands over each person's event times (on one document,
 * with `byDocument`) as one list of whole milliseconds, and core's `sessionsOf` splits them. A
 * window function (lag) over every event cost three times as much as this read at 400,000 events.
 * Keyed by person uid, or by `documentId` with `byDocument` (the sessions of everyone on it).
 */
function sessions(
  db: ProjectDatabase,
  where: string,
  params: object,
  byDocument: boolean,
): Map<string | number, Session[]> {
  const part = byDocument ? 'document_id, annotator_id' : 'annotator_id';
  const key = byDocument ? 'document_id' : '(SELECT uid FROM annotator WHERE id = annotator_id)';
  const rows = db
    .prepare<object, { key: string | number; times: string }>(
      `SELECT ${key} AS key, group_concat(${MILLISECONDS}) AS times FROM event
       WHERE annotator_id IS NOT NULL AND ${where} GROUP BY ${part}`,
    )
    .all(params);
  const out = new Map<string | number, Session[]>();
  for (const { key: k, times } of rows) {
    const found = sessionsOf(times.split(',').map((ms) => Number(ms) / 1000));
    out.set(k, [...(out.get(k) ?? []), ...found]);
  }
  return out;
}

/** Each person's working sessions over the whole project (or only `scope.only`'s). */
export function annotatorSessions(db: ProjectDatabase, scope: ProgressScope): Map<string, Session[]> {
  return sessions(db, '(@only IS NULL OR annotator_id = @only)', { only: scope.only }, false) as Map<
    string,
    Session[]
  >;
}

/** The times (seconds, in time order) of each person's events after event `afterId`. */
export function eventTimesAfter(
  db: ProjectDatabase,
  afterId: number,
  scope: ProgressScope,
): Map<string, number[]> {
  const rows = db
    .prepare<{ afterId: number; only: number | null }, { who: string; s: number }>(
      `SELECT a.uid AS who, ${MILLISECONDS} / 1000.0 AS s FROM event e JOIN annotator a ON a.id = e.annotator_id
       WHERE e.id > @afterId AND (@only IS NULL OR e.annotator_id = @only) ORDER BY e.annotator_id, e.at`,
    )
    .all({ afterId, only: scope.only });
  const out = new Map<string, number[]>();
  for (const { who, s } of rows) out.set(who, [...(out.get(who) ?? []), s]);
  return out;
}

/** One document as the page shows it, before active time is added. */
export type DocumentRowCounts = Omit<DocumentProgress, 'activeSeconds'>;

/** A page of documents in import order (only `scope.only`'s assigned ones under blind annotation). */
export function documentPage(
  db: ProjectDatabase,
  scope: ProgressScope,
  offset: number,
  limit: number,
): { rows: DocumentRowCounts[]; sessions: Map<number, Session[]> } {
  const docs = db
    .prepare<object, { id: number; title: string }>(
      `SELECT d.id, d.title FROM document d
       WHERE @only IS NULL OR d.id IN (SELECT document_id FROM assignment WHERE annotator_id = @only AND assigned = 1)
       ORDER BY d.id LIMIT @limit OFFSET @offset`,
    )
    .all({ only: scope.only, limit, offset });
  const ids = JSON.stringify(docs.map((d) => d.id));
  const inPage = 'document_id IN (SELECT value FROM json_each(@ids))';
  const people = db
    .prepare<object, { doc: number; name: string; status: DocumentStatus; assigned: number; spans: number }>(
      `WITH who AS (
         SELECT document_id AS doc, annotator_id AS a FROM assignment WHERE ${inPage} AND ${COUNTED}
         UNION SELECT document_id, annotator_id FROM span WHERE ${inPage} AND gold = 0)
       SELECT who.doc, an.name, coalesce(s.status, 'todo') AS status, coalesce(s.assigned, 0) AS assigned,
              (SELECT count(*) FROM span p WHERE p.document_id = who.doc AND p.annotator_id = who.a AND p.gold = 0)
                AS spans
       FROM who JOIN annotator an ON an.id = who.a
       LEFT JOIN assignment s ON s.document_id = who.doc AND s.annotator_id = who.a
       WHERE @only IS NULL OR who.a = @only
       ORDER BY who.doc, an.name`,
    )
    .all({ ids, ...flag(scope) });
  const totals = db
    .prepare<object, { doc: number; status: DocumentStatus | null; gold: number; last: string | null }>(
      `SELECT value AS doc,
              (SELECT ${DOCUMENT_STATUS} FROM assignment WHERE document_id = value AND ${COUNTED}
                 AND (@only IS NULL OR annotator_id = @only)) AS status,
              (SELECT count(*) FROM span WHERE document_id = value AND gold = 1) AS gold,
              (SELECT max(at) FROM event WHERE document_id = value AND annotator_id IS NOT NULL
                 AND (@only IS NULL OR annotator_id = @only))
                AS last
       FROM json_each(@ids)`,
    )
    .all({ ids, ...flag(scope) });
  const byDoc = new Map(totals.map((t) => [t.doc, t]));
  const rows = docs.map((d) => {
    const annotators = people
      .filter((p) => p.doc === d.id)
      .map((p) => ({ name: p.name, status: p.status, assigned: p.assigned === 1, spans: p.spans }));
    const t = byDoc.get(d.id);
    return {
      ...d,
      status: t?.status ?? 'todo',
      annotators,
      spans: annotators.reduce((sum, a) => sum + a.spans, 0),
      gold: scope.only !== null ? 0 : (t?.gold ?? 0),
      lastActivity: t?.last ?? null,
    };
  });
  const found = sessions(
    db,
    `${inPage} AND (@only IS NULL OR annotator_id = @only)`,
    { ids, only: scope.only },
    true,
  );
  return { rows, sessions: found as Map<number, Session[]> };
}
