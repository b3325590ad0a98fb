/** For the feedback tests: a reviewer's decision at a place, as core/feedback.ts reads it. */
import type { FeedbackDecision } from './feedback';

/** rita's decision at `conflictKey`, by hand, at one fixed time. */
export const feedbackDecision = (
  conflictKey: string,
  reason: string,
  outcome = 'accept',
): FeedbackDecision => ({
  conflictKey,
  outcome,
  reason,
  reviewer: 'rita',
  decidedAt: '2026-12-01T10:00:00.000Z',
  auto: false,
});
