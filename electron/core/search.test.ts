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

describe('contextOf', () => {
  it('cuts context without splitting an emoji and folds line breaks', () => {
    const text = 'ab🔥cd\nef';
    expect(contextOf(text, 4, 6, 1)).toEqual({ before: '…🔥', match: 'cd', after: ' …' });
  });
});
