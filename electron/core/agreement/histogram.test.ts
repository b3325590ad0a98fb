/**
 * The compact forms a document's sums are kept in (sorted length histograms, sorted exact-match
 * keys) give the same counts and figures as the plain Maps they replace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addUnitizing, alphaU, copyUnitizing, unitizingDisagreement, unitizingSums } from './alphaUnitizing';
import { documentSums } from './documentSums';
import type { AgreementSpan } from './figures';
import { SortedHistogram } from './histogram';
import { exactMatch, exactMatchOfKeys, sameLabelKeys } from './spanMatch';
import { span } from './spans.testkit';
import {
  fleissOfFlags,
  fleissOfRanges,
  flagsOf,
  pairTable,
  pairTableOfRanges,
  tokenRanges,
  tokenStarts,
} from './tokenLabels';

const pieces = (label: string, ...bounds: [number, number][]): AgreementSpan => ({
  label,
  fragments: bounds.map(([start, end]) => ({ start, end })),
});

describe('SortedHistogram', () => {
  it('counts lengths given in any order and reads like a Map, shortest first', () => {
    const h = SortedHistogram.of(Int32Array.from([5, 2, 5, 9, 2, 5]));
    expect([...h]).toEqual([
      [2, 2],
      [5, 3],
      [9, 1],
    ]);
    expect([h.size, h.get(5), h.get(3), h.has(9)]).toEqual([3, 3, undefined, true]);
    expect(new Map(h)).toEqual(
      new Map([
        [2, 2],
        [5, 3],
        [9, 1],
      ]),
    );
  });

  it('adds histograms by length, and reads a Map in order of length', () => {
    const sum = SortedHistogram.sum([
      SortedHistogram.of(Int32Array.from([4, 1])),
      SortedHistogram.of(Int32Array.from([])),
      SortedHistogram.of(Int32Array.from([1, 7, 4, 4])),
    ]);
    expect([...sum]).toEqual([
      [1, 2],
      [4, 3],
      [7, 1],
    ]);
    const map = new Map([
      [30, 1],
      [2, 4],
      [11, 2],
    ]);
    expect([...SortedHistogram.from(map)]).toEqual([
      [2, 4],
      [11, 2],
      [30, 1],
    ]);
  });
});

describe("a document's alpha-U sums", () => {
  const layer = fc.array(
    fc
      .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 25 }))
      .map(([start, length]) => span('A', start, Math.min(80, start + length))),
    { maxLength: 8 },
  );

  it('give the same D_o, D_e and alpha as the same sums held in Maps', () => {
    fc.assert(
      fc.property(fc.array(layer, { minLength: 2, maxLength: 4 }), (layers) => {
        const compact = unitizingSums(layers, 'A', 80);
        const maps = copyUnitizing(compact);
        expect(maps.units).toBeInstanceOf(Map);
        expect(unitizingDisagreement(maps)).toEqual(unitizingDisagreement(compact));
        expect(alphaU(maps)).toEqual(alphaU(compact));
      }),
    );
  });

  it('are never added into: adding refuses and leaves the cached sums as they were', () => {
    const sums = documentSums('ab cd ef', [[span('A', 0, 2)], [span('A', 3, 5)]], 2, ['A']);
    const own = sums.pairs[0]!.labels.A!.unitizing;
    const before = [[...own.units], [...own.gaps], own.length];
    expect(() => addUnitizing(own, own)).toThrow(/copy \(copyUnitizing\)/);
    expect([[...own.units], [...own.gaps], own.length]).toEqual(before);
    // A copy adds up as before.
    const total = addUnitizing(copyUnitizing(own), own);
    expect([...total.units]).toEqual([[2, 4]]);
    expect(total.length).toBe(16);
  });
});

describe('exact matching from sorted keys', () => {
  it('pairs duplicates off one to one, whatever order the spans come in', () => {
    const ref = [span('A', 5, 9), span('A', 0, 3), span('A', 0, 3), pieces('A', [0, 3], [5, 9])];
    const cand = [span('A', 0, 3), pieces('A', [0, 3], [5, 9]), span('A', 5, 9), span('A', 5, 9)];
    // [0,3) pairs once (one candidate), [5,9) once (one reference), the two-piece span once.
    expect(exactMatchOfKeys(sameLabelKeys(ref), sameLabelKeys(cand))).toEqual({
      matched: 3,
      reference: 4,
      candidate: 4,
    });
    expect(exactMatchOfKeys(sameLabelKeys([...ref].reverse()), sameLabelKeys(cand))).toEqual(
      exactMatch(ref, cand),
    );
  });

  it('never pairs a continuous span with a discontinuous one over the same extent', () => {
    const counts = exactMatchOfKeys(
      sameLabelKeys([span('A', 0, 9)]),
      sameLabelKeys([pieces('A', [0, 3], [5, 9])]),
    );
    expect(counts).toEqual({ matched: 0, reference: 1, candidate: 1 });
  });
});

describe('token items from runs of tokens', () => {
  const text = 'one two three four five six seven eight nine ten eleven twelve';
  const layer = fc.array(
    fc
      .tuple(fc.integer({ min: 0, max: 55 }), fc.integer({ min: 1, max: 20 }), fc.constantFrom('A', 'B'))
      .map(([start, length, label]) => span(label, start, Math.min(text.length, start + length))),
    { maxLength: 6 },
  );

  it("give the flags' Cohen tables and Fleiss sums, overlapping and unsorted spans included", () => {
    fc.assert(
      fc.property(fc.array(layer, { minLength: 2, maxLength: 4 }), (layers) => {
        const starts = tokenStarts(text, layers);
        const flags = layers.map((spans) => flagsOf(starts, spans, 'A'));
        const runs = layers.map((spans) => tokenRanges(starts, [...spans].reverse(), 'A'));
        expect(pairTableOfRanges(runs[0]!, runs[1]!, starts.length)).toEqual(pairTable(flags[0]!, flags[1]!));
        expect(fleissOfRanges(runs, starts.length)).toEqual(fleissOfFlags(flags));
      }),
    );
  });
});
