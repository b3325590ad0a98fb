/**
 * Auto-accept: where at least k annotators drew the same version exactly (label, characters,
 * attribute values) and no other version has as many, that version goes to gold with a decision
 * marked auto. A place a reviewer decided by hand is never touched; one already decided by a rule is
 * left as it is, so a re-run only adds what new work brought. docs/adjudication.md, Auto-accept.
 */
import type { ApiHandlers } from '../contract/api';
import type { AutoAcceptCounts } from '../contract/review';
import { spanVersionKey } from '../core/conflicts';
import { UserError } from '../core/errors';
import type { Place } from '../core/queuedPlaces';
import type { AutoAccepted } from '../store/decisions';
import type { ProjectStore } from '../store/projectStore';
import {
  addCounts,
  noCounts,
  planDocument,
  planRows,
  reasonMaker,
  unpackRows,
  type AutoAcceptRule,
} from './autoAcceptPlan';
import type { ProjectAccess } from './projectAccess';
import { eachDocumentPlaces } from './projectPlaces';
import { applyDecision, decisionIndex, requireReviewer } from './review';

export type { AutoAcceptRule };

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
  const counts = noCounts();
  const decided = decisionIndex(store);
  // Most documents have no decision yet: their places need no look-up by name.
  const decidedDocuments = new Set<number>();
  for (const d of decided.values()) decidedDocuments.add(d.documentId);
  const reason = reasonMaker();
  // Each document is planned and written before the next is read: a project's places held at once
  // cost more than computing them (services/projectPlaces.ts). Where the reading thread compares
  // them, it also plans those with nothing decided or in gold yet, and hands over the rows.
  const plan = reviewerId === undefined ? undefined : { rule, decidedDocuments: [...decidedDocuments] };
  const pass = () => {
    for (const doc of eachDocumentPlaces(store, { keep: reviewerId === undefined, plan })) {
      if ('planned' in doc) {
        addCounts(counts, doc.planned.counts);
        const { bulk, rest } = doc.planned;
        if (bulk.rows.length || rest.length)
          writePlan(store, reviewerId!, doc.documentId, { bulk: unpackRows(bulk), rest }, reason);
        continue;
      }
      const goldKeys = new Set(doc.goldSpans.map(spanVersionKey));
      const inDocument = decidedDocuments.has(doc.documentId) ? decided : null;
      const accepted = planDocument(doc.documentId, doc.places, goldKeys, inDocument, rule, counts);
      if (accepted.length && reviewerId !== undefined)
        writePlan(store, reviewerId, doc.documentId, planRows(accepted, goldKeys, reason), reason);
    }
  };
  if (reviewerId === undefined) pass();
  else store.database.actions(pass);
  return counts;
}

/**
 * One document's part as one action, so Ctrl+Z in its gold layer takes it back: the places gold had
 * nothing of, as the places were read, in bulk with one log row (store/decisions.ts acceptInBulk);
 * the rest (gold holds another version, relations) a reviewer's way.
 */
function writePlan(
  store: ProjectStore,
  reviewerId: number,
  documentId: number,
  { bulk, rest }: { bulk: readonly AutoAccepted[]; rest: readonly Place[] },
  reason: (place: Place) => string,
): void {
  store.database.action(() => {
    store.decisions.acceptInBulk(reviewerId, documentId, bulk);
    for (const place of rest)
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
