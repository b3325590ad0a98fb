/**
 * For tests only: offsets in each unit computed a second, independent way — code points with
 * Array.from, bytes with TextEncoder — so a test can check `offsetMap` and the format writers against
 * something other than themselves. Quadratic in the text length: meant for short generated texts.
 */
import fc from 'fast-check';
import type { OffsetUnit } from './offsets';

const encoder = new TextEncoder();

/** For each unit, the offset of every character boundary, in UTF-16 order (index 0 is 0). */
function boundaries(text: string): Record<OffsetUnit, number[]> {
  const found: Record<OffsetUnit, number[]> = { utf16: [0], codepoint: [0], utf8: [0] };
  // Array.from splits at code points; a lone surrogate is its own item, as TextEncoder writes U+FFFD.
  for (const char of Array.from(text)) {
    found.utf16.push(found.utf16.at(-1)! + char.length);
    found.codepoint.push(found.codepoint.at(-1)! + 1);
    found.utf8.push(found.utf8.at(-1)! + encoder.encode(char).length);
  }
  return found;
}

/** What `offsetMap(text).fromUtf16(offset, unit)` must answer. */
export function expectedFromUtf16(text: string, offset: number, unit: OffsetUnit): number | null {
  const table = boundaries(text);
  const index = table.utf16.indexOf(offset);
  return index < 0 ? null : table[unit][index]!;
}

/** What `offsetMap(text).toUtf16(offset, unit)` must answer. */
export function expectedToUtf16(text: string, offset: number, unit: OffsetUnit): number | null {
  const table = boundaries(text);
  const index = table[unit].indexOf(offset);
  return index < 0 ? null : table.utf16[index]!;
}

/** The text's length in `unit`, counted without offsets.ts. */
export const expectedLength = (text: string, unit: OffsetUnit): number =>
  unit === 'utf16'
    ? text.length
    : unit === 'codepoint'
      ? Array.from(text).length
      : encoder.encode(text).length;

/** The characters at the edges of each UTF-8 width, and the scripts and marks the app claims to handle. */
const CHARACTER_GROUPS = {
  oneByteEdges: ['\u0000', '\u007f'],
  twoByteEdges: ['\u0080', '\u07ff'],
  threeByteEdges: ['\u0800', '\uffff'],
  fourByteEdges: ['\u{10000}', '\u{10ffff}'],
  twoBytesAboveU0700: ['ܐ', 'ޅ', 'ߊ'], // Syriac, Thaana, NKo
  urdu: ['ک', 'ی', '۔', 'ں'],
  latinAndMarks: ['é', '\u0301', '\u00a0'], // a combining acute accent, NBSP
  threeByteScripts: ['क', '中', '\u200d', '\ufdf2'], // Devanagari, CJK, ZWJ, an Arabic ligature
  emoji: ['😀', '👨‍👩‍👧', '🇵🇰'], // a ZWJ family, a flag
  loneSurrogates: ['\ud800', '\udfff'], // one code point of three bytes each
  plain: ['\r\n', '\n', ' ', 'a'],
};

export const EDGE_CHARACTERS: readonly string[] = Object.values(CHARACTER_GROUPS).flat();

const fromCodePoints = (min: number, max: number) =>
  fc.integer({ min, max }).map((code) => String.fromCodePoint(code));

/** Texts mixing every UTF-8 width, surrogate pairs and lone surrogates, scripts, marks and line ends. */
export const anyWidthTextArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(...EDGE_CHARACTERS),
      fromCodePoints(0x00, 0x7f),
      fromCodePoints(0x80, 0x7ff),
      fromCodePoints(0x800, 0xffff), // includes lone surrogates U+D800–U+DFFF
      fromCodePoints(0x10000, 0x10ffff),
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));
