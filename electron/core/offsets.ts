/**
 * Offsets between the three units an export can state (docs/architecture.md, The offset contract): UTF-16 code units (the project's
 * unit, what JavaScript counts), Unicode code points (what Python, brat and spaCy count) and UTF-8
 * bytes. An `OffsetMap` is built once per text and then converts any number of offsets in O(1) each,
 * so a long document with thousands of spans costs one pass over its text, not one per span.
 */
import { isHighSurrogate, isLowSurrogate } from './unicode';

export type OffsetUnit = 'utf16' | 'codepoint' | 'utf8';

export const OFFSET_UNITS: readonly OffsetUnit[] = ['utf16', 'codepoint', 'utf8'];

/** How each unit is named in exported files (`offset_unit` fields, dataset cards, configs). */
export const OFFSET_UNIT_NAMES: Readonly<Record<OffsetUnit, string>> = {
  utf16: 'utf16-code-units',
  codepoint: 'code-points',
  utf8: 'utf8-bytes',
};

/** The unit a stated name means (`utf16-code-units`, `code-points`, `utf8-bytes`, or the short ids). */
export function offsetUnitFromName(name: string): OffsetUnit | undefined {
  for (const unit of OFFSET_UNITS) if (name === unit || name === OFFSET_UNIT_NAMES[unit]) return unit;
  return undefined;
}

/** Converts offsets of one text between units. Every method answers `null` for an offset outside the
 * text or inside a character (between the halves of a surrogate pair, or between the bytes of one
 * UTF-8 sequence): such an offset has no counterpart, and guessing one would shift a span silently. */
export interface OffsetMap {
  /** Length of the text in `unit`. */
  length(unit: OffsetUnit): number;
  /** A UTF-16 offset expressed in `unit`. */
  fromUtf16(offset: number, unit: OffsetUnit): number | null;
  /** An offset in `unit` expressed in UTF-16 code units. */
  toUtf16(offset: number, unit: OffsetUnit): number | null;
}

const NON_ASCII = /[^ -~\t\n\r]/; // anything outside printable ASCII and the usual white space

/** Builds the map for `text`. Pure ASCII text (most news copy) needs no tables at all. */
export function offsetMap(text: string): OffsetMap {
  return !NON_ASCII.test(text) ? new IdentityMap(text.length) : new TableMap(text);
}

class IdentityMap implements OffsetMap {
  constructor(private readonly size: number) {}
  length(): number {
    return this.size;
  }
  fromUtf16(offset: number): number | null {
    return Number.isInteger(offset) && offset >= 0 && offset <= this.size ? offset : null;
  }
  toUtf16(offset: number): number | null {
    return this.fromUtf16(offset);
  }
}

const INSIDE = -1;

/**
 * For each UTF-16 boundary, its code point and byte offset (INSIDE within a surrogate pair), and the
 * reverse tables from code point and byte offsets back to UTF-16 (INSIDE within a byte sequence).
 * A lone surrogate counts as one code point of three bytes, as TextEncoder writes U+FFFD for it.
 */
class TableMap implements OffsetMap {
  private readonly utf16ToCodepoint: Int32Array;
  private readonly utf16ToUtf8: Int32Array;
  private readonly codepointToUtf16: Int32Array;
  private readonly utf8ToUtf16: Int32Array;

  constructor(text: string) {
    const n = text.length;
    this.utf16ToCodepoint = new Int32Array(n + 1);
    this.utf16ToUtf8 = new Int32Array(n + 1);
    const cpTo16: number[] = [];
    const u8To16: number[] = [];
    let cp = 0;
    let bytes = 0;
    let i = 0;
    while (i < n) {
      const code = text.charCodeAt(i);
      const pair = isHighSurrogate(code) && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1));
      const width = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
      this.utf16ToCodepoint[i] = cp;
      this.utf16ToUtf8[i] = bytes;
      cpTo16.push(i);
      u8To16.push(i);
      for (let b = 1; b < width; b++) u8To16.push(INSIDE);
      if (pair) {
        this.utf16ToCodepoint[i + 1] = INSIDE;
        this.utf16ToUtf8[i + 1] = INSIDE;
      }
      cp++;
      bytes += width;
      i += pair ? 2 : 1;
    }
    this.utf16ToCodepoint[n] = cp;
    this.utf16ToUtf8[n] = bytes;
    cpTo16.push(n);
    u8To16.push(n);
    this.codepointToUtf16 = Int32Array.from(cpTo16);
    this.utf8ToUtf16 = Int32Array.from(u8To16);
  }

  length(unit: OffsetUnit): number {
    if (unit === 'utf16') return this.utf16ToCodepoint.length - 1;
    return (unit === 'codepoint' ? this.codepointToUtf16 : this.utf8ToUtf16).length - 1;
  }

  fromUtf16(offset: number, unit: OffsetUnit): number | null {
    const table = unit === 'codepoint' ? this.utf16ToCodepoint : this.utf16ToUtf8;
    if (!Number.isInteger(offset) || offset < 0 || offset >= table.length) return null;
    if (unit === 'utf16') return table[offset] === INSIDE ? null : offset;
    const value = table[offset]!;
    return value === INSIDE ? null : value;
  }

  toUtf16(offset: number, unit: OffsetUnit): number | null {
    if (unit === 'utf16') return this.fromUtf16(offset, 'utf16');
    const table = unit === 'codepoint' ? this.codepointToUtf16 : this.utf8ToUtf16;
    if (!Number.isInteger(offset) || offset < 0 || offset >= table.length) return null;
    const value = table[offset]!;
    return value === INSIDE ? null : value;
  }
}
