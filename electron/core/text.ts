/** Turning imported bytes into document text, under docs/architecture.md, The offset contract. */
import { normaliseNewlines, type NewlineStyle } from './newlines';
import { isHighSurrogate } from './unicode';

export type { NewlineStyle };

export interface DecodedText {
  text: string;
  /** The line endings the file had; all are stored as LF. */
  newlines: NewlineStyle;
}

export class TextDecodeError extends Error {}

const BINARY_SNIFF_BYTES = 8000;

/**
 * Decodes a text file as UTF-8 and normalises CRLF and CR to LF (the one recorded normalisation; no
 * Unicode normalisation). Throws TextDecodeError for an empty, binary or non-UTF-8 file.
 */
export function decodeTextFile(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new TextDecodeError('the file is empty');
  // Same rule as git and grep: a NUL byte near the start means binary.
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0))
    throw new TextDecodeError('the file is binary, not text');
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new TextDecodeError(
      `the file is not valid UTF-8 (first bad byte at ${firstInvalidUtf8Byte(bytes)})`,
    );
  }
  if (raw.trim() === '') throw new TextDecodeError('the file holds only white space');
  const { text, newlines } = normaliseNewlines(raw);
  return { text, newlines };
}

/** Byte offset of the first byte that breaks UTF-8, for an error message a user can act on. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  // Bisect for the longest prefix that decodes; streaming mode lets a prefix end mid-character.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (decodesAsPrefix(bytes.subarray(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  // That prefix may end inside the broken character (its lead byte is fine on its own, the bytes
  // after it are not, or the file ends): report where that character starts, never past the end.
  while (lo > 0 && !decodesAsPrefix(bytes.subarray(0, lo), false)) lo--;
  return lo;
}

function decodesAsPrefix(prefix: Uint8Array, stream = true): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream });
    return true;
  } catch {
    return false;
  }
}

/** A document title: its first non-blank line, shortened, or the fallback (usually the file name). */
export function titleFromText(text: string, fallback: string): string {
  const first = text.split('\n').find((line) => line.trim() !== '');
  const title = (first ?? '').trim();
  if (title === '') return fallback;
  if (title.length <= 120) return title;
  // Cut before an emoji (or other surrogate pair) rather than through it.
  const cut = isHighSurrogate(title.charCodeAt(118)) ? 118 : 119;
  return `${title.slice(0, cut)}…`;
}
