/** Editing the fragments of a discontinuous span ("killed … in Kervadi"). */
import type { Fragment } from './spans';

/**
 * The fragments after adding `range`: sorted, with every fragment the range overlaps or touches
 * merged into it, so the result always satisfies fragmentsProblem's "gap between them" rule.
 */
export function withFragment(fragments: readonly Fragment[], range: Fragment): Fragment[] {
  let { start, end } = range;
  const rest: Fragment[] = [];
  for (const fragment of fragments) {
    if (fragment.end < start || fragment.start > end) rest.push(fragment);
    else {
      start = Math.min(start, fragment.start);
      end = Math.max(end, fragment.end);
    }
  }
  return [...rest, { start, end }].sort((a, b) => a.start - b.start);
}

/** The fragments without the `index`-th one; `null` when it is the last one left. */
export function withoutFragment(fragments: readonly Fragment[], index: number): Fragment[] | null {
  if (fragments.length <= 1) return null;
  return fragments.filter((_, i) => i !== index);
}

/** The covered text of a span as the span list shows it: its fragments joined by " … ". */
export function fragmentsText(text: string, fragments: readonly Fragment[]): string {
  return fragments.map((f) => text.slice(f.start, f.end)).join(' … ');
}
