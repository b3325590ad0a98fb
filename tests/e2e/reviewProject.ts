/** The project the review tests start from, made directly in the store (no app needed). */
import { join } from 'node:path';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { ProjectStore } from '../../electron/store/projectStore';
import { rangeIn, tempDir } from './host';

/** The review tests' article. */
//                            0         1         2         3         4         5         6         7
//                            01234567890123456789012345678901234567890123456789012345678901234567890123456
export const KERVADI_TEXT = 'Officials said 12 people were killed in Kervadi on Tuesday, police reported.';
/** The range of a phrase of KERVADI_TEXT. */
export const inKervadi = rangeIn(KERVADI_TEXT);

/**
 * A project in `dir` with one document "Kervadi" (KERVADI_TEXT), annotators ann1 and ann2 and reviewer
 * rita; `annotate` draws the spans (and adds documents) before the store is closed. Returns its path.
 */
export function reviewProject(
  dir: string,
  annotate: (
    store: ProjectStore,
    ids: { ann1: number; ann2: number; rita: number; documentId: number },
  ) => void,
): string {
  const path = join(dir, 'review.marginalia');
  const store = ProjectStore.create(path, 'review', DEFAULT_SCHEMA);
  const ann1 = store.ensureAnnotator('ann1');
  const ann2 = store.ensureAnnotator('ann2');
  const rita = store.ensureAnnotator('rita');
  store.setAnnotatorRole('rita', 'reviewer', null);
  const [doc] = store.insertDocuments(
    [
      {
        externalId: 'k',
        title: 'Kervadi',
        text: KERVADI_TEXT,
        sha256: 'k',
        source: {},
        newlinePolicy: 'none',
      },
    ],
    null,
  ).inserted;
  try {
    annotate(store, { ann1, ann2, rita, documentId: doc!.id });
  } finally {
    store.close();
  }
  return path;
}

/** The small queue: ann1 and ann2 label "12 people" differently; only ann1 marks Kervadi. */
export function labelDisagreement(name: string): string {
  return reviewProject(tempDir(name), (store, { ann1, ann2, documentId }) => {
    store.addSpan(ann1, documentId, { label: 'Figure', ...inKervadi('12 people') });
    store.addSpan(ann2, documentId, { label: 'Claim', ...inKervadi('12 people') });
    store.addSpan(ann1, documentId, { label: 'Location', ...inKervadi('Kervadi') });
  });
}
