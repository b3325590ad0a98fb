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
  /**
   * Σ (Σ_j n_ij² − n_i) over those items, by n_i: whole numbers, so sums add up exactly in any order
   * (documents one by one or in blocks give the same kappa); P_i is this over n_i(n_i − 1).
   */
  agreeing: Record<number, number>;
  /** Ratings per category over those items. */
  totals: number[];
}

export const emptyFleiss = (categories: number): FleissSums => ({
  items: 0,
  agreeing: {},
  totals: new Array<number>(categories).fill(0),
});

/** Adds one item: `counts[j]` raters put it in category j. Mutates and returns `sums`. */
/** Adds `times` items rated `counts` (ratings per category) into `sums`, in place. */
export function addFleissItem(sums: FleissSums, counts: readonly number[], times = 1): FleissSums {
  let n = 0;
  let squares = 0;
  for (const c of counts) {
    n += c;
    squares += c * c;
  }
  if (n < 2) return sums;
  sums.items += times;
  sums.agreeing[n] = (sums.agreeing[n] ?? 0) + (squares - n) * times;
  counts.forEach((c, j) => (sums.totals[j]! += c * times));
  return sums;
}

export function addFleiss(a: FleissSums, b: FleissSums): FleissSums {
  const agreeing = { ...a.agreeing };
  for (const [n, sum] of Object.entries(b.agreeing)) agreeing[Number(n)] = (agreeing[Number(n)] ?? 0) + sum;
  return { items: a.items + b.items, agreeing, totals: a.totals.map((t, j) => t + b.totals[j]!) };
}

export interface FleissFigures {
  items: number;
  observed: Figure;
  expected: Figure;
  kappa: Figure;
}

export function fleissKappa(sums: FleissSums): FleissFigures {
  if (sums.items === 0) return { items: 0, observed: null, expected: null, kappa: null };
  const ratings = sums.totals.reduce((a, b) => a + b, 0);
  let agreement = 0;
  for (const [n, sum] of Object.entries(sums.agreeing)) agreement += sum / (Number(n) * (Number(n) - 1));
  const observed = agreement / sums.items;
  const expected = sums.totals.reduce((e, t) => e + (t / ratings) ** 2, 0);
  return { items: sums.items, observed, expected, kappa: kappaOf(observed, expected) };
}
