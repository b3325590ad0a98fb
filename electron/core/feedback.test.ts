import { describe, expect, it } from 'vitest';
import { feedbackDecision as decision } from './feedback.testkit';
import { feedbackOf, type FeedbackItem, type FeedbackSpan } from './feedback';

let next = 1;
const span = (label: string, ...pieces: [number, number][]): FeedbackSpan => ({
  id: next++,
  label,
  fragments: pieces.map(([start, end]) => ({ start, end })),
});
/** Each item as "kind mine → gold (reason)", spans as Label@start-end[,start-end]. */
const said = (items: readonly FeedbackItem[]) =>
  items.map((i) => {
    const show = (s: FeedbackSpan | null) =>
      s ? `${s.label}@${s.fragments.map((f) => `${f.start}-${f.end}`).join(',')}` : '-';
    return `${i.kind} ${show(i.mine)} → ${show(i.gold)}${i.decision ? ` (${i.decision.reason})` : ''}`;
  });

describe('feedbackOf', () => {
  it('names each kind of change: kept, relabelled, boundary moved, removed, added', () => {
    const mine = [
      span('Claim', [0, 10]),
      span('Figure', [12, 14]),
      span('Claim', [20, 30]),
      span('Hedge', [40, 44]),
    ];
    const gold = [
      span('Claim', [0, 10]),
      span('Hedge', [12, 14]),
      span('Claim', [22, 30]),
      span('Location', [50, 55]),
    ];
    expect(said(feedbackOf(mine, gold, []))).toEqual([
      'kept Claim@0-10 → Claim@0-10',
      'relabelled Figure@12-14 → Hedge@12-14',
      'boundary Claim@20-30 → Claim@22-30',
      'removed Hedge@40-44 → -',
      'added - → Location@50-55',
    ]);
  });

  it('keeps nested spans apart: a Figure inside a Claim is matched to the Figure, not to the Claim', () => {
    const mine = [span('Claim', [0, 30]), span('Figure', [5, 9])];
    const gold = [span('Claim', [0, 30]), span('Figure', [5, 10])];
    expect(said(feedbackOf(mine, gold, []))).toEqual([
      'kept Claim@0-30 → Claim@0-30',
      'boundary Figure@5-9 → Figure@5-10',
    ]);
  });

  it('pairs overlapping spans of one label by the most characters in common, one partner each', () => {
    // Two Claims of the annotator overlap one gold Claim: the larger overlap is the boundary move.
    const mine = [span('Claim', [0, 12]), span('Claim', [10, 30])];
    const gold = [span('Claim', [8, 30])];
    expect(said(feedbackOf(mine, gold, []))).toEqual([
      'removed Claim@0-12 → -',
      'boundary Claim@10-30 → Claim@8-30',
    ]);
  });

  it('does not pair overlapping spans of other labels: that is a removal and an addition', () => {
    expect(said(feedbackOf([span('Claim', [0, 10])], [span('Hedge', [0, 4])], []))).toEqual([
      'removed Claim@0-10 → -',
      'added - → Hedge@0-4',
    ]);
  });

  it('compares discontinuous spans piece by piece', () => {
    // Same outer bounds, other pieces: a boundary move, not kept.
    expect(said(feedbackOf([span('Claim', [0, 6], [20, 30])], [span('Claim', [0, 30])], []))).toEqual([
      'boundary Claim@0-6,20-30 → Claim@0-30',
    ]);
    // Every piece the same: kept.
    expect(
      said(feedbackOf([span('Claim', [0, 6], [20, 30])], [span('Claim', [0, 6], [20, 30])], [])),
    ).toEqual(['kept Claim@0-6,20-30 → Claim@0-6,20-30']);
    // Pieces that share no character with a gold span of the label (the gap) do not match it.
    expect(said(feedbackOf([span('Claim', [0, 6], [20, 30])], [span('Claim', [8, 18])], []))).toEqual([
      'removed Claim@0-6,20-30 → -',
      'added - → Claim@8-18',
    ]);
  });

  it("carries the reviewer's decision at each place, with its reason, and none where nothing was decided", () => {
    const mine = [span('Figure', [12, 14]), span('Claim', [20, 30]), span('Hedge', [40, 44])];
    const gold = [span('Hedge', [12, 14]), span('Claim', [22, 30])];
    const items = feedbackOf(mine, gold, [
      decision('span:12-14:Figure+Hedge', 'a hedge, not a figure'),
      decision('span:20-30:Claim', 'the source is not part of the claim'),
      decision('span:40-44:Hedge', 'no hedge here', 'reject'),
      decision('span:60-70:Claim', 'elsewhere'),
    ]);
    expect(said(items)).toEqual([
      'relabelled Figure@12-14 → Hedge@12-14 (a hedge, not a figure)',
      'boundary Claim@20-30 → Claim@22-30 (the source is not part of the claim)',
      'removed Hedge@40-44 → - (no hedge here)',
    ]);
    expect(items[2]!.decision).toEqual({
      conflictKey: 'span:40-44:Hedge',
      outcome: 'reject',
      reason: 'no hedge here',
      reviewer: 'rita',
      decidedAt: '2026-12-01T10:00:00.000Z',
      auto: false,
    });
    expect(
      feedbackOf([span('Claim', [0, 5])], [], [decision('rel:Hedge@0-4>Claim@5-20', 'x')])[0]!.decision,
    ).toBe(null);
  });

  it('takes the narrowest place when two decisions cover a span as much', () => {
    const items = feedbackOf(
      [span('Claim', [5, 10])],
      [span('Claim', [5, 10])],
      [decision('span:0-40:Claim', 'wide'), decision('span:5-10:Claim', 'narrow')],
    );
    expect(said(items)).toEqual(['kept Claim@5-10 → Claim@5-10 (narrow)']);
  });
});
