import { describe, expect, it } from 'vitest';
import { feedbackDecision as decision } from './feedback.testkit';
import { feedbackOf, type FeedbackDecision, type FeedbackSpan } from './feedback';
import { relationChangeText, relationFeedbackOf, type LayerRelationRef } from './relationFeedback';

let next = 1;
const span = (label: string, start: number, end: number): FeedbackSpan => ({
  id: next++,
  label,
  fragments: [{ start, end }],
});
let nextRelation = 1;
const rel = (type: string, from: FeedbackSpan, to: FeedbackSpan): LayerRelationRef => ({
  id: nextRelation++,
  type,
  from: from.id,
  to: to.id,
});
const at = (s: FeedbackSpan) => `${s.label}@${s.fragments.map((f) => `${f.start}-${f.end}`).join(',')}`;

/** The relation feedback of two layers, each change as "kind text (reason)". */
function relationsSaid(
  mine: { spans: FeedbackSpan[]; relations: LayerRelationRef[] },
  gold: { spans: FeedbackSpan[]; relations: LayerRelationRef[] },
  decisions: FeedbackDecision[] = [],
) {
  const spanItems = feedbackOf(mine.spans, gold.spans, decisions);
  return relationFeedbackOf(spanItems, mine, gold, decisions).map(
    (i) => `${i.kind} ${relationChangeText(i, at)}${i.decision ? ` (${i.decision.reason})` : ''}`,
  );
}

describe('relationFeedbackOf', () => {
  it('names each kind of change: kept, retyped, removed, added by the reviewer', () => {
    const [hedge, claim, figure, claim2] = [
      span('Hedge', 0, 4),
      span('Claim', 5, 20),
      span('Figure', 22, 24),
      span('Claim', 30, 40),
    ];
    const [gHedge, gClaim, gFigure, gClaim2] = [
      span('Hedge', 0, 4),
      span('Claim', 5, 20),
      span('Figure', 22, 24),
      span('Claim', 30, 40),
    ];
    const mine = {
      spans: [hedge, claim, figure, claim2],
      relations: [
        rel('scopes', hedge, claim),
        rel('in', figure, claim),
        rel('attributed_to', claim2, figure),
      ],
    };
    const gold = {
      spans: [gHedge, gClaim, gFigure, gClaim2],
      relations: [
        rel('scopes', gHedge, gClaim),
        rel('attributed_to', gFigure, gClaim),
        rel('scopes', gHedge, gClaim2),
      ],
    };
    expect(relationsSaid(mine, gold)).toEqual([
      'kept Hedge@0-4 scopes Claim@5-20',
      'added Hedge@0-4 scopes Claim@30-40',
      'retyped Figure@22-24 in → attributed_to Claim@5-20',
      'removed Claim@30-40 attributed_to Figure@22-24',
    ]);
  });

  it('follows its spans through a boundary move or a relabel: the relation itself is kept', () => {
    const [hedge, claim] = [span('Hedge', 0, 4), span('Claim', 5, 20)];
    const [gHedge, gClaim] = [span('Hedge', 0, 4), span('Claim', 8, 20)];
    expect(
      relationsSaid(
        { spans: [hedge, claim], relations: [rel('scopes', hedge, claim)] },
        { spans: [gHedge, gClaim], relations: [rel('scopes', gHedge, gClaim)] },
      ),
    ).toEqual(['kept Hedge@0-4 scopes Claim@5-20']);
  });

  it('is a removal and an addition when an end lost its span (no gold partner)', () => {
    const [hedge, claim] = [span('Hedge', 0, 4), span('Claim', 5, 20)];
    // Gold holds the Claim under another label and at other characters: no partner for ann's Claim.
    const [gHedge, gLocation] = [span('Hedge', 0, 4), span('Location', 30, 36)];
    expect(
      relationsSaid(
        { spans: [hedge, claim], relations: [rel('scopes', hedge, claim)] },
        { spans: [gHedge, gLocation], relations: [rel('attributed_to', gHedge, gLocation)] },
      ),
    ).toEqual(['removed Hedge@0-4 scopes Claim@5-20', 'added Hedge@0-4 attributed_to Location@30-36']);
  });

  it('pairs one to one: of two gold relations between the same spans, the same type is kept', () => {
    const [hedge, claim] = [span('Hedge', 0, 4), span('Claim', 5, 20)];
    const [gHedge, gClaim] = [span('Hedge', 0, 4), span('Claim', 5, 20)];
    expect(
      relationsSaid(
        { spans: [hedge, claim], relations: [rel('scopes', hedge, claim)] },
        {
          spans: [gHedge, gClaim],
          relations: [rel('attributed_to', gHedge, gClaim), rel('scopes', gHedge, gClaim)],
        },
      ),
    ).toEqual(['kept Hedge@0-4 scopes Claim@5-20', 'added Hedge@0-4 attributed_to Claim@5-20']);
  });

  it("carries the reviewer's decision of the relation's place: the annotator's, else gold's", () => {
    const [hedge, claim, figure] = [span('Hedge', 0, 4), span('Claim', 5, 20), span('Figure', 22, 24)];
    const [gHedge, gClaim, gFigure] = [span('Hedge', 0, 4), span('Claim', 8, 20), span('Figure', 22, 24)];
    const decisions = [
      decision('rel:Hedge@0-4>Claim@5-20', 'the hedge scopes the claim'),
      decision('rel:Figure@22-24>Claim@5-20', 'no figure of the claim', 'reject'),
      decision('rel:Figure@22-24>Claim@8-20', 'the figure is the source'),
      decision('span:5-20:Claim', 'a span decision is not a relation one'),
    ];
    const mine = {
      spans: [hedge, claim, figure],
      relations: [rel('scopes', hedge, claim), rel('in', figure, claim)],
    };
    const gold = {
      spans: [gHedge, gClaim, gFigure],
      relations: [rel('scopes', gHedge, gClaim), rel('attributed_to', gFigure, gClaim)],
    };
    expect(relationsSaid(mine, gold, decisions)).toEqual([
      'kept Hedge@0-4 scopes Claim@5-20 (the hedge scopes the claim)',
      'retyped Figure@22-24 in → attributed_to Claim@5-20 (no figure of the claim)',
    ]);
    // Added by the reviewer: only gold's place names it.
    const added = relationFeedbackOf(
      feedbackOf([], gold.spans, decisions),
      { spans: [], relations: [] },
      gold,
      decisions,
    );
    expect(added.map((i) => [i.kind, i.decision?.reason ?? null])).toEqual([
      ['added', null],
      ['added', 'the figure is the source'],
    ]);
    expect(added[1]!.decision).toEqual({
      conflictKey: 'rel:Figure@22-24>Claim@8-20',
      outcome: 'accept',
      reason: 'the figure is the source',
      reviewer: 'rita',
      decidedAt: '2026-12-01T10:00:00.000Z',
      auto: false,
    });
  });

  it('leaves out a relation whose span is not in its layer, and gives nothing for no relations', () => {
    const [hedge, claim] = [span('Hedge', 0, 4), span('Claim', 5, 20)];
    const stray = { id: 99, type: 'scopes', from: hedge.id, to: 12345 };
    expect(
      relationsSaid({ spans: [hedge, claim], relations: [stray] }, { spans: [], relations: [] }),
    ).toEqual([]);
  });
});
