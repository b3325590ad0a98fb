import { describe, expect, it } from 'vitest';
import type { Span } from '../core/spans';
import { expandDocument, spanColumns, type CompactDocumentView } from './compactDocument';
import type { DocumentView } from './types';

const span = (over: Partial<Span>): Span => ({
  id: 1,
  documentId: 7,
  annotator: 'ana',
  label: 'Person',
  start: 0,
  end: 5,
  fragments: [{ start: 0, end: 5 }],
  attributes: {},
  note: null,
  origin: 'manual',
  ...over,
});

describe('compact document wire form', () => {
  const view: DocumentView = {
    id: 7,
    title: 'T',
    text: 'Maria met Jo in Kabul',
    status: 'in_progress',
    relations: [],
    editable: { kind: 'annotator', annotator: 'uid-ana' },
    viewer: { annotator: 'uid-ana', role: 'annotator' },
    policy: { reviewersEditAnnotatorLayers: false },
    layers: [],
    shown: [
      {
        ref: { kind: 'gold' },
        owner: 'gold',
        relations: [],
        spans: [
          span({ id: 9, annotator: 'rita', gold: true }),
          span({ id: 10, annotator: 'sam', gold: true }),
        ],
      },
    ],
    spans: [
      span({}),
      span({
        id: 2,
        start: 10,
        end: 21,
        fragments: [
          { start: 10, end: 12 },
          { start: 16, end: 21 },
        ],
      }),
      span({
        id: 3,
        start: 16,
        end: 21,
        fragments: [{ start: 16, end: 21 }],
        attributes: { sure: true },
        note: 'city',
        origin: 'imported',
      }),
    ],
  };

  const wireOf = (v: DocumentView): CompactDocumentView =>
    JSON.parse(
      JSON.stringify({
        ...v,
        annotator: 'ana',
        spans: spanColumns(v.spans, 'ana'),
        shown: v.shown.map((l) => ({ ...l, spans: spanColumns(l.spans, l.owner) })),
      }),
    ) as CompactDocumentView;

  it('sends five numbers a span, and only what few spans carry beyond them', () => {
    const { spans } = wireOf(view);
    // ids and starts as steps from the span before; label and origin by index into the words.
    expect(spans.words).toEqual(['Person', 'manual', 'imported']);
    expect(spans.numbers).toEqual([1, 0, 5, 0, 1, 1, 10, 11, 0, 1, 1, 6, 5, 0, 2]);
    expect(spans.writers).toBeUndefined();
    expect(spans.extras).toEqual([
      { at: 1, fragments: view.spans[1]!.fragments },
      { at: 2, attributes: { sure: true }, note: 'city' },
    ]);
  });

  it('expands back to the same view', () => {
    const wire = wireOf(view);
    // A gold span keeps the reviewer who wrote it; an annotator's span carries no name of its own.
    const gold = wire.shown[0]!.spans;
    expect(gold.writers!.map((w) => gold.words[w])).toEqual(['rita', 'sam']);
    expect(expandDocument(wire)).toEqual(view);
  });

  it('keeps ids and offsets exact over a long layer with ids out of order', () => {
    const long: Span[] = Array.from({ length: 2000 }, (_, i) =>
      span({
        id: 5000 - i * 3,
        start: i * 7,
        end: i * 7 + 3 + (i % 5),
        fragments: [{ start: i * 7, end: i * 7 + 3 + (i % 5) }],
      }),
    );
    const wire = wireOf({ ...view, spans: long, shown: [] });
    expect(expandDocument(wire).spans).toEqual(long);
  });
});
