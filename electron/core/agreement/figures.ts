/**
 * What every agreement measure shares: the spans it reads and the rule for figures that are not
 * defined. A figure is `null` when its formula divides by zero (no spans on either side, one rater,
 * no variation at all); it is never NaN, so it survives JSON and sorts predictably. docs/agreement.md.
 */
import type { Fragment } from '../spans';

/** A span as agreement sees it: its label and the characters it covers (UTF-16, end-exclusive). */
export interface AgreementSpan {
  label: string;
  /** Sorted, not touching; one for a continuous span. */
  fragments: readonly Fragment[];
}

/** A figure, or null when its formula is not defined for the data. */
export type Figure = number | null;

/** `numerator / denominator`, or null when the denominator is zero. */
export const ratio = (numerator: number, denominator: number): Figure =>
  denominator === 0 ? null : numerator / denominator;

/** 1 − observed / expected disagreement (Krippendorff's alpha), null when nothing is expected. */
export const alphaOf = (observed: number, expected: number): Figure =>
  expected === 0 ? null : 1 - observed / expected;

/** (observed − expected) / (1 − expected) agreement (the kappas), null when chance agreement is 1. */
export const kappaOf = (observed: number, expected: number): Figure =>
  expected === 1 ? null : (observed - expected) / (1 - expected);

/** The labels used by any of `layers`, sorted. */
export function labelsOf(layers: readonly (readonly AgreementSpan[])[]): string[] {
  const labels = new Set<string>();
  for (const spans of layers) for (const s of spans) labels.add(s.label);
  return [...labels].sort();
}
