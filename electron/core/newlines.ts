/**
 * The one normalisation text gets on import (docs/architecture.md, The offset contract): CRLF and CR become LF. Formats that count
 * offsets in the raw text (brat counts CRLF as two) need those offsets moved onto the normalised text,
 * so the normalisation also answers where each raw offset lands.
 */

export type NewlineStyle = 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';

export interface NormalisedText {
  text: string;
  /** The line endings the raw text had; all are now LF. */
  newlines: NewlineStyle;
  /**
   * A UTF-16 offset into the raw text moved onto `text`, or `null` when it falls between the CR and
   * LF of one line break (or outside the raw text).
   */
  toNormalised(rawOffset: number): number | null;
}

/** Normalises CRLF and CR to LF; nothing else (no Unicode normalisation). */
export function normaliseNewlines(raw: string): NormalisedText {
  const newlines = detectNewlines(raw);
  const size = raw.length;
  if (newlines === 'lf' || newlines === 'none' || newlines === 'cr') {
    // CR alone becomes LF in place: same length, offsets unchanged.
    const text = newlines === 'cr' ? raw.replace(/\r/g, '\n') : raw;
    return { text, newlines, toNormalised: (o) => (Number.isInteger(o) && o >= 0 && o <= size ? o : null) };
  }
  // Each CRLF loses its CR; remember where, to shift later offsets by the CRs before them.
  const removedCr: number[] = [];
  for (let i = raw.indexOf('\r\n'); i !== -1; i = raw.indexOf('\r\n', i + 2)) removedCr.push(i);
  return {
    text: raw.replace(/\r\n?/g, '\n'),
    newlines,
    toNormalised(o) {
      if (!Number.isInteger(o) || o < 0 || o > size) return null;
      const before = countBelow(removedCr, o);
      if (before > 0 && removedCr[before - 1] === o - 1) return null; // between CR and LF
      return o - before;
    },
  };
}

/** How many sorted values are smaller than `limit` (the index of the first at least `limit`). */
export function countBelow(sorted: ArrayLike<number>, limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Which line endings a raw text uses. */
export function detectNewlines(raw: string): NewlineStyle {
  const crlf = (raw.match(/\r\n/g) ?? []).length;
  const cr = (raw.match(/\r/g) ?? []).length - crlf;
  const lf = (raw.match(/\n/g) ?? []).length - crlf;
  const kinds = [crlf > 0, cr > 0, lf > 0].filter(Boolean).length;
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return crlf > 0 ? 'crlf' : cr > 0 ? 'cr' : 'lf';
}
