/**
 * The queue of a whole project reads its documents a page at a time (store/conflictReads.ts); one
 * document after a decision is read alone. Both must find the same places.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GOLD } from '../core/layers';
import { ProjectStore } from '../store/projectStore';
import { apiCaller } from './handlers.testkit';
import { placesOfDocument, projectPlaces } from './projectPlaces';
import {
  addDisagreements,
  closeReviewFixture,
  REVIEW_TEXT,
  reviewFixture,
  type ReviewFixture,
} from './review.testkit';

let fixture: ReviewFixture;
afterEach(() => closeReviewFixture(fixture));

/**
 * 40 documents holding `addDisagreements`, every second with a relation, every third with a
 * discontinuous span and a gold Location, every fourth marked done by ann4 (who has no span).
 */
function fortyDocuments(): number[] {
  fixture = reviewFixture('pages');
  const { store, ids } = fixture;
  const ann4 = store.ensureAnnotator('ann4');
  const documents = [fixture.documentId];
  for (let i = 1; i < 40; i++) {
    const row = { externalId: `d${i}`, title: `D${i}`, text: REVIEW_TEXT, sha256: `h${i}`, source: {} };
    const id = store.insertDocuments([{ ...row, newlinePolicy: 'none' }], null).inserted[0]!.id;
    addDisagreements(store, ids, id);
    documents.push(id);
  }
  documents.forEach((id, i) => {
    if (i % 2) {
      const hedge = store.addSpan(ids.ann1!, id, { label: 'Hedge', start: 0, end: 9 });
      const claim = store.addSpan(ids.ann1!, id, { label: 'Claim', start: 10, end: 36 });
      store.addRelation(ids.ann1!, { type: 'scopes', fromSpan: hedge.id, toSpan: claim.id });
    }
    if (i % 3 === 0) {
      const fragments = [
        { start: 0, end: 9 },
        { start: 15, end: 17 },
      ];
      store.addSpan(ids.ann2!, id, { label: 'Hedge', start: 0, end: 17, fragments });
      store.addSpan(ids.rita!, id, { label: 'Location', start: 40, end: 47 }, GOLD);
    }
    if (i % 4 === 0) store.setDocumentStatus(id, ann4, 'done');
  });
  return documents;
}

describe('the project read for the queue', () => {
  it('finds in every document, read a page at a time, the places that document has read alone', () => {
    const documents = fortyDocuments();
    const { store } = fixture;
    const paged = projectPlaces(store);
    store.close();
    fixture.store = ProjectStore.open(fixture.path);

    expect(paged.map((d) => d.documentId)).toEqual(documents);
    for (const doc of paged) expect(placesOfDocument(fixture.store, doc.documentId)).toEqual(doc.places);
    // What the pages held: relations, gold, discontinuous spans, and who marked a document done.
    const places = paged.flatMap((d) => d.places.spans);
    expect(paged.filter((d) => d.places.relations.length)).toHaveLength(20);
    expect(places.filter((p) => p.gold !== null && p.versions[0]!.label === 'Location')).toHaveLength(14);
    expect(places.filter((p) => p.versions.some((v) => v.fragments.length === 2))).toHaveLength(14);
    expect(places.filter((p) => p.none.includes('ann4')).length).toBeGreaterThan(0);
  });
});

describe('the queue kept from the places auto-accept reads', () => {
  const { call } = apiCaller(() => fixture.handlers);
  const reopen = () => {
    fixture.store.close();
    fixture.store = ProjectStore.open(fixture.path);
  };
  const pages = async () => {
    const all = [];
    for (const args of [
      {},
      { state: 'all', sort: 'kind' },
      { state: 'decided', sort: 'label' },
      { offset: 100, limit: 50 },
      { labels: ['Hedge'], annotators: ['ann4'] },
    ])
      all.push(await call('listConflicts', args));
    return all;
  };

  it('lists, in a host opened again, the pages computed from the layers alone', async () => {
    fortyDocuments();
    reopen();
    // Every document is read in bulk, and kept for the queue, before auto-accept writes gold.
    await call('autoAccept', { k: 2 });
    const kept = fixture.store.database.prepare('SELECT count(*) FROM conflict_queue').pluck().get();
    reopen();
    const fromKept = await pages();
    fixture.store.database.prepare('DELETE FROM conflict_queue').run();
    reopen();
    expect(kept).toBe(40);
    expect(await pages()).toEqual(fromKept);
    expect(fromKept[0]!.total).toBeGreaterThan(100);
  });
});
