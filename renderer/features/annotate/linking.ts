/**
 * Which spans a selected span can be linked to, and with which relation types. Pure, so the
 * keyboard and the mouse paths pick targets by the same rules.
 */
import type { ProjectSchema, Relation, Span } from '../../../electron/contract/types';
import { relationTypesBetween } from '../../../electron/core/schemaRules';

/** One relation the user could create: its type and its direction. */
export interface LinkOption {
  type: string;
  from: Span;
  to: Span;
}

/**
 * The relations that could link `source` and `target`. Types going out of the source come first
 * and alone when there are any (a Hedge selected links to the Claim it scopes); otherwise the
 * types coming in (a Claim selected can still be scoped by a Hedge). Existing relations are left out.
 */
export function linkOptions(
  schema: ProjectSchema,
  relations: readonly Relation[],
  source: Span,
  target: Span,
): LinkOption[] {
  return optionsBetween(schema, existingKeys(relations), source, target);
}

const relationKey = (type: string, from: number, to: number) => `${type}\u0000${from}\u0000${to}`;
const existingKeys = (relations: readonly Relation[]) =>
  new Set(relations.map((r) => relationKey(r.type, r.fromSpan, r.toSpan)));

function optionsBetween(
  schema: ProjectSchema,
  existing: ReadonlySet<string>,
  source: Span,
  target: Span,
): LinkOption[] {
  if (source.id === target.id) return [];
  const fresh = (type: string, from: Span, to: Span) => !existing.has(relationKey(type, from.id, to.id));
  const outgoing = relationTypesBetween(schema, source.label, target.label)
    .filter((t) => fresh(t.name, source, target))
    .map((t) => ({ type: t.name, from: source, to: target }));
  if (outgoing.length > 0) return outgoing;
  return relationTypesBetween(schema, target.label, source.label)
    .filter((t) => fresh(t.name, target, source))
    .map((t) => ({ type: t.name, from: target, to: source }));
}

/**
 * Up to this many link candidates are all outlined, so a mouse user sees what can be clicked.
 * Beyond it (a Claim in a long article may reach thousands) only the current target is, since
 * each outlined span is one more decoration to redraw when linking starts and ends.
 */
export const MAX_OUTLINED_CANDIDATES = 200;

/** The spans `source` can be linked to, nearest first (a hedge usually scopes the claim beside it). */
export function linkCandidates(
  schema: ProjectSchema,
  relations: readonly Relation[],
  spans: readonly Span[],
  source: Span,
): Span[] {
  const distance = (span: Span) => Math.max(0, span.start - source.end, source.start - span.end);
  const existing = existingKeys(relations);
  return spans
    .filter((span) => optionsBetween(schema, existing, source, span).length > 0)
    .sort((a, b) => distance(a) - distance(b) || a.start - b.start || b.end - a.end);
}

/**
 * The candidate a click on `clicked` means: the span itself when it is a candidate, else the
 * shortest candidate enclosing it (a click on a Figure inside a Claim picks the Claim).
 */
export function candidateAt(candidates: readonly Span[], clicked: Span): Span | null {
  if (candidates.some((c) => c.id === clicked.id)) return clicked;
  const enclosing = candidates.filter((c) => c.start <= clicked.start && c.end >= clicked.end);
  return enclosing.sort((a, b) => a.end - a.start - (b.end - b.start))[0] ?? null;
}
