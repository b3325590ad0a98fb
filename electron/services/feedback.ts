/**
 * Feedback to annotators (issue 14 item 8, docs/adjudication.md "Feedback"): one annotator's layer
 * of a document against gold, by the rule of core/feedback.ts, with the decisions there. An annotator
 * sees feedback on their own layer only; reviewers and owners on anyone's. Blind annotation (which
 * documents one may open) is checked before the handler runs (projectHandlers, guardDocuments).
 */
import type { ApiHandlers } from '../contract/api';
import type { DocumentFeedback, FeedbackSpanView } from '../contract/feedback';
import { UserError } from '../core/errors';
import { feedbackOf, type FeedbackDecision, type FeedbackSpan } from '../core/feedback';
import { fragmentsText } from '../core/fragments';
import { writesGold } from '../core/layers';
import { relationFeedbackOf, type FeedbackRelation } from '../core/relationFeedback';
import type { ProjectStore } from '../store/projectStore';
import type { ProjectAccess } from './projectAccess';

/** The decisions of a document as feedback reads them (conflict key, outcome, reason, who, when). */
export const feedbackDecisions = (store: ProjectStore, documentId: number): FeedbackDecision[] =>
  store.decisions.list(documentId);

/**
 * `annotator`'s feedback on `documentId`, asked by `userName`. Refused in words for another
 * annotator's layer unless the asker writes gold, for an unknown annotator and a missing document.
 */
export function documentFeedback(
  store: ProjectStore,
  userName: string,
  documentId: number,
  annotator: string = userName,
): DocumentFeedback {
  const people = store.annotators();
  const asker = people.find((a) => a.name === userName);
  if (annotator !== userName && !(asker && writesGold(asker.role)))
    throw new UserError(
      `feedback on ${annotator}'s layer is for reviewers and owners; ${userName} sees feedback on their own layer only`,
    );
  if (!people.some((a) => a.name === annotator))
    throw new UserError(
      `no annotator "${annotator}" in this project (it has ${people.map((a) => a.name).join(', ') || 'none'})`,
    );
  const document = store.getDocument(documentId);
  if (!document) throw new UserError(`document ${documentId} does not exist`);
  const spans = store.spansOf(documentId);
  const mine = spans.filter((s) => !s.gold && s.annotator === annotator);
  const gold = spans.filter((s) => s.gold);
  const decisions = feedbackDecisions(store, documentId);
  const view = (s: FeedbackSpan | null): FeedbackSpanView | null =>
    s && {
      id: s.id,
      label: s.label,
      fragments: s.fragments,
      text: fragmentsText(document.text, s.fragments),
    };
  const reviewed = gold.length > 0 || decisions.length > 0;
  if (!reviewed) return { documentId, title: document.title, annotator, reviewed, items: [], relations: [] };
  // A relation is in the layer of its spans: each layer keeps those whose two spans it holds.
  const relations = store
    .relationsOf(documentId)
    .map((r) => ({ id: r.id, type: r.type, from: r.fromSpan, to: r.toSpan }));
  const items = feedbackOf(mine, gold, decisions);
  const relationView = (r: FeedbackRelation | null) =>
    r && { id: r.id, type: r.type, from: view(r.from)!, to: view(r.to)! };
  return {
    documentId,
    title: document.title,
    annotator,
    reviewed,
    items: items.map((item) => ({ ...item, mine: view(item.mine), gold: view(item.gold) })),
    relations: relationFeedbackOf(
      items,
      { spans: mine, relations },
      { spans: gold, relations },
      decisions,
    ).map((item) => ({ ...item, mine: relationView(item.mine), gold: relationView(item.gold) })),
  };
}

export function feedbackHandlers(access: ProjectAccess): Pick<ApiHandlers, 'getFeedback'> {
  return {
    getFeedback: ({ documentId, annotator }) =>
      documentFeedback(access.openStore(), access.userName(), documentId, annotator),
  };
}
