/**
 * Token-level labels for the kappas. Tokens are those of the exports (core/formats/tokenize.ts:
 * runs of letters, marks and digits, an emoji sequence, or any other single non-space character),
 * cut at every fragment boundary of every rater compared, so a token lies wholly inside or wholly
 * outside each span. Nested and overlapping spans are handled per label: for each label, a token is
 * "inside" for a rater when one of their spans of that label covers it, else "outside" — so a
 * token can be inside a Claim and a Figure at once, and each label is its own two-category item.
 * White space belongs to no token and is not counted. docs/agreement.md, Token kappas.
 */
import { eachToken, tokenize } from '../formats/tokenize';
import { countBelow } from '../newlines';
import { emptyContingency, type Contingency } from './cohenKappa';
import type { AgreementSpan } from './figures';
import { addFleissItem, emptyFleiss, type FleissSums } from './fleissKappa';

/** The categories of every token item: index 0 inside, 1 outside. */
export const INSIDE = 0;
export const OUTSIDE = 1;

/** The tokens of `text` cut at every fragment boundary of `layers`. */
export function agreementTokens(text: string, layers: readonly (readonly AgreementSpan[])[]) {
  const cut = cutsOf(text, layers);
  return tokenize(text, { has: (offset) => cut[offset] === 1 });
}

/** Where each of agreementTokens' tokens starts, in one typed array (a document has thousands). */
export function tokenStarts(text: string, layers: readonly (readonly AgreementSpan[])[]): Int32Array {
  const cut = cutsOf(text, layers);
  let starts = new Int32Array(64);
  let n = 0;
  eachToken(
    text,
    (offset) => cut[offset] === 1,
    (start) => {
      if (n === starts.length) {
        const grown = new Int32Array(2 * n);
        grown.set(starts);
        starts = grown;
      }
      starts[n++] = start;
    },
  );
  return starts.subarray(0, n);
}

/** A flag per offset where a fragment starts or ends: the tokenizer asks about every character. */
function cutsOf(text: string, layers: readonly (readonly AgreementSpan[])[]): Uint8Array {
  const cut = new Uint8Array(text.length + 1);
  for (const spans of layers)
    for (const s of spans)
      for (const f of s.fragments) {
        if (f.start <= text.length) cut[f.start] = 1;
        if (f.end <= text.length) cut[f.end] = 1;
      }
  return cut;
}

/**
 * For each rater, whether each token is inside a span of `label`: a 0/1 array per rater, by token.
 * Fragment edges are token edges (the cuts), so a covering fragment contains the whole token.
 */
export function insideFlags(
  tokens: readonly { start: number; end: number }[],
  layers: readonly (readonly AgreementSpan[])[],
  label: string,
): Uint8Array[] {
  const starts = tokens.map((t) => t.start);
  return layers.map((spans) => flagsOf(starts, spans, label));
}

/** One rater's flags of `label` over the tokens starting at `starts` (see insideFlags). */
export function flagsOf(
  starts: ArrayLike<number>,
  spans: readonly AgreementSpan[],
  label: string,
): Uint8Array {
  const flags = new Uint8Array(starts.length);
  const ranges = tokenRanges(starts, spans, label);
  for (let k = 0; k < ranges.length; k += 2) flags.fill(1, ranges[k]!, ranges[k + 1]!);
  return flags;
}

/**
 * The tokens one rater has inside `label`, as runs [from, to) of token indexes, in order and not
 * touching: a document's flags without an array as long as its tokens for every rater and label.
 */
export function tokenRanges(
  starts: ArrayLike<number>,
  spans: readonly AgreementSpan[],
  label: string,
): Int32Array {
  const bounds: number[] = [];
  let sorted = true;
  for (const s of spans) {
    if (s.label !== label) continue;
    for (const f of s.fragments) {
      const from = countBelow(starts, f.start);
      const to = countBelow(starts, f.end);
      if (to <= from) continue;
      if (bounds.length && from < bounds[bounds.length - 2]!) sorted = false;
      bounds.push(from, to);
    }
  }
  // Layers come sorted by start, so the sort is usually not needed.
  const order = new Int32Array(bounds.length / 2);
  for (let i = 0; i < order.length; i++) order[i] = 2 * i;
  if (!sorted) order.sort((x, y) => bounds[x]! - bounds[y]!);
  const runs = new Int32Array(bounds.length);
  let n = 0;
  for (let k = 0; k < order.length; k++) {
    const from = bounds[order[k]!]!;
    const to = bounds[order[k]! + 1]!;
    if (n > 0 && from <= runs[n - 1]!) runs[n - 1] = Math.max(runs[n - 1]!, to);
    else {
      runs[n++] = from;
      runs[n++] = to;
    }
  }
  return runs.subarray(0, n);
}

/** Tokens inside runs (tokenRanges). */
function inside(runs: Int32Array): number {
  let n = 0;
  for (let k = 0; k < runs.length; k += 2) n += runs[k + 1]! - runs[k]!;
  return n;
}

/** The inside/outside table of two raters' runs (rows: the first rater) over `tokens` tokens. */
export function pairTableOfRanges(one: Int32Array, two: Int32Array, tokens: number): Contingency {
  let both = 0;
  for (let i = 0, j = 0; i < one.length && j < two.length;) {
    both += Math.max(0, Math.min(one[i + 1]!, two[j + 1]!) - Math.max(one[i]!, two[j]!));
    if (one[i + 1]! <= two[j + 1]!) i += 2;
    else j += 2;
  }
  return tableOf(both, inside(one) - both, inside(two) - both, tokens);
}

/** The inside/outside contingency table of two raters' flags (rows: the first rater). */
export function pairTable(one: Uint8Array, two: Uint8Array): Contingency {
  let both = 0;
  let onlyOne = 0;
  let onlyTwo = 0;
  for (let k = 0; k < one.length; k++) {
    if (one[k]) {
      if (two[k]) both++;
      else onlyOne++;
    } else if (two[k]) onlyTwo++;
  }
  return tableOf(both, onlyOne, onlyTwo, one.length);
}

function tableOf(both: number, onlyOne: number, onlyTwo: number, tokens: number): Contingency {
  const table = emptyContingency(2);
  table[INSIDE]![INSIDE] = both;
  table[INSIDE]![OUTSIDE] = onlyOne;
  table[OUTSIDE]![INSIDE] = onlyTwo;
  table[OUTSIDE]![OUTSIDE] = tokens - both - onlyOne - onlyTwo;
  return table;
}

/** fleissOfFlags from each rater's runs (tokenRanges) over `tokens` tokens. */
export function fleissOfRanges(runs: readonly Int32Array[], tokens: number): FleissSums {
  // Run edges as position·2 + (1 for a start): sorted, a sweep counts the raters inside each stretch.
  let count = 0;
  for (const r of runs) count += r.length;
  const sorted = new Int32Array(count);
  let e = 0;
  for (const r of runs)
    for (let k = 0; k < r.length; k += 2) {
      sorted[e++] = r[k]! * 2 + 1;
      sorted[e++] = r[k + 1]! * 2;
    }
  sorted.sort();
  const byInside = new Float64Array(runs.length + 1);
  let depth = 0;
  let covered = 0;
  for (e = 0; e < sorted.length; e++) {
    const at = sorted[e]! >> 1;
    depth += (sorted[e]! & 1) === 1 ? 1 : -1;
    const next = e + 1 < sorted.length ? sorted[e + 1]! >> 1 : at;
    if (depth > 0 && next > at) {
      byInside[depth]! += next - at;
      covered += next - at;
    }
  }
  byInside[0] = tokens - covered;
  return fleissOfCounts(byInside, runs.length);
}

/**
 * Fleiss sums of one label over the tokens: each token is an item rated inside/outside by every
 * rater. Tokens are counted by how many raters have them inside first, then added as items of that
 * kind in one step each (the same whole-number sums as adding them one by one).
 */
export function fleissOfFlags(flags: readonly Uint8Array[]): FleissSums {
  const tokens = flags[0]?.length ?? 0;
  const raters = flags.length;
  const byInside = new Float64Array(raters + 1);
  for (let k = 0; k < tokens; k++) {
    let inside = 0;
    for (const f of flags) inside += f[k]!;
    byInside[inside]!++;
  }
  return fleissOfCounts(byInside, raters);
}

/** Fleiss sums of tokens counted by how many of `raters` have them inside. */
function fleissOfCounts(byInside: Float64Array, raters: number): FleissSums {
  const sums = emptyFleiss(2);
  for (let inside = 0; inside <= raters; inside++)
    if (byInside[inside]) addFleissItem(sums, [inside, raters - inside], byInside[inside]);
  return sums;
}
