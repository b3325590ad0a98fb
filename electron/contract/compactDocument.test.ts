import { describe, expect, it } from 'vitest';
import type { Span } from '../core/spans';
import { compactSpan, compactSpanOf, expandDocument, type CompactDocumentView } from './compactDocument';
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

  it('leaves out what is the document’s or empty', () => {
    expect(compactSpan(view.spans[0]!)).toEqual({
      id: 1,
      label: 'Person',
      start: 0,
      end: 5,
      origin: 'manual',
    });
    expect(Object.keys(compactSpan(view.spans[1]!))).toContain('fragments');
    expect(compactSpan(view.spans[2]!)).toMatchObject({ attributes: { sure: true }, note: 'city' });
  });

  it('expands back to the same view', () => {
    const wire = JSON.parse(
      JSON.stringify({
        ...view,
        annotator: 'ana',
        spans: view.spans.map(compactSpan),
        shown: view.shown.map((l) => ({ ...l, spans: l.spans.map((s) => compactSpanOf(s, l.owner)) })),
      }),
    ) as CompactDocumentView;
    // A gold span keeps the reviewer who wrote it; an annotator's span carries no name of its own.
    expect(wire.shown[0]!.spans.map((s) => s.annotator)).toEqual(['rita', 'sam']);
    expect(wire.spans.every((s) => s.annotator === undefined)).toBe(true);
    expect(expandDocument(wire)).toEqual(view);
  });
});
