/**
 * Cohen's (1960) kappa for two raters over the same items: κ = (P_o − P_e) / (1 − P_e), where P_o
 * is the share of items both put in the same category and P_e = Σ_k p_k(rater 1)·p_k(rater 2), the
 * agreement expected from each rater's own category shares. docs/agreement.md, Cohen's kappa.
 */
import { kappaOf, ratio, type Figure } from './figures';

/**
 * A square table of counts: `table[i][j]` items rater 1 put in category i and rater 2 in j.
 * Tables of the same categories add up cell by cell (over documents, over labels).
 */
export type Contingency = number[][];

export interface KappaFigures {
  items: number;
  observed: Figure;
  expected: Figure;
  kappa: Figure;
}

/** Cohen's kappa of a contingency table; every figure is null when the table is empty. */
export function cohenKappa(table: Contingency): KappaFigures {
  const k = table.length;
  let items = 0;
  let agree = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const n = table[i]![j]!;
      items += n;
      rows[i]! += n;
      cols[j]! += n;
      if (i === j) agree += n;
    }
  if (items === 0) return { items, observed: null, expected: null, kappa: null };
  const observed = agree / items;
  const expected = rows.reduce((sum, r, i) => sum + (r / items) * (cols[i]! / items), 0);
  return { items, observed, expected, kappa: kappaOf(observed, expected) };
}

/** Adds `b` into `a` cell by cell (same size). */
export function addContingency(a: Contingency, b: Contingency): Contingency {
  return a.map((row, i) => row.map((n, j) => n + b[i]![j]!));
}

/** A k × k table of zeros. */
export const emptyContingency = (k: number): Contingency =>
  Array.from({ length: k }, () => new Array<number>(k).fill(0));

/** Share of items on the diagonal, null when there is none. */
export const observedAgreement = (table: Contingency): Figure =>
  ratio(
    table.reduce((sum, row, i) => sum + row[i]!, 0),
    table.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0),
  );
