import { beforeEach, describe, expect, it } from 'vitest';
import { alphaU, alphaUOverall } from './alphaUnitizing';
import { documentSums, type RatedSpan } from './documentSums';
import { span } from './spans.testkit';
import {
  addReportSums,
  agreementReport,
  documentFigures,
  emptyReportSums,
  reportSums,
  type AgreementReport,
  type DocumentEntry,
} from './report';

const s = span;

// Every document is "ab cd ef gh": tokens [0,2) [3,5) [6,8) [9,11). Raters A, B (annotators), gold.
const TEXT = 'ab cd ef gh';
const RATERS = ['A', 'B', 'gold'];
const LABELS = ['X', 'Y'];
const sumsOf = (a: RatedSpan[], b: RatedSpan[], gold: RatedSpan[]) =>
  documentSums(TEXT, [a, b, gold], 2, LABELS);
/** A and B differ on X; A alone marks Y; gold marks X as A does (documentSums.test.ts, by hand). */
const one = () => sumsOf([s('X', 0, 5), s('Y', 6, 8)], [s('X', 0, 2), s('X', 3, 5)], [s('X', 0, 5)]);
/** A and B agree on X [0,2); no gold. */
const two = () => sumsOf([s('X', 0, 2)], [s('X', 0, 2)], []);
const none = () => sumsOf([], [], []);
const entries = (): DocumentEntry[] => [
  { id: 1, title: 'one', sums: one() },
  { id: 2, title: 'two', sums: two() },
  { id: 3, title: 'none', sums: none() },
];

describe('agreementReport, pooled by hand over three documents', () => {
  // Computed in each test, not when the file is read: mutation testing switches code per test.
  let report: AgreementReport;
  beforeEach(() => {
    report = agreementReport(entries(), RATERS, 2, LABELS);
  });

  it('names the raters and labels and counts the documents some annotator marked', () => {
    expect(report.raters).toEqual(RATERS);
    expect(report.labels).toEqual(LABELS);
    expect(report.documents).toBe(2);
    expect(report.pairs.map((p) => [p.a, p.b, p.documents])).toEqual([
      ['A', 'B', 2],
      ['A', 'gold', 2],
      ['B', 'gold', 2],
    ]);
  });

  it('pools the match counts of every document and label before dividing (micro averages)', () => {
    const [ab, ag, bg] = report.pairs;
    // A/B exact: one {0,1,2} X + {0,1,0} Y, two {1,1,1} X.
    expect(ab!.exact).toMatchObject({ matched: 1, reference: 3, candidate: 3 });
    expect([ab!.exact.precision, ab!.exact.recall, ab!.exact.f1]).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(ab!.partial).toMatchObject({ matched: 2, reference: 3, candidate: 3, f1: 2 / 3 });
    expect(ab!.labels.X!.exact).toMatchObject({ matched: 1, reference: 2, candidate: 3, f1: 2 / 5 });
    expect(ab!.labels.Y!.exact).toMatchObject({
      matched: 0,
      reference: 1,
      candidate: 0,
      precision: null,
      f1: 0,
    });
    // Gold is the reference: A has 3 spans where gold has 1, matched.
    expect(ag!.exact).toMatchObject({
      matched: 1,
      reference: 1,
      candidate: 3,
      precision: 1 / 3,
      recall: 1,
      f1: 0.5,
    });
    expect(bg!.exact).toMatchObject({ matched: 0, reference: 1, candidate: 3, f1: 0 });
  });

  it("gives Cohen's kappa on the pooled token table of every label", () => {
    // A/B: one X [[2,0],[0,2]] + Y [[0,1],[0,3]], two X [[1,0],[0,3]] + Y [[0,0],[0,4]] = [[3,1],[0,12]]:
    // P_o 15/16, P_e (4·3 + 12·13)/256, κ = 72/88.
    expect(report.pairs[0]!.tokens).toBe(16);
    expect(report.pairs[0]!.token_kappa).toBeCloseTo(9 / 11, 12);
    // X alone: [[3,0],[0,5]], full agreement.
    expect(report.pairs[0]!.labels.X!.token_kappa).toBe(1);
    expect(report.pairs[0]!.labels.X!.tokens).toBe(8);
  });

  it("gives the overall figures over annotator pairs and the annotators' Fleiss' kappa", () => {
    expect(report.overall.exact.f1).toBeCloseTo(1 / 3, 12);
    expect(report.overall.partial.f1).toBeCloseTo(2 / 3, 12);
    // Items 16, Σ agreeing 30 over n = 2, ratings inside 7 and outside 25: (15/16 − 674/1024) / (350/1024).
    expect(report.overall.fleiss_kappa).toBeCloseTo(286 / 350, 12);
    expect(report.overall.labels.X!.fleiss_kappa).toBe(1);
    expect(report.overall.labels.X!.exact).toMatchObject({ matched: 1, reference: 2, candidate: 3 });
    expect(report.overall.labels.Y!.partial).toMatchObject({ matched: 0, reference: 1, candidate: 0 });
    // Y: 7 of 8 items agree, 1 inside and 15 outside rating: (7/8 − 226/256) / (30/256).
    expect(report.overall.labels.Y!.fleiss_kappa).toBeCloseTo(-2 / 30, 12);
  });

  it("gives alpha-U of the annotators' units pooled as one continuum", () => {
    // X: lengths 11 + 11, distance 18 + 0; units 2, 2, 5 and 2, 2; gaps 1, 6, 6 and 9, 9.
    const xSums = {
      raters: 2,
      length: 22,
      distance: 18,
      units: new Map([
        [2, 4],
        [5, 1],
      ]),
      gaps: new Map([
        [1, 1],
        [6, 2],
        [9, 2],
      ]),
    };
    const x = alphaU(xSums);
    expect(report.overall.labels.X!.alpha_u).toBe(x.alpha);
    // Y: A's one unit of 2 in the first document; the second has gaps only.
    const y = {
      raters: 2,
      length: 22,
      distance: 4,
      units: new Map([[2, 1]]),
      gaps: new Map([
        [3, 1],
        [6, 1],
        [11, 3],
      ]),
    };
    expect(report.overall.labels.Y!.alpha_u).toBe(alphaU(y).alpha);
    expect(report.overall.alpha_u).toBe(alphaUOverall([xSums, y]).alpha);
    expect(report.overall.labels.X!.alpha_u).toBeLessThan(1);
    // A and gold mark X alike in the first document and gold has none in the second.
    expect(report.pairs[1]!.labels.X!.alpha_u).toBeLessThan(1);
  });

  it('lists every document, the lowest alpha-U first and undefined figures last', () => {
    expect(report.per_document.map((d) => d.title)).toEqual(['one', 'two', 'none']);
    const [first, second, third] = report.per_document;
    expect(first!.alpha_u!).toBeLessThan(1);
    expect(first).toMatchObject({ id: 1, exact_f1: 0, partial_f1: 0.5 });
    expect(first!.pairs.map((p) => [p.a, p.b, p.exact_f1, p.partial_f1])).toEqual([
      ['A', 'B', 0, 0.5],
      ['A', 'gold', 2 / 3, 2 / 3],
      ['B', 'gold', 0, 2 / 3],
    ]);
    expect(second).toMatchObject({ id: 2, alpha_u: 1, exact_f1: 1, fleiss_kappa: 1 });
    expect(third).toEqual({
      id: 3,
      title: 'none',
      alpha_u: null,
      fleiss_kappa: null,
      exact_f1: null,
      partial_f1: null,
      pairs: [],
    });
    expect(report.attributes).toEqual([]);
  });

  it('breaks ties in the list by exact F1, then by document number', () => {
    const tied = agreementReport(
      [
        { id: 9, title: 'nine', sums: two() },
        { id: 4, title: 'four', sums: two() },
        { id: 1, title: 'one', sums: one() },
      ],
      RATERS,
      2,
      LABELS,
    );
    expect(tied.per_document.map((d) => d.id)).toEqual([1, 4, 9]);
  });
});

describe('agreementReport: order', () => {
  it('puts documents of equal alpha-U in order of exact F1', () => {
    // Both alpha-U 1 (A's two X spans merge into [0,5)), exact F1 2/3 and 1.
    const merged = sumsOf([s('X', 0, 2), s('X', 0, 5)], [s('X', 0, 5)], []);
    const same = sumsOf([s('X', 0, 5)], [s('X', 0, 5)], []);
    const report = agreementReport(
      [
        { id: 1, title: 'same', sums: same },
        { id: 2, title: 'merged', sums: merged },
      ],
      RATERS,
      2,
      LABELS,
    );
    expect(report.per_document.map((d) => [d.title, d.alpha_u, d.exact_f1])).toEqual([
      ['merged', 1, 2 / 3],
      ['same', 1, 1],
    ]);
  });

  it('lists pairs in rater order even when the first document has only pairs with gold', () => {
    const goldOnly = sumsOf([], [], [s('X', 0, 2)]);
    const report = agreementReport(
      [
        { id: 1, title: 'gold only', sums: goldOnly },
        { id: 2, title: 'one', sums: one() },
      ],
      RATERS,
      2,
      LABELS,
    );
    expect(report.pairs.map((p) => [p.a, p.b, p.documents])).toEqual([
      ['A', 'B', 1],
      ['A', 'gold', 2],
      ['B', 'gold', 2],
    ]);
    expect(report.documents).toBe(1);
  });

  it('gives undefined figures for a label no document has sums of', () => {
    const report = agreementReport(entries(), RATERS, 2, ['X', 'Z']);
    expect(Object.keys(report.pairs[0]!.labels)).toEqual(['X']);
    expect(report.overall.labels.Z).toEqual({
      exact: { matched: 0, reference: 0, candidate: 0, precision: null, recall: null, f1: null },
      partial: { matched: 0, reference: 0, candidate: 0, precision: null, recall: null, f1: null },
      fleiss_kappa: null,
      alpha_u: null,
    });
    expect(report.pairs[0]!.exact).toMatchObject({ matched: 1, reference: 2, candidate: 3 });
  });
});

describe('agreementReport: labels, attributes and cached sums', () => {
  it('keeps to the labels asked for, in every figure', () => {
    const report = agreementReport(entries(), RATERS, 2, ['X']);
    expect(report.labels).toEqual(['X']);
    expect(Object.keys(report.pairs[0]!.labels)).toEqual(['X']);
    expect(report.pairs[0]!.exact).toMatchObject({ matched: 1, reference: 2, candidate: 3 });
    expect(Object.keys(report.overall.labels)).toEqual(['X']);
    expect(report.overall.fleiss_kappa).toBe(1);
    // The first document over X alone: A/B 0 of 1 + 2.
    expect(report.per_document[0]).toMatchObject({ id: 1, exact_f1: 0 });
  });

  it('lists attributes sorted by label and name, with alpha and the number of values', () => {
    const sums = sumsOf(
      [s('Y', 6, 8, { kind: 'a' }), s('X', 0, 2, { sure: 'yes' })],
      [s('Y', 6, 8, { kind: 'b' }), s('X', 0, 2, { sure: 'yes' })],
      [],
    );
    const report = agreementReport([{ id: 1, title: 'one', sums }], RATERS, 2, LABELS);
    // X/sure: every value yes, nothing expected: undefined. Y/kind: a against b, D_o = D_e = 1.
    expect(report.attributes).toEqual([
      { label: 'X', attribute: 'sure', alpha: null, values: 2 },
      { label: 'Y', attribute: 'kind', alpha: 0, values: 2 },
    ]);
    expect(agreementReport([{ id: 1, title: 'one', sums }], RATERS, 2, ['X']).attributes).toEqual([
      { label: 'X', attribute: 'sure', alpha: null, values: 2 },
    ]);
  });

  it('gives the same report from sums added in parts, and leaves the cached sums untouched', () => {
    const docs = entries();
    const before = structuredClone(docs.map((d) => d.sums));
    const whole = agreementReport(docs, RATERS, 2, LABELS);
    const parts = addReportSums(
      addReportSums(emptyReportSums(), reportSums([docs[0]!.sums], LABELS)),
      reportSums([docs[1]!.sums, docs[2]!.sums], LABELS),
    );
    expect(agreementReport(docs, RATERS, 2, LABELS, parts)).toEqual(whole);
    expect(agreementReport(docs, RATERS, 2, LABELS)).toEqual(whole);
    expect(docs.map((d) => d.sums)).toEqual(before);
  });

  it("uses a document's cached figures when it has them", () => {
    const docs = entries();
    const figures = documentFigures(docs[1]!.sums, RATERS, 2, ['Y']);
    expect(figures.exact_f1).toBeNull();
    const report = agreementReport([{ ...docs[1]!, figures }], RATERS, 2, LABELS);
    expect(report.per_document[0]).toMatchObject({ id: 2, title: 'two', exact_f1: null });
    expect(report.pairs[0]!.exact.f1).toBe(1);
  });
});
