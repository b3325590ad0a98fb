/** Finding spans that overlap, for formats that cannot hold them (BIO) or may drop them (doccano). */
import type { Fragment } from '../spans';

/**
 * Splits items into a greedy non-overlapping selection (earliest start first, longer first on ties)
 * and the rest. Each item is judged by all its fragments.
 */
export function withoutOverlaps<T extends { fragments: Fragment[] }>(
  items: readonly T[],
): { kept: T[]; dropped: T[] } {
  const ordered = [...items].sort(
    (a, b) =>
      a.fragments[0]!.start - b.fragments[0]!.start ||
      b.fragments[b.fragments.length - 1]!.end - a.fragments[a.fragments.length - 1]!.end,
  );
  const taken: Fragment[] = [];
  const kept: T[] = [];
  const dropped: T[] = [];
  for (const item of ordered) {
    const clash = item.fragments.some((f) => taken.some((t) => f.start < t.end && t.start < f.end));
    if (clash) dropped.push(item);
    else {
      kept.push(item);
      taken.push(...item.fragments);
    }
  }
  return { kept, dropped };
}
