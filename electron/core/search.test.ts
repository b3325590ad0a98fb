import { describe, expect, it } from 'vitest';
import { UserError } from './errors';
import { compileQuery, contextOf, findMatches } from './search';

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

describe('plain search', () => {
  it('takes every character a pattern language would read as syntax literally', () => {
    const literal = '(a+)?[x]{2}|$^\\.*';
    expect(findMatches(`f${literal} aax`, { pattern: literal }, 10)).toEqual([
      { start: 1, end: 1 + literal.length },
    ]);
  });

  it('counts a letter, digit, combining mark or underscore next to a match as part of a word', () => {
    const whole = (text: string) => findMatches(text, { pattern: 'cafe', wholeWord: true }, 10);
    expect(whole('cafe_ cafe7 7cafe cafe\u0301 écafe')).toEqual([]);
    expect(whole('(cafe) cafe-bar, cafe')).toEqual([
      { start: 1, end: 5 },
      { start: 7, end: 11 },
      { start: 17, end: 21 },
    ]);
  });

  it('finds a whole word that overlaps a rejected match', () => {
    expect(findMatches('abab ab', { pattern: 'ab', wholeWord: true }, 10)).toEqual([{ start: 5, end: 7 }]);
    expect(findMatches('aaa aa', { pattern: 'aa', wholeWord: true }, 10)).toEqual([{ start: 4, end: 6 }]);
  });

  it('looks again after an emoji whose match was rejected, never inside it', () => {
    expect(findMatches('a🔥 🔥', { pattern: '🔥', wholeWord: true }, 10)).toEqual([{ start: 4, end: 6 }]);
    expect(findMatches('🔥🔥', { pattern: '🔥' }, 10)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
  });

  it('finds matches that follow each other without a gap, up to the limit', () => {
    expect(findMatches('ababab', { pattern: 'ab' }, 2)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
    expect(findMatches('ababab', { pattern: 'ab' }, 0)).toEqual([]);
  });

  it('a compiled query runs on many texts with the rules it was compiled with', () => {
    const query = compileQuery({ pattern: 'Twelve', caseSensitive: true, wholeWord: true });
    expect(findMatches('Twelve twelve', query, 10)).toEqual([{ start: 0, end: 6 }]);
    expect(findMatches('Twelvefold. Twelve', query, 10)).toEqual([{ start: 12, end: 18 }]);
    expect(query.query.pattern).toBe('Twelve');
  });
});

describe('regular expressions in JavaScript spelling', () => {
  const run = (pattern: string, text: string) =>
    findMatches(text, { pattern, regex: true, caseSensitive: true }, 10);

  it('keeps a class open past an escaped bracket, and \\s inside a class means every space', () => {
    expect(run('[\\]a]+', 'b]a]c')).toEqual([{ start: 1, end: 4 }]);
    expect(run('[\\s]+', 'a\u00a0\u2009b')).toEqual([{ start: 1, end: 3 }]);
    expect(run('[^\\s]+', 'ab\u00a0c')).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 4 },
    ]);
  });

  it('reads \\P{Script=…} as not that script, and \\p{L} as it is', () => {
    expect(run('\\P{Script=Arabic}+', 'ab کراچی')).toEqual([{ start: 0, end: 3 }]);
    expect(run('\\p{L}+', 'ab کراچی 12')).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 8 },
    ]);
  });

  it('converts each \\p{Script=…} by itself, and leaves a brace after another escape literal', () => {
    expect(run('\\p{L}+\\s\\p{Script=Arabic}+', 'ab کراچی')).toEqual([{ start: 0, end: 8 }]);
    expect(run('\\.{sc=a}', 'x.{sc=a}')).toEqual([{ start: 1, end: 8 }]);
  });

  it('reads what follows a class as outside it again', () => {
    expect(run('[a]\\s', 'a b')).toEqual([{ start: 0, end: 2 }]);
    expect(() => run('[a](?=b)', 'ab')).toThrow(/cannot use lookahead/);
  });

  it('steps over a rejected match whole, an emoji or the last character of the plane', () => {
    expect(findMatches('a🔥', { pattern: '.', regex: true, wholeWord: true }, 10)).toEqual([
      { start: 0, end: 1 },
    ]);
    expect(findMatches('a\uffff\uffff', { pattern: '\uffff', wholeWord: true }, 10)).toEqual([
      { start: 2, end: 3 },
    ]);
  });

  it('refuses backreferences and lookaround only outside a class', () => {
    expect(() => run('a\\9', 'a')).toThrow(/cannot use backreferences such as \\1 here/);
    expect(() => run('(?!x)a', 'a')).toThrow(/cannot use lookahead such as \(\?=…\) or \(\?!…\) here/);
    expect(() => run('(?<=x)a', 'a')).toThrow(/cannot use lookbehind such as \(\?<=…\) or \(\?<!…\) here/);
    expect(() => run('\\k<w>', 'a')).toThrow(/cannot use named backreferences such as \\k<name> here/);
    expect(run('[(?<=]+', 'a(?<=b')).toEqual([{ start: 1, end: 5 }]);
  });

  it('a refusal says why and what to do', () => {
    expect(() => run('(a)\\1', 'aa')).toThrow(
      new UserError(
        'regular expressions cannot use backreferences such as \\1 here: search runs on an engine that finishes ' +
          'in time proportional to the text, so a pattern cannot freeze the app; rewrite the pattern without it',
      ),
    );
  });

  it('says a pattern ending in a backslash is cut short', () => {
    expect(() => run('[a\\', 'a')).toThrow(
      new UserError('invalid regular expression: trailing backslash at end of expression'),
    );
  });

  it('quotes an invalid pattern as the user typed it, whatever the case setting', () => {
    const message = (pattern: string, caseSensitive: boolean) => () =>
      findMatches('abc', { pattern, regex: true, caseSensitive }, 10);
    expect(message('(unclosed', false)).toThrow(
      new UserError('invalid regular expression: missing closing ): `(unclosed`'),
    );
    expect(message('(?i)(', true)).toThrow(
      new UserError('invalid regular expression: missing closing ): `(?i)(`'),
    );
    expect(message('(?i)(', false)).toThrow(
      new UserError('invalid regular expression: missing closing ): `(?i)(`'),
    );
  });
});

describe('the context of a match', () => {
  it('shows 40 characters each side by default, with an ellipsis only where it cut', () => {
    const text = `${'a'.repeat(45)}MATCH${'b'.repeat(45)}`;
    expect(contextOf(text, 45, 50)).toEqual({
      before: `…${'a'.repeat(40)}`,
      match: 'MATCH',
      after: `${'b'.repeat(40)}…`,
    });
    const short = `${'a'.repeat(40)}MATCH${'b'.repeat(40)}`;
    expect(contextOf(short, 40, 45)).toEqual({
      before: 'a'.repeat(40),
      match: 'MATCH',
      after: 'b'.repeat(40),
    });
  });

  it('folds runs of spaces and line breaks around the match, not in it', () => {
    expect(contextOf('a \n\t b  X\n\nY c \r\n d', 8, 12, 10)).toEqual({
      before: 'a b ',
      match: 'X\n\nY',
      after: ' c d',
    });
  });

  it('takes a whole emoji where the cut falls inside it at either end', () => {
    const text = 'x🔥ab🔥y';
    expect(contextOf(text, 3, 5, 1)).toEqual({ before: '…🔥', match: 'ab', after: '🔥…' });
    expect(contextOf('🔥ab🔥', 2, 4, 1)).toEqual({ before: '🔥', match: 'ab', after: '🔥' });
  });
});
