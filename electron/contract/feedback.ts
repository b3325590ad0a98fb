/**
 * Feedback to annotators (docs/adjudication.md, Feedback): what review changed in one annotator's
 * layer of a document against gold, each change with the reviewer's decision and reason.
 */
import { z } from 'zod';
import type { FeedbackItem, FeedbackSpan } from '../core/feedback';
import type { RelationFeedbackItem } from '../core/relationFeedback';

export const feedbackArgs = {
  /** One annotator's feedback on one document; `annotator` defaults to the local user. */
  getFeedback: z.strictObject({
    documentId: z.number().int().positive(),
    annotator: z.string().trim().min(1).max(200).optional(),
  }),
};

/** A span of the feedback with the characters it covers (pieces joined by " … "). */
export type FeedbackSpanView = FeedbackSpan & { text: string };

export interface FeedbackItemView extends Omit<FeedbackItem, 'mine' | 'gold'> {
  mine: FeedbackSpanView | null;
  gold: FeedbackSpanView | null;
}

/** A relation change, its relations' spans with their characters. */
export type RelationFeedbackItemView = RelationFeedbackItem<FeedbackSpanView>;

export interface DocumentFeedback {
  documentId: number;
  title: string;
  annotator: string;
  /** False while the document has neither gold spans nor decisions: nothing to compare with yet. */
  reviewed: boolean;
  items: FeedbackItemView[];
  /** The annotator's relations against gold's: kept, retyped, removed, added. */
  relations: RelationFeedbackItemView[];
}

export interface FeedbackResults {
  getFeedback: DocumentFeedback;
}
