/**
 * Spans as decorations in one plugin state field. The set is built once when a document opens;
 * each edit then maps to a transaction carrying `{ added, removed }`, applied as
 * `set.remove(old).add(doc, new)`, so one tag repaints one paragraph, not the document.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { assignLayers } from '../../electron/core/spans';
import type { Span } from '../../electron/contract/types';
import type { TextPositions } from './positions';

export interface SpanChange {
  added?: readonly Span[];
  removed?: readonly number[];
  /** The span to highlight as selected; `null` clears it. */
  selected?: number | null;
}

interface AnnotationState {
  decorations: DecorationSet;
  /** Current decoration of each span, to find it again for removal. */
  bySpan: Map<number, Decoration>;
  spans: Map<number, Span>;
  layers: Map<number, number>;
  selected: number | null;
}

export const annotationKey = new PluginKey<AnnotationState>('annotations');

/** Deep nesting beyond this shares the last underline offset; news text rarely goes past 3. */
const MAX_LAYER = 5;

export interface DecorationStyle {
  labelIndex: (label: string) => number;
}

function decorate(
  positions: TextPositions,
  style: DecorationStyle,
  span: Span,
  layer: number,
  selected: boolean,
) {
  const classes = [
    'mg-span',
    `mg-label-${style.labelIndex(span.label)}`,
    `mg-layer-${Math.min(layer, MAX_LAYER)}`,
    selected ? 'mg-selected' : '',
  ];
  return Decoration.inline(
    positions.toPos(span.start),
    positions.toPos(span.end),
    { class: classes.join(' ').trim(), 'data-span-id': String(span.id), title: span.label },
    { spanId: span.id },
  );
}

/** Layers of the spans overlapping [start, end): a change there may shift their underline layer. */
function neighbourhood(spans: Map<number, Span>, changed: readonly Span[]): Span[] {
  if (changed.length === 0) return [];
  const start = Math.min(...changed.map((s) => s.start));
  const end = Math.max(...changed.map((s) => s.end));
  const near: Span[] = [];
  for (const span of spans.values()) if (span.start < end && span.end > start) near.push(span);
  return near;
}

export function annotationPlugin(positions: TextPositions, initial: readonly Span[], style: DecorationStyle) {
  return new Plugin<AnnotationState>({
    key: annotationKey,
    state: {
      init(_config, state: EditorState): AnnotationState {
        const spans = new Map(initial.map((s) => [s.id, s]));
        const layers = assignLayers(initial);
        const bySpan = new Map<number, Decoration>();
        for (const span of initial)
          bySpan.set(span.id, decorate(positions, style, span, layers.get(span.id) ?? 0, false));
        return {
          decorations: DecorationSet.create(state.doc, [...bySpan.values()]),
          bySpan,
          spans,
          layers,
          selected: null,
        };
      },
      apply(tr: Transaction, value: AnnotationState, _old, state: EditorState): AnnotationState {
        const change = tr.getMeta(annotationKey) as SpanChange | undefined;
        if (!change) return value;
        const { spans, bySpan } = value;
        const removedSpans = (change.removed ?? []).map((id) => spans.get(id)).filter((s): s is Span => !!s);
        for (const span of removedSpans) spans.delete(span.id);
        for (const span of change.added ?? []) spans.set(span.id, span);
        const selected = change.selected === undefined ? value.selected : change.selected;

        // Redraw only the spans around the change (their layers may move) and the selection change.
        const touched = new Map<number, Span>();
        for (const span of neighbourhood(spans, [...removedSpans, ...(change.added ?? [])]))
          touched.set(span.id, span);
        for (const id of [value.selected, selected]) {
          const span = id === null ? undefined : spans.get(id);
          if (span) touched.set(span.id, span);
        }
        const layers = value.layers;
        const local = assignLayers([...touched.values()]);
        const stale: Decoration[] = [];
        for (const id of [...touched.keys(), ...removedSpans.map((s) => s.id)]) {
          const old = bySpan.get(id);
          if (old) stale.push(old);
          bySpan.delete(id);
        }
        const fresh: Decoration[] = [];
        for (const span of touched.values()) {
          const layer = local.get(span.id) ?? 0;
          layers.set(span.id, layer);
          const decoration = decorate(positions, style, span, layer, span.id === selected);
          bySpan.set(span.id, decoration);
          fresh.push(decoration);
        }
        for (const span of removedSpans) layers.delete(span.id);
        return {
          decorations: value.decorations.remove(stale).add(state.doc, fresh),
          bySpan,
          spans,
          layers,
          selected,
        };
      },
    },
    props: {
      decorations: (state) => annotationKey.getState(state)?.decorations,
    },
  });
}

/** The spans covering a text offset, innermost (shortest) first. */
export function spansAt(state: EditorState, offset: number): Span[] {
  const spans = annotationKey.getState(state)?.spans;
  if (!spans) return [];
  const hits: Span[] = [];
  for (const span of spans.values()) if (span.start <= offset && offset < span.end) hits.push(span);
  return hits.sort((a, b) => a.end - a.start - (b.end - b.start));
}
