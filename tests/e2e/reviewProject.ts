/** The review specs' project: ann1 and ann2 label "12 people" differently; only ann1 marks Kervadi. rita reviews. */
import { join } from 'node:path';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { ProjectStore } from '../../electron/store/projectStore';
import { rangeIn, tempDir } from './host';

export const REVIEW_TEXT = 'Officials said 12 people were killed in Kervadi on Tuesday, police reported.';

export function reviewProject(name: string): string {
  const at = rangeIn(REVIEW_TEXT);
  const path = join(tempDir(name), 'review.marginalia');
  const store = ProjectStore.create(path, 'review', DEFAULT_SCHEMA);
  const ann1 = store.ensureAnnotator('ann1');
  const ann2 = store.ensureAnnotator('ann2');
  store.ensureAnnotator('rita');
  store.setAnnotatorRole('rita', 'reviewer', null);
  const [doc] = store.insertDocuments(
    [
      {
        externalId: 'k',
        title: 'Kervadi',
        text: REVIEW_TEXT,
        sha256: 'k',
        source: {},
        newlinePolicy: 'none',
      },
    ],
    null,
  ).inserted;
  store.addSpan(ann1, doc!.id, { label: 'Figure', ...at('12 people') });
  store.addSpan(ann2, doc!.id, { label: 'Claim', ...at('12 people') });
  store.addSpan(ann1, doc!.id, { label: 'Location', ...at('Kervadi') });
  store.close();
  return path;
}
