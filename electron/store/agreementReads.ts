/**
 * Reads for agreement: each document's version (so cached figures are reused until the document
 * changes) and the spans of chosen documents a page at a time. Read only; nothing here writes.
 */
import type { AttributeValue } from '../core/attributes';
import type { Fragment } from '../core/spans';
import type { ProjectDatabase } from './database';
import { fragmentsOf, nameMaps } from './rows';

export interface DocumentVersion {
  id: number;
  title: string;
  /**
   * Changes whenever the document's spans may have: its last event, span count and highest span id
   * (an import adds spans without an edit event, a delete lowers the count).
   */
  version: string;
}

/** Where the project's history stands; any change to a span moves one of these. */
export interface ProjectMark {
  /** The last event (every edit, undo and delete logs one). */
  event: number;
  /** The highest span id (an import adds spans). */
  span: number;
  documents: number;
}

/** Read from the ends of indexes, so cheap enough to ask before every report. */
export function projectMark(db: ProjectDatabase): ProjectMark {
  return db
    .prepare<[], ProjectMark>(
      `SELECT coalesce((SELECT max(id) FROM event), 0) AS event, coalesce((SELECT max(id) FROM span), 0) AS span,
              (SELECT count(*) FROM document) AS documents`,
    )
    .get()!;
}

/**
 * The documents changed since `mark`: those named by later events or holding later spans; null when
 * a later event names no document (a schema or team change), after which everything is read again.
 */
export function changedSince(db: ProjectDatabase, mark: ProjectMark): number[] | null {
  const events = db
    .prepare<[number], { documentId: number | null }>(
      'SELECT DISTINCT document_id AS documentId FROM event WHERE id > ?',
    )
    .all(mark.event);
  if (events.some((e) => e.documentId === null)) return null;
  const spans = db
    .prepare<[number], { documentId: number }>(
      'SELECT DISTINCT document_id AS documentId FROM span WHERE id > ?',
    )
    .all(mark.span);
  return [...new Set([...events, ...spans].map((r) => r.documentId!))];
}

const VERSION_SELECT = `
  SELECT d.id, d.title,
         coalesce((SELECT max(id) FROM event e WHERE e.document_id = d.id), 0) || ':' ||
         (SELECT count(*) || ':' || coalesce(max(id), 0) FROM span s WHERE s.document_id = d.id) AS version
  FROM document d`;

/** Every document in import order with its version (a look-up per document on two indexes). */
export function documentVersions(db: ProjectDatabase): DocumentVersion[] {
  return db.prepare<[], DocumentVersion>(`${VERSION_SELECT} ORDER BY d.id`).all();
}

/** The version of each of `ids` that still exists. */
export function versionsOf(db: ProjectDatabase, ids: readonly number[]): DocumentVersion[] {
  return db
    .prepare<[string], DocumentVersion>(`${VERSION_SELECT} WHERE d.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids));
}

/**
 * Which layers have spans on each document (of `ids`, or all): an annotator's row id, or 0 for gold.
 * Kept per document so that after an edit only that document is read again.
 */
export function layersPresent(db: ProjectDatabase, ids?: readonly number[]): { id: number; layer: number }[] {
  const where = ids ? 'WHERE document_id IN (SELECT value FROM json_each(?))' : '';
  return db
    .prepare<string[], { id: number; layer: number }>(
      `SELECT DISTINCT document_id AS id, CASE WHEN gold = 1 THEN 0 ELSE annotator_id END AS layer FROM span ${where}`,
    )
    .all(...(ids ? [JSON.stringify(ids)] : []));
}

/** Every annotator row by name, with the stable id a report names them by. */
export function annotatorRows(db: ProjectDatabase): { id: number; name: string; uid: string }[] {
  return db
    .prepare<[], { id: number; name: string; uid: string }>(
      'SELECT id, name, uid FROM annotator ORDER BY name',
    )
    .all();
}

/** Each annotator's status of each document they have one for (todo, in_progress, done). */
export function documentStatuses(
  db: ProjectDatabase,
): { documentId: number; name: string; status: string }[] {
  return db
    .prepare<[], { documentId: number; name: string; status: string }>(
      'SELECT s.document_id AS documentId, a.name, s.status FROM assignment s JOIN annotator a ON a.id = s.annotator_id',
    )
    .all();
}

/** The span labels of the project's schema, in schema order. */
export function spanLabelKeys(db: ProjectDatabase): string[] {
  return db
    .prepare<[], { key: string }>("SELECT key FROM label WHERE kind = 'span' ORDER BY position")
    .all()
    .map((r) => r.key);
}

/** A compared layer's spans on one document: an annotator's own (`annotatorId`), or gold (null). */
export interface LayerSpans {
  annotatorId: number | null;
  /** In the order every span list of the app has: by start, longer first, then by id. */
  spans: { label: string; fragments: Fragment[]; attributes?: Record<string, AttributeValue> }[];
}

type Plain = [documentId: number, annotatorId: number, gold: number, spans: string];
type Special = [
  number,
  number,
  number,
  id: number,
  labelId: number,
  start: number,
  end: number,
  string | null,
  string,
];

/**
 * The text and each layer's spans of each of `ids` (ascending), `pageSize` documents per query, so a
 * large project is never held in memory at once. Continuous spans without attributes (nearly all)
 * come as one "label start end id" list per layer, built by SQLite: a row per span was most of the
 * time of a cold agreement report.
 */
export function* agreementPages(
  db: ProjectDatabase,
  ids: readonly number[],
  pageSize = 64,
): Generator<{ id: number; text: string; layers: LayerSpans[] }> {
  const { labels } = nameMaps(db);
  const texts = db.prepare<[string], { id: number; text: string }>(
    'SELECT id, text FROM document WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
  );
  const layer = 'CASE WHEN gold = 1 THEN 0 ELSE annotator_id END, gold';
  const plain = db
    .prepare<[number, number], Plain>(
      `SELECT document_id, ${layer}, group_concat(label_id || ' ' || start || ' ' || "end" || ' ' || id, ' '
                ORDER BY start, "end" DESC, id)
       FROM span WHERE document_id BETWEEN ? AND ? AND fragments IS NULL AND attributes = '{}'
       GROUP BY document_id, ${layer}`,
    )
    .raw(true);
  const special = db
    .prepare<[number, number], Special>(
      `SELECT document_id, ${layer}, id, label_id, start, "end", fragments, attributes
       FROM span WHERE document_id BETWEEN ? AND ? AND (fragments IS NOT NULL OR attributes != '{}')`,
    )
    .raw(true);
  for (let at = 0; at < ids.length; at += pageSize) {
    const page = ids.slice(at, at + pageSize);
    const wanted = new Set(page);
    const first = page[0]!;
    const last = page.at(-1)!;
    // document → layer key → spans with their sort keys
    const found = new Map<number, Map<string, { annotatorId: number | null; rows: Keyed[] }>>();
    const layerOf = (documentId: number, annotatorId: number, gold: number) => {
      const byLayer =
        found.get(documentId) ?? new Map<string, { annotatorId: number | null; rows: Keyed[] }>();
      found.set(documentId, byLayer);
      const key = gold ? 'gold' : String(annotatorId);
      let entry = byLayer.get(key);
      if (!entry) byLayer.set(key, (entry = { annotatorId: gold ? null : annotatorId, rows: [] }));
      return entry.rows;
    };
    for (const [documentId, annotatorId, gold, list] of plain.all(first, last)) {
      if (!wanted.has(documentId)) continue;
      const rows = layerOf(documentId, annotatorId, gold);
      const n = list.split(' ');
      for (let i = 0; i + 3 < n.length; i += 4) {
        const start = Number(n[i + 1]);
        const end = Number(n[i + 2]);
        rows.push({
          id: Number(n[i + 3]),
          span: { label: labels.get(Number(n[i]))!, fragments: [{ start, end }] },
        });
      }
    }
    const mixed = new Set<Keyed[]>();
    for (const [documentId, annotatorId, gold, id, labelId, start, end, fragments, attributes] of special.all(
      first,
      last,
    )) {
      if (!wanted.has(documentId)) continue;
      const rows = layerOf(documentId, annotatorId, gold);
      rows.push({
        id,
        span: {
          label: labels.get(labelId)!,
          fragments: fragmentsOf(fragments, start, end),
          ...(attributes === '{}'
            ? {}
            : { attributes: JSON.parse(attributes) as Record<string, AttributeValue> }),
        },
      });
      mixed.add(rows);
    }
    for (const rows of mixed) rows.sort(bySpanOrder);
    for (const row of texts.all(JSON.stringify(page)))
      yield {
        id: row.id,
        text: row.text,
        layers: [...(found.get(row.id)?.values() ?? [])].map((l) => ({
          annotatorId: l.annotatorId,
          spans: l.rows.map((r) => r.span),
        })),
      };
  }
}

interface Keyed {
  id: number;
  span: LayerSpans['spans'][number];
}

const bySpanOrder = (x: Keyed, y: Keyed) => {
  const a = x.span.fragments;
  const b = y.span.fragments;
  return a[0]!.start - b[0]!.start || b.at(-1)!.end - a.at(-1)!.end || x.id - y.id;
};
