/**
 * Spans as decorations in one plugin state field. The set is built once when a document opens;
 * each edit then maps to a transaction carrying `{ added, removed }`, applied as
 * `set.remove(old).add(doc, new)`, so one tag repaints one paragraph, not the document.
 * A discontinuous span is one decoration per fragment, all carrying its id, so it is selected,
 * redrawn and removed as one, with join marks between its pieces.
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
  /**
   * Extra classes per span (relation markers, link targets), replacing the previous map; only
   * the spans whose entry changed are redrawn. Classes, not attribute selectors in a stylesheet:
   * Chromium matches `[data-span-id="…"]` rules against every span, seconds on 10,000 spans.
   */
  classes?: ReadonlyMap<number, string>;
}

interface AnnotationState {
  decorations: DecorationSet;
  /** Current decorations of each span (one per fragment), to find them again for removal. */
  bySpan: Map<number, Decoration[]>;
  spans: Map<number, Span>;
  /** The same spans by start (then id), to find a change's cluster in one pass. */
  ordered: Span[];
  layers: Map<number, number>;
  selected: number | null;
  classes: ReadonlyMap<number, string>;
}

export const annotationKey = new PluginKey<AnnotationState>('annotations');

/**
 * Whether a change would leave the annotations as they are: the relation-marker classes are
 * handed over again after every selection or span edit, most often the same (usually empty) map,
 * and a transaction for nothing still costs a view update in the frame of a tag.
 */
export function changesNothing(state: EditorState, change: SpanChange): boolean {
  const current = annotationKey.getState(state);
  const { classes, ...rest } = change;
  if (!current || !classes || Object.values(rest).some((v) => v !== undefined)) return false;
  if (classes.size !== current.classes.size) return false;
  for (const [id, names] of classes) if (current.classes.get(id) !== names) return false;
  return true;
}

/** Deep nesting beyond this shares the last underline offset; news text rarely goes past 3. */
const MAX_LAYER = 5;

export interface DecorationStyle {
  labelIndex: (label: string) => number;
}

/** The decorations of a span: one per fragment, and marks where the pieces of a discontinuous one join. */
function decorate(
  positions: TextPositions,
  style: DecorationStyle,
  span: Span,
  layer: number,
  selected: boolean,
  extra = '',
): Decoration[] {
  const labelIndex = style.labelIndex(span.label);
  // Few classes and attributes: ProseMirror sets each one by one on ~10,000 elements at open.
  const attrs = {
    // A nodeName gives every span its own element, so overlapping spans nest in the DOM instead of
    // merging their classes into one element (and one underline).
    nodeName: 'span',
    class: [
      'mg-span',
      `mg-label-${labelIndex}`,
      layer ? `mg-layer-${Math.min(layer, MAX_LAYER)}` : '',
      selected ? 'mg-selected' : '',
      extra,
    ]
      .filter(Boolean)
      .join(' '),
    'data-span-id': String(span.id),
  };
  const decorations = span.fragments.map((f) =>
    Decoration.inline(positions.toPos(f.start), positions.toPos(f.end), attrs, { spanId: span.id }),
  );
  // ProseMirror splits a decoration into one element per stretch of text where the set of spans
  // over it is the same, so a class cannot mark a piece's edges: widgets at the edges do.
  const last = span.fragments.length - 1;
  span.fragments.forEach((f, index) => {
    if (index < last)
      decorations.push(joinMark(positions.toPos(f.end), -1, span.id, labelIndex, 'continues'));
    if (index > 0) decorations.push(joinMark(positions.toPos(f.start), 1, span.id, labelIndex, 'resumes'));
  });
  return decorations;
}

/** A small mark in the label colour where a piece of a discontinuous span continues or resumes. */
function joinMark(pos: number, side: number, spanId: number, labelIndex: number, kind: string): Decoration {
  return Decoration.widget(
    pos,
    () => {
      const mark = document.createElement('span');
      mark.className = `mg-join mg-label-${labelIndex}`;
      mark.setAttribute('data-join-of', String(spanId));
      mark.setAttribute('aria-hidden', 'true');
      mark.textContent = '⋯';
      return mark;
    },
    { side, spanId, key: `join-${spanId}-${kind}-${pos}-${labelIndex}`, ignoreSelection: true },
  );
}

/** Where `span` goes in `ordered` (by start, then id): the index of the first span after it. */
function placeOf(ordered: readonly Span[], span: Span): number {
  let [low, high] = [0, ordered.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    const other = ordered[mid]!;
    if (other.start < span.start || (other.start === span.start && other.id < span.id)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Keeps `ordered` (by start, then id) in step with a change: the removed spans out, the added in. */
function reorder(ordered: Span[], removed: readonly Span[], added: readonly Span[]): void {
  for (const span of removed) {
    const at = placeOf(ordered, span);
    if (ordered[at]?.id === span.id) ordered.splice(at, 1);
  }
  for (const span of added) ordered.splice(placeOf(ordered, span), 0, span);
}

/**
 * The spans whose layers a change at [start, end) can move: every span connected to the range
 * through a chain of overlaps. Greedy layering starts afresh at each such cluster, so laying out
 * the cluster alone gives the same layers as laying out the whole document. In start order the
 * clusters are runs (a span joins the run before it when it starts before the run's furthest
 * end), so one pass up to the range and on to the end of its run finds it, where widening the
 * range and scanning every span again until it stopped growing took two or more passes.
 */
function clusterAround(ordered: readonly Span[], start: number, end: number): Span[] {
  // The run the range falls in begins at `first` (its furthest end so far: `reach`).
  let first = 0;
  let reach = -Infinity;
  let at = 0;
  for (; at < ordered.length && ordered[at]!.start <= start; at++) {
    const span = ordered[at]!;
    if (span.start >= reach) first = at;
    if (span.end > reach) reach = span.end;
  }
  // The range itself: it joins that run if it starts before the run's reach, else starts its own.
  if (start >= reach) first = at;
  if (end > reach) reach = end;
  for (; at < ordered.length && ordered[at]!.start < reach; at++)
    if (ordered[at]!.end > reach) reach = ordered[at]!.end;
  return ordered.slice(first, at);
}

export function annotationPlugin(positions: TextPositions, initial: readonly Span[], style: DecorationStyle) {
  return new Plugin<AnnotationState>({
    key: annotationKey,
    state: {
      init(_config, state: EditorState): AnnotationState {
        const spans = new Map(initial.map((s) => [s.id, s]));
        const layers = assignLayers(initial);
        const bySpan = new Map<number, Decoration[]>();
        for (const span of initial)
          bySpan.set(span.id, decorate(positions, style, span, layers.get(span.id) ?? 0, false));
        return {
          decorations: DecorationSet.create(state.doc, [...bySpan.values()].flat()),
          bySpan,
          spans,
          ordered: [...initial].sort((a, b) => a.start - b.start || a.id - b.id),
          layers,
          selected: null,
          classes: new Map(),
        };
      },
      apply(tr: Transaction, value: AnnotationState, _old, state: EditorState): AnnotationState {
        const change = tr.getMeta(annotationKey) as SpanChange | undefined;
        if (!change) return value;
        const { spans, bySpan, ordered } = value;
        const removedSpans = (change.removed ?? []).map((id) => spans.get(id)).filter((s): s is Span => !!s);
        for (const span of removedSpans) spans.delete(span.id);
        // An added span that is already there (the same id again) replaces it.
        const replaced = (change.added ?? []).map((s) => spans.get(s.id)).filter((s): s is Span => !!s);
        for (const span of change.added ?? []) spans.set(span.id, span);
        reorder(ordered, [...removedSpans, ...replaced], change.added ?? []);
        const selected = change.selected === undefined ? value.selected : change.selected;

        // Re-layer only the cluster the change touches; redraw it and the spans whose selection changed.
        const { layers } = value;
        const changed = [...removedSpans, ...(change.added ?? [])];
        const cluster = changed.length
          ? clusterAround(
              ordered,
              Math.min(...changed.map((c) => c.start)),
              Math.max(...changed.map((c) => c.end)),
            )
          : [];
        for (const span of removedSpans) layers.delete(span.id);
        for (const [id, layer] of assignLayers(cluster)) layers.set(id, layer);
        const redraw = new Map(cluster.map((span) => [span.id, span]));
        for (const id of [value.selected, selected]) {
          const span = id === null ? undefined : spans.get(id);
          if (span) redraw.set(span.id, span);
        }
        const classes = change.classes ?? value.classes;
        if (change.classes) {
          for (const id of new Set([...value.classes.keys(), ...classes.keys()])) {
            const span = spans.get(id);
            if (span && value.classes.get(id) !== classes.get(id)) redraw.set(id, span);
          }
        }
        const stale: Decoration[] = [];
        for (const id of [...redraw.keys(), ...removedSpans.map((s) => s.id)]) {
          stale.push(...(bySpan.get(id) ?? []));
          bySpan.delete(id);
        }
        const fresh: Decoration[] = [];
        for (const span of redraw.values()) {
          const decorations = decorate(
            positions,
            style,
            span,
            layers.get(span.id) ?? 0,
            span.id === selected,
            classes.get(span.id),
          );
          bySpan.set(span.id, decorations);
          fresh.push(...decorations);
        }
        return {
          decorations: value.decorations.remove(stale).add(state.doc, fresh),
          bySpan,
          spans,
          ordered,
          layers,
          selected,
          classes,
        };
      },
    },
    props: {
      decorations: (state) => annotationKey.getState(state)?.decorations,
    },
  });
}

/** Whether one of the span's fragments covers the character at `offset`. */
export function covers(span: Span, offset: number): boolean {
  return span.fragments.some((f) => f.start <= offset && offset < f.end);
}

/** The spans covering the character at a text offset, innermost (shortest) first. */
export function spansAt(state: EditorState, offset: number): Span[] {
  const spans = annotationKey.getState(state)?.spans;
  if (!spans) return [];
  const hits: Span[] = [];
  for (const span of spans.values())
    if (span.start <= offset && offset < span.end && covers(span, offset)) hits.push(span);
  return hits.sort((a, b) => a.end - a.start - (b.end - b.start) || a.id - b.id);
}

/** The nesting layer the editor drew a span on (0 = outermost underline). */
export function layerOf(state: EditorState, spanId: number): number {
  return annotationKey.getState(state)?.layers.get(spanId) ?? 0;
}
