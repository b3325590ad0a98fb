/**
 * The status line under the text: every span at the point of interest, innermost first, with its
 * label, covered text and underline layer. The point is the span text under the mouse while it
 * hovers one, else the caret, so keyboard users get the same information by moving the caret.
 *
 * Plain DOM kept by a ProseMirror plugin view, not React: it changes on every caret move and
 * hover, and must not re-render the rest of the screen for that.
 */
import { Plugin, type EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Span } from '../../electron/contract/types';
import { annotationKey, covers, layerOf } from './annotations';
import type { TextPositions } from './positions';

export interface PointInfoStyle {
  labelIndex: (label: string) => number;
  labelName: (label: string) => string;
}

/** Longest covered text shown per span, in characters; the rest becomes an ellipsis. */
const MAX_SHOWN = 80;

/** What the status line lists for a caret at `offset`: spans covering the character after or before it. */
export function spansAtCaret(state: EditorState, offset: number): Span[] {
  const spans = annotationKey.getState(state)?.spans;
  if (!spans) return [];
  const hits: Span[] = [];
  for (const span of spans.values()) {
    if (span.start > offset || span.end < offset) continue;
    if (covers(span, offset) || (offset > 0 && covers(span, offset - 1))) hits.push(span);
  }
  return innermostFirst(hits);
}

/** Shortest extent first: a Figure inside a Claim is listed before the Claim. */
export function innermostFirst(spans: Span[]): Span[] {
  return spans.sort((a, b) => extent(a) - extent(b) || b.start - a.start || a.id - b.id);
}

const extent = (span: Span) => span.fragments.reduce((sum, f) => sum + f.end - f.start, 0);

/** The text a span covers; the fragments of a discontinuous span joined by " … ". */
export function coveredText(text: string, span: Span): string {
  const shown = span.fragments.map((f) => text.slice(f.start, f.end)).join(' … ');
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN - 1)}…` : shown;
}

/** Keeps `status` (an element the caller places, e.g. under the text) filled with the spans at the point. */
export function pointInfoPlugin(
  positions: TextPositions,
  style: PointInfoStyle,
  status: HTMLElement,
): Plugin {
  return new Plugin({
    view(view) {
      status.className = 'mg-point-info';
      // A labelled live region rather than role="status", which the app's notices use.
      status.setAttribute('role', 'region');
      status.setAttribute('aria-live', 'polite');
      status.setAttribute('aria-label', 'Spans at the caret');
      const info = new PointInfo(view, status, positions, style);
      return {
        update: (updated, previous) => info.stateChanged(previous),
        destroy: () => info.destroy(),
      };
    },
  });
}

class PointInfo {
  /** Ids of the spans under the mouse (innermost first), or null when it is not over a span. */
  private hovered: number[] | null = null;
  private frame = 0;
  private shown = '';

  constructor(
    private readonly view: EditorView,
    private readonly status: HTMLElement,
    private readonly positions: TextPositions,
    private readonly style: PointInfoStyle,
  ) {
    view.dom.addEventListener('mousemove', this.onMouseMove);
    view.dom.addEventListener('mouseleave', this.onMouseLeave);
    this.render();
  }

  stateChanged(previous: EditorState): void {
    const { state } = this.view;
    if (
      previous.selection.eq(state.selection) &&
      annotationKey.getState(previous) === annotationKey.getState(state)
    )
      return;
    this.render();
  }

  /** The covering spans from the DOM itself: every ancestor carrying a span id, innermost first. */
  private readonly onMouseMove = (event: MouseEvent) => {
    const ids: number[] = [];
    for (
      let element = event.target instanceof Element ? event.target.closest('[data-span-id]') : null;
      element && this.view.dom.contains(element);
      element = element.parentElement?.closest('[data-span-id]') ?? null
    ) {
      const id = Number(element.getAttribute('data-span-id'));
      if (!ids.includes(id)) ids.push(id);
    }
    const hovered = ids.length ? ids : null;
    if (String(hovered) === String(this.hovered)) return;
    this.hovered = hovered;
    this.scheduleRender();
  };

  private readonly onMouseLeave = () => {
    if (this.hovered === null) return;
    this.hovered = null;
    this.scheduleRender();
  };

  private scheduleRender(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => ((this.frame = 0), this.render()));
  }

  private render(): void {
    const { state } = this.view;
    const spans = annotationKey.getState(state)?.spans;
    let where: string;
    let list: Span[];
    if (this.hovered && spans) {
      where = 'Under the pointer';
      list = this.hovered.map((id) => spans.get(id)).filter((s): s is Span => !!s);
      innermostFirst(list);
    } else {
      const offset = this.positions.toOffset(state.selection.head);
      where = `At the caret (offset ${offset})`;
      list = spansAtCaret(state, offset);
    }
    const key = `${where}|${list.map((s) => `${s.id}:${s.label}:${layerOf(state, s.id)}`).join(',')}`;
    if (key === this.shown) return;
    this.shown = key;
    this.status.replaceChildren(this.line(where, list));
  }

  private line(where: string, list: Span[]): DocumentFragment {
    const fragment = document.createDocumentFragment();
    const heading = document.createElement('span');
    heading.className = 'mg-point-where';
    heading.textContent = `${where}:`;
    fragment.append(heading);
    if (list.length === 0) {
      const none = document.createElement('span');
      none.className = 'mg-point-none';
      none.textContent = 'no span';
      fragment.append(none);
      return fragment;
    }
    const items = document.createElement('ol');
    items.className = 'mg-point-spans';
    for (const span of list) {
      const item = document.createElement('li');
      item.setAttribute('data-point-span', String(span.id));
      const chip = document.createElement('span');
      chip.className = `mg-chip mg-label-${this.style.labelIndex(span.label)}`;
      chip.textContent = this.style.labelName(span.label);
      // The quotes stay outside the isolate, so an Urdu text does not turn them around.
      const quoted = document.createElement('span');
      quoted.className = 'mg-point-text';
      const text = document.createElement('bdi');
      text.textContent = coveredText(this.positions.text, span);
      quoted.append('“', text, '”');
      const meta = document.createElement('span');
      meta.className = 'mg-point-meta';
      const pieces = span.fragments.length > 1 ? `, ${span.fragments.length} pieces` : '';
      meta.textContent = `layer ${layerOf(this.view.state, span.id) + 1}${pieces}`;
      item.append(chip, quoted, meta);
      items.append(item);
    }
    fragment.append(items);
    return fragment;
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.view.dom.removeEventListener('mousemove', this.onMouseMove);
    this.view.dom.removeEventListener('mouseleave', this.onMouseLeave);
    this.status.remove();
  }
}
