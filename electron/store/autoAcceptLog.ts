/**
 * The one event row of a document's auto-accept (op `auto-accept`, store/decisions.ts acceptInBulk):
 * what undo and redo restore, packed. Each span and decision is a tuple; the strings they repeat
 * (labels, kinds, outcomes, origins, reasons) are listed once and named by index; what all share
 * (the document, the reviewer who is also the spans' annotator, the time) is said once. Spans and
 * decisions as objects, the first form (still read: files hold it), made 1,000 documents' auto-accept
 * write tens of MB of log.
 */
import { UserError } from '../core/errors';
import { wordList } from '../core/wordList';
import type { Decision } from '../core/decisions';
import type { Fragment, Span, SpanOrigin } from '../core/spans';

export const AUTO_ACCEPT_OP = 'auto-accept';

/** What an auto-accept row wrote: the gold spans and decisions, as the store reads them. */
export interface AcceptedInBulk {
  spans: Span[];
  decisions: Decision[];
}

/** id, label, start, end, fragments (null: continuous), attributes, note, origin; strings by index. */
type PackedSpan = [
  number,
  number,
  number,
  number,
  Fragment[] | null,
  Span['attributes'],
  string | null,
  number,
];
/** id, conflict key, kind, outcome, chosen, reason; kind, outcome and reason by index. */
type PackedDecision = [number, string, number, number, string[], number];

interface PackedAccepted {
  format: 2;
  reviewer: string;
  at: string;
  words: string[];
  spans: PackedSpan[];
  decisions: PackedDecision[];
}

type LoggedSpan = Pick<Span, 'id' | 'label' | 'start' | 'end' | 'attributes' | 'note' | 'origin'> & {
  fragments: Fragment[] | null;
};
type LoggedDecision = Pick<Decision, 'id' | 'conflictKey' | 'kind' | 'outcome' | 'chosen' | 'reason'>;

/** Collects one document's accepted spans and decisions, in the order written, for its event row. */
export class AutoAcceptLog {
  private readonly list = wordList();
  private readonly spans: PackedSpan[] = [];
  private readonly decisions: PackedDecision[] = [];

  constructor(
    private readonly reviewer: string,
    private readonly at: string,
  ) {}

  get size(): number {
    return this.decisions.length;
  }

  add(span: LoggedSpan, decision: LoggedDecision): void {
    const { id, start, end, fragments, attributes, note } = span;
    this.spans.push([
      id,
      this.list.word(span.label),
      start,
      end,
      fragments,
      attributes,
      note,
      this.list.word(span.origin),
    ]);
    const { conflictKey, chosen } = decision;
    const [kind, outcome, reason] = [
      this.list.word(decision.kind),
      this.list.word(decision.outcome),
      this.list.word(decision.reason),
    ];
    this.decisions.push([decision.id, conflictKey, kind, outcome, chosen, reason]);
  }

  packed(): PackedAccepted {
    const { reviewer, at, spans, decisions } = this;
    return { format: 2, reviewer, at, words: this.list.words, spans, decisions };
  }
}

/**
 * The spans and decisions the auto-accept row of `action` on `documentId` wrote, from either form.
 * Any other shape (a newer version's) is refused in words, before undo or redo changes anything.
 */
export function acceptedInBulk(after: unknown, documentId: number, action: number): AcceptedInBulk {
  const row = after as Partial<PackedAccepted> | undefined;
  if (!Array.isArray(row?.spans) || !Array.isArray(row.decisions) || (row.format ?? 2) !== 2)
    throw new UserError(
      `the auto-accept of action ${action} on document ${documentId} is logged in a form this version of Marginalia does not read; nothing was undone or redone (a newer version may have written it: undo it there)`,
    );
  if (row.format === undefined) return row as unknown as AcceptedInBulk;
  const { reviewer, at, words } = row as PackedAccepted;
  return {
    spans: row.spans.map(([id, label, start, end, fragments, attributes, note, origin]) => ({
      id,
      documentId,
      annotator: reviewer,
      label: words[label]!,
      start,
      end,
      fragments: fragments ?? [{ start, end }],
      attributes,
      note,
      origin: words[origin] as SpanOrigin,
      gold: true,
    })),
    decisions: row.decisions.map(([id, conflictKey, kind, outcome, chosen, reason]) => ({
      id,
      documentId,
      conflictKey,
      kind: words[kind]!,
      outcome: words[outcome]!,
      chosen,
      reason: words[reason]!,
      reviewer,
      decidedAt: at,
      auto: true,
    })),
  };
}
