/**
 * Every measure against the values published with its definition, typed in from the papers
 * (not from our own output). docs/agreement.md lists the sources.
 */
import { describe, expect, it } from 'vitest';
import { alphaU, alphaUOverall, segmentDistance, unitizingSums } from './alphaUnitizing';
import { cohenKappa } from './cohenKappa';
import type { AgreementSpan } from './figures';
import { addFleissItem, emptyFleiss, fleissKappa } from './fleissKappa';
import { addUnit, nominalAlpha } from './krippendorffAlpha';

const span = (label: string, start: number, length: number): AgreementSpan => ({
  label,
  fragments: [{ start, end: start + length }],
});

/** The continuum of Krippendorff's example begins at 150; ours begins at 0, so units shift by −150. */
const K = (label: string, begin: number, length: number) => span(label, begin - 150, length);

describe('Krippendorff (2004, p. 254): alpha-U on a continuum of 300 (150–450)', () => {
  const raterA = [K('c', 225, 70), K('c', 370, 30), K('k', 180, 60), K('k', 300, 50)];
  const raterB = [K('c', 220, 80), K('c', 355, 20), K('c', 400, 20), K('k', 180, 60), K('k', 300, 50)];

  it('gives alpha_c = 0.7286 (D_o 0.0144, D_e 0.0532)', () => {
    const c = alphaU(unitizingSums([raterA, raterB], 'c', 300));
    expect(c.observed).toBeCloseTo(0.0144, 4);
    expect(c.expected).toBeCloseTo(0.0532, 4);
    expect(c.alpha).toBeCloseTo(0.7286, 4);
  });

  it('gives alpha_k = 1.0 (D_o 0, D_e 0.0490)', () => {
    const k = alphaU(unitizingSums([raterA, raterB], 'k', 300));
    expect(k.observed).toBe(0);
    expect(k.expected).toBeCloseTo(0.049, 4);
    expect(k.alpha).toBe(1);
  });

  it('gives alpha-U = 0.8591 over both labels, as the paper does from its four-digit D values', () => {
    const all = alphaUOverall(['c', 'k'].map((l) => unitizingSums([raterA, raterB], l, 300)));
    // The paper computes 1 − (0.0144 + 0) / (0.0532 + 0.0490) from rounded disagreements; unrounded
    // it is 0.8587 (dkpro-statistics' own test accepts 0.8591 ± 0.0005 for this reason).
    const rounded = (x: number | null) => Math.round(x! * 1e4) / 1e4;
    const c = alphaU(unitizingSums([raterA, raterB], 'c', 300));
    const k = alphaU(unitizingSums([raterA, raterB], 'k', 300));
    expect(
      1 - (rounded(c.observed) + rounded(k.observed)) / (rounded(c.expected) + rounded(k.expected)),
    ).toBeCloseTo(0.8591, 4);
    expect(all.alpha).toBeCloseTo(0.8587, 4);
    expect(Math.abs(all.alpha! - 0.8591)).toBeLessThan(0.0005);
  });

  it("measures the paper's distances: 50 and 850 between units, 400 for a unit inside a gap", () => {
    const seg = (start: number, length: number, unit: boolean) => ({ start, end: start + length, unit });
    expect(segmentDistance(seg(225, 70, true), seg(220, 80, true))).toBe(50);
    expect(segmentDistance(seg(370, 30, true), seg(355, 20, true))).toBe(850);
    expect(segmentDistance(seg(400, 50, false), seg(400, 20, true))).toBe(400);
    expect(segmentDistance(seg(5, 6, true), seg(4, 2, true))).toBe(26);
  });
});

describe('alpha-U, a small case: length 10, A marks [1,9), B marks [2,3) [4,5) [6,7)', () => {
  const a = [span('x', 1, 8)];
  const b = [span('x', 2, 1), span('x', 4, 1), span('x', 6, 1)];

  it('gives D_o 0.9100, D_e 0.5351 and alpha-U −0.7003', () => {
    const x = alphaU(unitizingSums([a, b], 'x', 10));
    // The published figures are cut, not rounded, at four digits: D_e is 0.53518…, alpha −0.70034…
    const cut = (v: number | null) => Math.trunc(v! * 1e4) / 1e4;
    expect(x.observed).toBeCloseTo(0.91, 4);
    expect(cut(x.expected)).toBe(0.5351);
    expect(cut(x.alpha)).toBe(-0.7003);
  });

  it('does not depend on which rater comes first', () => {
    expect(alphaU(unitizingSums([b, a], 'x', 10)).alpha).toBeCloseTo(-0.7003, 4);
  });
});

describe('Cohen (1960, p. 45): two raters, 200 items, three categories', () => {
  it('gives kappa = 0.492 (P_o 0.70, P_e 0.41)', () => {
    const k = cohenKappa([
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ]);
    expect(k.items).toBe(200);
    expect(k.observed).toBeCloseTo(0.7, 2);
    expect(k.expected).toBeCloseTo(0.41, 2);
    expect(k.kappa).toBeCloseTo(0.492, 3);
  });
});

describe('Fleiss (1971, p. 379): 30 patients, 6 psychiatrists, 5 diagnoses', () => {
  // Each row: the diagnosis (1–5) each of the six raters gave one patient, from the paper's table 1.
  const ROWS = [
    [4, 4, 4, 4, 4, 4],
    [2, 2, 2, 5, 5, 5],
    [2, 3, 3, 3, 3, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3],
    [3, 3, 3, 3, 5, 5],
    [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4],
    [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4],
    [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3],
    [1, 4, 4, 4, 4, 4],
    [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5],
    [1, 1, 1, 1, 1, 2],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 4, 4, 4, 4, 4],
    [2, 2, 4, 5, 5, 5],
    [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4],
    [1, 1, 1, 1, 5, 5],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3],
    [5, 5, 5, 5, 5, 5],
  ];

  it('gives P_o 0.5556, P_e 0.2201 (from shares rounded to three digits, as the paper does) and kappa = 0.430', () => {
    const sums = emptyFleiss(5);
    for (const row of ROWS) {
      const counts = [0, 0, 0, 0, 0];
      for (const d of row) counts[d - 1]!++;
      addFleissItem(sums, counts);
    }
    const k = fleissKappa(sums);
    expect(k.items).toBe(30);
    expect(k.observed).toBeCloseTo(0.5556, 4);
    // Fleiss squares the category shares rounded to .144 .144 .167 .306 .239; unrounded P_e is 0.21994.
    const shares = sums.totals.map((t) => Math.round((t / 180) * 1000) / 1000);
    expect(shares).toEqual([0.144, 0.144, 0.167, 0.306, 0.239]);
    expect(shares.reduce((e, p) => e + p * p, 0)).toBeCloseTo(0.2201, 4);
    expect(k.expected).toBeCloseTo(0.2199, 4);
    expect(k.kappa).toBeCloseTo(0.43, 3);
  });
});

describe('Krippendorff (2004, p. 230): nominal alpha, 4 coders × 12 units with missing values', () => {
  const _ = null;
  // Columns are units 1–12, rows coders A–D; values are the paper's symbols, null where a coder gave none.
  const CODERS = [
    ['B', 'L', 'P', 'P', 'L', 'B', 'C', 'B', 'L', _, _, _],
    ['B', 'L', 'P', 'P', 'L', 'L', 'C', 'B', 'L', 'F', _, _],
    [_, 'P', 'P', 'P', 'L', 'P', 'C', 'L', 'L', 'F', 'B', 'P'],
    ['B', 'L', 'P', 'P', 'L', 'C', 'C', 'B', 'L', 'F', 'B', _],
  ];

  it('gives alpha = 0.743 (D_o 0.200, D_e 0.779); unit 12 with one value is left out', () => {
    const matrix = new Map<string, number>();
    for (let u = 0; u < 12; u++)
      addUnit(
        matrix,
        CODERS.map((coder) => coder[u] ?? null),
      );
    const a = nominalAlpha(matrix);
    expect(a.values).toBeCloseTo(40, 9);
    expect(a.observed).toBeCloseTo(0.2, 3);
    expect(a.expected).toBeCloseTo(0.779, 3);
    expect(a.alpha).toBeCloseTo(0.743, 3);
  });
});
