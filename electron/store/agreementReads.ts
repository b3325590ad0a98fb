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
   * Changes whenever the document's spans may have: its last action, span count and highest span id
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
  // NOT INDEXED: the rows after the mark by row id; SQLite otherwise takes DISTINCT from a scan of
  // the whole document index (26 ms at 500,000 spans, on every queue read).
  const events = db
    .prepare<[number], { documentId: number | null }>(
      'SELECT DISTINCT document_id AS documentId FROM event NOT INDEXED WHERE id > ?',
    )
    .all(mark.event);
  if (events.some((e) => e.documentId === null)) return null;
  const spans = db
    .prepare<[number], { documentId: number }>(
      'SELECT DISTINCT document_id AS documentId FROM span NOT INDEXED WHERE id > ?',
    )
    .all(mark.span);
  return [...new Set([...events, ...spans].map((r) => r.documentId!))];
}

// A document's last action, the end of its run in the log's index by document (migration 13): every
// change to it is logged in a new action, and its versions are compared only with each other.
const VERSION_SELECT = `
  SELECT d.id, d.title,
         coalesce((SELECT max(action) FROM event e WHERE e.document_id = d.id), 0) || ':' ||
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

type Plain = [documentId: number, annotatorId: number, gold: number, spans: string | null, special: number];
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
): Generator<{ id: number; text: string; layers: (LayerSpans & { ids: number[] })[] }> {
  const { labels } = nameMaps(db);
  const texts = db.prepare<[string], { id: number; text: string }>(
    'SELECT id, text FROM document WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
  );
  const layer = 'CASE WHEN gold = 1 THEN 0 ELSE annotator_id END, gold';
  const plain = db
    .prepare<[number, number], Plain>(
      `SELECT document_id, ${layer},
              group_concat(CASE WHEN ${PLAIN} THEN label_id || ' ' || start || ' ' || "end" || ' ' || id END, ' '
                ORDER BY start, "end" DESC, id),
              max(NOT (${PLAIN}))
       FROM span WHERE document_id BETWEEN ? AND ?
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
    // document → layer key → spans and their ids (for the sort when special rows join plain ones)
    const found = new Map<number, Map<string, Listed>>();
    const layerOf = (documentId: number, annotatorId: number, gold: number): Listed => {
      const byLayer = found.get(documentId) ?? new Map<string, Listed>();
      found.set(documentId, byLayer);
      const key = gold ? 'gold' : String(annotatorId);
      let entry = byLayer.get(key);
      if (!entry)
        byLayer.set(
          key,
          (entry = { annotatorId: gold ? null : annotatorId, plain: null, spans: [], ids: [] }),
        );
      return entry;
    };
    // One pass over the page's spans; the others are read only where this found some.
    let anySpecial = false;
    for (const [documentId, annotatorId, gold, list, hasSpecial] of plain.all(first, last)) {
      if (!wanted.has(documentId)) continue;
      if (hasSpecial) anySpecial = true;
      if (list === null) continue;
      // Read into spans only when the document is computed: spans that live for one document die
      // young, where a page's worth held together outlived the collector's cheap passes.
      layerOf(documentId, annotatorId, gold).plain = list;
    }
    const mixed = new Set<Listed>();
    for (const [documentId, annotatorId, gold, id, labelId, start, end, fragments, attributes] of anySpecial
      ? special.all(first, last)
      : []) {
      if (!wanted.has(documentId)) continue;
      const entry = layerOf(documentId, annotatorId, gold);
      readPlain(entry, labels);
      entry.spans.push({
        label: labels.get(labelId)!,
        fragments: fragmentsOf(fragments, start, end),
        ...(attributes === '{}'
          ? {}
          : { attributes: JSON.parse(attributes) as Record<string, AttributeValue> }),
      });
      entry.ids.push(id);
      mixed.add(entry);
    }
    for (const entry of mixed) sortListed(entry);
    for (const row of texts.all(JSON.stringify(page)))
      yield {
        id: row.id,
        text: row.text,
        layers: [...(found.get(row.id)?.values() ?? [])].map((l) => {
          const { annotatorId, spans, ids } = readPlain(l, labels);
          return { annotatorId, spans, ids };
        }),
      };
  }
}

/** A continuous span without attributes: read from the list SQLite builds. */
const PLAIN = `fragments IS NULL AND attributes = '{}'`;
const SPACE = 32;
const ZERO = 48;

/** One layer's spans as read, with their ids beside them. */
interface Listed {
  annotatorId: number | null;
  /** The "label start end id" list SQLite built, until it is read into `spans`. */
  plain: string | null;
  spans: LayerSpans['spans'];
  ids: number[];
}

/** Adds the spans of the layer's plain list (if not yet read) to its spans; returns the layer. */
function readPlain(entry: Listed, labels: ReadonlyMap<number, string>): Listed {
  const list = entry.plain;
  if (list === null) return entry;
  entry.plain = null;
  // Four numbers a span, read digit by digit: splitting made four strings of every span.
  const n = [0, 0, 0, 0];
  let field = 0;
  for (let i = 0; i <= list.length; i++) {
    const code = i < list.length ? list.charCodeAt(i) : SPACE;
    if (code !== SPACE) {
      n[field] = n[field]! * 10 + code - ZERO;
      continue;
    }
    if (++field < 4) continue;
    entry.spans.push({ label: labels.get(n[0]!)!, fragments: [{ start: n[1]!, end: n[2]! }] });
    entry.ids.push(n[3]!);
    n.fill(0);
    field = 0;
  }
  return entry;
}

/** Puts a layer's spans in span-list order (by start, longer first, then by id). */
function sortListed(entry: Listed): void {
  const order = entry.spans.map((_, i) => i);
  const { spans, ids } = entry;
  order.sort((x, y) => {
    const a = spans[x]!.fragments;
    const b = spans[y]!.fragments;
    return a[0]!.start - b[0]!.start || b.at(-1)!.end - a.at(-1)!.end || ids[x]! - ids[y]!;
  });
  entry.spans = order.map((i) => spans[i]!);
  entry.ids = order.map((i) => ids[i]!);
}
