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
  return exactMatchOfKeys(reference.map(keyOf), candidate.map(keyOf));
}

/** exactMatch on the spans' keys (sameLabelKeys), built once per document when many pairs compare them. */
export function exactMatchOfKeys(
  reference: readonly (string | number)[],
  candidate: readonly (string | number)[],
): MatchCounts {
  const waiting = new Map<string | number, number>();
  for (const key of candidate) waiting.set(key, (waiting.get(key) ?? 0) + 1);
  let matched = 0;
  for (const key of reference) {
    const left = waiting.get(key) ?? 0;
    if (left > 0) {
      matched++;
      waiting.set(key, left - 1);
    }
  }
  return { matched, reference: reference.length, candidate: candidate.length };
}

/**
 * Keys equal exactly when exactMatch would pair the spans, for spans of one label: a continuous
 * span's is a number (start·2^26 + end, exact for any text under 64 million characters), cheaper to
 * hash than a string; a discontinuous span's is its string key.
 */
export const sameLabelKeys = (spans: readonly AgreementSpan[]): (string | number)[] =>
  spans.map((s) =>
    s.fragments.length === 1 && s.fragments[0]!.end < 2 ** 26
      ? s.fragments[0]!.start * 2 ** 26 + s.fragments[0]!.end
      : keyOf(s),
  );

/** Characters two spans have in common (over all their fragments). */
export function overlap(a: AgreementSpan, b: AgreementSpan): number {
  let shared = 0;
  for (const f of a.fragments)
    for (const g of b.fragments) shared += Math.max(0, Math.min(f.end, g.end) - Math.max(f.start, g.start));
  return shared;
}

/** Where each span starts and ends (its first fragment's start, its last fragment's end). */
function extents(spans: readonly AgreementSpan[]): { starts: Float64Array; ends: Float64Array } {
  const starts = new Float64Array(spans.length);
  const ends = new Float64Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const f = spans[i]!.fragments;
    starts[i] = f[0]!.start;
    ends[i] = f[f.length - 1]!.end;
  }
  return { starts, ends };
}

/**
 * Partial matching, one to one: every pair of same-label spans sharing a character is a candidate;
 * pairs are taken greedily from the largest overlap down, skipping a pair whose reference or
 * candidate span is already taken. Ties are broken by the reference span's (start, end), then the
 * candidate span's (start, end), then their order in the input, so the result never depends on
 * the order the spans come in beyond exact duplicates.
 */
export function partialMatch(
  reference: readonly AgreementSpan[],
  candidate: readonly AgreementSpan[],
): MatchCounts {
  const pairs: { r: number; c: number; shared: number }[] = [];
  const rs = extents(reference);
  const cs = extents(candidate);
  // Candidates of each label by where they start: a reference span stops at the first one starting
  // after its end instead of comparing every candidate.
  const byLabel = new Map<string, number[]>();
  for (let c = 0; c < candidate.length; c++) {
    const list = byLabel.get(candidate[c]!.label);
    if (list) list.push(c);
    else byLabel.set(candidate[c]!.label, [c]);
  }
  for (const list of byLabel.values()) list.sort((x, y) => cs.starts[x]! - cs.starts[y]! || x - y);
  for (let r = 0; r < reference.length; r++) {
    const start = rs.starts[r]!;
    const end = rs.ends[r]!;
    for (const c of byLabel.get(reference[r]!.label) ?? []) {
      if (cs.starts[c]! >= end) break;
      // Extents apart share no character: skip the fragment by fragment count.
      if (cs.ends[c]! <= start) continue;
      const shared = overlap(reference[r]!, candidate[c]!);
      if (shared > 0) pairs.push({ r, c, shared });
    }
  }
  // No span in two candidate pairs: the greedy order cannot matter, every pair is taken.
  const seenR = new Uint8Array(reference.length);
  const seenC = new Uint8Array(candidate.length);
  let conflict = false;
  for (const p of pairs) {
    if (seenR[p.r]! || seenC[p.c]!) {
      conflict = true;
      break;
    }
    seenR[p.r] = seenC[p.c] = 1;
  }
  if (!conflict) return { matched: pairs.length, reference: reference.length, candidate: candidate.length };
  pairs.sort(
    (a, b) =>
      b.shared - a.shared ||
      rs.starts[a.r]! - rs.starts[b.r]! ||
      rs.ends[a.r]! - rs.ends[b.r]! ||
      cs.starts[a.c]! - cs.starts[b.c]! ||
      cs.ends[a.c]! - cs.ends[b.c]! ||
      a.r - b.r ||
      a.c - b.c,
  );
  const usedR = new Set<number>();
  const usedC = new Set<number>();
  for (const p of pairs) {
    if (usedR.has(p.r) || usedC.has(p.c)) continue;
    usedR.add(p.r);
    usedC.add(p.c);
  }
  return { matched: usedR.size, reference: reference.length, candidate: candidate.length };
}
