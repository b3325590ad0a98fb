/** Review progress: conflicts left per document and in the project, and each annotator against gold per label. */
import { describe, expect, it } from 'vitest';
import { tableDump } from '../store/testing';
import { reviewPerTest } from './review.testkit';

const { fixture, call, refusal } = reviewPerTest('review');

describe('review progress', () => {
  it('counts conflicts left per document and in the project as decisions are made', async () => {
    const other = fixture.store.insertDocuments(
      [
        {
          externalId: 'e',
          title: 'Calm',
          text: 'Rain fell.',
          sha256: 'e',
          source: {},
          newlinePolicy: 'none',
        },
      ],
      null,
    ).inserted[0]!.id;
    for (const who of ['ann1', 'ann2', 'ann3'])
      fixture.store.addSpan(fixture.ids[who]!, other, { label: 'Claim', start: 0, end: 10 });
    const first = await call('reviewProgress', {});
    expect(first.project).toEqual({
      documents: 2,
      withConflicts: 1,
      documentsLeft: 1,
      conflicts: 4,
      open: 4,
    });
    expect(first.documents).toEqual([
      { documentId: fixture.documentId, title: 'Kervadi', conflicts: 4, open: 4 },
    ]);
    expect(first.annotators).toEqual([]);

    const [location] = (await call('listConflicts', { kinds: ['missing'] })).conflicts;
    await call('decideConflict', { documentId: fixture.documentId, key: location!.key, outcome: 'reject' });
    const after = await call('reviewProgress', {});
    expect(after.project).toMatchObject({ conflicts: 4, open: 3, documentsLeft: 1 });
    expect(after.documents).toEqual([
      { documentId: fixture.documentId, title: 'Kervadi', conflicts: 4, open: 3 },
    ]);
  });

  it("gives each annotator's exact and partial F1 against gold per label", async () => {
    const [location] = (await call('listConflicts', { kinds: ['missing'] })).conflicts;
    await call('decideConflict', { documentId: fixture.documentId, key: location!.key, outcome: 'reject' });
    // Gold: Claim 0-57 and Figure 15-17 (count) from auto-accept; Claim 18-36 chosen by hand.
    await call('autoAccept', { k: 2 });
    const [boundary] = (await call('listConflicts', { kinds: ['boundary'] })).conflicts;
    await call('decideConflict', {
      documentId: fixture.documentId,
      key: boundary!.key,
      outcome: 'accept',
      version: 1,
    });
    const { annotators } = await call('reviewProgress', {});
    const byLabel = (name: string) =>
      Object.fromEntries(
        annotators
          .find((a) => a.annotator === name)!
          .labels.map((l) => [l.label, [l.exactF1, l.partialF1, l.gold, l.spans]]),
      );
    expect(annotators.map((a) => a.annotator)).toEqual(['ann1', 'ann2', 'ann3']);
    // ann1: Claim 0-57 and 15-36 against gold's 0-57 and 18-36: one exact (2·1/4), both partly (2·2/4).
    // Figure as gold (attribute values aside); Hedge and Location are not in gold: F1 0.
    expect(byLabel('ann1')).toMatchObject({
      Claim: [0.5, 1, 2, 2],
      Figure: [1, 1, 1, 1],
      Hedge: [0, 0, 0, 1],
      Location: [0, 0, 0, 1],
    });
    // ann2: Claim 0-57, 48-57 and 18-36: two exact and two partial of 2 gold, 3 drawn (2·2/5).
    expect(byLabel('ann2')).toMatchObject({ Claim: [0.8, 0.8, 2, 3] });
    // ann3: Claim 0-57 only: 2·1/3.
    expect(byLabel('ann3').Claim![0]).toBeCloseTo(2 / 3);
    const ann3 = annotators.find((a) => a.annotator === 'ann3')!;
    // Overall: Claim 0-57 and Figure 15-17 of 3 gold spans, 2 drawn: 2·2/5.
    expect(ann3.exactF1).toBeCloseTo(0.8);
  });

  it('is for reviewers: an annotator is refused with a sentence and nothing is written', async () => {
    fixture.user = fixture.ids.ann1!;
    const before = tableDump(fixture.path);
    expect(await refusal('reviewProgress', {})).toMatch(
      /^review progress is for reviewers and owners, and ann1 is an annotator/,
    );
    expect(tableDump(fixture.path)).toBe(before);
  });
});
