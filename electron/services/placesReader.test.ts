import { renameSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { compareLayers, layersByPage, type ComparedDocument } from './conflictLayers';
import { comparedOnThread } from './placesReader';
import { eachDocumentPlaces } from './projectPlaces';
import { addDisagreements, REVIEW_TEXT, reviewPerTest } from './review.testkit';

const { fixture } = reviewPerTest('places-thread');

/** Three documents where the annotators disagree in every kind; the first has a relation too. */
function documents(): number[] {
  const { store, ids, documentId } = fixture;
  const more = store.insertDocuments(
    ['d2', 'd3'].map((externalId) => ({
      externalId,
      title: externalId,
      text: REVIEW_TEXT,
      sha256: externalId,
      source: {},
      newlinePolicy: 'none' as const,
    })),
    null,
  ).inserted;
  for (const { id } of more) addDisagreements(store, ids, id);
  // ann1's Figure "12" in the Claim around it.
  const ann1 = store.spansOf(documentId).filter((s) => s.annotator === 'ann1');
  const figure = ann1.find((s) => s.label === 'Figure')!;
  const claim = ann1.find((s) => s.label === 'Claim' && s.start === 0)!;
  store.addRelation(ids.ann1!, { type: 'in', fromSpan: figure.id, toSpan: claim.id });
  return [documentId, ...more.map((d) => d.id)];
}

/** The same documents compared here, on the test's own thread. */
const comparedHere = (ids: number[]): ComparedDocument[] =>
  [...layersByPage(fixture.store.database, ids)].map(([id, layers]) => compareLayers(id, layers));

describe('the reading thread', () => {
  afterEach(() => {
    delete process.env.MARGINALIA_READING_THREAD;
  });

  it('hands over every document compared exactly as this thread compares it', () => {
    const ids = documents();
    const thread = comparedOnThread(fixture.store, ids);
    expect(thread).not.toBeNull();
    // Without a rule, every document comes compared, not planned.
    const received = [...thread!] as ComparedDocument[];
    expect(received.map((d) => d.documentId)).toEqual(ids);
    expect(received).toEqual(comparedHere(ids));
    expect(received[0]!.places.relations).toHaveLength(1);
  });

  it('is not started where MARGINALIA_READING_THREAD=off', () => {
    process.env.MARGINALIA_READING_THREAD = 'off';
    expect(comparedOnThread(fixture.store, documents())).toBeNull();
  });

  it('stops when the pass stops early, and a pass after it reads the file as it is', () => {
    const ids = documents();
    for (const doc of comparedOnThread(fixture.store, ids)!) {
      expect(doc.documentId).toBe(ids[0]);
      break;
    }
    fixture.store.deleteSpan(
      fixture.ids.ann3!,
      fixture.store.spansOf(ids[1]!).find((s) => s.annotator === 'ann3')!.id,
    );
    expect([...comparedOnThread(fixture.store, ids)!]).toEqual(comparedHere(ids));
  });

  it('failing to open the file, leaves the pass to read on its own thread', () => {
    const ids = documents();
    const expected = comparedHere(ids);
    // The open connection goes on; a second one finds no file under the name.
    renameSync(fixture.path, `${fixture.path}.moved`);
    expect(() => [...comparedOnThread(fixture.store, ids)!]).toThrow(/does not exist/);
    const placed = [...eachDocumentPlaces(fixture.store, { threadFrom: 1 })];
    expect(placed.map((d) => ('places' in d ? d.places : null))).toEqual(expected.map((d) => d.places));
    renameSync(`${fixture.path}.moved`, fixture.path);
  });
});
