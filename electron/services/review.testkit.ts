/** The review tests' document: three annotators who agree on a Claim and disagree in four kinds. */
import type { ProjectStore } from '../store/projectStore';

//                           0         1         2         3         4         5
//                           0123456789012345678901234567890123456789012345678901234
export const REVIEW_TEXT = 'Officials said 12 people were killed in Kervadi on Monday.';

/**
 * Claim 0-57: all three agree. Figure "12": ann1 and ann2 say count, ann3 other (attribute).
 * Location "Kervadi": ann1, ann2; ann3 none (missing). "on Monday": ann1 Hedge, ann2 Claim (label).
 * "people were killed": Claim 15-36 ann1, 18-36 ann2 (boundary).
 */
export function addDisagreements(store: ProjectStore, ids: Record<string, number>, documentId: number): void {
  const add = (who: string, label: string, start: number, end: number, attributes = {}) =>
    store.addSpan(ids[who]!, documentId, { label, start, end, attributes });
  for (const who of ['ann1', 'ann2', 'ann3']) add(who, 'Claim', 0, 57);
  add('ann1', 'Figure', 15, 17, { category: 'count' });
  add('ann2', 'Figure', 15, 17, { category: 'count' });
  add('ann3', 'Figure', 15, 17, { category: 'other' });
  add('ann1', 'Location', 40, 47);
  add('ann2', 'Location', 40, 47);
  add('ann1', 'Hedge', 48, 57);
  add('ann2', 'Claim', 48, 57);
  add('ann1', 'Claim', 15, 36);
  add('ann2', 'Claim', 18, 36);
}
