/**
 * Feedback to an annotator (issue 14 item 8, docs/adjudication.md "Feedback"): what review made of
 * their layer of one document, against gold. Spans are paired one to one, in this order:
 *   1. same characters (every fragment) and same label: kept;
 *   2. same characters, another label: relabelled;
 *   3. same label and at least one character in common: boundary moved — the pairs with the most
 *      characters in common first, then in text order;
 * an annotator's span left without a partner was removed, a gold span left without one was added by
 * the reviewer. Each change carries the reviewer's decision at that place when there is one (its
 * reason may be empty). Pure: the service reads the layers and decisions.
 */
import { extentKey, overlap } from './conflicts';
import type { Fragment } from './spans';

export type FeedbackKind = 'kept' | 'boundary' | 'relabelled' | 'removed' | 'added';
export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['kept', 'boundary', 'relabelled', 'removed', 'added'];

/** How each kind reads, for the CLI and the panel alike. */
export const FEEDBACK_KIND_WORDS: Record<FeedbackKind, string> = {
  kept: 'kept',
  boundary: 'boundary moved',
  relabelled: 'relabelled',
  removed: 'removed',
  added: 'added by the reviewer',
};

/** A change in words: the span it was about and, for a move or a relabel, what it became. */
export function changeText<S>(
  item: { kind: FeedbackKind; mine: S | null; gold: S | null },
  show: (span: S) => string,
): string {
  if (item.kind === 'added') return show(item.gold!);
  if (item.kind === 'removed' || item.kind === 'kept') return show(item.mine!);
  return `${show(item.mine!)} → ${show(item.gold!)}`;
}

/** Who decided and why, as the CLI and the panel write it: "rita (auto): a date, not a hedge". */
export const decisionText = (d: FeedbackDecision): string =>
  `${d.reviewer}${d.auto ? ' (auto)' : ''}${d.reason ? `: ${d.reason}` : ''}`;

/** A span of either layer: its id (to select it), label key and characters. */
export interface FeedbackSpan {
  id: number;
  label: string;
  fragments: readonly Fragment[];
}

/** A decision as feedback shows it: the conflict key names its place (`span:START-END:LABELS`). */
export interface FeedbackDecision {
  conflictKey: string;
  outcome: string;
  reason: string;
  reviewer: string;
  decidedAt: string;
  auto: boolean;
}

export interface FeedbackItem {
  kind: FeedbackKind;
  /** The annotator's span; null for a span the reviewer added. */
  mine: FeedbackSpan | null;
  /** The gold span; null for a span review removed. */
  gold: FeedbackSpan | null;
  /** The decision at this place, or null (a span edited in gold by hand, or never decided). */
  decision: FeedbackDecision | null;
}

const PLACE_KEY = /^span:(\d+)-(\d+):(.+)$/;

/** A decision as an item carries it: only the fields feedback shows (a store row may hold more). */
export const decisionView = ({
  conflictKey,
  outcome,
  reason,
  reviewer,
  decidedAt,
  auto,
}: FeedbackDecision): FeedbackDecision => ({ conflictKey, outcome, reason, reviewer, decidedAt, auto });

/** The decision whose place shares the most characters with the pair and names one of its labels. */
function decisionFor(
  spans: readonly FeedbackSpan[],
  decisions: readonly FeedbackDecision[],
): FeedbackItem['decision'] {
  let best: { decision: FeedbackDecision; shared: number; width: number } | null = null;
  for (const decision of decisions) {
    const place = PLACE_KEY.exec(decision.conflictKey);
    if (!place) continue;
    const range = [{ start: Number(place[1]), end: Number(place[2]) }];
    const labels = place[3]!.split('+');
    if (!spans.some((s) => labels.includes(s.label))) continue;
    const shared = Math.max(...spans.map((s) => overlap(s.fragments, range)));
    const width = range[0]!.end - range[0]!.start;
    if (shared > 0 && (!best || shared > best.shared || (shared === best.shared && width < best.width)))
      best = { decision, shared, width };
  }
  return best && decisionView(best.decision);
}

const startOf = (s: FeedbackSpan) => s.fragments[0]?.start ?? 0;

/** What review changed in `mine` (one annotator's layer of a document) against `gold`, in text order. */
export function feedbackOf(
  mine: readonly FeedbackSpan[],
  gold: readonly FeedbackSpan[],
  decisions: readonly FeedbackDecision[],
): FeedbackItem[] {
  const pairs: { kind: FeedbackKind; mine: FeedbackSpan | null; gold: FeedbackSpan | null }[] = [];
  const freeMine = new Set(mine);
  const freeGold = new Set(gold);
  const pair = (kind: FeedbackKind, a: FeedbackSpan, b: FeedbackSpan) => {
    pairs.push({ kind, mine: a, gold: b });
    freeMine.delete(a);
    freeGold.delete(b);
  };
  // 1 and 2: same characters, the same label before another.
  for (const sameLabel of [true, false])
    for (const a of [...freeMine]) {
      const b = [...freeGold].find(
        (g) => extentKey(g.fragments) === extentKey(a.fragments) && (g.label === a.label) === sameLabel,
      );
      if (b) pair(sameLabel ? 'kept' : 'relabelled', a, b);
    }
  // 3: overlapping spans of one label, the largest overlap first.
  const candidates = [...freeMine].flatMap((a) =>
    [...freeGold]
      .filter((g) => g.label === a.label && overlap(a.fragments, g.fragments) > 0)
      .map((g) => ({ a, g, shared: overlap(a.fragments, g.fragments) })),
  );
  candidates.sort(
    (x, y) => y.shared - x.shared || startOf(x.a) - startOf(y.a) || startOf(x.g) - startOf(y.g),
  );
  for (const { a, g } of candidates) if (freeMine.has(a) && freeGold.has(g)) pair('boundary', a, g);
  for (const a of freeMine) pairs.push({ kind: 'removed', mine: a, gold: null });
  for (const g of freeGold) pairs.push({ kind: 'added', mine: null, gold: g });
  const position = (p: (typeof pairs)[number]) => startOf((p.mine ?? p.gold)!);
  return pairs
    .sort(
      (x, y) => position(x) - position(y) || FEEDBACK_KINDS.indexOf(x.kind) - FEEDBACK_KINDS.indexOf(y.kind),
    )
    .map((p) => ({
      ...p,
      decision: decisionFor(
        [p.mine, p.gold].filter((s): s is FeedbackSpan => s !== null),
        decisions,
      ),
    }));
}
