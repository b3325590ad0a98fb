/**
 * Reads for review: each document's layers and relations, a page of documents at a time, and the
 * gold layers of the queue's page. Spans come
 * through agreementPages (one list per layer built by SQLite, with each span's row id beside it):
 * a Span object per row, with its text, uids and note, was most of a cold queue's read.
 */
import type { AttributeValue } from '../core/attributes';
import type { Fragment, Relation } from '../core/spans';
import { agreementPages, type LayerSpans } from './agreementReads';
import type { ProjectDatabase } from './database';
import { fragmentsOf, groupBy, nameMaps, RELATION_SELECT } from './rows';

export interface ConflictPage {
  id: number;
  /** Each layer's spans in span-list order, `ids` their row ids; annotatorId null is gold. */
  layers: (LayerSpans & { ids: number[] })[];
  relations: Relation[];
}

/** The layers and relations of each of `ids` (ascending) that still exists. */
export function* conflictPages(
  db: ProjectDatabase,
  ids: readonly number[],
  pageSize = 64,
): Generator<ConflictPage> {
  const relations = db.prepare<[number, number], Relation>(
    `${RELATION_SELECT} WHERE s.document_id BETWEEN ? AND ? ORDER BY r.id`,
  );
  for (let at = 0; at < ids.length; at += pageSize) {
    const page = ids.slice(at, at + pageSize);
    const byDocument = groupBy(relations.all(page[0]!, page.at(-1)!), (r) => r.documentId);
    for (const doc of agreementPages(db, page, pageSize))
      yield { id: doc.id, layers: doc.layers, relations: byDocument.get(doc.id) ?? [] };
  }
}

/** A document's gold layer as conflicts compare it: spans with their ids, relations by span id. */
export interface GoldLayer {
  spans: { id: number; label: string; fragments: Fragment[]; attributes?: Record<string, AttributeValue> }[];
  relations: { type: string; from: number; to: number }[];
}

/** The gold layer of each of `ids` (for the queue's page: which version gold holds). */
export function goldLayers(db: ProjectDatabase, ids: readonly number[]): Map<number, GoldLayer> {
  const { labels } = nameMaps(db);
  const list = JSON.stringify(ids);
  const layers = new Map<number, GoldLayer>(ids.map((id) => [id, { spans: [], relations: [] }]));
  const spans = db
    .prepare<[string], [number, number, number, number, number, string | null, string]>(
      `SELECT document_id, id, label_id, start, "end", fragments, attributes FROM span
       WHERE document_id IN (SELECT value FROM json_each(?)) AND gold = 1`,
    )
    .raw(true)
    .all(list);
  for (const [documentId, id, labelId, start, end, fragments, attributes] of spans)
    layers.get(documentId)!.spans.push({
      id,
      label: labels.get(labelId)!,
      fragments: fragmentsOf(fragments, start, end),
      ...(attributes === '{}'
        ? {}
        : { attributes: JSON.parse(attributes) as Record<string, AttributeValue> }),
    });
  const relations = db
    .prepare<[string], [number, string, number, number]>(
      `SELECT s.document_id, t.name, r.from_span_id, r.to_span_id
       FROM relation r JOIN span s ON s.id = r.from_span_id JOIN relation_type t ON t.id = r.type_id
       WHERE s.document_id IN (SELECT value FROM json_each(?)) AND s.gold = 1`,
    )
    .raw(true)
    .all(list);
  for (const [documentId, type, from, to] of relations)
    layers.get(documentId)!.relations.push({ type, from, to });
  return layers;
}
