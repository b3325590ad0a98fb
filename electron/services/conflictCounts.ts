/**
 * The counts beside the review screen's filters: open conflicts of the project per kind, label,
 * document and annotator, added up in the queue's one pass over every conflict.
 */
import type { ConflictCounts } from '../contract/review';
import type { ConflictKind } from '../core/conflicts';

/** The document an open conflict is in, and everyone taking part in its conflicts (distinct). */
export interface CountedDocument {
  documentId: number;
  title: string;
  annotators: readonly string[];
}

/** One open conflict as the counts see it: its labels distinct, as `labelsOf` gives them. */
export interface CountedConflict {
  kind: ConflictKind;
  labels: readonly string[];
}

export class ConflictCounter {
  private readonly counts: ConflictCounts = { kinds: {}, labels: {}, documents: [], annotators: {} };

  /** Nothing is built per conflict: the queue hands tens of thousands. */
  add(doc: CountedDocument, c: CountedConflict): void {
    const { kinds, labels, documents, annotators } = this.counts;
    kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
    for (const l of c.labels) labels[l] = (labels[l] ?? 0) + 1;
    for (const a of doc.annotators) annotators[a] = (annotators[a] ?? 0) + 1;
    // Conflicts come document by document, so a document's count is always the last row.
    const last = documents[documents.length - 1];
    if (last?.id === doc.documentId) last.open++;
    else documents.push({ id: doc.documentId, title: doc.title, open: 1 });
  }

  result(): ConflictCounts {
    return this.counts;
  }
}
