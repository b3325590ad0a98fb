import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetMap, offsetUnitFromName, OFFSET_UNIT_NAMES, type OffsetUnit } from './offsets';

const utf8Length = (s: string) => new TextEncoder().encode(s).length;
const codepointLength = (s: string) => [...s].length;

describe('offsetMap', () => {
  const samples: [string, string][] = [
    ['emoji', 'Toll 😀 rises'],
    ['combining mark', 'cafe\u0301 ouvert'],
    ['Urdu', 'کراچی میں 47 افراد ہلاک'],
    ['ZWJ family', 'a 👨‍👩‍👧 b'],
    ['flag', 'in 🇵🇰 today'],
    ['ASCII', 'plain text'],
  ];

  it.each(samples)('agrees with String, Array.from and TextEncoder on %s', (_name, text) => {
    const map = offsetMap(text);
    expect(map.length('utf16')).toBe(text.length);
    expect(map.length('codepoint')).toBe(codepointLength(text));
    expect(map.length('utf8')).toBe(utf8Length(text));
    for (let i = 0; i <= text.length; i++) {
      const cp = map.fromUtf16(i, 'codepoint');
      if (cp === null) continue; // inside a surrogate pair, checked below
      const prefix = text.slice(0, i);
      expect(cp).toBe(codepointLength(prefix));
      expect(map.fromUtf16(i, 'utf8')).toBe(utf8Length(prefix));
      expect(map.toUtf16(cp, 'codepoint')).toBe(i);
      expect(map.toUtf16(utf8Length(prefix), 'utf8')).toBe(i);
    }
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

  it('round-trips every boundary on random Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const map = offsetMap(text);
        for (const unit of ['codepoint', 'utf8'] as OffsetUnit[]) {
          for (let i = 0; i <= map.length(unit); i++) {
            const u16 = map.toUtf16(i, unit);
            if (u16 !== null) expect(map.fromUtf16(u16, unit)).toBe(i);
          }
        }
      }),
    );
  });

  it('converts 100,000 offsets of a long document quickly', () => {
    const text = 'Casualty 😀 figures in کراچی, café\u0301. '.repeat(20_000);
    const started = performance.now();
    const map = offsetMap(text);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += map.fromUtf16((i * 7) % text.length, 'utf8') ?? 0;
    expect(sum).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('offsetUnitFromName', () => {
  it('reads the stated names and the short ids', () => {
    expect(offsetUnitFromName(OFFSET_UNIT_NAMES.utf8)).toBe('utf8');
    expect(offsetUnitFromName('codepoint')).toBe('codepoint');
    expect(offsetUnitFromName('chars')).toBeUndefined();
  });
});
