/** The auto-accept tests' project: three annotators over two articles, every place a conflict. */
import { rangeIn } from './host';
import { inKervadi as at, reviewProject } from './reviewProject';

export const HALDEN_TEXT = 'The ministry said 40 soldiers were captured near Halden.';
const inHalden = rangeIn(HALDEN_TEXT);

/**
 * ann1, ann2 and ann3 over "Kervadi" and "Halden"; rita reviews. Two of three agree exactly on
 * Hedge "said", the Claim, Location "Kervadi" (ann3: "in Kervadi"), Figure "12" as casualties (ann3:
 * captives), the relation "said" scopes the Claim, and Location "Halden"; only ann1 has Hedge
 * "reported" and Halden's Hedge "said", and "Tuesday" is Location for ann1, Claim for ann2. No place
 * has all three agreeing, so each place auto-accept takes leaves the queue (9 open, 3 at k=2 left).
 */
export function threeAnnotators(dir: string): { path: string; kervadi: number; halden: number } {
  let kervadi = 0;
  let halden = 0;
  const path = reviewProject(dir, (store, { ann1, ann2, documentId }) => {
    kervadi = documentId;
    const ann3 = store.ensureAnnotator('ann3');
    for (const a of [ann1, ann2]) {
      const hedge = store.addSpan(a, documentId, { label: 'Hedge', ...at('said') });
      const claim = store.addSpan(a, documentId, {
        label: 'Claim',
        ...at('12 people were killed in Kervadi'),
      });
      store.addRelation(a, { type: 'scopes', fromSpan: hedge.id, toSpan: claim.id });
      store.addSpan(a, documentId, { label: 'Location', ...at('Kervadi') });
    }
    store.addSpan(ann3, documentId, { label: 'Location', ...at('in Kervadi') });
    for (const [a, category] of [
      [ann1, 'casualties'],
      [ann2, 'casualties'],
      [ann3, 'captives'],
    ] as const)
      store.addSpan(a, documentId, { label: 'Figure', ...at('12'), attributes: { category } });
    store.addSpan(ann1, documentId, { label: 'Hedge', ...at('reported') });
    store.addSpan(ann1, documentId, { label: 'Location', ...at('Tuesday') });
    store.addSpan(ann2, documentId, { label: 'Claim', ...at('Tuesday') });

    const [second] = store.insertDocuments(
      [
        {
          externalId: 'h',
          title: 'Halden',
          text: HALDEN_TEXT,
          sha256: 'h',
          source: {},
          newlinePolicy: 'none',
        },
      ],
      null,
    ).inserted;
    halden = second!.id;
    for (const a of [ann2, ann3]) store.addSpan(a, halden, { label: 'Location', ...inHalden('Halden') });
    store.addSpan(ann1, halden, { label: 'Hedge', ...inHalden('said') });
  });
  return { path, kervadi, halden };
}
