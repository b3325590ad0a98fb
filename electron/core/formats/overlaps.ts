/** Finding spans that overlap, for formats that cannot hold them (BIO) or may drop them (doccano). */
import type { Fragment } from '../spans';
import type { CorpusSpan } from './model';

/** One contiguous piece of a span: formats without discontinuity write each piece on its own. */
export interface Piece extends Fragment {
  span: CorpusSpan;
}

/** Every fragment of every span, as pieces. */
export const piecesOf = (spans: readonly CorpusSpan[]): Piece[] =>
  spans.flatMap((span) => span.fragments.map((f) => ({ start: f.start, end: f.end, span })));

/**
 * Splits pieces into a greedy non-overlapping selection — earliest start first, the longer first on a
 * tie — and the rest. Sorting once and tracking the furthest end kept makes it O(n log n).
 */
export function withoutOverlaps<T extends Fragment>(items: readonly T[]): { kept: T[]; dropped: T[] } {
  const ordered = [...items].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  const dropped: T[] = [];
  let furthest = -Infinity;
  for (const item of ordered) {
    if (item.start < furthest) dropped.push(item);
    else {
      kept.push(item);
      furthest = item.end;
    }
  }
  return { kept, dropped };
}
