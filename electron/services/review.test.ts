/**
 * Review: the conflict queue over the project, a decision written to gold with its record in one
 * undoable action, auto-accept of what k annotators agree on that never overrides a reviewer.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { GOLD } from '../core/layers';
import type { ProjectStore } from '../store/projectStore';
import { tableDump } from '../store/testing';
import { reviewPerTest } from './review.testkit';

const { fixture, call, refusal } = reviewPerTest('review');
let path: string;
let store: ProjectStore;
let ids: Record<string, number>;
let documentId: number;
beforeEach(() => void ({ path, store, ids, documentId } = fixture));
/** A second document, "Rain fell.", with no spans yet. */
const rainFell = () =>
  store.insertDocuments(
    [{ externalId: 'e', title: 'Other', text: 'Rain fell.', sha256: 'e', source: {}, newlinePolicy: 'none' }],
    null,
  ).inserted[0]!.id;
const gold = () =>
  store
    .layerSpans(documentId, GOLD)
    .map(
      (s) =>
        `${s.label}@${s.start}-${s.end}${Object.keys(s.attributes).length ? JSON.stringify(s.attributes) : ''}`,
    );
const queue = async (args: object = {}) => (await call('listConflicts', args)).conflicts;

describe('the conflict queue', () => {
  it('lists every conflict of the project typed, with who said what, agreement left out', async () => {
    const conflicts = await queue();
    expect(conflicts.map((c) => [c.kind, c.labels.join('+'), c.summary])).toEqual([
      ['boundary', 'Claim', '1 of 3: ann1; 1 of 3: ann2; ann3: none'],
      ['attribute', 'Figure', '2 of 3: ann1, ann2; 1 of 3: ann3'],
      ['missing', 'Location', '2 of 3: ann1, ann2; ann3: none'],
      ['label', 'Claim+Hedge', '1 of 3: ann2; 1 of 3: ann1; ann3: none'],
    ]);
    expect(conflicts[0]).toMatchObject({ documentId, title: 'Kervadi', decision: null, gold: null });
  });

  it('filters by kind, label and annotator, sorts by kind and pages', async () => {
    expect((await queue({ kinds: ['missing', 'label'] })).map((c) => c.kind)).toEqual(['missing', 'label']);
    expect((await queue({ labels: ['Hedge'] })).map((c) => c.kind)).toEqual(['label']);
    expect((await queue({ sort: 'kind' })).map((c) => c.kind)).toEqual([
      'boundary',
      'label',
      'attribute',
      'missing',
    ]);
    const page = await call('listConflicts', { sort: 'kind', offset: 1, limit: 2 });
    expect([page.total, page.open, page.conflicts.map((c) => c.kind)]).toEqual([
      4,
      4,
      ['label', 'attribute'],
    ]);
    expect(await refusal('listConflicts', { labels: ['Person'] })).toMatch(
      /no label or relation type "Person"/,
    );
  });

  it('follows the layers: a span added, a document marked done, an annotator made reviewer', async () => {
    expect((await queue()).map((c) => c.kind)).toContain('missing');
    store.addSpan(ids.ann3!, documentId, { label: 'Location', start: 40, end: 47 });
    expect((await queue()).map((c) => c.kind)).not.toContain('missing');
    const other = rainFell();
    store.addSpan(ids.ann1!, other, { label: 'Claim', start: 0, end: 10 });
    expect(await queue({ documents: [other] })).toEqual([]);
    store.setDocumentStatus(other, ids.ann2!, 'done');
    expect((await queue({ documents: [other] })).map((c) => c.summary)).toEqual(['1 of 2: ann1; ann2: none']);
    store.setAnnotatorRole('ann2', 'reviewer', null);
    expect(await queue({ documents: [other] })).toEqual([]);
  });

  it('is for reviewers: an annotator is refused with a sentence', async () => {
    fixture.user = ids.ann1!;
    expect(await refusal('listConflicts', {})).toMatch(/for reviewers and owners, and ann1 is an annotator/);
  });
});

describe('a decision', () => {
  it('accepts a version into gold with its reason, leaves the open queue, and undo takes both back', async () => {
    const [boundary] = await queue();
    const decided = await call('decideConflict', {
      documentId,
      key: boundary!.key,
      outcome: 'accept',
      version: 1,
      reason: 'the killing is the claim',
    });
    expect(decided).toMatchObject({
      outcome: 'accept',
      reviewer: 'rita',
      auto: false,
      chosen: ['Claim@18-36'],
    });
    expect(gold()).toEqual(['Claim@18-36']);
    expect(store.layerSpans(documentId, GOLD)[0]!.origin).toBe('adjudicated');
    expect((await queue()).map((c) => c.kind)).not.toContain('boundary');
    const all = await queue({ state: 'decided' });
    expect(all.map((c) => [c.kind, c.decision?.reason, c.gold])).toEqual([
      ['boundary', 'the killing is the claim', 1],
    ]);

    await call('undo', { documentId, layer: GOLD });
    expect(gold()).toEqual([]);
    expect(store.decisions.list()).toEqual([]);
    // The queue's decisions are cached: undo and redo must show in it at once.
    expect((await queue()).map((c) => c.kind)).toContain('boundary');
    await call('redo', { documentId, layer: GOLD });
    expect(gold()).toEqual(['Claim@18-36']);
    expect((await queue()).map((c) => c.kind)).not.toContain('boundary');
    expect(store.decisions.list().map((d) => d.reason)).toEqual(['the killing is the claim']);
  });

  it('deciding again replaces the gold version; reject leaves nothing in gold; edit writes the reviewer’s span', async () => {
    const key = (await queue({ kinds: ['label'] }))[0]!.key;
    await call('decideConflict', { documentId, key, outcome: 'accept', version: 0 });
    expect(gold()).toEqual(['Claim@48-57']);
    await call('decideConflict', { documentId, key, outcome: 'reject', reason: 'a date, not a hedge' });
    expect(gold()).toEqual([]);
    await call('decideConflict', {
      documentId,
      key,
      outcome: 'edit',
      span: { label: 'Hedge', fragments: [{ start: 51, end: 57 }] },
    });
    expect(gold()).toEqual(['Hedge@51-57']);
    expect(store.decisions.list().map((d) => [d.outcome, d.chosen])).toEqual([['edit', ['Hedge@51-57']]]);
  });

  it('an attribute conflict accepted puts the chosen values in gold', async () => {
    const key = (await queue({ kinds: ['attribute'] }))[0]!.key;
    await call('decideConflict', { documentId, key, outcome: 'accept', version: 1 });
    expect(gold()).toEqual(['Figure@15-17{"category":"other"}']);
  });

  it('refuses an annotator, an unknown conflict and a version out of range, storing nothing', async () => {
    const key = (await queue())[0]!.key;
    const before = tableDump(path);
    fixture.user = ids.ann1!;
    expect(await refusal('decideConflict', { documentId, key, outcome: 'reject' })).toMatch(
      /cannot record a decision: it belongs to the gold layer, which only reviewers edit/,
    );
    fixture.user = ids.rita!;
    expect(await refusal('decideConflict', { documentId, key: 'span:1-2:Claim', outcome: 'reject' })).toMatch(
      /has no conflict "span:1-2:Claim".*nothing was decided/,
    );
    expect(await refusal('decideConflict', { documentId, key, outcome: 'accept', version: 5 })).toMatch(
      /has 2 versions, so there is no version 6; nothing was decided/,
    );
    expect(await refusal('decideConflict', { documentId, key, outcome: 'accept' })).toMatch(
      /accept needs the number/,
    );
    expect(tableDump(path)).toBe(before);
  });

  it('a relation is decided once gold holds its two spans', async () => {
    const hedge = store.addSpan(ids.ann1!, documentId, { label: 'Hedge', start: 0, end: 9 });
    const claim = store.addSpan(ids.ann1!, documentId, { label: 'Claim', start: 10, end: 36 });
    store.addRelation(ids.ann1!, { type: 'scopes', fromSpan: hedge.id, toSpan: claim.id });
    const relation = (await queue({ kinds: ['relation'] }))[0]!;
    expect(relation.summary).toBe('1 of 3: ann1; ann2, ann3: none');
    expect(
      await refusal('decideConflict', { documentId, key: relation.key, outcome: 'accept', version: 0 }),
    ).toMatch(/not in the gold layer yet: decide them first; nothing was decided/);
    for (const c of await queue({ kinds: ['missing'], labels: ['Hedge'] }))
      await call('decideConflict', { documentId, key: c.key, outcome: 'accept', version: 0 });
    const claimKey = (await queue({ kinds: ['boundary'] })).find((c) =>
      c.versions.some((v) => v.fragments?.[0]?.start === 10),
    )!.key;
    const version = (await queue({ kinds: ['boundary'] }))
      .find((c) => c.key === claimKey)!
      .versions.findIndex((v) => v.fragments?.[0]?.start === 10);
    await call('decideConflict', { documentId, key: claimKey, outcome: 'accept', version });
    await call('decideConflict', { documentId, key: relation.key, outcome: 'accept', version: 0 });
    expect(store.layerRelations(documentId, GOLD).map((r) => r.type)).toEqual(['scopes']);
  });
});

describe('auto-accept', () => {
  it('previews the spans per label it would accept, writes them marked auto, and a re-run adds nothing', async () => {
    const preview = await call('previewAutoAccept', { k: 2 });
    expect(preview).toEqual({
      labels: { Claim: 1, Figure: 1, Location: 1 },
      relations: 0,
      accepted: 3,
      keptManual: 0,
    });
    expect(gold()).toEqual([]);
    expect(await call('autoAccept', { k: 2 })).toEqual(preview);
    expect(gold()).toEqual(['Claim@0-57', 'Figure@15-17{"category":"count"}', 'Location@40-47']);
    expect(store.decisions.list().every((d) => d.auto && d.outcome === 'accept')).toBe(true);
    expect((await call('autoAccept', { k: 2 })).accepted).toBe(0);
  });

  it("Ctrl+Z in one document's gold takes back that document's auto-accept only", async () => {
    const other = rainFell();
    for (const who of ['ann1', 'ann2'])
      store.addSpan(ids[who]!, other, { label: 'Claim', start: 0, end: 10 });
    expect((await call('autoAccept', { k: 2 })).accepted).toBe(4);
    await call('undo', { documentId: other, layer: GOLD });
    expect(store.layerSpans(other, GOLD)).toEqual([]);
    expect(store.decisions.list(other)).toEqual([]);
    expect(gold()).toEqual(['Claim@0-57', 'Figure@15-17{"category":"count"}', 'Location@40-47']);
    expect(store.decisions.list(documentId)).toHaveLength(3);
  });

  it('takes k per label and a label list', async () => {
    expect((await call('previewAutoAccept', { k: 2, perLabel: { Claim: 3, Figure: 3 } })).labels).toEqual({
      Claim: 1,
      Location: 1,
    });
    expect((await call('previewAutoAccept', { k: 2, labels: ['Location'] })).labels).toEqual({ Location: 1 });
    expect(await refusal('previewAutoAccept', { k: 2, perLabel: { Person: 1 } })).toMatch(
      /no label or relation type "Person"; nothing was accepted/,
    );
  });

  it('a re-run after a manual decision keeps the reviewer’s decision and gold', async () => {
    const location = (await queue({ kinds: ['missing'] }))[0]!;
    await call('decideConflict', {
      documentId,
      key: location.key,
      outcome: 'reject',
      reason: 'not a place here',
    });
    const counts = await call('autoAccept', { k: 2 });
    expect(counts).toMatchObject({ keptManual: 1, labels: { Claim: 1, Figure: 1 } });
    expect(gold()).not.toContain('Location@40-47');
    expect(store.decisions.get(documentId, location.key)).toMatchObject({ outcome: 'reject', auto: false });
  });
});

describe('what the review screen asks of the queue', () => {
  it('counts the open conflicts of the whole project per kind, label, document and annotator, whatever the filter', async () => {
    const other = rainFell();
    store.addSpan(ids.ann1!, other, { label: 'Claim', start: 0, end: 10 });
    store.setDocumentStatus(other, ids.ann2!, 'done');
    const [boundary] = await queue();
    await call('decideConflict', { documentId, key: boundary!.key, outcome: 'reject' });
    const { counts, conflicts } = await call('listConflicts', { kinds: ['label'] });
    expect(conflicts.map((c) => c.kind)).toEqual(['label']);
    expect(counts).toEqual({
      kinds: { attribute: 1, missing: 2, label: 1 },
      labels: { Figure: 1, Location: 1, Claim: 2, Hedge: 1 },
      documents: [
        { id: documentId, title: 'Kervadi', open: 3 },
        { id: other, title: 'Other', open: 1 },
      ],
      annotators: { ann1: 4, ann2: 4, ann3: 3 },
    });
  });

  it('an edit with the span the reviewer already drew in gold leaves that span in gold once', async () => {
    const [boundary] = await queue();
    store.addSpan(fixture.user, documentId, { label: 'Claim', start: 16, end: 36 }, GOLD);
    await call('decideConflict', {
      documentId,
      key: boundary!.key,
      outcome: 'edit',
      span: { label: 'Claim', fragments: [{ start: 16, end: 36 }] },
      reason: 'from "people"',
    });
    expect(gold()).toEqual(['Claim@16-36']);
  });

  it('an edit whose span is outside the text is refused in words, and gold and decisions stay as they were', async () => {
    const [boundary] = await queue();
    await call('decideConflict', { documentId, key: boundary!.key, outcome: 'accept', version: 0 });
    const before = tableDump(path);
    const refused = await refusal('decideConflict', {
      documentId,
      key: boundary!.key,
      outcome: 'edit',
      span: { label: 'Claim', fragments: [{ start: 40, end: 400 }] },
    });
    expect(refused).toMatch(
      /cannot put this span in gold: range 40-400 is outside the text .*nothing was decided/,
    );
    const unknown = await refusal('decideConflict', {
      documentId,
      key: boundary!.key,
      outcome: 'edit',
      span: { label: 'Person', fragments: [{ start: 16, end: 36 }] },
    });
    expect(unknown).toMatch(/Person/);
    expect(unknown).not.toMatch(/SQLITE|constraint/i);
    expect(tableDump(path)).toBe(before);
  });
});
