/**
 * Reads for agreement: each document's version (so cached figures are reused until the document
 * changes) and the spans of chosen documents a page at a time. Read only; nothing here writes.
 */
import type { Span } from '../core/spans';
import type { ProjectDatabase } from './database';
import { nameMaps, readSpanPage, spanFromTuple } from './rows';

export interface DocumentVersion {
  id: number;
  title: string;
  /**
   * Changes whenever the document's spans may have: its last event, span count and highest span id
   * (an import adds spans without an edit event, a delete lowers the count).
   */
  version: string;
}

/**
 * Changes whenever any span may have: the last event (every edit, undo and delete logs one) and the
 * highest span id (an import adds spans). Both are read from the end of an index, so this is cheap
 * enough to ask before every report.
 */
export function projectVersion(db: ProjectDatabase): string {
  return db
    .prepare<[], { version: string }>(
      `SELECT coalesce((SELECT max(id) FROM event), 0) || ':' || coalesce((SELECT max(id) FROM span), 0) ||
              ':' || (SELECT count(*) FROM document) AS version`,
    )
    .get()!.version;
}

/** Every document in import order with its version. */
export function documentVersions(db: ProjectDatabase): DocumentVersion[] {
  return db
    .prepare<[], DocumentVersion>(
      `SELECT d.id, d.title,
              coalesce(e.last, 0) || ':' || coalesce(s.n, 0) || ':' || coalesce(s.top, 0) AS version
       FROM document d
       LEFT JOIN (SELECT document_id, max(id) AS last FROM event GROUP BY document_id) e ON e.document_id = d.id
       LEFT JOIN (SELECT document_id, count(*) AS n, max(id) AS top FROM span GROUP BY document_id) s
         ON s.document_id = d.id
       ORDER BY d.id`,
    )
    .all();
}

/** The annotators (by name, with their stable ids) who have spans of their own, and whether gold spans exist. */
export function agreementLayers(db: ProjectDatabase): {
  annotators: { name: string; uid: string }[];
  gold: boolean;
} {
  const annotators = db
    .prepare<[], { name: string; uid: string }>(
      'SELECT name, uid FROM annotator WHERE id IN (SELECT DISTINCT annotator_id FROM span WHERE gold = 0) ORDER BY name',
    )
    .all();
  const gold =
    db.prepare<[], { one: number }>('SELECT 1 AS one FROM span WHERE gold = 1 LIMIT 1').get() !== undefined;
  return { annotators, gold };
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

/**
 * The text and spans of each of `ids` (ascending), `pageSize` documents per query, so a large
 * project is never held in memory at once.
 */
export function* agreementPages(
  db: ProjectDatabase,
  ids: readonly number[],
  pageSize = 64,
): Generator<{ id: number; text: string; spans: Span[] }> {
  const { annotators, labels } = nameMaps(db);
  const texts = db.prepare<[string], { id: number; text: string }>(
    'SELECT id, text FROM document WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
  );
  for (let at = 0; at < ids.length; at += pageSize) {
    const page = ids.slice(at, at + pageSize);
    const wanted = new Set(page);
    const spans = new Map<number, Span[]>();
    for (const tuple of readSpanPage(db, page[0]!, page.at(-1)!)) {
      if (!wanted.has(tuple[1])) continue;
      const span = spanFromTuple(tuple, annotators, labels);
      const list = spans.get(span.documentId);
      if (list) list.push(span);
      else spans.set(span.documentId, [span]);
    }
    for (const row of texts.all(JSON.stringify(page)))
      yield { id: row.id, text: row.text, spans: spans.get(row.id) ?? [] };
  }
}
