/**
 * What auto-accept does with one document's places, without the store (docs/adjudication.md,
 * Auto-accept): which places a rule accepts, and the gold spans and decisions the ones gold does not
 * hold yet become. Used by autoAccept.ts, and by the reading thread (placesThread.ts), which plans
 * the documents it compares while the writer writes the ones before.
 */
import type { ApiParsedArgs } from '../contract/api';
import type { AutoAcceptCounts } from '../contract/review';
import { spanVersionKey, type DocumentConflicts, type SpanPlace } from '../core/conflicts';
import type { Place } from '../core/queuedPlaces';
import { wordList } from '../core/wordList';
import { timeOrderedUid } from '../store/database';
import type { AutoAccepted, Decision } from '../store/decisions';
import { goldSpanOf } from './review';
import { placeId } from './reviewDecisions';

export type AutoAcceptRule = ApiParsedArgs<'autoAccept'>;

export const noCounts = (): AutoAcceptCounts => ({ labels: {}, relations: 0, accepted: 0, keptManual: 0 });

export function addCounts(into: AutoAcceptCounts, from: AutoAcceptCounts): void {
  into.relations += from.relations;
  into.accepted += from.accepted;
  into.keptManual += from.keptManual;
  for (const [label, n] of Object.entries(from.labels)) into.labels[label] = (into.labels[label] ?? 0) + n;
}

/** The version a rule accepts at a place, or null: the largest, if it reaches k and is not tied. */
function acceptedVersion(place: Place, rule: AutoAcceptRule): number | null {
  const [best, next] = place.versions;
  if (!best) return null;
  const label = 'type' in best ? best.type : best.label;
  if (rule.labels && !rule.labels.includes(label)) return null;
  const k = rule.perLabel?.[label] ?? rule.k;
  if (best.annotators.length < k || (next && next.annotators.length === best.annotators.length)) return null;
  return 0;
}

/** What the rule accepts in one document: spans first, then relations whose two spans gold will hold. */
export function planDocument(
  documentId: number,
  places: DocumentConflicts,
  goldKeys: ReadonlySet<string>,
  decided: ReadonlyMap<string, Pick<Decision, 'auto'>> | null,
  rule: AutoAcceptRule,
  counts: AutoAcceptCounts,
): Place[] {
  const plan: Place[] = [];
  // What gold will hold matters only to relations: made for a document that has some.
  const willHold = places.relations.length ? new Set(goldKeys) : null;
  const consider = (place: Place, canAccept: () => boolean) => {
    const auto = decided?.get(placeId(documentId, place.key))?.auto;
    if (auto === false) {
      counts.keptManual++;
      return;
    }
    if (auto === true || place.gold === 0 || acceptedVersion(place, rule) === null || !canAccept()) return;
    plan.push(place);
    counts.accepted++;
    if ('from' in place) counts.relations++;
    else {
      const label = place.versions[0]!.label;
      counts.labels[label] = (counts.labels[label] ?? 0) + 1;
      willHold?.add(spanVersionKey(place.versions[0]!));
    }
  };
  for (const place of places.spans) consider(place, () => true);
  for (const place of places.relations)
    consider(
      place,
      () => willHold!.has(spanVersionKey(place.from)) && willHold!.has(spanVersionKey(place.to)),
    );
  return plan;
}

/** The reason an automatic decision gives, made once per who-said-what line. */
export function reasonMaker(): (place: Place) => string {
  const reasons = new Map<string, string>();
  return ({ summary, versions }) => {
    let text = reasons.get(summary);
    if (text === undefined)
      reasons.set(summary, (text = `auto-accept: ${versions[0]!.annotators.length} agree (${summary})`));
    return text;
  };
}

/**
 * A document's plan as written: the span places gold has nothing of yet (as the places were read),
 * as gold spans and decisions to write in bulk; the rest (gold holds another version, relations)
 * to decide a reviewer's way.
 */
export function planRows(
  plan: readonly Place[],
  goldKeys: ReadonlySet<string>,
  reason: (place: Place) => string,
): { bulk: AutoAccepted[]; rest: Place[] } {
  const bulk: AutoAccepted[] = [];
  const rest: Place[] = [];
  for (const place of plan) {
    if ('from' in place || (goldKeys.size && place.versions.some((v) => goldKeys.has(spanVersionKey(v))))) {
      rest.push(place);
      continue;
    }
    const version = (place as SpanPlace).versions[0]!;
    bulk.push({
      span: goldSpanOf(version),
      decision: {
        conflictKey: place.key,
        kind: place.kind ?? 'agreed',
        outcome: 'accept',
        chosen: [spanVersionKey(version)],
        reason: reason(place),
      },
    });
  }
  return { bulk, rest };
}

/**
 * Bulk rows as they cross from the reading thread: a list per row instead of nested objects, the
 * strings they repeat (kinds, labels, reasons) named by index. The writer parsed the objects' JSON in
 * 0.16 s at 1,000 documents.
 */
export interface PackedRows {
  words: string[];
  /**
   * Conflict key, kind, label, fragment bounds (start, end, start, end…), attributes, chosen, reason,
   * and the gold span's uid, made with the row.
   */
  rows: [
    string,
    number,
    number,
    number[],
    Record<string, string | number | boolean>,
    string[],
    number,
    string,
  ][];
}

/**
 * Rows planRows made, packed: what gold spans made by planRows hold (origin adjudicated, no note),
 * with their uids made now, off the writer's thread.
 */
export function packRows(bulk: readonly AutoAccepted[]): PackedRows {
  const { words, word } = wordList();
  const rows: PackedRows['rows'] = bulk.map(({ span, decision }) => {
    const bounds: number[] = [];
    for (const f of span.fragments ?? [span]) bounds.push(f.start, f.end);
    return [
      decision.conflictKey,
      word(decision.kind),
      word(span.label),
      bounds,
      span.attributes ?? {},
      decision.chosen ?? [],
      word(decision.reason ?? ''),
      timeOrderedUid(),
    ];
  });
  return { words, rows };
}

export function unpackRows({ words, rows }: PackedRows): AutoAccepted[] {
  return rows.map(([conflictKey, kind, label, bounds, attributes, chosen, reason, uid]) => {
    const fragments: { start: number; end: number }[] = [];
    for (let i = 0; i < bounds.length; i += 2) fragments.push({ start: bounds[i]!, end: bounds[i + 1]! });
    return {
      span: {
        label: words[label]!,
        start: bounds[0]!,
        end: bounds.at(-1)!,
        ...(fragments.length > 1 ? { fragments } : {}),
        attributes,
        origin: 'adjudicated',
      },
      decision: { conflictKey, kind: words[kind]!, outcome: 'accept', chosen, reason: words[reason]! },
      uid,
    };
  });
}
