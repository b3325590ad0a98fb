/**
 * Fleiss' (1971) kappa for several raters per item. For item i with n_i ratings, n_ij of them in
 * category j: P_i = (Σ_j n_ij² − n_i) / (n_i(n_i − 1)); P̄ = mean of P_i; p_j = Σ_i n_ij / Σ_i n_i;
 * P_e = Σ_j p_j²; κ = (P̄ − P_e) / (1 − P_e). Fleiss fixes n; items here may have different n_i
 * (the usual generalisation), and an item with fewer than two ratings is left out.
 * docs/agreement.md, Fleiss' kappa.
 */
import { kappaOf, type Figure } from './figures';

/** Sums that add up over items, documents and labels. */
export interface FleissSums {
  /** Items with two or more ratings. */
  items: number;
  /** Σ P_i over those items. */
  agreement: number;
  /** Ratings per category over those items. */
  totals: number[];
}

export const emptyFleiss = (categories: number): FleissSums => ({
  items: 0,
  agreement: 0,
  totals: new Array<number>(categories).fill(0),
});

/** Adds one item: `counts[j]` raters put it in category j. Mutates and returns `sums`. */
export function addFleissItem(sums: FleissSums, counts: readonly number[]): FleissSums {
  let n = 0;
  let squares = 0;
  for (const c of counts) {
    n += c;
    squares += c * c;
  }
  if (n < 2) return sums;
  sums.items++;
  sums.agreement += (squares - n) / (n * (n - 1));
  counts.forEach((c, j) => (sums.totals[j]! += c));
  return sums;
}

export const addFleiss = (a: FleissSums, b: FleissSums): FleissSums => ({
  items: a.items + b.items,
  agreement: a.agreement + b.agreement,
  totals: a.totals.map((t, j) => t + b.totals[j]!),
});

export interface FleissFigures {
  items: number;
  observed: Figure;
  expected: Figure;
  kappa: Figure;
}

export function fleissKappa(sums: FleissSums): FleissFigures {
  if (sums.items === 0) return { items: 0, observed: null, expected: null, kappa: null };
  const ratings = sums.totals.reduce((a, b) => a + b, 0);
  const observed = sums.agreement / sums.items;
  const expected = sums.totals.reduce((e, t) => e + (t / ratings) ** 2, 0);
  return { items: sums.items, observed, expected, kappa: kappaOf(observed, expected) };
}
