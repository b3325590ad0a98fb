import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyWidthTextArb, expectedFromUtf16 } from './offsetOracle.testkit';
import { assignLayers, compareSpans, fragmentsProblem, rangeProblem, trimRange } from './spans';

describe('rangeProblem', () => {
  const text = 'Officials said 12 people died in Kabul.';

  it('accepts a range inside the text, including one that ends at the last character', () => {
    expect(rangeProblem(text, 0, 9)).toBeNull();
    expect(rangeProblem(text, 33, text.length)).toBeNull();
    expect(rangeProblem(text, 0, text.length)).toBeNull();
  });

  it('rejects a range that reaches outside the text, naming the text length', () => {
    expect(rangeProblem(text, 30, text.length + 1)).toMatch(/outside the text \(length 39\)/);
    expect(rangeProblem(text, -1, 4)).toMatch(/outside the text/);
    expect(rangeProblem('', 0, 1)).toMatch(/outside the text \(length 0\)/);
  });

  it('rejects an empty or reversed range', () => {
    expect(rangeProblem(text, 5, 5)).toMatch(/range 5-5 is empty/);
    expect(rangeProblem(text, 9, 4)).toMatch(/is empty/);
  });

  it('rejects offsets that are not whole numbers', () => {
    expect(rangeProblem(text, 0.5, 4)).toMatch(/whole numbers/);
    expect(rangeProblem(text, 0, Number.NaN)).toMatch(/whole numbers/);
  });

  describe('in text with emoji (surrogate pairs)', () => {
    // "🔥" is two UTF-16 code units: offsets 5 and 6; "Fire " is 0-4, " now" starts at 7.
    const emoji = 'Fire 🔥 now';
    it('accepts a range that takes the whole emoji', () => {
      expect(emoji.slice(5, 7)).toBe('🔥');
      expect(rangeProblem(emoji, 5, 7)).toBeNull();
      expect(rangeProblem(emoji, 0, 7)).toBeNull();
    });

    it('rejects a range that starts or ends between the two halves of the emoji', () => {
      expect(rangeProblem(emoji, 6, 9)).toMatch(/offset 6 splits a character in two/);
      expect(rangeProblem(emoji, 0, 6)).toMatch(/offset 6 splits a character in two/);
      expect(rangeProblem(emoji, 5, 6)).toMatch(/splits a character/);
    });

    it('checks text that is only emoji at both edges', () => {
      const flags = '😀😀';
      expect(rangeProblem(flags, 0, 4)).toBeNull();
      expect(rangeProblem(flags, 2, 4)).toBeNull();
      expect(rangeProblem(flags, 1, 4)).toMatch(/offset 1 splits/);
      expect(rangeProblem(flags, 0, 3)).toMatch(/offset 3 splits/);
    });
  });
});

describe('trimRange', () => {
  it('shrinks a selection so it neither starts nor ends on white space', () => {
    const text = 'said  \t 12 people \n died';
    const r = trimRange(text, 4, 19);
    expect(r).toEqual({ start: 8, end: 17 });
    expect(text.slice(r!.start, r!.end)).toBe('12 people');
  });

  it('leaves a range without outer white space as it is and keeps inner white space', () => {
    expect(trimRange('a b c', 0, 5)).toEqual({ start: 0, end: 5 });
  });

  it('returns null when the selection is only white space', () => {
    expect(trimRange('a  \n\t b', 1, 6)).toBeNull();
    expect(trimRange('abc', 1, 1)).toBeNull();
  });

  it('treats non-breaking and other Unicode spaces as white space', () => {
    const text = '\u00a0کابل\u2003';
    expect(trimRange(text, 0, text.length)).toEqual({ start: 1, end: 5 });
  });
});

describe('assignLayers', () => {
  it('puts a Claim on layer 0 and the Figure and Location inside it on layer 1', () => {
    // "Officials said 12 people died in Kabul."
    const claim = { id: 1, start: 15, end: 38 };
    const figure = { id: 2, start: 15, end: 24 };
    const location = { id: 3, start: 33, end: 38 };
    // Input order must not matter: the inner spans come first here.
    const layers = assignLayers([location, figure, claim]);
    expect(layers.get(1)).toBe(0);
    expect(layers.get(2)).toBe(1);
    expect(layers.get(3)).toBe(1);
  });

  it('lets disjoint and merely touching spans share layer 0', () => {
    const layers = assignLayers([
      { id: 1, start: 0, end: 5 },
      { id: 2, start: 5, end: 9 },
      { id: 3, start: 20, end: 30 },
    ]);
    expect([...layers.values()]).toEqual([0, 0, 0]);
  });

  it('puts crossing spans on different layers', () => {
    const layers = assignLayers([
      { id: 1, start: 0, end: 10 },
      { id: 2, start: 5, end: 15 },
    ]);
    expect(layers.get(1)).toBe(0);
    expect(layers.get(2)).toBe(1);
  });

  it('never puts two overlapping spans on one layer', () => {
    const spans = [
      { id: 1, start: 0, end: 40 },
      { id: 2, start: 2, end: 10 },
      { id: 3, start: 4, end: 8 },
      { id: 4, start: 9, end: 20 },
      { id: 5, start: 12, end: 14 },
      { id: 6, start: 25, end: 45 },
      { id: 7, start: 2, end: 10 },
    ];
    const layers = assignLayers(spans);
    expect(layers.size).toBe(spans.length);
    for (const a of spans) {
      for (const b of spans) {
        if (a.id < b.id && a.start < b.end && b.start < a.end) {
          expect(layers.get(a.id), `spans ${a.id} and ${b.id} overlap`).not.toBe(layers.get(b.id));
        }
      }
    }
    // The enclosing span is on the lowest layer.
    expect(layers.get(1)).toBe(0);
  });

  it('returns an empty map for no spans', () => {
    expect(assignLayers([]).size).toBe(0);
  });
});

describe('rangeProblem against an independent count of character boundaries', () => {
  it('accepts exactly the non-empty ranges whose ends fall between code points, in text of every width', () => {
    fc.assert(
      fc.property(anyWidthTextArb, (text) => {
        const boundary = (k: number) => expectedFromUtf16(text, k, 'codepoint') !== null;
        for (let start = 0; start <= text.length; start++)
          for (let end = 0; end <= text.length; end++) {
            const valid = start < end && boundary(start) && boundary(end);
            expect(rangeProblem(text, start, end) === null, `${start}-${end}`).toBe(valid);
          }
      }),
      { numRuns: 200 },
    );
  });
});

describe('fragmentsProblem', () => {
  const text = 'Officials said 12 people were killed in Kervadi.';

  it('accepts fragments in order with a gap between them', () => {
    expect(fragmentsProblem(text, [{ start: 0, end: 9 }])).toBeNull();
    expect(
      fragmentsProblem(text, [
        { start: 0, end: 9 },
        { start: 10, end: 14 },
        { start: 40, end: 47 },
      ]),
    ).toBeNull();
  });

  it('rejects no fragments, touching or reversed fragments, and a bad range in any place', () => {
    expect(fragmentsProblem(text, [])).toBe('a span needs at least one fragment');
    const touching = [
      { start: 0, end: 9 },
      { start: 9, end: 14 },
    ];
    expect(fragmentsProblem(text, touching)).toBe('fragments must be in order with a gap between them');
    expect(fragmentsProblem(text, [touching[1]!, { start: 0, end: 5 }])).toBe(
      'fragments must be in order with a gap between them',
    );
    expect(
      fragmentsProblem(text, [
        { start: 0, end: 9 },
        { start: 40, end: 99 },
      ]),
    ).toBe(`range 40-99 is outside the text (length ${text.length})`);
  });
});

describe('span order', () => {
  const span = (id: number, start: number, end: number) =>
    ({ id, start, end }) as Parameters<typeof compareSpans>[0];

  it('sorts by start, the enclosing span first, then by id', () => {
    const spans = [span(4, 5, 9), span(3, 0, 4), span(2, 0, 20), span(1, 5, 9)];
    expect([...spans].sort(compareSpans).map((s) => s.id)).toEqual([2, 3, 1, 4]);
  });

  it('puts the older of two spans over the same text on the lower layer', () => {
    const layers = assignLayers([span(5, 0, 4), span(2, 0, 4)]);
    expect([layers.get(2), layers.get(5)]).toEqual([0, 1]);
  });
});
