/**
 * Span precision, recall and F1 between a reference layer and a candidate layer, by exact match
 * (same label and same characters: every fragment's start and end) and by partial match (same
 * label, at least one character in common). docs/agreement.md, Span P/R/F1.
 */
import { ratio, type AgreementSpan, type Figure } from './figures';

/** The counts behind P/R/F1; they add up over documents (micro-averaging). */
export interface MatchCounts {
  /** Pairs matched one to one. */
  matched: number;
  /** Spans in the reference layer (the first annotator of a pair, or gold). */
  reference: number;
  /** Spans in the candidate layer. */
  candidate: number;
}

export interface MatchScores extends MatchCounts {
  /** matched / candidate; null when the candidate layer has no span. */
  precision: Figure;
  /** matched / reference; null when the reference layer has no span. */
  recall: Figure;
  /** 2·matched / (reference + candidate); null when neither layer has a span. */
  f1: Figure;
}

export const NO_MATCHES: MatchCounts = { matched: 0, reference: 0, candidate: 0 };

export const addCounts = (a: MatchCounts, b: MatchCounts): MatchCounts => ({
  matched: a.matched + b.matched,
  reference: a.reference + b.reference,
  candidate: a.candidate + b.candidate,
});

export function scores(counts: MatchCounts): MatchScores {
  return {
    ...counts,
    precision: ratio(counts.matched, counts.candidate),
    recall: ratio(counts.matched, counts.reference),
    f1: ratio(2 * counts.matched, counts.reference + counts.candidate),
  };
}

const keyOf = (s: AgreementSpan): string =>
  `${s.label}\u0000${s.fragments.map((f) => `${f.start}-${f.end}`).join(',')}`;

/** Exact matching: each reference span matches at most one identical candidate span (duplicates pair off). */
export function exactMatch(
  reference: readonly AgreementSpan[],
  candidate: readonly AgreementSpan[],
): MatchCounts {
  return {
    matched: commonKeys(reference.map(keyOf), candidate.map(keyOf)),
    reference: reference.length,
    candidate: candidate.length,
  };
}

/** How many keys the two lists share, each key of one pairing off with at most one of the other. */
function commonKeys(reference: readonly string[], candidate: readonly string[]): number {
  if (reference.length === 0 || candidate.length === 0) return 0;
  const waiting = new Map<string, number>();
  for (const key of candidate) waiting.set(key, (waiting.get(key) ?? 0) + 1);
  let matched = 0;
  for (const key of reference) {
    const left = waiting.get(key) ?? 0;
    if (left > 0) {
      matched++;
      waiting.set(key, left - 1);
    }
  }
  return matched;
}

/**
 * Keys of spans of one label, equal exactly when exactMatch would pair the spans, built once per
 * document when many pairs compare them: a continuous span's is a number (start·2^26 + end, exact
 * for any text under 64 million characters), kept sorted so that two lists pair off in one merge
 * without a Map; a discontinuous span's is its string key.
 */
export interface SameLabelKeys {
  numbers: Float64Array;
  strings: string[];
}

export function sameLabelKeys(spans: readonly AgreementSpan[]): SameLabelKeys {
  const numbers = new Float64Array(spans.length);
  const strings: string[] = [];
  let n = 0;
  for (const s of spans) {
    const f = s.fragments;
    if (f.length === 1 && f[0]!.end < 2 ** 26) numbers[n++] = f[0]!.start * 2 ** 26 + f[0]!.end;
    else strings.push(keyOf(s));
  }
  return { numbers: numbers.subarray(0, n).sort(), strings };
}

/** exactMatch of spans of one label, from their keys (sameLabelKeys). */
export function exactMatchOfKeys(reference: SameLabelKeys, candidate: SameLabelKeys): MatchCounts {
  const r = reference.numbers;
  const c = candidate.numbers;
  let matched = commonKeys(reference.strings, candidate.strings);
  for (let i = 0, j = 0; i < r.length && j < c.length;) {
    if (r[i]! === c[j]!) {
      matched++;
      i++;
      j++;
    } else if (r[i]! < c[j]!) i++;
    else j++;
  }
  return {
    matched,
    reference: r.length + reference.strings.length,
    candidate: c.length + candidate.strings.length,
  };
}

/** Characters two spans have in common (over all their fragments). */
export function overlap(a: AgreementSpan, b: AgreementSpan): number {
  let shared = 0;
  for (const f of a.fragments)
    for (const g of b.fragments) shared += Math.max(0, Math.min(f.end, g.end) - Math.max(f.start, g.start));
  return shared;
}

/**
 * One label's spans of one rater as partial matching reads them, built once per document and shared
 * by every pair: where each span starts and ends (first fragment's start, last fragment's end),
 * whether it is continuous, and the spans in order of start (then input order).
 */
export interface Extents {
  spans: readonly AgreementSpan[];
  starts: Float64Array;
  ends: Float64Array;
  single: Uint8Array;
  byStart: Int32Array;
}

export function extentsOf(spans: readonly AgreementSpan[]): Extents {
  const n = spans.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const single = new Uint8Array(n);
  const byStart = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const f = spans[i]!.fragments;
    starts[i] = f[0]!.start;
    ends[i] = f[f.length - 1]!.end;
    single[i] = f.length === 1 ? 1 : 0;
    byStart[i] = i;
    if (i > 0 && starts[i]! < starts[i - 1]!) sorted = false;
  }
  // Layers come sorted by start: the sort is then not needed (ties keep input order either way).
  if (!sorted) byStart.sort((x, y) => starts[x]! - starts[y]! || x - y);
  return { spans, starts, ends, single, byStart };
}

/**
 * Partial matching, one to one: every pair of same-label spans sharing a character is a candidate;
 * pairs are taken greedily from the largest overlap down, skipping a pair whose reference or
 * candidate span is already taken. Ties are broken by the reference span's (start, end), then the
 * candidate span's (start, end), then their order in the input, so the result never depends on
 * the order the spans come in beyond exact duplicates. Labels never pair, so each label's greedy
 * matching is its own and the counts add up.
 */
export function partialMatch(
  reference: readonly AgreementSpan[],
  candidate: readonly AgreementSpan[],
): MatchCounts {
  const byLabel = (spans: readonly AgreementSpan[]) => {
    const map = new Map<string, AgreementSpan[]>();
    for (const s of spans) {
      const list = map.get(s.label);
      if (list) list.push(s);
      else map.set(s.label, [s]);
    }
    return map;
  };
  const cs = byLabel(candidate);
  let matched = 0;
  for (const [label, rs] of byLabel(reference))
    matched += partialMatchOfExtents(extentsOf(rs), extentsOf(cs.get(label) ?? [])).matched;
  return { matched, reference: reference.length, candidate: candidate.length };
}

/** partialMatch of spans of one label, from their extents (extentsOf). */
export function partialMatchOfExtents(rs: Extents, cs: Extents): MatchCounts {
  const reference = rs.spans;
  const candidate = cs.spans;
  // Candidate pairs as three columns (reference, candidate, characters shared): no object a pair.
  const pr: number[] = [];
  const pc: number[] = [];
  const shares: number[] = [];
  const order = cs.byStart;
  for (let r = 0; r < reference.length; r++) {
    const start = rs.starts[r]!;
    const end = rs.ends[r]!;
    // A reference span stops at the first candidate starting after its end.
    for (let k = 0; k < order.length; k++) {
      const c = order[k]!;
      if (cs.starts[c]! >= end) break;
      // Extents apart share no character: skip the fragment by fragment count.
      if (cs.ends[c]! <= start) continue;
      const shared =
        rs.single[r] && cs.single[c]
          ? Math.min(end, cs.ends[c]!) - Math.max(start, cs.starts[c]!)
          : overlap(reference[r]!, candidate[c]!);
      if (shared > 0) {
        pr.push(r);
        pc.push(c);
        shares.push(shared);
      }
    }
  }
  const counts = (matched: number) => ({ matched, reference: reference.length, candidate: candidate.length });
  // No span in two candidate pairs: the greedy order cannot matter, every pair is taken.
  const seenR = new Uint8Array(reference.length);
  const seenC = new Uint8Array(candidate.length);
  let conflict = false;
  for (let p = 0; p < pr.length; p++) {
    if (seenR[pr[p]!]! || seenC[pc[p]!]!) {
      conflict = true;
      break;
    }
    seenR[pr[p]!] = seenC[pc[p]!] = 1;
  }
  if (!conflict) return counts(pr.length);
  const pairs = pr.map((_, p) => p);
  pairs.sort(
    (a, b) =>
      shares[b]! - shares[a]! ||
      rs.starts[pr[a]!]! - rs.starts[pr[b]!]! ||
      rs.ends[pr[a]!]! - rs.ends[pr[b]!]! ||
      cs.starts[pc[a]!]! - cs.starts[pc[b]!]! ||
      cs.ends[pc[a]!]! - cs.ends[pc[b]!]! ||
      pr[a]! - pr[b]! ||
      pc[a]! - pc[b]!,
  );
  const usedR = new Uint8Array(reference.length);
  const usedC = new Uint8Array(candidate.length);
  let matched = 0;
  for (const p of pairs) {
    if (usedR[pr[p]!] || usedC[pc[p]!]) continue;
    usedR[pr[p]!] = usedC[pc[p]!] = 1;
    matched++;
  }
  return counts(matched);
}
