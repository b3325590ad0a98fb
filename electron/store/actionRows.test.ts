import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../core/errors';
import { describeAction } from '../core/history';
import { GOLD, type LayerRef } from '../core/layers';
import { ProjectStore } from './projectStore';
import { downgradeTo, reviewedProject, storeTracker, tableDump, thrown } from './testing';

const TEXT = 'Officials reportedly said 12 people were killed in Kervadi and in Halvik.';
const OTHER = 'Another text, in Kervadi too.';

// Since migration 13 the log keeps no index by action: an action's rows are found from one of them by
// row id (store/history.ts), which holds while the log is in action order (store/database.ts logEvent).
describe("an action's rows, found without an index by action", () => {
  let dir: string;
  let path: string;
  let store: ProjectStore;
  let ann1: number;
  let ann2: number;
  let rita: number;
  let documentId: number;
  let otherId: number;
  const stores = storeTracker();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-action-rows-'));
    path = join(dir, 'p.marginalia');
    let ids: Record<string, number>;
    ({ store, ids, documentId } = reviewedProject(path, TEXT, ['ann1', 'ann2']));
    stores.track(store);
    [ann1, ann2, rita] = [ids.ann1!, ids.ann2!, ids.rita!];
    otherId = store.insertDocuments(
      [{ externalId: 'o', title: 'Other', text: OTHER, sha256: 'o', source: {}, newlinePolicy: 'none' }],
      null,
    ).inserted[0]!.id;
  });

  afterEach(() => {
    stores.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  const reopen = () => {
    store.close();
    store = stores.track(ProjectStore.open(path));
  };
  const spans = (documentId: number, layer?: LayerRef) =>
    (layer ? store.layerSpans(documentId, layer) : store.spansOf(documentId, ann1)).map(
      (s) => `${s.label}@${s.start}-${s.end}`,
    );

  const uidOf = (name: string) =>
    store.database.connection
      .prepare<[string], string>('SELECT uid FROM annotator WHERE name = ?')
      .pluck()
      .get(name)!;

  const eventIndexes = () => {
    const db = new Database(path, { readonly: true });
    const names = db
      .prepare<[], string>(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'event' ORDER BY name",
      )
      .pluck()
      .all();
    db.close();
    return names;
  };

  /** ann1 labels both places in one action, between edits of other layers and another document. */
  function interleaved() {
    store.addSpan(ann2, documentId, { label: 'Location', start: 51, end: 58 });
    store.addSpan(rita, documentId, { label: 'Figure', start: 26, end: 28 }, GOLD);
    const both = store.addSpans(ann1, documentId, [
      { label: 'Location', start: 51, end: 58 },
      { label: 'Location', start: 66, end: 72 },
    ]);
    store.addSpan(ann1, otherId, { label: 'Location', start: 21, end: 28 });
    store.addSpan(ann2, documentId, { label: 'Claim', start: 10, end: 50 });
    store.addSpan(rita, documentId, { label: 'Location', start: 66, end: 72 }, GOLD);
    return both;
  }

  it('undo and redo take back and bring back exactly the latest action of the layer, also after reopening', () => {
    interleaved();
    store.addSpan(ann1, documentId, { label: 'Hedge', start: 10, end: 20 });
    store.addSpan(ann2, otherId, { label: 'Hedge', start: 0, end: 7 });
    const others = () => ({
      ann2: store.spansOf(documentId, ann2).length,
      gold: spans(documentId, GOLD),
      other: store.spansOf(otherId).length,
    });
    const before = others();

    store.revertAction(ann1, documentId, 'undo');
    expect(spans(documentId)).toEqual(['Location@51-58', 'Location@66-72']);
    reopen();
    const undone = store.revertAction(ann1, documentId, 'undo')!;
    expect(undone.removedSpanIds).toHaveLength(2);
    expect(spans(documentId)).toEqual([]);
    expect(others()).toEqual(before);

    reopen();
    store.revertAction(ann1, documentId, 'redo');
    expect(spans(documentId)).toEqual(['Location@51-58', 'Location@66-72']);
    // A tag after reopening is an action of its own: undo takes back it alone.
    store.addSpan(ann1, documentId, { label: 'Claim', start: 0, end: 9 });
    store.revertAction(ann1, documentId, 'undo');
    expect(spans(documentId)).toEqual(['Location@51-58', 'Location@66-72']);
    expect(others()).toEqual(before);
  });

  it("names an action's rows in the order written, as the history asks after an undo and a reopening", () => {
    const both = interleaved();
    reopen();
    store.revertAction(ann1, documentId, 'undo');
    store.addSpan(ann2, documentId, { label: 'Hedge', start: 0, end: 9 });
    const undo = store.historyOf(documentId, 200, { kind: 'annotator', annotator: uidOf('ann1') }).at(-1)!;
    expect(undo.op).toBe('undo');
    const undone = store.eventsOfAction(undo.undoes!, documentId);
    expect(undone.map((e) => [e.op, e.entityId])).toEqual(both.map((span) => ['add', span.id]));
    expect(describeAction(undone, TEXT)).toBe('added 2 × Location');
    // An action that wrote nothing in the document names none of its rows there.
    expect(store.eventsOfAction(undo.undoes!, otherId)).toEqual([]);
  });

  it('the gold layer and each annotator keep their own undo among many interleaved edits', () => {
    for (let i = 0; i < 40; i++) {
      store.addSpan(ann1, documentId, { label: 'Claim', start: i, end: i + 5 });
      store.addSpan(rita, documentId, { label: 'Hedge', start: i, end: i + 3 }, GOLD);
      store.addSpan(ann2, otherId, { label: 'Figure', start: i % 20, end: (i % 20) + 2 });
    }
    reopen();
    for (let i = 39; i >= 30; i--) {
      store.revertAction(rita, documentId, 'undo', GOLD);
      store.revertAction(ann1, documentId, 'undo');
    }
    expect(store.spansOf(documentId, ann1).map((s) => s.start)).toEqual([...Array(30).keys()]);
    expect(store.layerSpans(documentId, GOLD).map((s) => s.start)).toEqual([...Array(30).keys()]);
    expect(store.spansOf(otherId, ann2)).toHaveLength(40);
  });

  it('upgrading a project of version 12 keeps its undo, redo and history, with one index of the log by document', () => {
    interleaved();
    store.addSpan(ann1, documentId, { label: 'Hedge', start: 10, end: 20 });
    const history = store.historyOf(documentId, 200);
    store.close();
    downgradeTo(path, 12);
    expect(eventIndexes()).toEqual([
      'event_by_action',
      'event_by_annotator',
      'event_by_document',
      'event_by_layer',
      'event_merges_by_layer',
    ]);
    store = stores.track(ProjectStore.open(path));
    expect(eventIndexes()).toEqual([
      'event_by_annotator',
      'event_by_document_action',
      'event_merges_by_layer',
    ]);
    expect(store.historyOf(documentId, 200)).toEqual(history);
    store.revertAction(ann1, documentId, 'undo');
    store.revertAction(ann1, documentId, 'undo');
    expect(spans(documentId)).toEqual([]);
    store.revertAction(ann1, documentId, 'redo');
    expect(spans(documentId)).toEqual(['Location@51-58', 'Location@66-72']);
    expect(spans(documentId, GOLD)).toEqual(['Figure@26-28', 'Location@66-72']);
  });

  it('leaves a project of version 12 as it was, with its backup, when the upgrade fails midway', () => {
    interleaved();
    store.close();
    downgradeTo(path, 12);
    // An index of the name migration 13 creates, already there: it fails after dropping the others.
    const db = new Database(path);
    db.exec('CREATE INDEX event_by_document_action ON event (op)');
    db.close();
    const before = tableDump(path);
    const error = thrown(() => ProjectStore.open(path));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/^cannot upgrade .*p\.marginalia from version 12: /);
    expect(error.message).toContain(`left as it was (version 12), and a copy is in ${path}.v12.bak`);
    expect(tableDump(path)).toBe(before);
    expect(tableDump(`${path}.v12.bak`)).toBe(before);
    expect(eventIndexes()).toEqual([
      'event_by_action',
      'event_by_annotator',
      'event_by_document',
      'event_by_document_action',
      'event_by_layer',
      'event_merges_by_layer',
    ]);
  });
});
