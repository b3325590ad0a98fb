import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anyWidthTextArb,
  EDGE_CHARACTERS,
  expectedFromUtf16,
  expectedLength,
  expectedToUtf16,
} from './offsetOracle.testkit';
import { offsetMap, offsetUnitFromName, OFFSET_UNITS, OFFSET_UNIT_NAMES, type OffsetUnit } from './offsets';

describe('offsetMap', () => {
  const samples: [string, string][] = [
    ['emoji', 'Toll 😀 rises'],
    ['combining mark', 'cafe\u0301 ouvert'],
    ['Urdu', 'کراچی میں 47 افراد ہلاک'],
    ['ZWJ family', 'a 👨‍👩‍👧 b'],
    ['flag', 'in 🇵🇰 today'],
    ['ASCII', 'plain text'],
  ];

  /** Every conversion of `text`, in every unit, checked against the independent oracle. */
  function expectAgreesWithOracle(text: string) {
    const map = offsetMap(text);
    for (const unit of OFFSET_UNITS) {
      expect(map.length(unit), `length in ${unit}`).toBe(expectedLength(text, unit));
      for (let i = -1; i <= text.length + 1; i++)
        expect(map.fromUtf16(i, unit), `UTF-16 offset ${i} in ${unit}`).toBe(
          expectedFromUtf16(text, i, unit),
        );
      for (let i = -1; i <= expectedLength(text, unit) + 1; i++)
        expect(map.toUtf16(i, unit), `${unit} offset ${i} to UTF-16`).toBe(expectedToUtf16(text, i, unit));
    }
  }

  it.each(samples)('converts every offset of %s as Array.from and TextEncoder count', (_name, text) => {
    expectAgreesWithOracle(text);
  });

  it('converts the first and last character of each UTF-8 width, and each script, as TextEncoder counts', () => {
    for (const char of EDGE_CHARACTERS) expectAgreesWithOracle(`a${char}b${char}`);
    expectAgreesWithOracle(EDGE_CHARACTERS.join(''));
  });

  it('refuses an offset inside an emoji in every unit', () => {
    const map = offsetMap('a😀b'); // utf16: a=0, 😀=1..3; utf8: a=0, 😀=1..5
    expect(map.fromUtf16(2, 'codepoint')).toBeNull();
    expect(map.fromUtf16(2, 'utf8')).toBeNull();
    expect(map.fromUtf16(2, 'utf16')).toBeNull();
    expect(map.toUtf16(2, 'utf8')).toBeNull();
    expect(map.toUtf16(3, 'utf8')).toBeNull();
    expect(map.toUtf16(5, 'utf8')).toBe(3);
    expect(map.toUtf16(2, 'codepoint')).toBe(3);
  });

  it('refuses an offset inside a two-byte Urdu letter but not between base and combining mark', () => {
    const urdu = offsetMap('ک'); // U+06A9: 2 UTF-8 bytes
    expect(urdu.toUtf16(1, 'utf8')).toBeNull();
    // A combining mark is its own code point: an offset before it is a valid (if unwise) boundary.
    expect(offsetMap('e\u0301').toUtf16(1, 'codepoint')).toBe(1);
  });

  it('refuses offsets outside the text or not whole', () => {
    const map = offsetMap('ab😀');
    for (const unit of ['utf16', 'codepoint', 'utf8'] as OffsetUnit[]) {
      expect(map.toUtf16(-1, unit)).toBeNull();
      expect(map.toUtf16(map.length(unit) + 1, unit)).toBeNull();
      expect(map.toUtf16(0.5, unit)).toBeNull();
      expect(map.fromUtf16(99, unit)).toBeNull();
    }
    expect(offsetMap('ab').toUtf16(3, 'utf8')).toBeNull();
  });

  it('counts a lone surrogate as one code point of three bytes', () => {
    const map = offsetMap('a\ud800b');
    expect(map.length('codepoint')).toBe(3);
    expect(map.length('utf8')).toBe(5);
    expect(map.toUtf16(4, 'utf8')).toBe(2);
  });

  it('converts every offset of generated text of every width and script as Array.from and TextEncoder count', () => {
    fc.assert(fc.property(anyWidthTextArb, expectAgreesWithOracle), { numRuns: 300 });
  });
});

describe('offsetUnitFromName', () => {
  it('reads the stated names and the short ids', () => {
    expect(offsetUnitFromName(OFFSET_UNIT_NAMES.utf8)).toBe('utf8');
    expect(offsetUnitFromName('codepoint')).toBe('codepoint');
    expect(offsetUnitFromName('chars')).toBeUndefined();
  });
});
