import { describe, expect, it } from 'vitest';
import type { DocumentView, LayerView } from '../../../electron/contract/types';
import type { Span } from '../../../electron/core/spans';
import { editedGoldSpan, mergeIdentical, namesOf, reviewDocument } from './reviewLayers';

let nextId = 1;
const span = (annotator: string, label: string, start: number, end: number, attributes = {}): Span => ({
  id: nextId++,
  documentId: 1,
  annotator,
  label,
  start,
  end,
  fragments: [{ start, end }],
  attributes,
  note: null,
  origin: 'manual',
});
const layer = (owner: string, spans: Span[]): LayerView => ({
  ref: { kind: 'annotator', annotator: owner },
  owner,
  spans,
  relations: [],
});
const drawn = (layers: LayerView[]) =>
  layers.map((l) => [l.owner, l.spans.map((s) => `${s.label}@${s.start}-${s.end}`)]);

describe('the merged review layers', () => {
  it('draws a span both annotators drew identically once, named for both; the rest under each', () => {
    const merged = mergeIdentical([
      layer('ann1', [
        span('ann1', 'Claim', 0, 10),
        span('ann1', 'Figure', 15, 17),
        span('ann1', 'Hedge', 20, 25),
      ]),
      layer('ann2', [
        span('ann2', 'Claim', 0, 10),
        span('ann2', 'Figure', 14, 17),
        span('ann2', 'Claim', 20, 25),
      ]),
    ]);
    expect(drawn(merged)).toEqual([
      ['ann1', ['Figure@15-17', 'Hedge@20-25']],
      ['ann2', ['Figure@14-17', 'Claim@20-25']],
      ['ann1 and ann2', ['Claim@0-10']],
    ]);
  });

  it('keeps spans with other attribute values apart, and an annotator’s own duplicate counts once', () => {
    const merged = mergeIdentical([
      layer('ann1', [span('ann1', 'Figure', 0, 2, { category: 'count' }), span('ann1', 'Claim', 3, 9)]),
      layer('ann2', [span('ann2', 'Figure', 0, 2, { category: 'money' })]),
      layer('ann3', [
        span('ann3', 'Figure', 0, 2, { category: 'count' }),
        span('ann3', 'Claim', 3, 9),
        span('ann3', 'Claim', 3, 9),
      ]),
    ]);
    expect(drawn(merged)).toEqual([
      ['ann2', ['Figure@0-2']],
      ['ann1 and ann3', ['Figure@0-2', 'Claim@3-9']],
    ]);
  });

  it('gives each group its own line style in the review document, gold being the edited layer', () => {
    const document = {
      editable: { kind: 'gold' },
      shown: [
        layer('ann1', [span('ann1', 'Claim', 0, 4), span('ann1', 'Hedge', 5, 9)]),
        layer('ann2', [span('ann2', 'Claim', 0, 4), span('ann2', 'Figure', 5, 9)]),
      ],
      layers: [],
    } as unknown as DocumentView;
    const review = reviewDocument(document);
    // LayerPicker's layerSlot gives annotator layers their line style by place in `layers`.
    expect(review.layers.map((l) => [l.owner, l.ref])).toEqual(review.shown.map((l) => [l.owner, l.ref]));
    expect(review.shown.map((l) => l.owner)).toEqual(['ann1', 'ann2', 'ann1 and ann2']);
  });

  it('names a group as it is read', () => {
    expect([namesOf(['a']), namesOf(['a', 'b']), namesOf(['a', 'b', 'c'])]).toEqual([
      'a',
      'a and b',
      'a, b and c',
    ]);
  });
});

describe('the gold span an edit made', () => {
  const sentence = span('rita', 'Claim', 0, 47);
  const kervadi = { start: 37, end: 50 };

  it('is the span drawn or adjusted at the conflict since the edit began, not one gold held around it', () => {
    const drawn = span('rita', 'Location', 37, 47);
    const adjusted = { ...drawn, start: 40, fragments: [{ start: 40, end: 47 }] };
    expect(editedGoldSpan([sentence], [sentence, drawn], kervadi)).toBe(drawn);
    expect(editedGoldSpan([sentence, drawn], [sentence, adjusted], kervadi)).toBe(adjusted);
  });

  it('is none when nothing new is in gold there (Enter pressed before tagging)', () => {
    expect(editedGoldSpan([sentence], [sentence], kervadi)).toBeNull();
    expect(editedGoldSpan([sentence], [sentence, span('rita', 'Hedge', 60, 65)], kervadi)).toBeNull();
  });
});
