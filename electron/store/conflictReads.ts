/**
 * Reads for review: each document's layers and relations, a page of documents at a time. Spans come
 * through agreementPages (one list per layer built by SQLite, with each span's row id beside it):
 * a Span object per row, with its text, uids and note, was most of a cold queue's read.
 */
import type { Relation } from '../core/spans';
import { agreementPages, type LayerSpans } from './agreementReads';
import type { ProjectDatabase } from './database';
import { groupBy, RELATION_SELECT } from './rows';

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
