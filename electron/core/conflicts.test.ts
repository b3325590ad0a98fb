import { describe, expect, it } from 'vitest';
import { documentPlaces, findConflicts, type AnnotatorLayer, type LayerSpan } from './conflicts';

let nextId = 1;
const span = (label: string, ...ranges: [number, number][]): LayerSpan => ({
  id: nextId++,
  label,
  fragments: ranges.map(([start, end]) => ({ start, end })),
});
const layer = (annotator: string, ...spans: LayerSpan[]): AnnotatorLayer => ({ annotator, spans });
const brief = (layers: AnnotatorLayer[], gold?: AnnotatorLayer) =>
  findConflicts(layers, gold).map((c) => ({ kind: c.kind, summary: c.summary }));

describe('conflict typing', () => {
  it('identical spans from every annotator are one version with their names, and no conflict', () => {
    const layers = ['ann1', 'ann2', 'ann3'].map((a) => layer(a, span('Claim', [0, 10])));
    const { spans } = documentPlaces(layers);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ kind: null, summary: '3 of 3: ann1, ann2, ann3', none: [] });
    expect(spans[0]!.versions).toHaveLength(1);
    expect(findConflicts(layers)).toEqual([]);
  });

  it('boundary: overlapping spans of one label, with who drew which and who drew none', () => {
    const layers = [
      layer('ann1', span('Claim', [0, 10])),
      layer('ann2', span('Claim', [0, 10])),
      layer('ann3', span('Claim', [2, 10])),
      layer('ann4'),
    ];
    expect(brief(layers)).toEqual([
      { kind: 'boundary', summary: '2 of 4: ann1, ann2; 1 of 4: ann3; ann4: none' },
    ]);
    const [c] = findConflicts(layers);
    expect(c!.versions.map((v) => ('fragments' in v ? v.fragments : null))).toEqual([
      [{ start: 0, end: 10 }],
      [{ start: 2, end: 10 }],
    ]);
  });

  it('a chain of overlaps of one label is one boundary conflict', () => {
    const layers = [layer('ann1', span('Claim', [0, 5])), layer('ann2', span('Claim', [4, 9]))];
    const conflicts = findConflicts(layers);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'boundary', key: 'span:0-9:Claim' });
  });

  it('label: the same characters under other labels', () => {
    const layers = [
      layer('ann1', span('Claim', [3, 12])),
      layer('ann2', span('Hedge', [3, 12])),
      layer('ann3', span('Claim', [3, 12])),
    ];
    expect(brief(layers)).toEqual([{ kind: 'label', summary: '2 of 3: ann1, ann3; 1 of 3: ann2' }]);
    expect(findConflicts(layers)[0]!.versions.map((v) => ('label' in v ? v.label : ''))).toEqual([
      'Claim',
      'Hedge',
    ]);
  });

  it('missing: a span only some annotators have', () => {
    const layers = [layer('ann1', span('Location', [20, 27])), layer('ann2'), layer('ann3')];
    expect(brief(layers)).toEqual([{ kind: 'missing', summary: '1 of 3: ann1; ann2, ann3: none' }]);
  });

  it('nested spans of other labels are separate places: the agreed Claim is no conflict, the Figure in it is missing', () => {
    const layers = [
      layer('ann1', span('Claim', [0, 30]), span('Figure', [10, 12])),
      layer('ann2', span('Claim', [0, 30])),
    ];
    const { spans } = documentPlaces(layers);
    expect(spans.map((p) => [p.key, p.kind])).toEqual([
      ['span:0-30:Claim', null],
      ['span:10-12:Figure', 'missing'],
    ]);
  });

  it('a Claim nested in a Claim is its own place: an agreed outer Claim does not swallow a conflict inside it', () => {
    const layers = [
      layer('ann1', span('Claim', [0, 57]), span('Claim', [15, 36])),
      layer('ann2', span('Claim', [0, 57]), span('Claim', [18, 36])),
    ];
    expect(documentPlaces(layers).spans.map((p) => [p.key, p.kind, p.summary])).toEqual([
      ['span:0-57:Claim', null, '2 of 2: ann1, ann2'],
      ['span:15-36:Claim', 'boundary', '1 of 2: ann1; 1 of 2: ann2'],
    ]);
  });

  it('attribute: the same span with other values', () => {
    const a = { ...span('Figure', [5, 7]), attributes: { category: 'count', approximate: false } };
    const b = { ...span('Figure', [5, 7]), attributes: { approximate: false, category: 'money' } };
    const c = { ...span('Figure', [5, 7]), attributes: { category: 'count', approximate: false } };
    const layers = [layer('ann1', a), layer('ann2', b), layer('ann3', c)];
    const conflicts = findConflicts(layers);
    expect(brief(layers)).toEqual([{ kind: 'attribute', summary: '2 of 3: ann1, ann3; 1 of 3: ann2' }]);
    expect(conflicts[0]!.versions.map((v) => ('attributes' in v ? v.attributes.category : ''))).toEqual([
      'count',
      'money',
    ]);
  });

  it('attribute values given in another order are the same version', () => {
    const a = { ...span('Figure', [5, 7]), attributes: { category: 'count', approximate: true } };
    const b = { ...span('Figure', [5, 7]), attributes: { approximate: true, category: 'count' } };
    expect(findConflicts([layer('ann1', a), layer('ann2', b)])).toEqual([]);
  });

  it('discontinuous spans: identical pieces agree; other pieces are a boundary conflict even with the same outer bounds', () => {
    const twoPieces = () => span('Claim', [0, 6], [20, 30]);
    expect(findConflicts([layer('ann1', twoPieces()), layer('ann2', twoPieces())])).toEqual([]);
    const layers = [layer('ann1', twoPieces()), layer('ann2', span('Claim', [0, 30]))];
    expect(brief(layers)).toEqual([{ kind: 'boundary', summary: '1 of 2: ann2; 1 of 2: ann1' }]);
    // A piece that shares no character with the other span's pieces is no overlap.
    const apart = [layer('ann1', twoPieces()), layer('ann2', span('Claim', [8, 18]))];
    expect(brief(apart).map((c) => c.kind)).toEqual(['missing', 'missing']);
  });

  it('relation: present in some layers only, or typed differently', () => {
    const rel = (annotator: string, type: string | null) => {
      const hedge = span('Hedge', [0, 4]);
      const claim = span('Claim', [5, 20]);
      return {
        annotator,
        spans: [hedge, claim],
        relations: type ? [{ type, from: hedge.id, to: claim.id }] : [],
      };
    };
    expect(findConflicts([rel('ann1', 'scopes'), rel('ann2', 'scopes')])).toEqual([]);
    expect(brief([rel('ann1', 'scopes'), rel('ann2', 'scopes'), rel('ann3', null)])).toEqual([
      { kind: 'relation', summary: '2 of 3: ann1, ann2; ann3: none' },
    ]);
    const typed = findConflicts([rel('ann1', 'scopes'), rel('ann2', 'about')]);
    expect(typed).toHaveLength(1);
    expect(typed[0]).toMatchObject({
      kind: 'relation',
      key: 'rel:Hedge@0-4>Claim@5-20',
      summary: '1 of 2: ann2; 1 of 2: ann1',
    });
  });

  it('keys do not depend on the order of layers or spans, so a decision survives re-computation', () => {
    const l1 = layer('ann1', span('Claim', [0, 10]), span('Figure', [3, 5]));
    const l2 = layer('ann2', span('Figure', [3, 6]), span('Hedge', [0, 10]));
    const keys = (ls: AnnotatorLayer[]) => findConflicts(ls).map((c) => `${c.kind} ${c.key}`);
    const reversed = [
      { ...l2, spans: [...l2.spans].reverse() },
      { ...l1, spans: [...l1.spans].reverse() },
    ];
    expect(keys([l1, l2])).toEqual(['label span:0-10:Claim+Hedge', 'boundary span:3-6:Figure']);
    expect(keys(reversed)).toEqual(keys([l1, l2]));
  });

  it('says which version the gold layer already holds', () => {
    const layers = [layer('ann1', span('Claim', [0, 10])), layer('ann2', span('Claim', [2, 10]))];
    expect(findConflicts(layers)[0]!.gold).toBeNull();
    expect(findConflicts(layers, layer('rita', span('Claim', [2, 10])))[0]!.gold).toBe(
      findConflicts(layers)[0]!.versions.findIndex((v) => 'fragments' in v && v.fragments[0]!.start === 2),
    );
  });

  it("an annotator's own duplicate span counts once", () => {
    const layers = [
      layer('ann1', span('Claim', [0, 10]), span('Claim', [0, 10])),
      layer('ann2', span('Claim', [0, 10])),
    ];
    expect(documentPlaces(layers).spans[0]).toMatchObject({ kind: null, summary: '2 of 2: ann1, ann2' });
  });

  it('each place of one version names who drew it, however many places share those names', () => {
    const layers = [
      layer('ann1', span('Location', [0, 5]), span('Figure', [10, 12]), span('Figure', [40, 42])),
      layer('ann2', span('Location', [0, 5]), span('Figure', [10, 12]), span('Hedge', [30, 35])),
      layer('ann3', span('Location', [0, 5]), span('Claim', [20, 28]), span('Figure', [40, 42])),
    ];
    expect(documentPlaces(layers).spans.map((p) => [p.key, p.kind, p.summary, p.none])).toEqual([
      ['span:0-5:Location', null, '3 of 3: ann1, ann2, ann3', []],
      ['span:10-12:Figure', 'missing', '2 of 3: ann1, ann2; ann3: none', ['ann3']],
      ['span:20-28:Claim', 'missing', '1 of 3: ann3; ann1, ann2: none', ['ann1', 'ann2']],
      ['span:30-35:Hedge', 'missing', '1 of 3: ann2; ann1, ann3: none', ['ann1', 'ann3']],
      ['span:40-42:Figure', 'missing', '2 of 3: ann1, ann3; ann2: none', ['ann2']],
    ]);
  });
});
