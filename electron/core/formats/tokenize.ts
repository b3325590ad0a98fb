/**
 * The deterministic tokenizer the token-based exports share (spaCy-style tokens, CoNLL rows): words
 * are runs of letters, marks and digits (with the joiners Urdu and emoji use), an emoji sequence or a
 * flag is one token, any other non-space character is a token of its own. Tokens never hold white
 * space as JavaScript or Python's str.split sees it (NBSP, U+2028, \x1c-\x1f, \x85), so a CoNLL row
 * always splits into its columns. Tokens are further cut at span boundaries so every span lines up with whole tokens.
 */
import type { Fragment } from '../spans';
import { LINE_BREAK } from './lineBreaks';

export interface Token {
  start: number;
  end: number;
}

const TOKEN =
  // eslint-disable-next-line no-control-regex -- \x1c-\x1f and \x85 are white space to Python's str.split
  /[\p{L}\p{M}\p{N}\u200c\u200d]+|\p{Extended_Pictographic}(?:\uFE0F|\p{M}|[\u{1F3FB}-\u{1F3FF}]|\u200d\p{Extended_Pictographic}\uFE0F?)*|\p{Regional_Indicator}{2}|[^\s\x1c-\x1f\x85]/gu;

/** Tokens of `text`, cut wherever an offset in `cuts` falls inside one. Offsets are UTF-16. */
export function tokenize(text: string, cuts: Pick<ReadonlySet<number>, 'has'> = new Set()): Token[] {
  const tokens: Token[] = [];
  eachToken(
    text,
    (k) => cuts.has(k),
    (start, end) => tokens.push({ start, end }),
  );
  return tokens;
}

/** The tokens of `tokenize`, handed to `emit` one by one without building a list of objects. */
export function eachToken(
  text: string,
  isCut: (offset: number) => boolean,
  emit: (start: number, end: number) => void,
): void {
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    let start = match.index;
    const end = start + match[0].length;
    for (let k = start + 1; k < end; k++) {
      if (isCut(k)) {
        emit(start, k);
        start = k;
      }
    }
    emit(start, end);
  }
}

/** Every fragment start and end, the cuts that make spans line up with tokens. */
export function spanBoundaries(fragments: Iterable<Fragment>): Set<number> {
  const cuts = new Set<number>();
  for (const f of fragments) cuts.add(f.start).add(f.end);
  return cuts;
}

/** Whether a fragment starts and ends on boundaries of `tokens` (tokens from `tokenize` without cuts). */
export function tokenAligner(tokens: readonly Token[]): (fragment: Fragment) => boolean {
  const starts = new Set(tokens.map((t) => t.start));
  const ends = new Set(tokens.map((t) => t.end));
  return (fragment) => starts.has(fragment.start) && ends.has(fragment.end);
}

/**
 * Whether an offset lies strictly inside the outer extent of some span, where no sentence may end.
 * Built once per document from a difference array, so each question is O(1).
 */
export function insideSpans(length: number, extents: Iterable<Fragment>): (offset: number) => boolean {
  const depth = new Int32Array(length + 2);
  for (const { start, end } of extents) {
    depth[start + 1]!++;
    depth[end]!--;
  }
  for (let i = 1; i < depth.length; i++) depth[i]! += depth[i - 1]!;
  return (offset) => depth[offset]! > 0;
}

const SENTENCE_END = /^[.!?؟۔]$/u;

/**
 * Tokens grouped into sentences: a sentence ends after `.`, `!`, `?`, `؟` or `۔`, and at a line
 * break, but never inside a span (the offsets in `inside` are positions no sentence may end at).
 */
export function sentences(
  text: string,
  tokens: readonly Token[],
  inside: (offset: number) => boolean,
): Token[][] {
  const result: Token[][] = [];
  let current: Token[] = [];
  tokens.forEach((token, i) => {
    current.push(token);
    const next = tokens[i + 1];
    const atBreak =
      SENTENCE_END.test(text.slice(token.start, token.end)) ||
      (next !== undefined && LINE_BREAK.test(text.slice(token.end, next.start)));
    if (next === undefined || (atBreak && !inside(token.end))) {
      result.push(current);
      current = [];
    }
  });
  return result;
}
