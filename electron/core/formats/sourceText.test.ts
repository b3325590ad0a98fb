import { describe, expect, it } from 'vitest';
import { SourceText, statedTextProblem } from './sourceText';

describe('placing the offsets a file states', () => {
  it('turns offsets in each unit into UTF-16 fragments of the normalised text, with the raw text each covers', () => {
    const source = new SourceText('Toll 😀\r\n47 dead');
    expect(source.text).toBe('Toll 😀\n47 dead');
    expect(source.locate([{ start: 9, end: 11 }], 'utf16')).toEqual({
      fragments: [{ start: 8, end: 10 }],
      rawTexts: ['47'],
    });
    expect(source.locate([{ start: 8, end: 10 }], 'codepoint')).toEqual({
      fragments: [{ start: 8, end: 10 }],
      rawTexts: ['47'],
    });
    expect(
      source.locate(
        [
          { start: 0, end: 4 },
          { start: 11, end: 13 },
        ],
        'utf8',
      ),
    ).toEqual({
      fragments: [
        { start: 0, end: 4 },
        { start: 8, end: 10 },
      ],
      rawTexts: ['Toll', '47'],
    });
    expect(source.locate([{ start: 5, end: 11 }], 'utf16')).toEqual({
      fragments: [{ start: 5, end: 10 }],
      rawTexts: ['😀\r\n47'],
    });
  });

  it('takes a span that reaches the very end of the text', () => {
    const source = new SourceText('ab😀');
    expect(source.locate([{ start: 0, end: 3 }], 'codepoint')).toEqual({
      fragments: [{ start: 0, end: 4 }],
      rawTexts: ['ab😀'],
    });
  });

  it.each([
    [[{ start: 1.5, end: 3 }], 'utf16', 'offsets 1.5-3 are not whole numbers'],
    [[{ start: 1, end: Number.NaN }], 'utf16', 'offsets 1-NaN are not whole numbers'],
    [[{ start: -1, end: 3 }], 'utf16', 'range -1-3 is outside the text (length 13 UTF-16 code units)'],
    [[{ start: 0, end: 14 }], 'utf16', 'range 0-14 is outside the text (length 13 UTF-16 code units)'],
    [[{ start: 0, end: 13 }], 'codepoint', 'range 0-13 is outside the text (length 12 code points)'],
    [[{ start: 0, end: 16 }], 'utf8', 'range 0-16 is outside the text (length 15 UTF-8 bytes)'],
    [[{ start: 4, end: 3 }], 'utf16', 'range 4-3 is outside the text (length 13 UTF-16 code units)'],
    [[{ start: 0, end: 2 }], 'utf16', 'range 0-2 splits a character (offsets in UTF-16 code units)'],
    [[{ start: 3, end: 6 }], 'utf8', 'range 3-6 splits a character (offsets in UTF-8 bytes)'],
    [[{ start: 0, end: 5 }], 'utf16', 'range 0-5 splits a CRLF line break'],
    [[{ start: 5, end: 7 }], 'utf16', 'range 5-7 splits a CRLF line break'],
    [[{ start: 3, end: 3 }], 'utf16', 'range 3-3 is empty'],
    [
      [
        { start: 6, end: 8 },
        { start: 8, end: 10 },
      ],
      'utf16',
      'fragments must be in order with a gap between them',
    ],
    [[], 'utf16', 'a span needs at least one fragment'],
  ] as const)('refuses %j in %s: %s', (stated, unit, problem) => {
    // "a😀b\r\n47 dead": the emoji is 2 UTF-16 units and 4 UTF-8 bytes, the CRLF one character once read.
    expect(new SourceText('a😀b\r\n47 dead').locate(stated, unit)).toEqual({ problem });
  });

  it('counts a lone CR as a line break too', () => {
    const source = new SourceText('a\rb');
    expect(source.text).toBe('a\nb');
    expect(source.locate([{ start: 2, end: 3 }], 'utf16')).toEqual({
      fragments: [{ start: 2, end: 3 }],
      rawTexts: ['b'],
    });
  });
});

describe('the text a file states for a span', () => {
  it('agrees when equal, or equal once the covered line breaks are read as LF', () => {
    expect(statedTextProblem('47 dead', '47 dead')).toBeNull();
    expect(statedTextProblem('a\nb', 'a\r\nb')).toBeNull();
    expect(statedTextProblem('a\nb', 'a\rb')).toBeNull();
    expect(statedTextProblem('a\r\nb', 'a\nb')).toBe(
      'its text "a\\r\\nb" differs from the text at its offsets "a\\nb"',
    );
  });

  it('quotes both texts, each cut after 57 characters when longer than 60', () => {
    const sixty = 'x'.repeat(60);
    expect(statedTextProblem(sixty, 'y')).toBe(
      `its text "${sixty}" differs from the text at its offsets "y"`,
    );
    expect(statedTextProblem('y', `${sixty}z`)).toBe(
      `its text "y" differs from the text at its offsets "${'x'.repeat(57)}..."`,
    );
  });
});
