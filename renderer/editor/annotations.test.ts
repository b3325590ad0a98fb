import fc from 'fast-check';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../electron/contract/types';
import { assignLayers } from '../../electron/core/spans';
import {
  annotationKey,
  annotationPlugin,
  changesNothing,
  layerOf,
  spansAt,
  type SpanChange,
} from './annotations';
import { coveredText, spansAtCaret } from './pointInfo';
import { TextPositions } from './positions';

const TEXT = 'Officials said 12 people were killed, most of them farmers, in Kervadi.\nSecond line here.';
let nextId = 1;
function span(label: string, ...parts: string[]): Span {
  const fragments = parts.map((part) => ({
    start: TEXT.indexOf(part),
    end: TEXT.indexOf(part) + part.length,
  }));
  return {
    id: nextId++,
    documentId: 1,
    annotator: 'a',
    label,
    start: fragments[0]!.start,
    end: fragments[fragments.length - 1]!.end,
    fragments,
    attributes: {},
    note: null,
    origin: 'manual',
  };
}

function editorState(spans: Span[]) {
  const positions = new TextPositions(TEXT);
  const labels = ['Claim', 'Figure', 'Location'];
  const state = EditorState.create({
    doc: positions.doc(),
    plugins: [annotationPlugin(positions, spans, { labelIndex: (l) => labels.indexOf(l) })],
  });
  const apply = (current: EditorState, change: SpanChange) =>
    current.apply(current.tr.setMeta(annotationKey, change));
  return { positions, state, apply };
}

/** The decorations drawn for a span id: [from, to] in text offsets, and their classes. */
function drawn(state: EditorState, positions: TextPositions, id: number) {
  return annotationKey
    .getState(state)!
    .decorations.find(undefined, undefined, (spec) => spec.spanId === id)
    .map((d) => ({
      from: positions.toOffset(d.from),
      to: positions.toOffset(d.to),
      widget: d.from === d.to,
    }));
}

describe('the annotation field', () => {
  it('draws a discontinuous span as one decoration per fragment plus join marks, and removes them all', () => {
    const claim = span('Claim', '12 people were killed', 'in Kervadi');
    const { positions, state, apply } = editorState([claim]);
    const parts = drawn(state, positions, claim.id);
    expect(parts.filter((p) => !p.widget).map((p) => TEXT.slice(p.from, p.to))).toEqual([
      '12 people were killed',
      'in Kervadi',
    ]);
    expect(parts.filter((p) => p.widget).map((p) => p.from)).toEqual([
      claim.fragments[0]!.end,
      claim.fragments[1]!.start,
    ]);
    const after = apply(state, { removed: [claim.id] });
    expect(drawn(after, positions, claim.id)).toEqual([]);
  });

  it('lists the spans at an offset, innermost first, only where a fragment covers it', () => {
    const claim = span('Claim', '12 people were killed', 'in Kervadi');
    const figure = span('Figure', '12 people');
    const place = span('Location', 'Kervadi');
    const { state } = editorState([claim, figure, place]);
    const at = (part: string) => spansAt(state, TEXT.indexOf(part)).map((s) => s.label);
    expect(at('people')).toEqual(['Figure', 'Claim']);
    expect(at('Kervadi')).toEqual(['Location', 'Claim']);
    expect(at('most of them')).toEqual([]);
    expect(layerOf(state, figure.id)).toBe(1);
    expect(layerOf(state, claim.id)).toBe(0);
  });

  it('lists at the caret the spans on either side of it', () => {
    const figure = span('Figure', '12 people');
    const claim = span('Claim', '12 people were killed');
    const { state } = editorState([claim, figure]);
    const caretAt = (offset: number) => spansAtCaret(state, offset).map((s) => s.label);
    expect(caretAt(figure.start + 1)).toEqual(['Figure', 'Claim']);
    expect(caretAt(figure.end)).toEqual(['Figure', 'Claim']);
    expect(caretAt(figure.end + 1)).toEqual(['Claim']);
    expect(caretAt(claim.end + 2)).toEqual([]);
  });

  it('adds a span after the field was built and finds it at once', () => {
    const claim = span('Claim', '12 people were killed');
    const { state, apply } = editorState([claim]);
    const figure = span('Figure', '12 people');
    const after = apply(state, { added: [figure], selected: figure.id });
    expect(spansAtCaret(after, figure.start + 1).map((s) => s.label)).toEqual(['Figure', 'Claim']);
    expect(layerOf(after, figure.id)).toBe(1);
  });
});

describe('changesNothing', () => {
  it('is true only for the same relation-marker classes handed over again', () => {
    const claim = span('Claim', 'Officials said');
    const { state, apply } = editorState([claim]);
    expect(changesNothing(state, { classes: new Map() })).toBe(true);
    const marked = apply(state, { classes: new Map([[claim.id, 'mg-linked']]) });
    expect(changesNothing(marked, { classes: new Map([[claim.id, 'mg-linked']]) })).toBe(true);
    expect(changesNothing(marked, { classes: new Map() })).toBe(false);
    expect(changesNothing(marked, { classes: new Map([[claim.id, 'mg-linked']]), selected: claim.id })).toBe(
      false,
    );
  });
});

describe('coveredText', () => {
  it('joins the pieces of a discontinuous span and shortens long ones', () => {
    expect(coveredText(TEXT, span('Claim', '12 people were killed', 'in Kervadi'))).toBe(
      '12 people were killed … in Kervadi',
    );
    const long = coveredText('x'.repeat(200), {
      ...span('Claim', 'Officials'),
      start: 0,
      end: 200,
      fragments: [{ start: 0, end: 200 }],
    });
    expect(long).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('layers after any sequence of edits', () => {
  /** What the decorations draw for a span: its layer class (none for layer 0). */
  const drawnLayer = (state: EditorState, id: number) => {
    const found = annotationKey
      .getState(state)!
      .decorations.find(undefined, undefined, (s) => s.spanId === id);
    const classes = String((found[0] as unknown as { type: { attrs: { class?: string } } }).type.attrs.class);
    return Number(/mg-layer-(\d)/.exec(classes)?.[1] ?? 0);
  };

  it('match a layout of all spans from scratch, in the state and on screen', () => {
    const edit = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        a: fc.nat(TEXT.length - 1),
        b: fc.nat(TEXT.length - 1),
      }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('relabel' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('select' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
        const { state: initial, apply } = editorState([]);
        let state = initial;
        let id = 1000;
        const live = new Map<number, Span>();
        for (const e of edits) {
          const ids = [...live.keys()];
          const picked = ids.length ? ids[('pick' in e ? e.pick : 0) % ids.length]! : undefined;
          if (e.kind === 'add') {
            const start = Math.min(e.a, e.b);
            const end = Math.max(e.a, e.b) + 1;
            const added: Span = {
              ...span('Claim', TEXT.slice(0, 1)),
              id: id++,
              start,
              end,
              fragments: [{ start, end }],
            };
            live.set(added.id, added);
            state = apply(state, { added: [added], selected: added.id });
          } else if (picked === undefined) continue;
          else if (e.kind === 'remove') {
            live.delete(picked);
            state = apply(state, { removed: [picked], selected: null });
          } else if (e.kind === 'relabel') {
            const relabelled = { ...live.get(picked)!, label: 'Figure' };
            live.set(picked, relabelled);
            state = apply(state, { removed: [picked], added: [relabelled] });
          } else state = apply(state, { selected: picked });
        }
        const expected = assignLayers([...live.values()]);
        for (const [spanId, layer] of expected) {
          expect(layerOf(state, spanId)).toBe(layer);
          expect(drawnLayer(state, spanId)).toBe(Math.min(layer, 5));
        }
      }),
      { numRuns: 300 },
    );
  });
});
