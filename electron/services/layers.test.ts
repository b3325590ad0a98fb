import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandDocument } from '../contract/compactDocument';
import { editorOf, setReviewersEditLayers } from '../store/layers';
import { ProjectStore } from '../store/projectStore';
import { reviewedProject, tableDump, thrown } from '../store/testing';
import { documentWithLayers } from './layers';

const TEXT = 'Officials said 12 people were killed in Kervadi on Tuesday.';
const GOLD = { kind: 'gold' } as const;

describe('a document with several layers', () => {
  let dir: string;
  let path: string;
  let store: ProjectStore;
  let ann1: number;
  let ann2: number;
  let rita: number;
  let documentId: number;
  const layerOf = (id: number) => ({
    kind: 'annotator' as const,
    annotator: editorOf(store.database, id).annotator,
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-layers-'));
    path = join(dir, 'p.marginalia');
    let ids: Record<string, number>;
    ({ store, ids, documentId } = reviewedProject(path, TEXT, ['ann1', 'ann2']));
    [ann1, ann2, rita] = [ids.ann1!, ids.ann2!, ids.rita!];
    store.addSpan(ann1, documentId, { label: 'Figure', start: 15, end: 24 });
    store.addSpan(ann2, documentId, { label: 'Figure', start: 15, end: 36 });
    store.addSpan(ann2, documentId, { label: 'Location', start: 40, end: 47 });
    store.addSpan(rita, documentId, { label: 'Location', start: 40, end: 47 }, GOLD);
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the editable layer and the other layers asked for in one call, each with its owner', () => {
    const view = expandDocument(
      documentWithLayers(store, ann1, { id: documentId, layers: [layerOf(ann2), GOLD] }),
    );
    expect(view.editable).toEqual(layerOf(ann1));
    expect(view.spans.map((s) => [s.annotator, s.label])).toEqual([['ann1', 'Figure']]);
    expect(view.shown.map((l) => [l.owner, l.spans.map((s) => `${s.annotator}:${s.label}`)])).toEqual([
      ['ann2', ['ann2:Figure', 'ann2:Location']],
      ['gold', ['rita:Location']],
    ]);
    expect(view.shown[1]!.spans[0]!.gold).toBe(true);
    // The picker's list: gold first, then each annotator, with span counts.
    expect(view.layers.map((l) => [l.owner, l.writers, l.spans])).toEqual([
      ['gold', ['rita'], 1],
      ['ann1', ['ann1'], 1],
      ['ann2', ['ann2'], 2],
    ]);
  });

  it('lists the user\u2019s own layer in the picker even before they tag anything', () => {
    const newcomer = store.ensureAnnotator('newcomer');
    const view = documentWithLayers(store, newcomer, { id: documentId });
    expect(expandDocument(view).spans).toEqual([]);
    expect(view.layers.at(-1)).toMatchObject({ owner: 'newcomer', spans: 0 });
  });

  it('opens gold as the editable layer for a reviewer, and refuses it to an annotator in words', () => {
    expect(
      expandDocument(documentWithLayers(store, rita, { id: documentId, editable: GOLD })).spans,
    ).toHaveLength(1);
    expect(thrown(() => documentWithLayers(store, ann1, { id: documentId, editable: GOLD })).message).toBe(
      'cannot edit that layer of "Kervadi": it belongs to the gold layer, which only reviewers edit',
    );
  });

  it('refuses a layer of an annotator the project does not have, naming the id', () => {
    const stranger = { kind: 'annotator' as const, annotator: 'not-a-uid' };
    expect(
      thrown(() => documentWithLayers(store, ann1, { id: documentId, layers: [stranger] })).message,
    ).toBe('this project has no annotator with the id not-a-uid; nothing was changed');
  });

  it('keeps annotators out of each other\u2019s layers and gold, and lets a reviewer in only where the project allows', () => {
    const ann2Span = store.layerSpans(documentId, layerOf(ann2))[0]!;
    const goldSpan = store.layerSpans(documentId, GOLD)[0]!;
    const before = tableDump(path);
    expect(thrown(() => store.deleteSpan(ann1, ann2Span.id)).message).toBe(
      `span ${ann2Span.id} belongs to another annotator`,
    );
    expect(thrown(() => store.setSpanLabel(ann1, goldSpan.id, 'Claim')).message).toBe(
      `span ${goldSpan.id} belongs to the gold layer, which only reviewers edit`,
    );
    expect(thrown(() => store.setSpanNote(rita, ann2Span.id, 'checked')).message).toMatch(
      /does not let reviewers edit annotators' layers/,
    );
    expect(tableDump(path)).toBe(before);
    setReviewersEditLayers(store.database, true, rita);
    // The span stays in ann2's layer, under ann2; the log names rita as who changed it.
    expect(store.setSpanNote(rita, ann2Span.id, 'checked')).toMatchObject({
      annotator: 'ann2',
      note: 'checked',
    });
    expect(store.eventsOf(documentId).at(-1)).toMatchObject({ op: 'note', annotator: 'rita' });
  });

  it('links spans only within one layer, and brings an undone gold deletion back into gold', () => {
    const claim = store.addSpan(rita, documentId, { label: 'Claim', start: 0, end: 47 }, GOLD);
    const figure = store.addSpan(rita, documentId, { label: 'Figure', start: 15, end: 24 });
    expect(
      thrown(() => store.addRelation(rita, { type: 'in', fromSpan: figure.id, toSpan: claim.id })).message,
    ).toBe('a relation links two spans of one layer');
    store.deleteSpan(rita, claim.id);
    store.revertAction(rita, documentId, 'undo', GOLD);
    expect(store.layerSpans(documentId, GOLD).map((s) => s.id)).toContain(claim.id);
    expect(store.spansOf(documentId, rita).map((s) => s.id)).toEqual([figure.id]);
  });

  it('links two gold spans written by different reviewers: gold is one layer, whoever wrote each span', () => {
    const sam = store.ensureAnnotator('sam');
    store.setAnnotatorRole('sam', 'reviewer', null);
    const claim = store.addSpan(rita, documentId, { label: 'Claim', start: 0, end: 47 }, GOLD);
    const figure = store.addSpan(sam, documentId, { label: 'Figure', start: 15, end: 24 }, GOLD);
    const relation = store.addRelation(sam, { type: 'in', fromSpan: figure.id, toSpan: claim.id });
    expect(store.layerRelations(documentId, GOLD).map((r) => r.id)).toEqual([relation.id]);
  });
});
