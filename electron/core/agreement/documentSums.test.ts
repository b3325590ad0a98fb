import { beforeEach, describe, expect, it } from 'vitest';
import { documentSums, type DocumentSums } from './documentSums';
import { span } from './spans.testkit';

const s = span;

// "ab cd ef gh": four tokens [0,2) [3,5) [6,8) [9,11); no span cuts one.
const TEXT = 'ab cd ef gh';
const A = [s('X', 0, 5), s('Y', 6, 8)];
const B = [s('X', 0, 2), s('X', 3, 5)];
const GOLD = [s('X', 0, 5)];

/** Histograms as sorted [length, count] pairs, to compare without depending on insertion order. */
const sorted = (m: ReadonlyMap<number, number>) => [...m].sort((x, y) => x[0] - y[0]);

describe('documentSums, by hand on one document (annotators A and B, then gold)', () => {
  // Computed in each test, not when the file is read: mutation testing switches code per test.
  let sums: DocumentSums;
  beforeEach(() => {
    sums = documentSums(TEXT, [A, B, GOLD], 2, ['X', 'Y']);
  });

  it('has a pair for every two raters in order, gold always second', () => {
    expect(sums.length).toBe(11);
    expect(sums.pairs.map((p) => [p.a, p.b])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
  });

  it('counts exact and partial matches per label, the first annotator as reference', () => {
    const [ab] = sums.pairs;
    // X: A's [0,5) is neither of B's two spans; it overlaps both by 2 characters but matches one.
    expect(ab!.labels.X!.exact).toEqual({ matched: 0, reference: 1, candidate: 2 });
    expect(ab!.labels.X!.partial).toEqual({ matched: 1, reference: 1, candidate: 2 });
    // Y: only A marked one.
    expect(ab!.labels.Y!.exact).toEqual({ matched: 0, reference: 1, candidate: 0 });
    expect(ab!.labels.Y!.partial).toEqual({ matched: 0, reference: 1, candidate: 0 });
  });

  it('takes gold as the reference of a pair with gold', () => {
    const [, ag, bg] = sums.pairs;
    expect(ag!.labels.X!.exact).toEqual({ matched: 1, reference: 1, candidate: 1 });
    // Gold has no Y: A's Y is a candidate with no reference.
    expect(ag!.labels.Y!.exact).toEqual({ matched: 0, reference: 0, candidate: 1 });
    expect(bg!.labels.X!.exact).toEqual({ matched: 0, reference: 1, candidate: 2 });
    expect(bg!.labels.X!.partial).toEqual({ matched: 1, reference: 1, candidate: 2 });
    expect(bg!.labels.Y!.exact).toEqual({ matched: 0, reference: 0, candidate: 0 });
  });

  it('tables token inside/outside per label, rows the first rater of the pair', () => {
    const [ab, ag, bg] = sums.pairs;
    // X: "ab" and "cd" inside for everyone; "ef" and "gh" outside. Y: "ef" inside for A only.
    expect([ab!.labels.X!.tokens, ab!.labels.Y!.tokens, ag!.labels.Y!.tokens, bg!.labels.Y!.tokens]).toEqual([
      [
        [2, 0],
        [0, 2],
      ],
      [
        [0, 1],
        [0, 3],
      ],
      [
        [0, 1],
        [0, 3],
      ],
      [
        [0, 0],
        [0, 4],
      ],
    ]);
  });

  it('sums alpha-U distances and the lengths of units and gaps per pair', () => {
    const [ab, ag, bg] = sums.pairs;
    // X: A unit [0,5) against B's units [0,2) and [3,5): (0−0)² + (5−2)² + (0−3)² + (5−5)² = 18.
    expect(ab!.labels.X!.unitizing).toMatchObject({ raters: 2, length: 11, distance: 18 });
    expect(sorted(ab!.labels.X!.unitizing.units)).toEqual([
      [2, 2],
      [5, 1],
    ]);
    expect(sorted(ab!.labels.X!.unitizing.gaps)).toEqual([
      [1, 1],
      [6, 2],
    ]);
    // Y: A's unit [6,8) lies in B's gap [0,11): 2² = 4.
    expect(ab!.labels.Y!.unitizing.distance).toBe(4);
    expect(sorted(ab!.labels.Y!.unitizing.units)).toEqual([[2, 1]]);
    expect(sorted(ab!.labels.Y!.unitizing.gaps)).toEqual([
      [3, 1],
      [6, 1],
      [11, 1],
    ]);
    // A and gold mark X alike.
    expect(ag!.labels.X!.unitizing.distance).toBe(0);
    expect(sorted(ag!.labels.X!.unitizing.units)).toEqual([[5, 2]]);
    expect(bg!.labels.X!.unitizing.distance).toBe(18);
    expect(sorted(bg!.labels.Y!.unitizing.gaps)).toEqual([[11, 2]]);
  });

  it('gives the group figures over the annotators only, never gold', () => {
    const group = sums.group!;
    // X: every token rated alike by both: each item adds 2² + 0² − 2 = 2.
    expect(group.X!.fleiss).toEqual({ items: 4, agreeing: { 2: 8 }, totals: [4, 4] });
    // Y: "ef" split (1² + 1² − 2 = 0), the other three outside for both (2 each).
    expect(group.Y!.fleiss).toEqual({ items: 4, agreeing: { 2: 6 }, totals: [1, 7] });
    // Two raters (gold left out), so the group's distance is the A/B pair's.
    expect(group.X!.unitizing).toMatchObject({ raters: 2, length: 11, distance: 18 });
    expect(group.Y!.unitizing.distance).toBe(4);
    expect(sums.attributes).toEqual({});
  });
});

describe('documentSums: which pairs and groups exist', () => {
  it('leaves out a pair where neither rater has a span, and the group when no annotator has one', () => {
    const some = documentSums(TEXT, [A, [], []], 3, ['X', 'Y']);
    expect(some.pairs.map((p) => [p.a, p.b])).toEqual([
      [0, 1],
      [0, 2],
    ]);
    expect(some.group!.X!.unitizing.raters).toBe(3);
    // Three raters: Fleiss items have three ratings; "ab" and "cd" inside for one of them.
    expect(some.group!.X!.fleiss).toEqual({ items: 4, agreeing: { 3: 2 * 2 + 2 * 6 }, totals: [2, 10] });

    const goldOnly = documentSums(TEXT, [[], [], GOLD], 2, ['X']);
    expect(goldOnly.group).toBeNull();
    expect(goldOnly.pairs.map((p) => [p.a, p.b])).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('counts the spans of a label outside the list as nothing', () => {
    const only = documentSums(TEXT, [A, B], 2, ['Y']);
    expect(Object.keys(only.pairs[0]!.labels)).toEqual(['Y']);
    expect(only.pairs[0]!.labels.Y!.exact).toEqual({ matched: 0, reference: 1, candidate: 0 });
  });
});

describe('documentSums: attribute values', () => {
  it("pairs the annotators' values of identically marked spans, leaving gold and unmatched spans out", () => {
    const a = [s('X', 0, 2, { sure: 'yes' }), s('X', 3, 5, { sure: 'yes' })];
    const b = [s('X', 0, 2, { sure: 'no' }), s('X', 6, 8, { sure: 'no' })];
    const gold = [s('X', 0, 2, { sure: 'yes' })];
    const sums = documentSums(TEXT, [a, b, gold], 2, ['X']);
    // One unit, [0,2), valued yes by A and no by B: each ordered pair adds 1/(2 − 1).
    expect(sums.attributes).toEqual({
      'X\u0000sure': new Map([
        ['yes\u0000no', 1],
        ['no\u0000yes', 1],
      ]),
    });
  });

  it('makes no unit of spans that differ in their characters', () => {
    const a = [s('X', 0, 2, { sure: 'yes' })];
    const b = [s('X', 3, 5, { sure: 'no' })];
    expect(documentSums(TEXT, [a, b], 2, ['X']).attributes).toEqual({ 'X\u0000sure': new Map() });
  });

  it('counts a value missing on one side as missing, so a unit with one value adds nothing', () => {
    const a = [s('X', 0, 2, { sure: 'yes' })];
    const b = [s('X', 0, 2)];
    expect(documentSums(TEXT, [a, b], 2, ['X']).attributes).toEqual({ 'X\u0000sure': new Map() });
  });
});
