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

export class ConflictCounter {
  private readonly counts: ConflictCounts = { kinds: {}, labels: {}, documents: [], annotators: {} };
  /** Open conflicts per set of labels, split into labels once at the end. */
  private readonly labelSets = new Map<string, number>();

  /** `separator`: what joins a conflict's labels in `add`. */
  constructor(private readonly separator: string) {}

  /**
   * One open conflict of `kind` in `doc`, `labels` its distinct labels (as `labelsOf` gives them)
   * joined by the separator. Nothing is built per conflict: the queue hands tens of thousands.
   */
  add(doc: CountedDocument, kind: ConflictKind, labels: string): void {
    const { kinds, documents, annotators } = this.counts;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    this.labelSets.set(labels, (this.labelSets.get(labels) ?? 0) + 1);
    for (const a of doc.annotators) annotators[a] = (annotators[a] ?? 0) + 1;
    // Conflicts come document by document, so a document's count is always the last row.
    const last = documents[documents.length - 1];
    if (last?.id === doc.documentId) last.open++;
    else documents.push({ id: doc.documentId, title: doc.title, open: 1 });
  }

  result(): ConflictCounts {
    // In the order the labels were first met, as counting each conflict's labels gave them.
    const { labels } = this.counts;
    for (const [set, n] of this.labelSets)
      for (const l of set ? set.split(this.separator) : []) labels[l] = (labels[l] ?? 0) + n;
    this.labelSets.clear();
    return this.counts;
  }
}
