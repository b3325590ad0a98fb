/** Span matching, token items and the rules for empty, single-rater and perfect data. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addUnitizing,
  alphaU,
  alphaUOverall,
  copyUnitizing,
  unitizingSums,
  type UnitizingSums,
} from './alphaUnitizing';
import { cohenKappa } from './cohenKappa';
import type { AgreementSpan } from './figures';
import { addFleiss, addFleissItem, emptyFleiss, fleissKappa } from './fleissKappa';
import { addUnit, nominalAlpha } from './krippendorffAlpha';
import { exactMatch, partialMatch, scores } from './spanMatch';
import { agreementTokens, fleissOfFlags, insideFlags, pairTable } from './tokenLabels';

const s = (label: string, start: number, end: number): AgreementSpan => ({
  label,
  fragments: [{ start, end }],
});

describe('span precision, recall and F1', () => {
  it('counts an exact match only for the same label, start and end', () => {
    const ref = [s('Figure', 0, 5), s('Claim', 0, 20), s('Location', 10, 14)];
    const cand = [s('Figure', 0, 5), s('Claim', 0, 19), s('Hedge', 10, 14)];
    expect(scores(exactMatch(ref, cand))).toEqual({
      matched: 1,
      reference: 3,
      candidate: 3,
      precision: 1 / 3,
      recall: 1 / 3,
      f1: 1 / 3,
    });
  });

  it('pairs duplicates one to one', () => {
    expect(exactMatch([s('A', 0, 2), s('A', 0, 2)], [s('A', 0, 2)])).toEqual({
      matched: 1,
      reference: 2,
      candidate: 1,
    });
  });

  it('compares discontinuous spans fragment by fragment', () => {
    const split: AgreementSpan = {
      label: 'A',
      fragments: [
        { start: 0, end: 2 },
        { start: 5, end: 8 },
      ],
    };
    expect(exactMatch([split], [s('A', 0, 8)]).matched).toBe(0);
    expect(exactMatch([split], [{ ...split }]).matched).toBe(1);
  });

  it('partial: matches one to one by the largest overlap, whatever the order', () => {
    // B's [4,12) overlaps A's [0,6) by 2 and [8,20) by 4: it goes with [8,20), and [0,6) takes [0,5).
    const ref = [s('A', 0, 6), s('A', 8, 20)];
    const cand = [s('A', 4, 12), s('A', 0, 5)];
    expect(partialMatch(ref, cand)).toEqual({ matched: 2, reference: 2, candidate: 2 });
    // One candidate overlapping two references matches one of them only.
    expect(partialMatch(ref, [s('A', 4, 12)]).matched).toBe(1);
    expect(partialMatch([s('A', 0, 3)], [s('A', 3, 6)]).matched).toBe(0);
    expect(partialMatch([s('A', 0, 3)], [s('B', 0, 3)]).matched).toBe(0);
  });

  it('partial: the same count as taking every overlapping pair from the largest overlap down, on generated spans', () => {
    // The rule written out plainly: all pairs, largest overlap first (ties by position), each span used once.
    const greedy = (ref: AgreementSpan[], cand: AgreementSpan[]) => {
      const pairs = ref.flatMap((r, i) =>
        cand.map((c, j) => {
          const [a, b] = [r.fragments[0]!, c.fragments[0]!];
          return { i, j, shared: Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)), a, b };
        }),
      );
      const order = pairs
        .filter((p) => p.shared > 0 && ref[p.i]!.label === cand[p.j]!.label)
        .sort(
          (x, y) =>
            y.shared - x.shared ||
            x.a.start - y.a.start ||
            x.a.end - y.a.end ||
            x.b.start - y.b.start ||
            x.b.end - y.b.end ||
            x.i - y.i ||
            x.j - y.j,
        );
      const usedR = new Set<number>();
      const usedC = new Set<number>();
      for (const p of order)
        if (!usedR.has(p.i) && !usedC.has(p.j)) {
          usedR.add(p.i);
          usedC.add(p.j);
        }
      return usedR.size;
    };
    const span = fc
      .tuple(fc.constantFrom('A', 'B'), fc.nat(40), fc.integer({ min: 1, max: 12 }))
      .map(([label, start, length]) => s(label, start, start + length));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 12 }), fc.array(span, { maxLength: 12 }), (ref, cand) => {
        expect(partialMatch(ref, cand).matched).toBe(greedy(ref, cand));
      }),
      { numRuns: 300 },
    );
  });

  it('partial ties go to the earlier reference span, so the result is the same in any order', () => {
    const ref = [s('A', 0, 4), s('A', 4, 8)];
    const cand = [s('A', 2, 6)];
    expect(partialMatch(ref, cand).matched).toBe(1);
    expect(partialMatch([...ref].reverse(), cand).matched).toBe(1);
  });

  it('states undefined figures as null: no span on a side, or on both', () => {
    expect(scores(exactMatch([], []))).toMatchObject({ precision: null, recall: null, f1: null });
    expect(scores(exactMatch([s('A', 0, 1)], []))).toMatchObject({ precision: null, recall: 0, f1: 0 });
    expect(scores(exactMatch([], [s('A', 0, 1)]))).toMatchObject({ precision: 0, recall: null, f1: 0 });
  });
});

describe('token items', () => {
  const text = 'Nearly 196 homes were destroyed.';

  it('cuts tokens at span edges so a span inside a word still counts whole tokens', () => {
    const tokens = agreementTokens(text, [[s('Figure', 7, 9)]]);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual([
      'Nearly',
      '19',
      '6',
      'homes',
      'were',
      'destroyed',
      '.',
    ]);
  });

  it('treats nested spans per label: a token can be inside a Claim and a Figure', () => {
    const a = [s('Claim', 0, 31), s('Figure', 0, 16)];
    const b = [s('Claim', 0, 31)];
    const tokens = agreementTokens(text, [a, b]);
    const [claimA, claimB] = insideFlags(tokens, [a, b], 'Claim');
    const [figA, figB] = insideFlags(tokens, [a, b], 'Figure');
    expect(cohenKappa(pairTable(claimA!, claimB!)).kappa).toBe(1);
    expect(pairTable(figA!, figB!)).toEqual([
      [0, 3],
      [0, 3],
    ]);
  });

  it('gives kappa 1 when all agree with some variation, and null when there is no variation', () => {
    expect(
      cohenKappa([
        [3, 0],
        [0, 2],
      ]).kappa,
    ).toBe(1);
    expect(
      cohenKappa([
        [0, 0],
        [0, 5],
      ]),
    ).toMatchObject({ observed: 1, expected: 1, kappa: null });
    expect(
      cohenKappa([
        [0, 0],
        [0, 0],
      ]).kappa,
    ).toBeNull();
  });

  it('Fleiss over tokens: one rater gives no item, three agreeing raters give 1', () => {
    const one = insideFlags(agreementTokens(text, []), [[s('A', 0, 6)]], 'A');
    expect(fleissKappa(fleissOfFlags(one)).kappa).toBeNull();
    const layers = [[s('A', 0, 6)], [s('A', 0, 6)], [s('A', 0, 6)]];
    const three = insideFlags(agreementTokens(text, layers), layers, 'A');
    expect(fleissKappa(fleissOfFlags(three))).toMatchObject({ items: 6, kappa: 1 });
  });
});

describe('alpha-U rules', () => {
  it('is 1 when both raters mark the same units', () => {
    const a = [s('A', 2, 5), s('A', 7, 9)];
    expect(alphaU(unitizingSums([a, a], 'A', 12)).alpha).toBe(1);
  });

  it('is null with one rater or when nobody used the label', () => {
    expect(alphaU(unitizingSums([[s('A', 0, 3)]], 'A', 10)).alpha).toBeNull();
    expect(alphaU(unitizingSums([[], []], 'A', 10)).alpha).toBeNull();
    expect(alphaUOverall([unitizingSums([[], []], 'A', 10)]).alpha).toBeNull();
  });

  it("merges a rater's own overlapping units of one label into their union", () => {
    const merged = [s('A', 1, 9)];
    const overlapping = [s('A', 1, 6), s('A', 4, 9), s('A', 2, 3)];
    const other = [s('A', 2, 3), s('A', 4, 5)];
    expect(alphaU(unitizingSums([overlapping, other], 'A', 10))).toEqual(
      alphaU(unitizingSums([merged, other], 'A', 10)),
    );
  });

  it('adds documents as one continuum: two copies of a document give the same D_o', () => {
    const a = [s('A', 1, 9)];
    const b = [s('A', 2, 3)];
    const one = unitizingSums([a, b], 'A', 10);
    const twice = addUnitizing(copyUnitizing(one), one);
    expect(alphaU(twice).observed).toBeCloseTo(alphaU(one).observed! / 2, 12);
  });
});

/** D_e written out as docs/agreement.md states it: every unit against every gap, no ordering. */
function plainExpected(sums: UnitizingSums): number {
  const R = sums.raters;
  const L = sums.length;
  let N = 0;
  for (const n of sums.units.values()) N += n;
  let numerator = 0;
  let squares = 0;
  for (const [l, same] of sums.units) {
    let gapSum = 0;
    for (const [g, n] of sums.gaps) if (g >= l) gapSum += n * (g - l + 1);
    numerator += same * (((N - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * gapSum);
    squares += same * l * (l - 1);
  }
  return ((2 / L) * numerator) / (R * L * (R * L - 1) - squares);
}

describe('alpha-U from histograms in any order', () => {
  it('gives D_e as the formula written out does, whatever order the lengths were counted in, short or long', () => {
    // A document's histograms are short; pooled ones run past 64 lengths: both ways of ordering them.
    const histogram = fc.uniqueArray(
      fc.tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 9 })),
      {
        selector: ([length]) => length,
        minLength: 1,
        maxLength: 150,
      },
    );
    fc.assert(
      fc.property(histogram, histogram, fc.boolean(), (units, gaps, reversed) => {
        const order = (list: [number, number][]) => (reversed ? [...list].reverse() : list);
        const sums = {
          raters: 3,
          length: 20_000,
          distance: 7,
          units: new Map(order(units)),
          gaps: new Map(order(gaps)),
        };
        const plain = plainExpected(sums);
        expect(Math.abs(alphaU(sums).expected! - plain)).toBeLessThanOrEqual(1e-12 * Math.abs(plain));
      }),
    );
  });
});

describe('nominal alpha rules', () => {
  it('is 1 when every pairable unit agrees and values vary, null with nothing pairable', () => {
    const m = new Map<string, number>();
    addUnit(m, ['x', 'x', null]);
    addUnit(m, ['y', 'y', 'y']);
    expect(nominalAlpha(m).alpha).toBe(1);
    expect(nominalAlpha(addUnit(new Map(), ['x', null])).alpha).toBeNull();
  });
});

describe('sums that add up in any order', () => {
  it("gives the same Fleiss' kappa, to the last digit, from items one by one or from the sums of two parts", () => {
    // Raters per item vary (5, 3, 5, 5, 3): a report adds documents in blocks, and an edit adds one block again.
    const items = [
      [2, 3],
      [2, 1],
      [4, 1],
      [1, 4],
      [1, 2],
    ];
    const whole = emptyFleiss(2);
    for (const counts of items) addFleissItem(whole, counts);
    const first = addFleissItem(emptyFleiss(2), items[0]!);
    const rest = emptyFleiss(2);
    for (const counts of items.slice(1)) addFleissItem(rest, counts);
    expect(fleissKappa(addFleiss(first, rest)).kappa).toBe(fleissKappa(whole).kappa);
    // P̄ = (0.4 + 1/3 + 0.6 + 0.6 + 1/3) / 5, p = (10, 11) / 21.
    expect(fleissKappa(whole).kappa).toBeCloseTo((2.2667 / 5 - 221 / 441) / (1 - 221 / 441), 4);
  });
});
