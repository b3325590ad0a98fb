/**
 * Conflict places as the queue keeps them: read back, with the gold mark put back from the gold
 * layer, they are what documentPlaces finds with that gold layer.
 */
import { describe, expect, it } from 'vitest';
import { documentPlaces, goldMarker, type AnnotatorLayer, type LayerSpan } from './conflicts';
import { decodePlaces, encodePlaces } from './queuedPlaces';

const span = (id: number, label: string, bounds: number[], attributes?: LayerSpan['attributes']) => {
  const fragments = [];
  for (let i = 0; i < bounds.length; i += 2) fragments.push({ start: bounds[i]!, end: bounds[i + 1]! });
  return { id, label, fragments, ...(attributes ? { attributes } : {}) };
};

// Every kind: a boundary (Claim 0-20 / 2-20), a label (Hedge / Figure 30-34), attribute values, a
// missing Location, a discontinuous Claim against a continuous one, a Figure nested in a Claim,
// and relations one annotator lacks or types otherwise.
const layers: AnnotatorLayer[] = [
  {
    annotator: 'ann1',
    spans: [
      span(1, 'Claim', [0, 20]),
      span(2, 'Hedge', [30, 34]),
      span(3, 'Figure', [40, 42], { category: 'money', exact: true }),
      span(4, 'Location', [50, 57]),
      span(5, 'Claim', [60, 64, 70, 80]),
      span(6, 'Figure', [5, 7]),
    ],
    relations: [
      { type: 'scopes', from: 2, to: 1 },
      { type: 'in', from: 6, to: 1 },
    ],
  },
  {
    annotator: 'ann2',
    spans: [
      span(11, 'Claim', [2, 20]),
      span(12, 'Figure', [30, 34]),
      span(13, 'Figure', [40, 42], { exact: true, category: 'money' }),
      span(14, 'Location', [50, 57]),
      span(15, 'Claim', [60, 80]),
      span(16, 'Figure', [5, 7]),
    ],
    relations: [{ type: 'cites', from: 16, to: 11 }],
  },
  {
    annotator: 'ann3',
    spans: [
      span(21, 'Claim', [0, 20]),
      span(22, 'Figure', [40, 42], { category: 'count' }),
      span(23, 'Figure', [5, 7]),
    ],
    relations: [{ type: 'in', from: 23, to: 21 }],
  },
];

/** Gold holding some versions: Claim 0-20, ann3's Figure values, and ann1's Figure in Claim. */
const gold: AnnotatorLayer = {
  annotator: 'gold',
  spans: [
    span(31, 'Claim', [0, 20]),
    span(32, 'Figure', [40, 42], { category: 'count' }),
    span(33, 'Figure', [5, 7]),
    span(34, 'Location', [50, 57]),
  ],
  relations: [{ type: 'in', from: 33, to: 31 }],
};

const conflictsOf = (places: ReturnType<typeof documentPlaces>) =>
  [...places.spans, ...places.relations].filter((p) => p.kind !== null);

describe('conflict places as the queue keeps them', () => {
  it('hold every kind of conflict', () => {
    expect(conflictsOf(documentPlaces(layers, gold)).map((p) => `${p.kind} ${p.key}`)).toEqual([
      'boundary span:0-20:Claim',
      'label span:30-34:Figure+Hedge',
      'attribute span:40-42:Figure',
      'missing span:50-57:Location',
      'boundary span:60-80:Claim',
      'relation rel:Figure@5-7>Claim@0-20',
      'relation rel:Figure@5-7>Claim@2-20',
      'relation rel:Hedge@30-34>Claim@0-20',
    ]);
  });

  it('read back with the gold layer are the places documentPlaces finds with it', () => {
    for (const withGold of [gold, { annotator: 'gold', spans: [] }]) {
      const expected = conflictsOf(documentPlaces(layers, withGold));
      const kept = decodePlaces(encodePlaces(conflictsOf(documentPlaces(layers))), layers.length);
      const mark = goldMarker(withGold);
      expect(kept.map((p) => ({ ...p, gold: mark(p) }))).toEqual(expected);
    }
  });

  it("mark the version gold holds exactly: attribute values in any order, a relation's type", () => {
    const mark = goldMarker(gold);
    const places = conflictsOf(documentPlaces(layers));
    const marks = Object.fromEntries(places.map((p) => [p.key, mark(p)]));
    expect(marks).toEqual({
      'span:0-20:Claim': 0,
      'span:30-34:Figure+Hedge': null,
      // ann3's count, the second version (ann1 and ann2 drew the money one, keys in either order).
      'span:40-42:Figure': 1,
      'span:50-57:Location': 0,
      'span:60-80:Claim': null,
      'rel:Figure@5-7>Claim@0-20': 0,
      'rel:Figure@5-7>Claim@2-20': null,
      'rel:Hedge@30-34>Claim@0-20': null,
    });
  });

  it('leave out gold and the summaries, and rebuild the summary for the annotators counted', () => {
    const places = conflictsOf(documentPlaces(layers, gold));
    const text = encodePlaces(places);
    expect(text).not.toContain('of 3');
    expect(text).not.toContain('gold');
    expect(decodePlaces(text, 3).map((p) => p.summary)).toEqual(places.map((p) => p.summary));
    expect(decodePlaces(encodePlaces([]), 3)).toEqual([]);
  });
});
