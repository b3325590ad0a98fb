/**
 * Krippendorff's alpha for unitizing (alpha-U; Krippendorff 1995, 2004 §12.4), the definition
 * dkpro-statistics implements in KrippendorffAlphaUnitizingAgreement, on character offsets.
 *
 * Per label c, each rater's units of c cut the continuum [0, L) into units and gaps. For two raters,
 * every unit/gap of one that intersects a unit/gap of the other adds a distance: two units add
 * (b_i − b_j)² + (e_i − e_j)²; a unit lying wholly inside the other's gap adds its length²; else 0.
 *   D_o(c) = 2·Σ_{rater pairs} Σ distances / (R(R − 1)·L²)
 *   D_e(c) = (2/L)·Σ_{units i} [ (N_c − 1)(2l_i³ − 3l_i² + l_i)/3 + l_i²·Σ_{gaps g ≥ l_i} (g − l_i + 1) ]
 *            / (R·L(R·L − 1) − Σ_{units i} l_i(l_i − 1))
 * with N_c the units of c over all raters and the gaps those of all raters. alpha_c = 1 − D_o/D_e;
 * over labels alpha-U = 1 − Σ_c D_o(c) / Σ_c D_e(c), over the labels someone used.
 *
 * A rater's own overlapping units of one label are merged into their union first (a character is
 * marked with c or not; the measure needs one segmentation per rater); touching units stay two.
 * Several documents form one continuum laid end to end, with no gap running across a boundary.
 * docs/agreement.md, alpha-U.
 */
import { alphaOf, type AgreementSpan, type Figure } from './figures';
import { SortedHistogram } from './histogram';

/** Sums for one label that add up over documents (same raters in every document). */
export interface UnitizingSums {
  raters: number;
  /** Continuum length L. */
  length: number;
  /** Σ over rater pairs of the distances of intersecting segments (not yet normalised). */
  distance: number;
  /**
   * Units of every rater: length → how many (lengths repeat, so sums stay small over 10,000
   * documents). A document's are SortedHistograms; sums being added up (copyUnitizing) are Maps.
   */
  units: ReadonlyMap<number, number>;
  /** Gaps of every rater: length → how many. */
  gaps: ReadonlyMap<number, number>;
}

/** A unit or a gap of one rater on the continuum. */
export interface Segment {
  start: number;
  end: number;
  unit: boolean;
}

/**
 * A rater's units of one label (fragments merged where they overlap) and the gaps between them,
 * covering [0, length), in order: as columns, since a document has many and each pair reads them.
 */
export interface Segments {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 for a unit, 0 for a gap. */
  unit: Uint8Array;
  /** The lengths of the units, and of the gaps. */
  units: SortedHistogram;
  gaps: SortedHistogram;
}

/** The segments of `label` in `spans` over a text of `length`. */
export function segmentsOf(spans: readonly AgreementSpan[], label: string, length: number): Segments {
  const from: number[] = [];
  const to: number[] = [];
  // Layers come sorted by start, so the sort is usually not needed; only the order of starts matters.
  let sorted = true;
  for (const s of spans) {
    if (s.label !== label) continue;
    for (const f of s.fragments) {
      if (f.end <= f.start) continue;
      if (from.length && f.start < from[from.length - 1]!) sorted = false;
      from.push(f.start);
      to.push(f.end);
    }
  }
  const order = sorted ? null : from.map((_, i) => i).sort((x, y) => from[x]! - from[y]! || to[x]! - to[y]!);
  const nth = (k: number) => (order ? order[k]! : k);
  const starts = new Int32Array(2 * from.length + 1);
  const ends = new Int32Array(2 * from.length + 1);
  const unit = new Uint8Array(2 * from.length + 1);
  // Lengths of gaps from the front, of units from the back.
  const lengths = new Int32Array(2 * from.length + 1);
  let count = 0;
  let gapCount = 0;
  let unitCount = 0;
  const add = (start: number, end: number, isUnit: number) => {
    starts[count] = start;
    ends[count] = end;
    unit[count++] = isUnit;
    if (isUnit) lengths[lengths.length - ++unitCount] = end - start;
    else lengths[gapCount++] = end - start;
  };
  let at = 0;
  for (let k = 0; k < from.length;) {
    const start = from[nth(k)]!;
    let end = to[nth(k)]!;
    for (k++; k < from.length && from[nth(k)]! < end; k++) end = Math.max(end, to[nth(k)]!);
    if (start > at) add(at, start, 0);
    add(start, end, 1);
    at = end;
  }
  if (at < length) add(at, length, 0);
  const gaps = SortedHistogram.of(lengths.subarray(0, gapCount));
  const units = SortedHistogram.of(lengths.subarray(lengths.length - unitCount));
  return { count, starts, ends, unit, units, gaps };
}

/** The distance of two intersecting segments of two raters (Krippendorff 2004, δ of unitizing). */
export const segmentDistance = (a: Segment, b: Segment): number =>
  distance(a.start, a.end, a.unit, b.start, b.end, b.unit);

function distance(as: number, ae: number, au: unknown, bs: number, be: number, bu: unknown): number {
  if (au && bu) return (as - bs) ** 2 + (ae - be) ** 2;
  if (au && as >= bs && ae <= be) return (ae - as) ** 2;
  if (bu && bs >= as && be <= ae) return (be - bs) ** 2;
  return 0;
}

function pairDistance(one: Segments, two: Segments): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < one.count && j < two.count) {
    const ae = one.ends[i]!;
    const be = two.ends[j]!;
    sum += distance(one.starts[i]!, ae, one.unit[i], two.starts[j]!, be, two.unit[j]);
    if (ae <= be) i++;
    if (be <= ae) j++;
  }
  return sum;
}

/**
 * The sums of one document and label: `layers` holds each rater's spans over a text of `length`
 * UTF-16 code units.
 */
export function unitizingSums(
  layers: readonly (readonly AgreementSpan[])[],
  label: string,
  length: number,
): UnitizingSums {
  return sumsOfSegments(
    layers.map((spans) => segmentsOf(spans, label, length)),
    length,
  );
}

/** The same from each rater's segments (built once per rater and label by the caller). */
export function sumsOfSegments(segments: readonly Segments[], length: number): UnitizingSums {
  let distance = 0;
  for (let r1 = 0; r1 < segments.length; r1++)
    for (let r2 = r1 + 1; r2 < segments.length; r2++) distance += pairDistance(segments[r1]!, segments[r2]!);
  const units = SortedHistogram.sum(segments.map((s) => s.units));
  const gaps = SortedHistogram.sum(segments.map((s) => s.gaps));
  return { raters: segments.length, length, distance, units, gaps };
}

/** `histogram` as the Map it must be to add into (an accumulator from copyUnitizing). */
function accumulator(histogram: ReadonlyMap<number, number>): Map<number, number> {
  if (!(histogram instanceof Map))
    throw new Error("alpha-U: sums are added into a copy (copyUnitizing), never into a document's own");
  return histogram as Map<number, number>;
}

/**
 * Adds `b` into `a`, which must be an accumulator of the caller's own (see `copyUnitizing`): its
 * lists grow in place, so adding 10,000 documents is linear rather than quadratic.
 */
export function addUnitizing(a: UnitizingSums, b: UnitizingSums): UnitizingSums {
  if (a.raters !== b.raters) throw new Error('alpha-U: sums of different rater counts cannot be added');
  // Checked before anything is added, so a refused call leaves `a` as it was.
  const units = accumulator(a.units);
  const gaps = accumulator(a.gaps);
  a.length += b.length;
  a.distance += b.distance;
  b.units.forEach((n, l) => units.set(l, (units.get(l) ?? 0) + n));
  b.gaps.forEach((n, l) => gaps.set(l, (gaps.get(l) ?? 0) + n));
  return a;
}

/** A copy to accumulate into, leaving `sums` (a cached document's) untouched. */
export const copyUnitizing = (sums: UnitizingSums): UnitizingSums => ({
  ...sums,
  units: new Map(sums.units),
  gaps: new Map(sums.gaps),
});

export interface UnitizingDisagreement {
  observed: number;
  expected: number;
  /** Units of the label over all raters (N_c). */
  units: number;
}

/** D_o and D_e of one label, or null when they are not defined (fewer than two raters, empty text). */
export function unitizingDisagreement(sums: UnitizingSums): UnitizingDisagreement | null {
  const R = sums.raters;
  const L = sums.length;
  if (R < 2 || L === 0) return null;
  const observed = (2 * sums.distance) / (R * (R - 1) * L * L);
  const gaps = SortedHistogram.from(sums.gaps);
  const G = gaps.size;
  // Over distinct gap lengths from the longest: Σ count·(g + 1) and Σ count for gaps from k on, so
  // Σ_{gaps g ≥ l} (g − l + 1) = plusOne[k] − l·atLeast[k] with k the first length ≥ l.
  const plusOne = new Float64Array(G + 1);
  const atLeast = new Float64Array(G + 1);
  for (let k = G - 1; k >= 0; k--) {
    const g = gaps.lengthAt(k);
    const n = gaps.countAt(k);
    plusOne[k] = plusOne[k + 1]! + n * (g + 1);
    atLeast[k] = atLeast[k + 1]! + n;
  }
  const units = SortedHistogram.from(sums.units);
  let N = 0;
  sums.units.forEach((n) => (N += n));
  let numerator = 0;
  let squares = 0;
  let k = 0;
  for (let u = 0; u < units.size; u++) {
    const l = units.lengthAt(u);
    const same = units.countAt(u);
    while (k < G && gaps.lengthAt(k) < l) k++;
    const each = ((N - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * (plusOne[k]! - l * atLeast[k]!);
    numerator += same * each;
    squares += same * l * (l - 1);
  }
  const expected = ((2 / L) * numerator) / (R * L * (R * L - 1) - squares);
  return { observed, expected, units: N };
}

export interface UnitizingFigures {
  observed: Figure;
  expected: Figure;
  alpha: Figure;
}

const UNDEFINED: UnitizingFigures = { observed: null, expected: null, alpha: null };

/** alpha-U of one label; null figures when undefined (one rater, or nobody used the label). */
export function alphaU(sums: UnitizingSums): UnitizingFigures {
  const d = unitizingDisagreement(sums);
  if (!d || d.units === 0) return UNDEFINED;
  return { observed: d.observed, expected: d.expected, alpha: alphaOf(d.observed, d.expected) };
}

/** alpha-U over labels: 1 − Σ D_o / Σ D_e over the labels with at least one unit. */
export function alphaUOverall(perLabel: readonly UnitizingSums[]): UnitizingFigures {
  let observed = 0;
  let expected = 0;
  let used = 0;
  for (const sums of perLabel) {
    const d = unitizingDisagreement(sums);
    if (!d || d.units === 0) continue;
    observed += d.observed;
    expected += d.expected;
    used++;
  }
  if (used === 0) return UNDEFINED;
  return { observed: observed / used, expected: expected / used, alpha: alphaOf(observed, expected) };
}
