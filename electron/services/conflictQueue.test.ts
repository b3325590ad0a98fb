/**
 * The queue's conflicts kept in the project file (migration 11): written when they are computed,
 * read by a host that opens the project again, and never trusted once an annotator's layer changed.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CorpusSpan } from '../core/formats/model';
import { layersChangedSince } from '../store/conflictQueue';
import { ProjectStore } from '../store/projectStore';
import { downgradeTo, fileHash } from '../store/testing';
import { currentQueueMark } from './conflictQueue';
import { QUEUE_PAGE } from '../contract/types';
import { listConflicts, readQueueAhead } from './review';
import { apiCaller } from './handlers.testkit';
import { writePackage } from './packages';
import { closeReviewFixture, REVIEW_TEXT, reviewFixture, type ReviewFixture } from './review.testkit';

let fixture: ReviewFixture;
beforeEach(() => {
  fixture = reviewFixture('queue');
});
afterEach(() => closeReviewFixture(fixture));

const { call } = apiCaller(() => fixture.handlers);
const listed = async (args: object = {}) => (await call('listConflicts', args)).conflicts;
const keys = async () => (await listed()).map((c) => `${c.kind} ${c.key}`);
/** As a host started again on the project: nothing of the queue in memory. */
const reopen = () => {
  fixture.store.close();
  fixture.store = ProjectStore.open(fixture.path);
};
/** As a host started again for `user`, whose open reads the queue ahead (services/review.ts). */
const reopenReadingAhead = (user: string) => {
  reopen();
  return readQueueAhead(fixture.store, user);
};
const keptRows = () =>
  fixture.store.database
    .prepare<[], { documentId: number; conflicts: string }>(
      'SELECT document_id AS documentId, conflicts FROM conflict_queue',
    )
    .all();

const BEFORE = [
  'boundary span:15-36:Claim',
  'attribute span:15-17:Figure',
  'missing span:40-47:Location',
  'label span:48-57:Claim+Hedge',
];

describe('the conflict queue kept in the project file', () => {
  it("does not travel in an annotator's work package (it names every annotator's versions)", async () => {
    await keys();
    const target = join(fixture.dir, 'ann3.marginalia');
    writePackage(fixture.store, 'ann3', target, 'rita');
    const db = new Database(target, { readonly: true });
    const kept = db.prepare(
      'SELECT (SELECT count(*) FROM conflict_queue) + (SELECT count(*) FROM conflict_queue_mark)',
    );
    expect(kept.pluck().get()).toBe(0);
    db.close();
    // The project itself keeps them.
    expect(keptRows()).toHaveLength(1);
  });

  it('is written when the queue is read, and a host opening the project again lists the same page', async () => {
    const first = await call('listConflicts', {});
    expect(keptRows().map((r) => r.documentId)).toEqual([fixture.documentId]);
    reopen();
    expect(await call('listConflicts', {})).toEqual(first);
    expect(first.conflicts.map((c) => `${c.kind} ${c.key}`)).toEqual(BEFORE);
  });

  it("stays current through auto-accept's gold and decisions, and the page marks what gold now holds", async () => {
    await keys();
    const mark = currentQueueMark(fixture.store.database);
    await call('autoAccept', { k: 2 });
    // Auto-accept's writes (gold spans, decisions) leave the annotators' layers as they were.
    expect(layersChangedSince(fixture.store.database, mark)).toEqual([]);
    reopen();
    const page = await listed({ state: 'all' });
    // The count version of Figure and ann1's and ann2's Location went to gold; the ties did not.
    expect(page.map((c) => [c.key, c.gold, c.decision?.auto ?? null])).toEqual([
      ['span:15-36:Claim', null, null],
      ['span:15-17:Figure', 0, true],
      ['span:40-47:Location', 0, true],
      ['span:48-57:Claim+Hedge', null, null],
    ]);
    // The same as computed from the layers alone.
    fixture.store.database.prepare('DELETE FROM conflict_queue').run();
    reopen();
    expect(await listed({ state: 'all' })).toEqual(page);
  });

  it('is written by an auto-accept run before the queue was ever read, with its gold and decisions', async () => {
    expect(keptRows()).toEqual([]);
    await call('autoAccept', { k: 2 });
    // Kept with the accepted gold: a host started again lists the queue from them.
    expect(keptRows().map((r) => r.documentId)).toEqual([fixture.documentId]);
    reopen();
    const page = await listed({ state: 'all' });
    expect(page.map((c) => [c.key, c.gold])).toEqual([
      ['span:15-36:Claim', null],
      ['span:15-17:Figure', 0],
      ['span:40-47:Location', 0],
      ['span:48-57:Claim+Hedge', null],
    ]);
    fixture.store.database.prepare('DELETE FROM conflict_queue').run();
    reopen();
    expect(await listed({ state: 'all' })).toEqual(page);
  });

  it('stays current when documents are assigned or the team policy changes (statuses stay)', async () => {
    await keys();
    const db = fixture.store.database;
    const mark = currentQueueMark(db);
    const { ann3, rita } = fixture.ids;
    fixture.store.team.setAssigned(fixture.documentId, ann3!, true, rita!);
    fixture.store.team.unassign(null, [ann3!], rita!);
    fixture.store.team.setPolicy({ annotatorsSeeOthers: true }, rita!);
    expect(currentQueueMark(db).project).toBe(mark.project);
    expect(layersChangedSince(db, mark)).toEqual([]);
    expect(await keys()).toEqual(BEFORE);
  });

  it('keeps, after a cold open, the row it computed again for a document changed since', async () => {
    await keys();
    drawLocation();
    reopen();
    await keys();
    await new Promise((done) => setImmediate(done));
    const [row] = keptRows();
    expect(row?.documentId).toBe(fixture.documentId);
    expect(row?.conflicts).not.toContain('span:40-47:Location');
  });

  it('lists the queue of a project opened read only, which refuses the rows and stays as it was', async () => {
    await keys();
    drawLocation();
    const rows = keptRows();
    fixture.store.close();
    const before = fileHash(fixture.path);
    fixture.store = ProjectStore.open(fixture.path, { readOnly: true });
    // The kept row is stale (ann3 drew the Location since): computed again, and not written.
    expect(await keys()).toEqual(BEFORE.filter((k) => !k.startsWith('missing')));
    // Nor is the mark, after the answer.
    await new Promise((done) => setImmediate(done));
    expect(keptRows()).toEqual(rows);
    fixture.store.close();
    expect(fileHash(fixture.path)).toBe(before);
    fixture.store = ProjectStore.open(fixture.path);
  });

  it('gives the progress figures of a reopened project from the kept queue, as from the layers', async () => {
    await call('autoAccept', { k: 2 });
    reopen();
    const kept = await call('reviewProgress', {});
    fixture.store.database.prepare('DELETE FROM conflict_queue').run();
    reopen();
    expect(await call('reviewProgress', {})).toEqual(kept);
    expect(kept.project).toMatchObject({ conflicts: 4, open: 2 });
  });

  it('is filled in a project file of version 10, which opens with it empty', async () => {
    fixture.store.close();
    downgradeTo(fixture.path, 10);
    fixture.store = ProjectStore.open(fixture.path);
    expect(keptRows()).toEqual([]);
    expect(await keys()).toEqual(BEFORE);
    expect(keptRows()).toHaveLength(1);
  });

  it('computes again a kept row it cannot read, and writes it anew', async () => {
    await keys();
    fixture.store.database.prepare("UPDATE conflict_queue SET conflicts = '{', places = '['").run();
    reopen();
    expect(await keys()).toEqual(BEFORE);
    expect(JSON.parse(keptRows()[0]!.conflicts)).toMatchObject({
      title: 'Kervadi',
      annotators: ['ann1', 'ann2', 'ann3'],
    });
    fixture.store.database.prepare("UPDATE conflict_queue SET places = 'null'").run();
    reopen();
    expect((await listed()).map((c) => c.summary)).toEqual([
      '1 of 3: ann1; 1 of 3: ann2; ann3: none',
      '2 of 3: ann1, ann2; 1 of 3: ann3',
      '2 of 3: ann1, ann2; ann3: none',
      '1 of 3: ann2; 1 of 3: ann1; ann3: none',
    ]);
  });
});

describe('the queue read ahead as a project opens', () => {
  /** The kept row made unreadable: a queue read that goes to the file computes it again and rewrites it. */
  const spoilKeptRow = () =>
    fixture.store.database.prepare("UPDATE conflict_queue SET conflicts = '{', places = '['").run();

  it("is in memory for a reviewer's first queue read, which reads nothing of it from the file", async () => {
    await keys();
    await reopenReadingAhead('rita');
    spoilKeptRow();
    expect(await keys()).toEqual(BEFORE);
    expect(keptRows()[0]!.conflicts).toBe('{');
  });

  it('is not read for an annotator, nor where review has not begun (nothing kept)', async () => {
    await keys();
    await reopenReadingAhead('ann1');
    spoilKeptRow();
    expect(await keys()).toEqual(BEFORE);
    expect(JSON.parse(keptRows()[0]!.conflicts)).toMatchObject({ annotators: ['ann1', 'ann2', 'ann3'] });

    fixture.store.database.prepare('DELETE FROM conflict_queue_mark').run();
    fixture.store.database.prepare('DELETE FROM conflict_queue').run();
    await reopenReadingAhead('rita');
    expect(keptRows()).toEqual([]);
  });

  it('is left to the first queue read once the kept queue went stale project-wide (a role changed)', async () => {
    await keys();
    fixture.store.setAnnotatorRole('ann3', 'reviewer', fixture.ids.rita!);
    await reopenReadingAhead('rita');
    spoilKeptRow();
    await keys();
    expect(JSON.parse(keptRows()[0]!.conflicts)).toMatchObject({ title: 'Kervadi' });
  });

  it('stops when the project closes before its turn', async () => {
    await keys();
    reopen();
    const reading = readQueueAhead(fixture.store, 'rita');
    fixture.store.close();
    await expect(reading).resolves.toBeUndefined();
    fixture.store = ProjectStore.open(fixture.path);
  });
});

describe('the page listed last', () => {
  const page = (args: object = {}) => call('listConflicts', args);

  it('is given again while nothing changed, not built again', async () => {
    const first = await page();
    expect(await page()).toBe(first);
  });

  it('is the page read ahead as the project opens, when the Review button asks for it', async () => {
    await keys();
    await reopenReadingAhead('rita');
    // What ReviewView asks for first (reviewKeys.ts queueArgs with no filter, as its test pins down),
    // against what was read ahead: the same page, built once.
    const asked = await page({ sort: 'document', limit: QUEUE_PAGE });
    expect(
      listConflicts(fixture.store, { state: 'open', sort: 'document', offset: 0, limit: QUEUE_PAGE }),
    ).toBe(asked);
  });

  it('is built again after a decision, an annotator\u2019s edit, or for other filters', async () => {
    const first = await page();
    const { documentId, key } = first.conflicts[0]!;
    await call('decideConflict', { documentId, key, outcome: 'reject', reason: 'not a claim' });
    const decided = await page();
    expect(decided).not.toBe(first);
    expect(decided.conflicts.map((c) => c.key)).not.toContain(key);
    drawLocation();
    expect((await page()).conflicts.map((c) => c.key)).not.toContain('span:40-47:Location');
    expect((await page({ kinds: ['label'] })).conflicts.map((c) => c.kind)).toEqual(['label']);
    expect((await page({ state: 'decided' })).conflicts.map((c) => c.key)).toEqual([key]);
  });
});

/** A change to the annotators' layers, and the queue it leaves (by kind and key). */
const changes: [string, () => unknown, string[]][] = [
  ['an annotator draws a span', () => drawLocation(), BEFORE.filter((k) => !k.startsWith('missing'))],
  [
    'an annotator undoes it',
    async () => {
      drawLocation();
      // The queue of the drawn span is read (and kept) before the undo.
      expect(await keys()).not.toContain('missing span:40-47:Location');
      fixture.store.revertAction(fixture.ids.ann3!, fixture.documentId, 'undo');
    },
    BEFORE,
  ],
  [
    'an import adds it',
    () => {
      const span: CorpusSpan = {
        key: 'k',
        label: 'Location',
        fragments: [{ start: 40, end: 47 }],
        annotator: 'ann3',
        attributes: {},
        note: null,
        origin: 'imported',
      };
      fixture.store.importBatch({
        importerId: null,
        newLabels: [],
        newRelationTypes: [],
        documents: [
          {
            document: {
              externalId: 'd',
              title: 'Kervadi',
              text: REVIEW_TEXT,
              sha256: 'h',
              source: {},
              newlinePolicy: 'none',
            },
            status: 'in_progress',
            spans: [span],
            relations: [],
          },
        ],
      });
    },
    BEFORE.filter((k) => !k.startsWith('missing')),
  ],
  [
    'a schema change renames an attribute',
    () => {
      const next = structuredClone(fixture.store.schema());
      next.labels.find((l) => l.key === 'Figure')!.attributes.find((a) => a.name === 'category')!.name =
        'kind';
      fixture.store.replaceSchema(fixture.ids.rita!, next, {
        attributes: [{ label: 'Figure', from: 'category', to: 'kind' }],
        relationTypes: [],
      });
    },
    BEFORE,
  ],
  [
    'an annotator with no span marks the document done',
    () => fixture.store.setDocumentStatus(fixture.documentId, fixture.store.ensureAnnotator('ann4'), 'done'),
    // ann4 said "none" everywhere: the Claim all three drew is missing from ann4 now.
    ['missing span:0-57:Claim', ...BEFORE],
  ],
  [
    'an annotator links two spans',
    () => {
      const spans = fixture.store.spansOf(fixture.documentId).filter((s) => s.annotator === 'ann1');
      const span = (label: string, start: number) =>
        spans.find((s) => s.label === label && s.start === start)!;
      fixture.store.addRelation(fixture.ids.ann1!, {
        type: 'scopes',
        fromSpan: span('Hedge', 48).id,
        toSpan: span('Claim', 0).id,
      });
    },
    [...BEFORE, 'relation rel:Hedge@48-57>Claim@0-57'],
  ],
];

function drawLocation() {
  fixture.store.addSpan(fixture.ids.ann3!, fixture.documentId, { label: 'Location', start: 40, end: 47 });
}

describe.each([
  ['in the same session', () => {}],
  ['after the project is opened again', reopen],
])('the conflict queue, %s, after', (_, between) => {
  it.each(changes)('%s, shows the conflicts of the layers as they are', async (_, change, expected) => {
    fixture.store.ensureAnnotator('ann4');
    expect(await keys()).toEqual(BEFORE);
    await change();
    between();
    expect(await keys()).toEqual(expected);
  });

  it('renaming an annotator shows the new name in who said what and in the counts', async () => {
    expect((await listed())[2]!.summary).toBe('2 of 3: ann1, ann2; ann3: none');
    fixture.store.renameAnnotator(fixture.ids.ann3!, 'carol');
    between();
    const page = await call('listConflicts', {});
    expect(page.conflicts[2]!.summary).toBe('2 of 3: ann1, ann2; carol: none');
    expect(Object.keys(page.counts.annotators).sort()).toEqual(['ann1', 'ann2', 'carol']);
  });

  it('a new title shows in the queue and in its counts', async () => {
    await keys();
    fixture.store.renameDocument(fixture.documentId, fixture.ids.rita!, 'Kervadi floods');
    between();
    const page = await call('listConflicts', {});
    expect(page.conflicts.map((c) => c.title)).toEqual(Array(4).fill('Kervadi floods'));
    expect(page.counts.documents).toEqual([{ id: fixture.documentId, title: 'Kervadi floods', open: 4 }]);
  });

  it("making an annotator a reviewer no longer counts their done as everyone's none", async () => {
    fixture.store.setDocumentStatus(fixture.documentId, fixture.store.ensureAnnotator('ann4'), 'done');
    expect(await keys()).toEqual(['missing span:0-57:Claim', ...BEFORE]);
    fixture.store.setAnnotatorRole('ann4', 'reviewer', null);
    between();
    expect(await keys()).toEqual(BEFORE);
  });
});

it('a schema change shows the renamed attribute in the versions kept for the page', async () => {
  await keys();
  const [, rename] = changes.find(([name]) => name.startsWith('a schema change'))!;
  rename();
  reopen();
  const attribute = (await listed()).find((c) => c.kind === 'attribute')!;
  // "count" is not a category of the default schema: the change drops it, and keeps "other".
  expect(attribute.versions.map((v) => v.attributes)).toEqual([{}, { kind: 'other' }]);
  const db = new Database(fixture.path, { readonly: true });
  const kept = db.prepare<[], { places: string }>('SELECT places FROM conflict_queue').get()!.places;
  db.close();
  expect(kept).toContain('{"kind":"other"}');
});
