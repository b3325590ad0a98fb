/**
 * Every editing control on the editable layer: a reviewer working on gold undoes, redoes, links,
 * labels all and reads the history of gold, not of their own layer; an annotator is refused each of
 * them on gold by the one edit rule, and nothing is stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../contract/api';
import { editorOf, projectIdentity } from '../store/layers';
import { ProjectStore } from '../store/projectStore';
import { reviewedProject, tableDump } from '../store/testing';
import { annotatorHandlers } from './annotatorHandlers';
import { editorFlowHandlers } from './editorFlow';
import { apiCaller } from './handlers.testkit';
import { spanDetailHandlers } from './spanDetails';

const TEXT = 'Officials said 12 people were killed in Kervadi. Kervadi was calm on Tuesday.';
const GOLD = { kind: 'gold' } as const;

let dir: string;
let path: string;
let store: ProjectStore;
let ann1: number;
let rita: number;
let documentId: number;
/** Who the handlers act for: the local user of the app. */
let user: number;
let handlers: ApiHandlers;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-layer-edit-'));
  path = join(dir, 'p.marginalia');
  let ids: Record<string, number>;
  ({ store, ids, documentId } = reviewedProject(path, TEXT));
  [ann1, rita] = [ids.ann1!, ids.rita!];
  const annotating = () => ({ store, annotatorId: user });
  const access = {
    openStore: () => store,
    annotating,
    userName: () => editorOf(store.database, user).name,
    session: () => {
      throw new Error('not used');
    },
  };
  handlers = {
    ...editorFlowHandlers(annotating, () => store),
    ...spanDetailHandlers(annotating, access.session),
    ...annotatorHandlers(access),
  } as ApiHandlers;
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const { call, refusal } = apiCaller(() => handlers);

const spansIn = (layer: Parameters<ProjectStore['layerSpans']>[1]) =>
  store.layerSpans(documentId, layer).map((s) => `${s.label}@${s.start}-${s.end}`);
const ritaOwn = () => ({ kind: 'annotator' as const, annotator: editorOf(store.database, rita).annotator });

describe('a reviewer editing the gold layer', () => {
  beforeEach(() => {
    user = rita;
  });

  it('undoes and redoes their last gold action, not the later edit in their own layer', async () => {
    const figure = store.addSpan(rita, documentId, { label: 'Figure', start: 15, end: 24 }, GOLD);
    const claim = store.addSpan(rita, documentId, { label: 'Claim', start: 0, end: 47 }, GOLD);
    await call('addRelation', { type: 'in', fromSpan: figure.id, toSpan: claim.id });
    // Her own layer, edited after the gold link.
    store.addSpan(rita, documentId, { label: 'Location', start: 40, end: 47 });

    const undone = await call('undo', { documentId, layer: GOLD });
    expect(undone!.description).toBe('linked in');
    expect(undone!.relations).toEqual([]);
    expect(store.layerRelations(documentId, GOLD)).toEqual([]);
    expect(spansIn(ritaOwn())).toEqual(['Location@40-47']);

    await call('undo', { documentId, layer: GOLD });
    expect(spansIn(GOLD)).toEqual(['Figure@15-24']);

    const redone = await call('redo', { documentId, layer: GOLD });
    expect(redone!.spans.map((s) => [s.id, s.gold])).toEqual([[claim.id, true]]);
    const relinked = await call('redo', { documentId, layer: GOLD });
    expect(relinked!.relations).toMatchObject([{ type: 'in', fromSpan: figure.id, toSpan: claim.id }]);

    // Undo without a layer is her own layer's: the Location goes, gold stays.
    await call('undo', { documentId });
    expect(spansIn(ritaOwn())).toEqual([]);
    expect(spansIn(GOLD)).toEqual(['Claim@0-47', 'Figure@15-24']);
  });

  it('has nothing to undo in gold when only their own layer was edited', async () => {
    store.addSpan(rita, documentId, { label: 'Location', start: 40, end: 47 });
    expect(await call('undo', { documentId, layer: GOLD })).toBeNull();
    expect(spansIn(ritaOwn())).toEqual(['Location@40-47']);
  });

  it('labels all occurrences into gold, counting only gold spans as already labelled, in one undo step', async () => {
    // Her own layer already has the first Kervadi: gold does not, so both places are offered.
    store.addSpan(rita, documentId, { label: 'Location', start: 40, end: 47 });
    const args = { documentId, start: 40, end: 47, label: 'Location', layer: GOLD };
    expect((await call('previewLabelAll', args)).matches.map((m) => m.start)).toEqual([40, 49]);
    const added = await call('labelAll', args);
    expect(added.map((s) => s.gold)).toEqual([true, true]);
    expect(spansIn(GOLD)).toEqual(['Location@40-47', 'Location@49-56']);
    expect((await call('previewLabelAll', args)).alreadyLabelled).toBe(2);
    await call('undo', { documentId, layer: GOLD });
    expect(spansIn(GOLD)).toEqual([]);
    expect(spansIn(ritaOwn())).toEqual(['Location@40-47']);
  });

  it('edits attributes, notes and fragments of gold spans, and lists only gold edits in the gold history', async () => {
    const figure = store.addSpan(rita, documentId, { label: 'Figure', start: 15, end: 24 }, GOLD);
    store.addSpan(rita, documentId, { label: 'Location', start: 40, end: 47 });
    await call('setSpanNote', { spanId: figure.id, note: 'checked against the wire' });
    await call('setSpanAttribute', { spanId: figure.id, name: 'approximate', value: true });
    await call('setSpanBounds', { spanId: figure.id, end: 21 });
    expect(store.getSpan(figure.id)).toMatchObject({ gold: true, end: 21, note: 'checked against the wire' });

    const gold = await call('getHistory', { documentId, layer: GOLD });
    expect(gold.map((e) => e.description)).toEqual([
      "resized Figure '12 people' to '12 peo'",
      "changed attributes of Figure '12 people'",
      "changed the note of Figure '12 people'",
      "added Figure '12 people'",
    ]);
    const all = await call('getHistory', { documentId });
    expect(all).toHaveLength(5);
  });
});

describe('an annotator and the gold layer', () => {
  beforeEach(() => {
    user = ann1;
  });

  it('is refused undo, redo, label-all and every span edit on gold in words, and nothing is stored', async () => {
    const figure = store.addSpan(rita, documentId, { label: 'Figure', start: 15, end: 24 }, GOLD);
    const claim = store.addSpan(rita, documentId, { label: 'Claim', start: 0, end: 47 }, GOLD);
    const before = tableDump(path);
    const gold = 'belongs to the gold layer, which only reviewers edit';
    expect(await refusal('undo', { documentId, layer: GOLD })).toBe(`cannot undo there: that layer ${gold}`);
    expect(await refusal('redo', { documentId, layer: GOLD })).toBe(`cannot redo there: that layer ${gold}`);
    const labelAll = { documentId, start: 40, end: 47, label: 'Location', layer: GOLD };
    const labelAllRefusal = `cannot label all occurrences there: that layer ${gold}`;
    expect(await refusal('previewLabelAll', labelAll)).toBe(labelAllRefusal);
    expect(await refusal('labelAll', labelAll)).toBe(labelAllRefusal);
    expect(await refusal('addRelation', { type: 'in', fromSpan: figure.id, toSpan: claim.id })).toBe(
      `span ${figure.id} ${gold}`,
    );
    expect(await refusal('setSpanNote', { spanId: figure.id, note: 'mine now' })).toBe(
      `span ${figure.id} ${gold}`,
    );
    expect(await refusal('setSpanBounds', { spanId: figure.id, end: 21 })).toBe(`span ${figure.id} ${gold}`);
    expect(await refusal('setSpanAttribute', { spanId: figure.id, name: 'approximate', value: true })).toBe(
      `span ${figure.id} ${gold}`,
    );
    expect(tableDump(path)).toBe(before);
  });

  it('cannot turn on reviewers editing annotators\u2019 layers; a reviewer can, and the change is logged', async () => {
    const before = tableDump(path);
    expect(await refusal('setLayerPolicy', { reviewersEditAnnotatorLayers: true })).toBe(
      "ann1 is not a reviewer, and only reviewers (and owners) decide whether reviewers may edit annotators' layers; nothing was changed",
    );
    expect(tableDump(path)).toBe(before);

    user = rita;
    expect(await call('setLayerPolicy', { reviewersEditAnnotatorLayers: true })).toEqual({
      reviewersEditAnnotatorLayers: true,
    });
    expect(projectIdentity(store.database).policy.reviewersEditAnnotatorLayers).toBe(true);
    const logged = store.database.connection
      .prepare<[], { op: string; before: string; after: string; who: number }>(
        "SELECT op, before, after, annotator_id AS who FROM event WHERE entity = 'project'",
      )
      .all();
    expect(logged).toEqual([
      {
        op: 'policy',
        before: '{"reviewersEditAnnotatorLayers":false}',
        after: '{"reviewersEditAnnotatorLayers":true}',
        who: rita,
      },
    ]);
    // A reviewer may now undo in ann1's layer what she changed there, and only that.
    const span = store.addSpan(ann1, documentId, { label: 'Location', start: 40, end: 47 });
    await call('setSpanNote', { spanId: span.id, note: 'kept' });
    const ann1Layer = { kind: 'annotator' as const, annotator: editorOf(store.database, ann1).annotator };
    await call('undo', { documentId, layer: ann1Layer });
    expect(store.getSpan(span.id)).toMatchObject({ annotator: 'ann1', note: null });
    expect(await call('undo', { documentId, layer: ann1Layer })).toBeNull();
    expect(store.getSpan(span.id)).toBeDefined();
  });
});
