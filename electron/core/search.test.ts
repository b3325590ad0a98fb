import { describe, expect, it } from 'vitest';
import { UserError } from './errors';
import { contextOf, findMatches } from './search';

const TEXT = 'Twelve people died. twelve more were hurt; Twelvefold. 🔥 Twelve.';

describe('findMatches', () => {
  it('finds plain text case-insensitively by default, and case-sensitively when asked', () => {
    expect(findMatches(TEXT, { pattern: 'twelve' }, 10)).toHaveLength(4);
    expect(findMatches(TEXT, { pattern: 'twelve', caseSensitive: true }, 10)).toEqual([
      { start: 20, end: 26 },
    ]);
  });
  it('keeps whole words only when asked, and treats regex characters literally in plain mode', () => {
    expect(findMatches(TEXT, { pattern: 'Twelve', wholeWord: true }, 10).map((m) => m.start)).toEqual([
      0, 20, 58,
    ]);
    expect(findMatches('a.b axb', { pattern: 'a.b' }, 10)).toEqual([{ start: 0, end: 3 }]);
  });
  it('runs regular expressions and stops at the limit', () => {
    expect(findMatches(TEXT, { pattern: '\\bt\\w+', regex: true }, 2)).toEqual([
      { start: 0, end: 6 },
      { start: 20, end: 26 },
    ]);
    expect(findMatches(TEXT, { pattern: 'x*', regex: true }, 10)).toEqual([]);
  });
  it('says why an invalid regular expression is invalid', () => {
    expect(() => findMatches(TEXT, { pattern: '(unclosed', regex: true }, 10)).toThrow(UserError);
    expect(() => findMatches(TEXT, { pattern: '(unclosed', regex: true }, 10)).toThrow(
      /invalid regular expression/,
    );
    expect(() => findMatches(TEXT, { pattern: '' }, 10)).toThrow(/type something/);
  });
});

describe('regular expressions run in linear time', () => {
  it('answers a pattern that backtracks exponentially in a backtracking engine', () => {
    // `(a+)+$` over 31 characters took 10 s with the built-in engine; 100,000 would never finish.
    const run = 'a'.repeat(100_000);
    expect(findMatches(`${run}!`, { pattern: '(a+)+$', regex: true }, 10)).toEqual([]);
    expect(findMatches(run, { pattern: '(a+)+$', regex: true }, 10)).toEqual([{ start: 0, end: 100_000 }]);
  });
  it('reports offsets in UTF-16 code units after emoji, as the stored spans count them', () => {
    const text = '🔥🔥 Twelve 🇵🇰 twelve';
    expect(findMatches(text, { pattern: 'tw\\w+', regex: true }, 10)).toEqual([
      { start: 5, end: 11 },
      { start: 17, end: 23 },
    ]);
    // `.` is one code point: an emoji is two code units, never half of one.
    expect(findMatches('a🔥b', { pattern: 'a.b', regex: true }, 10)).toEqual([{ start: 0, end: 4 }]);
    expect(findMatches('🔥É', { pattern: 'é', regex: true }, 10)).toEqual([{ start: 2, end: 3 }]);
  });
  it('keeps whole-word and case rules for regular expressions', () => {
    expect(findMatches(TEXT, { pattern: 'twelve\\w*', regex: true, caseSensitive: true }, 10)).toEqual([
      { start: 20, end: 26 },
    ]);
    expect(findMatches(TEXT, { pattern: 'Twelve\\w*', regex: true, wholeWord: true }, 10)).toHaveLength(4);
  });
  it('accepts JavaScript spellings: named groups, \\u escapes, a slash', () => {
    expect(findMatches('a/b 12', { pattern: '(?<n>\\d+)', regex: true }, 10)).toEqual([{ start: 4, end: 6 }]);
    expect(findMatches('a/b', { pattern: '\\u0061/b', regex: true }, 10)).toEqual([{ start: 0, end: 3 }]);
  });
  it('means what JavaScript means by \\s and \\p{Script=…}: a no-break space is a space', () => {
    const text = 'At\u00a047 people, کراچی\u2009!';
    expect(findMatches(text, { pattern: 'At\\s\\d+', regex: true }, 10)).toEqual([{ start: 0, end: 5 }]);
    expect(findMatches(text, { pattern: '[\\s,]+', regex: true }, 10)).toEqual([
      { start: 2, end: 3 },
      { start: 5, end: 6 },
      { start: 12, end: 14 },
      { start: 19, end: 20 },
    ]);
    expect(findMatches(text, { pattern: '\\S+', regex: true }, 10)).toHaveLength(5);
    expect(findMatches(text, { pattern: '\\p{Script=Arabic}+', regex: true }, 10)).toEqual([
      { start: 14, end: 19 },
    ]);
    expect(findMatches(text, { pattern: '\\p{sc=Arabic}+', regex: true }, 10)).toEqual([
      { start: 14, end: 19 },
    ]);
  });

  it('names what it cannot run instead of running it slowly', () => {
    const refusal = (pattern: string) => () => findMatches(TEXT, { pattern, regex: true }, 10);
    expect(refusal('(a)\\1')).toThrow(/cannot use backreferences such as \\1/);
    expect(refusal('(?<w>a)\\k<w>')).toThrow(/named backreferences/);
    expect(refusal('twelve(?= more)')).toThrow(/lookahead/);
    expect(refusal('(?<!\\w)twelve')).toThrow(/lookbehind/);
    expect(refusal('x{1001}')).toThrow(/invalid regular expression: invalid repeat count/);
    // Inside a character class the same characters are literal.
    expect(findMatches('a(?=b', { pattern: '[(?=]+', regex: true }, 10)).toEqual([{ start: 1, end: 4 }]);
  });
});

describe('contextOf', () => {
  it('cuts context without splitting an emoji and folds line breaks', () => {
    const text = 'ab🔥cd\nef';
    expect(contextOf(text, 4, 6, 1)).toEqual({ before: '…🔥', match: 'cd', after: ' …' });
  });
});
