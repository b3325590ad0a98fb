/**
 * Krippendorff's alpha, nominal, with missing values (Krippendorff 2004, ch. 11). Each unit's
 * values (one per coder, null when missing) add to a coincidence matrix: every ordered pair of
 * values from different coders of a unit with m_u ≥ 2 values adds 1/(m_u − 1). With n_c the row
 * sums and n their total: D_o = Σ_{c≠k} o_ck / n, D_e = Σ_{c≠k} n_c·n_k / (n(n − 1)),
 * α = 1 − D_o / D_e. A unit with fewer than two values is not pairable and left out.
 * docs/agreement.md, Krippendorff's alpha (nominal).
 */
import { alphaOf, type Figure } from './figures';

/** The coincidence matrix as a map "c\u0000k" → weight; matrices add up over units and documents. */
export type Coincidences = Map<string, number>;

const SEP = '\u0000';

/** Adds one unit's values (null for a coder who gave none). Mutates and returns `matrix`. */
export function addUnit(matrix: Coincidences, values: readonly (string | null)[]): Coincidences {
  const present = values.filter((v): v is string => v !== null);
  const m = present.length;
  if (m < 2) return matrix;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      if (i === j) continue;
      const key = present[i]! + SEP + present[j]!;
      matrix.set(key, (matrix.get(key) ?? 0) + 1 / (m - 1));
    }
  return matrix;
}

export function addCoincidences(a: Coincidences, b: Coincidences): Coincidences {
  const sum = new Map(a);
  for (const [key, w] of b) sum.set(key, (sum.get(key) ?? 0) + w);
  return sum;
}

export interface AlphaFigures {
  /** Pairable values (n). */
  values: number;
  observed: Figure;
  expected: Figure;
  alpha: Figure;
}

export function nominalAlpha(matrix: Coincidences): AlphaFigures {
  const totals = new Map<string, number>();
  let n = 0;
  let disagree = 0;
  for (const [key, w] of matrix) {
    const [c, k] = key.split(SEP) as [string, string];
    totals.set(c, (totals.get(c) ?? 0) + w);
    n += w;
    if (c !== k) disagree += w;
  }
  if (n < 2) return { values: n, observed: null, expected: null, alpha: null };
  let sameExpected = 0;
  for (const t of totals.values()) sameExpected += t * t;
  const observed = disagree / n;
  const expected = (n * n - sameExpected) / (n * (n - 1));
  return { values: n, observed, expected, alpha: alphaOf(observed, expected) };
}
