/**
 * The open document's span list in document order (compareSpans), kept sorted by insertion: a tag
 * on a 10,000-span article copies the list once instead of sorting it again.
 */
import { compareSpans } from '../../electron/core/spans';
import type { Span } from '../../electron/contract/types';

/** A new list with `span` at its place in document order. */
export function withSpan(spans: readonly Span[], span: Span): Span[] {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareSpans(spans[mid]!, span) < 0) lo = mid + 1;
    else hi = mid;
  }
  return [...spans.slice(0, lo), span, ...spans.slice(lo)];
}
