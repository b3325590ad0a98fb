/**
 * Undo, redo and the history list, computed from the event log. The log is append-only: an undo
 * is itself a logged action that restores the `before` snapshots of the action it reverts, and a
 * redo restores their `after` snapshots. So the stacks are a fold over the log, and they survive
 * a restart because the log does.
 */
import type { Decision } from './decisions';
import type { Relation, Span } from './spans';

/** One row of the event log, as undo and history read it. */
export interface LoggedEvent {
  /** The user action the row belongs to; all rows one transaction wrote share it. */
  action: number;
  at: string;
  annotator: string | null;
  op: string;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
  /** For rows written by undo or redo: the action they revert or re-apply. */
  undoes: number | null;
}

/**
 * Ops of span and relation rows that undo passes over: imports, and schema changes (spans of a
 * removed label cannot come back while the label is gone, so the schema action is not undone), and
 * merges of returned work packages (the annotator's own work, not the merger's edit).
 */
export const NOT_UNDONE_OPS: readonly string[] = ['import', 'schema', 'merge'];

/**
 * Rows of the log that undo and redo act on: annotation edits and adjudication decisions (undone
 * with the gold edits they made), not imports, schema or status changes.
 */
export const isUndoable = (event: Pick<LoggedEvent, 'entity' | 'op'>) =>
  (event.entity === 'span' || event.entity === 'relation' || event.entity === 'decision') &&
  !NOT_UNDONE_OPS.includes(event.op);

/**
 * The undo and redo stacks of one user in one document, from that user's undoable actions in log
 * order (top of each stack last). A new edit after undo clears the redo stack, as in every editor.
 */
export function undoStacks(actions: readonly Pick<LoggedEvent, 'action' | 'op' | 'undoes'>[]): {
  undo: number[];
  redo: number[];
} {
  const undo: number[] = [];
  const redo: number[] = [];
  for (const { op, undoes, action } of actions) {
    if (op === 'undo' && undoes !== null) {
      undo.splice(undo.lastIndexOf(undoes), 1);
      redo.push(undoes);
    } else if (op === 'redo' && undoes !== null) {
      redo.splice(redo.lastIndexOf(undoes), 1);
      undo.push(undoes);
    } else {
      undo.push(action);
      redo.length = 0;
    }
  }
  return { undo, redo };
}

/** Groups log rows by action, keeping log order. */
export function groupByAction<E extends Pick<LoggedEvent, 'action'>>(events: readonly E[]): E[][] {
  const groups = new Map<number, E[]>();
  for (const event of events) {
    const group = groups.get(event.action);
    if (group) group.push(event);
    else groups.set(event.action, [event]);
  }
  return [...groups.values()];
}

const isSpan = (value: unknown): value is Span =>
  typeof value === 'object' && value !== null && 'label' in value && 'start' in value;
const isRelation = (value: unknown): value is Relation =>
  typeof value === 'object' && value !== null && 'fromSpan' in value && 'type' in value;

const quote = (text: string) => `'${text.length > 40 ? `${text.slice(0, 39)}…` : text}'`;

/** The text a span snapshot covers, its pieces joined by " … ". */
const spanText = (span: Span, text: string) =>
  span.fragments.map((f) => text.slice(f.start, f.end)).join(' … ');

/** "Figure '12 people'": the label and text of a span snapshot. */
function spanName(span: Span, text: string): string {
  return `${span.label} ${quote(spanText(span, text))}`;
}

/** A document assigned to (or taken off) one annotator by hand, as store/team.ts logs it. */
const isAssignment = (value: unknown): value is { annotator: string; assigned: boolean } =>
  typeof value === 'object' && value !== null && 'annotator' in value && 'assigned' in value;

const isDecision = (value: unknown): value is Decision =>
  typeof value === 'object' && value !== null && 'conflictKey' in value && 'outcome' in value;

/** A document's auto-accept logged as one row (store/decisions.ts acceptInBulk). */
const isAutoAccepted = (value: unknown): value is { decisions: unknown[] } =>
  typeof value === 'object' && value !== null && 'decisions' in value && Array.isArray(value.decisions);

/** What one log row did, in words ("added Figure '12 people'", "relabelled Claim → Hedge"). */
export function describeEvent(event: Pick<LoggedEvent, 'op' | 'before' | 'after'>, text: string): string {
  const { before, after } = event;
  if (isSpan(before) && isSpan(after)) {
    if (before.label !== after.label)
      return `relabelled ${before.label} → ${after.label} ${quote(text.slice(after.start, after.end))}`;
    // A discontinuous span's start and end move when a piece is added: that is no resize.
    if (after.fragments.length > before.fragments.length)
      return `added a fragment to ${spanName(before, text)}: now ${quote(spanText(after, text))}`;
    if (after.fragments.length < before.fragments.length)
      return `removed a fragment of ${spanName(before, text)}: now ${quote(spanText(after, text))}`;
    if (JSON.stringify(before.fragments) !== JSON.stringify(after.fragments))
      return `resized ${spanName(before, text)} to ${quote(spanText(after, text))}`;
    if (before.note !== after.note) return `changed the note of ${spanName(after, text)}`;
    if (JSON.stringify(before.attributes) !== JSON.stringify(after.attributes))
      return `changed attributes of ${spanName(after, text)}`;
    return `changed ${spanName(after, text)}`;
  }
  if (isSpan(after))
    return `${event.op === 'import' ? 'imported' : event.op === 'merge' ? 'merged' : 'added'} ${spanName(after, text)}`;
  if (isSpan(before)) return `deleted ${spanName(before, text)}`;
  if (isRelation(after) && !isRelation(before)) return `linked ${after.type}`;
  if (isRelation(before) && !isRelation(after)) return `unlinked ${before.type}`;
  if (isRelation(after)) return `changed ${after.type} link`;
  if (event.op === 'rename' && typeof before === 'string' && typeof after === 'string')
    return `renamed the document ${quote(before)} → ${quote(after)}`;
  if (event.op === 'status' && typeof after === 'string')
    return `marked ${after === 'todo' ? 'to do' : after.replace('_', ' ')}`;
  if (event.op === 'auto-accept' && isAutoAccepted(after))
    return `auto-accepted ${after.decisions.length} place${after.decisions.length === 1 ? '' : 's'} into gold`;
  if (isDecision(after))
    return `${after.auto ? 'auto-' : ''}decided a ${after.kind} conflict: ${after.outcome}${after.reason ? ` (${after.reason})` : ''}`;
  if (isDecision(before)) return `withdrew the decision on a ${before.kind} conflict`;
  if ((event.op === 'assign' || event.op === 'unassign') && isAssignment(after))
    return `${after.assigned ? 'assigned to' : 'took off'} ${after.annotator}`;
  return event.op;
}

/**
 * What one action did, in words. Several rows of one kind are summed up: "added 5 × Figure
 * 'killed'" when all are alike, "imported 3 × Figure" when their texts differ, "imported 7 spans:
 * 2 × Claim, 3 × Figure, 2 × Location" when their labels do. A span deletion that took its
 * relations along is named by the span.
 */
export function describeAction(
  events: readonly Pick<LoggedEvent, 'op' | 'before' | 'after' | 'entity'>[],
  text: string,
): string {
  const spanEvents = events.filter((e) => e.entity === 'span');
  const main = spanEvents.length ? spanEvents : events;
  const first = main[0];
  if (!first) return '';
  const words = (first.op === 'schema' ? 'schema change: ' : '') + describeEvent(first, text);
  if (main.length === 1) return words;
  const verb = words.split(' ')[0]!;
  const descriptions = main.map((e) => describeEvent(e, text));
  if (!descriptions.every((d) => d.split(' ')[0] === verb)) return `${words} and ${main.length - 1} more`;
  if (descriptions.every((d) => d === descriptions[0]))
    return `${verb} ${main.length} × ${words.split(' ').slice(1).join(' ')}`;
  // Alike in kind, not in text: counted by label, in the order the labels first appear.
  const labels = new Map<string, number>();
  for (const e of main) {
    const snapshot = isSpan(e.after) ? e.after : isSpan(e.before) ? e.before : null;
    if (!snapshot) return `${words} and ${main.length - 1} more`;
    labels.set(snapshot.label, (labels.get(snapshot.label) ?? 0) + 1);
  }
  if (labels.size === 1) return `${verb} ${main.length} × ${[...labels.keys()][0]}`;
  const counts = [...labels].map(([label, n]) => `${n} × ${label}`).join(', ');
  return `${verb} ${main.length} spans: ${counts}`;
}
