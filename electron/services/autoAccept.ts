/**
 * Auto-accept: where at least k annotators drew the same version exactly (label, characters,
 * attribute values) and no other version has as many, that version goes to gold with a decision
 * marked auto. A place a reviewer decided by hand is never touched; one already decided by a rule is
 * left as it is, so a re-run only adds what new work brought. docs/adjudication.md, Auto-accept.
 */
import type { ApiHandlers, ApiParsedArgs } from '../contract/api';
import type { AutoAcceptCounts } from '../contract/review';
import { spanVersionKey, type DocumentConflicts, type SpanPlace } from '../core/conflicts';
import { UserError } from '../core/errors';
import type { ProjectStore } from '../store/projectStore';
import type { ProjectAccess } from './projectAccess';
import { eachDocumentPlaces } from './projectPlaces';
import type { Decision } from '../store/decisions';
import { applyDecision, decisionIndex, goldSpanOf, placeId, requireReviewer, type Place } from './review';

export type AutoAcceptRule = ApiParsedArgs<'autoAccept'>;

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
function planDocument(
  documentId: number,
  places: DocumentConflicts,
  goldKeys: ReadonlySet<string>,
  decided: ReadonlyMap<string, Decision> | null,
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

function checkRule(store: ProjectStore, rule: AutoAcceptRule): void {
  const schema = store.schema();
  const known = new Set([...schema.labels.map((l) => l.key), ...schema.relationTypes.map((t) => t.name)]);
  const unknown = [...(rule.labels ?? []), ...Object.keys(rule.perLabel ?? {})].filter((l) => !known.has(l));
  if (unknown.length)
    throw new UserError(
      `this project has no label or relation type ${[...new Set(unknown)].map((l) => `"${l}"`).join(', ')}; nothing was accepted`,
    );
}

/**
 * Counts what `rule` accepts; with `reviewerId`, also writes it, all or nothing: per document one
 * action (gold spans, relations and auto decisions), so Ctrl+Z in a document's gold layer takes
 * back that document's part. The queue's rows of the documents computed commit with it.
 */
export function autoAccept(store: ProjectStore, rule: AutoAcceptRule, reviewerId?: number): AutoAcceptCounts {
  checkRule(store, rule);
  const counts: AutoAcceptCounts = { labels: {}, relations: 0, accepted: 0, keptManual: 0 };
  const decided = decisionIndex(store);
  // Most documents have no decision yet: their places need no look-up by name.
  const decidedDocuments = new Set<number>();
  for (const d of decided.values()) decidedDocuments.add(d.documentId);
  // Made once per who-said-what line, which starts with the count of the first version.
  const reasons = new Map<string, string>();
  const reason = ({ summary, versions }: Place) => {
    let text = reasons.get(summary);
    if (text === undefined)
      reasons.set(summary, (text = `auto-accept: ${versions[0]!.annotators.length} agree (${summary})`));
    return text;
  };
  // Each document is planned and written before the next is read: a project's places held at once
  // cost more than computing them (services/projectPlaces.ts).
  const pass = () => {
    for (const doc of eachDocumentPlaces(store, { keep: reviewerId === undefined })) {
      const goldKeys = new Set(doc.goldSpans.map(spanVersionKey));
      const inDocument = decidedDocuments.has(doc.documentId) ? decided : null;
      const plan = planDocument(doc.documentId, doc.places, goldKeys, inDocument, rule, counts);
      if (plan.length && reviewerId !== undefined)
        writePlan(store, reviewerId, doc.documentId, plan, goldKeys, reason);
    }
  };
  if (reviewerId === undefined) pass();
  else store.database.actions(pass);
  return counts;
}

/**
 * One document's part as one action, so Ctrl+Z in its gold layer takes it back. Most places have
 * nothing in gold yet (as the places were read, just now): their spans and decisions are written in
 * bulk with one log row; the rest (gold holds another version, relations) go a reviewer's way.
 */
function writePlan(
  store: ProjectStore,
  reviewerId: number,
  documentId: number,
  plan: readonly Place[],
  goldKeys: ReadonlySet<string>,
  reason: (place: Place) => string,
): void {
  store.database.action(() => {
    const fresh = plan.filter(
      (p): p is SpanPlace =>
        !('from' in p) && !(goldKeys.size && p.versions.some((v) => goldKeys.has(spanVersionKey(v)))),
    );
    store.decisions.acceptInBulk(
      reviewerId,
      documentId,
      fresh.map((p) => ({
        span: goldSpanOf(p.versions[0]!),
        decision: {
          conflictKey: p.key,
          kind: p.kind ?? 'agreed',
          outcome: 'accept',
          chosen: [spanVersionKey(p.versions[0]!)],
          reason: reason(p),
        },
      })),
    );
    const bulk = new Set<Place>(fresh);
    for (const place of plan.filter((p) => !bulk.has(p)))
      applyDecision(
        store,
        reviewerId,
        place,
        { documentId, outcome: 'accept', version: 0, reason: reason(place) },
        true,
      );
  });
}

export function autoAcceptHandlers(
  access: ProjectAccess,
): Pick<ApiHandlers, 'previewAutoAccept' | 'autoAccept'> {
  return {
    previewAutoAccept: (rule) => {
      requireReviewer(access.openStore(), access.userName(), 'auto-accept');
      return autoAccept(access.openStore(), rule);
    },
    autoAccept: (rule) => {
      const { store, annotatorId } = access.annotating();
      requireReviewer(store, access.userName(), 'auto-accept');
      return autoAccept(store, rule, annotatorId);
    },
  };
}
