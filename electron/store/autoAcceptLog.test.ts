/**
 * Auto-accept's one log row per document (store/decisions.ts acceptInBulk): how much it holds, and
 * that undo and redo restore from it exactly, after a restart too, from the packed rows written now
 * and from the rows of spans and decisions as objects that earlier versions wrote.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEvent } from '../core/history';
import { GOLD } from '../core/layers';
import type { AutoAccepted } from './decisions';
import { ProjectStore } from './projectStore';
import { reviewedProject, tableDump, thrown } from './testing';

const TEXT = 'Officials said 12 people died in Kervadi, the agency said on Monday.';
const REASON = 'auto-accept: 2 agree (2 of 2: ann1, ann2)';

/** A discontinuous Claim, a Figure with an attribute value, a plain Location. */
const PLACES: AutoAccepted[] = [
  {
    span: {
      label: 'Claim',
      start: 0,
      end: 40,
      fragments: [
        { start: 0, end: 14 },
        { start: 20, end: 40 },
      ],
      origin: 'adjudicated',
    },
    decision: {
      conflictKey: 'span:0-40:Claim',
      kind: 'boundary',
      outcome: 'accept',
      chosen: ['Claim@0-14,20-40'],
      reason: REASON,
    },
  },
  {
    span: { label: 'Figure', start: 15, end: 24, attributes: { category: 'casualties' } },
    decision: {
      conflictKey: 'span:15-24:Figure',
      kind: 'attribute',
      outcome: 'accept',
      chosen: ['Figure@15-24'],
      reason: REASON,
    },
  },
  {
    span: { label: 'Location', start: 33, end: 40 },
    decision: {
      conflictKey: 'span:33-40:Location',
      kind: 'agreed',
      outcome: 'accept',
      chosen: ['Location@33-40'],
      reason: REASON,
    },
  },
];

describe("auto-accept's log row", () => {
  let dir: string;
  let path: string;
  let store: ProjectStore;
  let rita: number;
  let documentId: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-auto-accept-log-'));
    path = join(dir, 'p.marginalia');
    let ids: Record<string, number>;
    ({ store, ids, documentId } = reviewedProject(path, TEXT, ['ann1', 'ann2']));
    rita = ids.rita!;
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const restart = () => {
    store.close();
    store = ProjectStore.open(path);
  };
  const logged = () =>
    store.database.connection
      .prepare<[], { id: number; after: string }>("SELECT id, after FROM event WHERE op = 'auto-accept'")
      .get()!;
  /** Gold and the decisions as a user meets them: every field of every span and decision. */
  const state = () => ({ gold: store.layerSpans(documentId, GOLD), decisions: store.decisions.list() });

  it('holds each place in a short row, and undo and redo after a restart restore every span and decision', () => {
    expect(store.decisions.acceptInBulk(rita, documentId, PLACES)).toBe(3);
    const accepted = state();
    expect(accepted.gold.map((s) => [s.label, s.fragments, s.attributes, s.origin, s.annotator])).toEqual([
      [
        'Claim',
        [
          { start: 0, end: 14 },
          { start: 20, end: 40 },
        ],
        {},
        'adjudicated',
        'rita',
      ],
      ['Figure', [{ start: 15, end: 24 }], { category: 'casualties' }, 'adjudicated', 'rita'],
      ['Location', [{ start: 33, end: 40 }], {}, 'adjudicated', 'rita'],
    ]);
    // Each place once, what all share said once (170 bytes a place here, less in a longer row): spans
    // and decisions as objects took 450, which made 1,000 documents' auto-accept write tens of MB.
    expect(logged().after.length / PLACES.length).toBeLessThan(200);
    expect(describeEvent(store.historyOf(documentId, 1, GOLD)[0]!, TEXT)).toBe(
      'auto-accepted 3 places into gold',
    );

    restart();
    store.revertAction(rita, documentId, 'undo', GOLD);
    expect(state()).toEqual({ gold: [], decisions: [] });
    restart();
    store.revertAction(rita, documentId, 'redo', GOLD);
    // The spans come back under their ids (their stable ids are new, as for any undone delete).
    expect(state()).toEqual(accepted);
  });

  it('undoes and redoes a row written before the packed form (spans and decisions as objects)', () => {
    store.decisions.acceptInBulk(rita, documentId, PLACES);
    const accepted = state();
    // The row as earlier versions wrote it: the spans and decisions as the store read them back.
    store.database.connection
      .prepare('UPDATE event SET after = ? WHERE id = ?')
      .run(JSON.stringify({ spans: accepted.gold, decisions: accepted.decisions }), logged().id);
    restart();
    expect(describeEvent(store.historyOf(documentId, 1, GOLD)[0]!, TEXT)).toBe(
      'auto-accepted 3 places into gold',
    );
    expect(store.revertAction(rita, documentId, 'undo', GOLD)?.removedSpanIds).toEqual(
      accepted.gold.map((s) => s.id),
    );
    expect(state()).toEqual({ gold: [], decisions: [] });
    store.revertAction(rita, documentId, 'redo', GOLD);
    expect(state()).toEqual(accepted);
  });

  it('refuses in words to undo a row in a form it does not read, changing nothing', () => {
    store.decisions.acceptInBulk(rita, documentId, PLACES);
    const { id } = logged();
    store.database.connection
      .prepare('UPDATE event SET after = ? WHERE id = ?')
      .run(JSON.stringify({ format: 3, places: [] }), id);
    restart();
    const before = tableDump(path);
    const action = store.historyOf(documentId, 1, GOLD)[0]!.action;
    expect(thrown(() => store.revertAction(rita, documentId, 'undo', GOLD)).message).toBe(
      `the auto-accept of action ${action} on document ${documentId} is logged in a form this version of Marginalia does not read; nothing was undone or redone (a newer version may have written it: undo it there)`,
    );
    expect(tableDump(path)).toBe(before);
  });

  it('gives each gold span its own stable id, in the order they were written', () => {
    const from = Date.now();
    store.decisions.acceptInBulk(rita, documentId, PLACES);
    const to = Date.now();
    const uids = store.database.connection
      .prepare<[], { uid: string }>('SELECT uid FROM span WHERE gold = 1 ORDER BY id')
      .all()
      .map((r) => r.uid);
    expect(new Set(uids).size).toBe(3);
    // Version 7: the time first, so the unique index of a bulk write is appended to.
    for (const uid of uids)
      expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const uid of uids) {
      const ms = parseInt(uid.slice(0, 8) + uid.slice(9, 13), 16);
      expect(ms >= from && ms <= to).toBe(true);
    }
    const times = uids.map((uid) => uid.slice(0, 13));
    expect([...times].sort()).toEqual(times);
  });
});
