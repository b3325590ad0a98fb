/**
 * Feedback on relations (docs/adjudication.md, Feedback): what review made of an annotator's
 * relations, against gold's, once their spans are paired by core/feedback.ts. A relation's two
 * ends are matched through those pairs (kept, boundary moved or relabelled alike), so:
 *   - gold relates the two partners by the same type: kept;
 *   - gold relates the two partners by another type: retyped;
 *   - an annotator's relation left without a partner was removed, a gold one was added.
 * Each change carries the decision of its place (`rel:FROM>TO`, core/conflicts.ts): the one named
 * after the annotator's two spans, else after gold's. Pure.
 */
import { spanVersionKey } from './conflicts';
import {
  decisionView,
  FEEDBACK_KIND_WORDS,
  type FeedbackDecision,
  type FeedbackItem,
  type FeedbackSpan,
} from './feedback';

export type RelationFeedbackKind = 'kept' | 'retyped' | 'removed' | 'added';
export const RELATION_FEEDBACK_KINDS: readonly RelationFeedbackKind[] = [
  'kept',
  'retyped',
  'removed',
  'added',
];

/** How each kind reads: the span kinds' words, and "retyped" for a relation's other type. */
export const RELATION_FEEDBACK_WORDS: Record<RelationFeedbackKind, string> = {
  kept: FEEDBACK_KIND_WORDS.kept,
  retyped: 'retyped',
  removed: FEEDBACK_KIND_WORDS.removed,
  added: FEEDBACK_KIND_WORDS.added,
};

/** A relation as stored in one layer: its id, type and its two spans' ids in that layer. */
export interface LayerRelationRef {
  id: number;
  type: string;
  from: number;
  to: number;
}

/** A relation of the feedback, with its two spans. */
export interface FeedbackRelation<S extends FeedbackSpan = FeedbackSpan> {
  id: number;
  type: string;
  from: S;
  to: S;
}

export interface RelationFeedbackItem<S extends FeedbackSpan = FeedbackSpan> {
  kind: RelationFeedbackKind;
  /** The annotator's relation; null for one the reviewer added. */
  mine: FeedbackRelation<S> | null;
  /** The gold relation; null for one review removed. */
  gold: FeedbackRelation<S> | null;
  decision: FeedbackDecision | null;
}

/** A relation change in words: "Hedge … scopes Claim …", a retyped one "scopes → in". */
export function relationChangeText<S extends FeedbackSpan>(
  item: Pick<RelationFeedbackItem<S>, 'mine' | 'gold'>,
  show: (span: S) => string,
): string {
  const shown = (item.mine ?? item.gold)!;
  const type =
    item.mine && item.gold && item.mine.type !== item.gold.type
      ? `${item.mine.type} → ${item.gold.type}`
      : shown.type;
  return `${show(shown.from)} ${type} ${show(shown.to)}`;
}

const placeKey = (r: FeedbackRelation) => `rel:${spanVersionKey(r.from)}>${spanVersionKey(r.to)}`;
const startOf = (s: FeedbackSpan) => s.fragments[0]?.start ?? 0;

/** The relations of one layer with their spans; a relation whose span the layer lacks is left out. */
function withSpans(
  relations: readonly LayerRelationRef[],
  spans: readonly FeedbackSpan[],
): FeedbackRelation[] {
  const byId = new Map(spans.map((s) => [s.id, s]));
  return relations.flatMap((r) => {
    const from = byId.get(r.from);
    const to = byId.get(r.to);
    return from && to ? [{ id: r.id, type: r.type, from, to }] : [];
  });
}

/**
 * What review changed in the annotator's relations, given the span items `feedbackOf` gave for the
 * same layers (its pairs match the relations' ends), in the text order of their `from` spans.
 */
export function relationFeedbackOf(
  spanItems: readonly FeedbackItem[],
  mine: { spans: readonly FeedbackSpan[]; relations: readonly LayerRelationRef[] },
  gold: { spans: readonly FeedbackSpan[]; relations: readonly LayerRelationRef[] },
  decisions: readonly FeedbackDecision[],
): RelationFeedbackItem[] {
  const partner = new Map<number, number>();
  for (const item of spanItems) if (item.mine && item.gold) partner.set(item.mine.id, item.gold.id);
  const freeMine = new Set(withSpans(mine.relations, mine.spans));
  const freeGold = new Set(withSpans(gold.relations, gold.spans));
  const items: Omit<RelationFeedbackItem, 'decision'>[] = [];
  // The same type first, so a retyped pair never takes the partner of a kept one.
  for (const sameType of [true, false])
    for (const a of [...freeMine]) {
      const from = partner.get(a.from.id);
      const to = partner.get(a.to.id);
      const b = [...freeGold].find(
        (g) => g.from.id === from && g.to.id === to && (g.type === a.type) === sameType,
      );
      if (!b) continue;
      items.push({ kind: sameType ? 'kept' : 'retyped', mine: a, gold: b });
      freeMine.delete(a);
      freeGold.delete(b);
    }
  for (const a of freeMine) items.push({ kind: 'removed', mine: a, gold: null });
  for (const g of freeGold) items.push({ kind: 'added', mine: null, gold: g });
  const byKey = new Map(decisions.map((d) => [d.conflictKey, d]));
  const decisionOf = (item: (typeof items)[number]) => {
    const found = [item.mine, item.gold].flatMap((r) => (r ? [byKey.get(placeKey(r))] : []));
    const decision = found.find((d) => d !== undefined);
    return decision ? decisionView(decision) : null;
  };
  const order = (r: FeedbackRelation) => [startOf(r.from), startOf(r.to)];
  return items
    .sort((x, y) => {
      const [a, b] = [order((x.mine ?? x.gold)!), order((y.mine ?? y.gold)!)];
      return (
        a[0]! - b[0]! ||
        a[1]! - b[1]! ||
        RELATION_FEEDBACK_KINDS.indexOf(x.kind) - RELATION_FEEDBACK_KINDS.indexOf(y.kind)
      );
    })
    .map((item) => ({ ...item, decision: decisionOf(item) }));
}
