/**
 * The counts beside the review screen's filters: open conflicts of the project per kind, label,
 * document and annotator, added up in the queue's one pass over every place.
 */
import type { ConflictCounts } from '../contract/review';
import type { ConflictKind } from '../core/conflicts';

/** One open conflict as the counts see it. */
export interface CountedConflict {
  documentId: number;
  title: string;
  kind: ConflictKind;
  labels: readonly string[];
  /** Everyone taking part: a version's annotators and those with none. */
  annotators: readonly string[];
}

export class ConflictCounter {
  private readonly counts: ConflictCounts = { kinds: {}, labels: {}, documents: [], annotators: {} };

  add(c: CountedConflict): void {
    const { kinds, labels, documents, annotators } = this.counts;
    kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
    for (const l of new Set(c.labels)) labels[l] = (labels[l] ?? 0) + 1;
    for (const a of new Set(c.annotators)) annotators[a] = (annotators[a] ?? 0) + 1;
    // Places come document by document, so a document's count is always the last row.
    const last = documents[documents.length - 1];
    if (last?.id === c.documentId) last.open++;
    else documents.push({ id: c.documentId, title: c.title, open: 1 });
  }

  result(): ConflictCounts {
    return this.counts;
  }
}
