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

/**
 * What repaints `before` into `after` (the same layer read again): the spans gone or changed, by
 * id, and the spans new or changed. Unchanged spans are in neither, so they are not redrawn.
 */
export function spanListChange(
  before: readonly Span[],
  after: readonly Span[],
): { removed: number[]; added: Span[] } {
  const held = new Map(before.map((s) => [s.id, JSON.stringify(s)]));
  const kept = new Set<number>();
  const added: Span[] = [];
  for (const span of after)
    if (held.get(span.id) === JSON.stringify(span)) kept.add(span.id);
    else added.push(span);
  const removed = before.filter((s) => !kept.has(s.id)).map((s) => s.id);
  return { removed, added };
}
