/**
 * The row shapes every store module shares: the types of stored rows, the one mapper from a span
 * row to a Span, and the INSERT statements written once for hand edits, undo and imports alike.
 */
import type { LoggedEvent } from '../core/history';
import type { LayerRef, Role } from '../core/layers';
import type { DocumentStatus } from '../core/documentStatus';
import type { Fragment, Span, SpanOrigin } from '../core/spans';
import type { ProjectDatabase } from './database';
import { layerOfRow, requireEditable } from './layers';

export type { DocumentStatus };

export interface NewDocument {
  externalId: string;
  title: string;
  text: string;
  sha256: string;
  source: Record<string, unknown>;
  newlinePolicy: string;
}

export interface StoredDocument {
  id: number;
  externalId: string;
  title: string;
  text: string;
  sha256: string;
  source: Record<string, unknown>;
}

export interface AnnotatorRow {
  id: number;
  name: string;
  role: Role;
}

export interface DocumentRow {
  id: number;
  externalId: string;
  title: string;
  chars: number;
  status: DocumentStatus;
  spanCount: number;
}

/** What a new span needs; fragments default to the one range start-end. */
export interface NewSpan {
  label: string;
  start: number;
  end: number;
  fragments?: readonly Fragment[];
  attributes?: Span['attributes'];
  note?: string | null;
  /** Where it came from; a span drawn in the editor is `manual`. */
  origin?: SpanOrigin;
}

export interface SpanRow {
  id: number;
  documentId: number;
  annotator: string;
  fragments: string | null;
  label: string;
  start: number;
  end: number;
  attributes: string;
  note: string | null;
  origin: SpanOrigin;
  gold: number;
}

/**
 * A span row as a tuple: id, document, annotator id, label id, start, end, fragments, attributes,
 * note, origin, gold, and the stable id when the read asked for it.
 */
export type SpanTuple = [
  number,
  number,
  number,
  number,
  number,
  number,
  string | null,
  string,
  string | null,
  SpanOrigin,
  number,
  string?,
];

/** Where each column is in a SpanTuple, for readers outside this file. */
export const SPAN_TUPLE = {
  id: 0,
  annotatorId: 2,
  labelId: 3,
  start: 4,
  end: 5,
  fragments: 6,
  attributes: 7,
  note: 8,
  origin: 9,
  gold: 10,
  uid: 11,
} as const;

const SPAN_COLUMNS = `
  s.id, s.document_id AS documentId, a.name AS annotator, l.key AS label, s.start, s."end" AS "end",
  s.fragments, s.attributes, s.note, s.origin, s.gold`;
const SPAN_JOINS = 'FROM span s JOIN annotator a ON a.id = s.annotator_id JOIN label l ON l.id = s.label_id';
export const SPAN_SELECT = `SELECT ${SPAN_COLUMNS} ${SPAN_JOINS}`;

/** A span row as a Span, built field by field: exports map hundreds of thousands of these. */
export const toSpan = (row: SpanRow): Span => ({
  id: row.id,
  documentId: row.documentId,
  annotator: row.annotator,
  label: row.label,
  start: row.start,
  end: row.end,
  fragments: fragmentsOf(row.fragments, row.start, row.end),
  attributes: attributesOfColumn(row.attributes),
  note: row.note,
  origin: row.origin,
  ...(row.gold ? { gold: true as const } : {}), // layers: gold spans say so
});

/** A raw span row as a Span, with the annotator's name and the label's key looked up. */
export const spanFromTuple = (
  t: SpanTuple,
  annotators: ReadonlyMap<number, string>,
  labels: ReadonlyMap<number, string>,
): Span => ({
  id: t[0],
  documentId: t[1],
  annotator: annotators.get(t[2])!,
  label: labels.get(t[3])!,
  start: t[4],
  end: t[5],
  fragments: fragmentsOf(t[6], t[4], t[5]),
  attributes: attributesOfColumn(t[7]),
  note: t[8],
  origin: t[9],
  ...(t[10] ? { gold: true as const } : {}), // layers: gold spans say so
});

/** A span's attributes column: most are `{}`, which needs no parse. */
export const attributesOfColumn = (column: string): Span['attributes'] =>
  column === '{}' ? {} : (JSON.parse(column) as Span['attributes']);

/** Continuous spans store no fragment list: their one fragment is start-end. */
export const fragmentsOf = (column: string | null, start: number, end: number): Fragment[] =>
  column ? (JSON.parse(column) as Fragment[]) : [{ start, end }];

/** The stored form of a span's fragments: null for a continuous span. */
export const fragmentsColumn = (fragments: readonly Fragment[] | undefined) =>
  fragments && fragments.length > 1 ? JSON.stringify(fragments) : null;

/** `@gold` is 1 for a span of the gold layer (its annotator the reviewer who wrote it), else 0. */
export const INSERT_SPAN = `
  INSERT INTO span (id, document_id, annotator_id, gold, label_id, start, "end", fragments, attributes, note,
                    origin, created_at, updated_at)
  VALUES (@id, @documentId, @annotatorId, @gold, @labelId, @start, @end, @fragments, @attributes, @note, @origin,
          @at, @at)`;

export const INSERT_RELATION =
  'INSERT INTO relation (id, type_id, from_span_id, to_span_id, annotator_id) VALUES (?, ?, ?, ?, ?)';

/** INSERT_SPAN's columns (named once, there) with positional parameters, and the stable id (`uid`) last. */
export const INSERT_SPAN_VALUES = `${INSERT_SPAN.slice(0, INSERT_SPAN.indexOf(')'))}, uid)
  VALUES (${'?, '.repeat(13)}?)`;

export const INSERT_DOCUMENT = `
  INSERT INTO document (external_id, title, text, sha256, source, newline_policy, imported_at)
  VALUES (@externalId, @title, @text, @sha256, @source, @newlinePolicy, @at)`;

export const FIND_DOCUMENT_BY_HASH = 'SELECT id FROM document WHERE sha256 = ?';

export const INSERT_LABEL =
  'INSERT INTO label (key, name, color, hotkey, kind, position) VALUES (@key, @name, @color, @hotkey, @kind, @position)';

export const INSERT_ATTRIBUTE =
  'INSERT INTO attribute_def (label_id, name, type, options) VALUES (?, ?, ?, ?)';

export const INSERT_RELATION_TYPE =
  'INSERT INTO relation_type (name, from_label_id, to_label_id) VALUES (?, ?, ?)';

/** Relation rows with their document and names, for one document or a range of them. */
export const RELATION_SELECT = `
  SELECT r.id, s.document_id AS documentId, t.name AS type, r.from_span_id AS fromSpan,
         r.to_span_id AS toSpan, a.name AS annotator
  FROM relation r JOIN span s ON s.id = r.from_span_id JOIN relation_type t ON t.id = r.type_id
  JOIN annotator a ON a.id = r.annotator_id`;

/** An event row as stored: `before` and `after` are JSON text. */
export type EventRow = Omit<LoggedEvent, 'before' | 'after'> & {
  before: string | null;
  after: string | null;
};

export const EVENT_COLUMNS =
  'e.action, e.at, a.name AS annotator, e.op, e.entity, e.entity_id AS entityId, e.before, e.after, e.undoes';

export const EVENT_SELECT = `
  SELECT ${EVENT_COLUMNS}
  FROM event e LEFT JOIN annotator a ON a.id = e.annotator_id`;

export const toLoggedEvent = (row: EventRow): LoggedEvent => ({
  ...row,
  before: row.before === null ? undefined : (JSON.parse(row.before) as unknown),
  after: row.after === null ? undefined : (JSON.parse(row.after) as unknown),
});

export function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

// Built once: the statement cache is keyed by the SQL text, and this read follows every span write.
// With the annotator's stable id, so a new span's logged layer needs no second read.
const SPAN_BY_ID = `SELECT ${SPAN_COLUMNS}, a.uid AS annotatorUid ${SPAN_JOINS} WHERE s.id = ?`;

/** One span by id, or undefined. */
export function readSpan(db: ProjectDatabase, spanId: number): Span | undefined {
  return readSpanInLayer(db, spanId)?.span;
}

/** One span by id with the layer it is in, or undefined. */
export function readSpanInLayer(
  db: ProjectDatabase,
  spanId: number,
): { span: Span; layer: LayerRef } | undefined {
  const row = db.prepare<[number], SpanRow & { annotatorUid: string }>(SPAN_BY_ID).get(spanId);
  return row && { span: toSpan(row), layer: layerOfRow({ gold: row.gold, uid: row.annotatorUid }) };
}

/** A span the annotator may change: it must exist, in a layer the edit rule (core/layers.ts) lets them edit. */
export function ownSpan(db: ProjectDatabase, annotatorId: number, spanId: number): Span {
  requireEditable(db, annotatorId, spanId);
  return readSpan(db, spanId)!;
}

/**
 * Every span of the documents first..last, in document order. Raw rows with ids, names looked up in
 * JS: the fastest read of the largest table (a long article's 10,000 rows in 60% of the time joined
 * objects take; exports read millions). With `withUid`, each tuple ends with the span's stable id,
 * read in the same pass (an export that keeps ids needs it; a second query per page cost 10%).
 */
export function readSpanPage(db: ProjectDatabase, first: number, last: number, withUid = false): SpanTuple[] {
  return db
    .prepare<[number, number], SpanTuple>(
      `${spanTupleSelect(withUid)} WHERE s.document_id BETWEEN ? AND ? ORDER BY s.document_id, s.start, s."end" DESC, s.id`,
    )
    .raw(true)
    .all(first, last);
}

/** The span tuple's columns, and with `withUid` the stable id last. */
const spanTupleSelect = (withUid = false) => `
  SELECT s.id, s.document_id, s.annotator_id, s.label_id, s.start, s."end", s.fragments, s.attributes,
         s.note, s.origin, s.gold${withUid ? ', s.uid' : ''}
  FROM span s`;

/** Annotator names and label keys by row id, to turn span tuples into Spans. */
export function nameMaps(db: ProjectDatabase): {
  annotators: Map<number, string>;
  labels: Map<number, string>;
} {
  return {
    annotators: new Map(
      db
        .prepare<[], { id: number; name: string }>('SELECT id, name FROM annotator')
        .all()
        .map((a) => [a.id, a.name]),
    ),
    labels: new Map(
      db
        .prepare<[], { id: number; key: string }>('SELECT id, key FROM label')
        .all()
        .map((l) => [l.id, l.key]),
    ),
  };
}
