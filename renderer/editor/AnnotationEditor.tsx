/**
 * The React bridge to the ProseMirror island. The text is read-only: the editor exists for
 * selection, caret movement and fast decoration painting. React owns the span list; this
 * component is told about span changes through its handle and never re-renders its view.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Span } from '../../electron/contract/types';
import { annotationKey, annotationPlugin, changesNothing, spansAt, type SpanChange } from './annotations';
import { estimatedSectionHeight, TextPositions } from './positions';
import { pointInfoPlugin } from './pointInfo';
import {
  otherLayersKey,
  otherLayersPlugin,
  otherSpansAt,
  drawnBlocks,
  type DrawnLayer,
  type OtherLayersChange,
} from './otherLayers';
import { blocksOf, nearestMissingBlock, stretchAround, type Stretch } from './layerRuns';
import { RelationArcs, type DrawnRelation } from './relationArcs';
import { SearchHighlights, type SearchHits } from './searchHits';

export interface EditorHandle {
  apply(change: SpanChange): void;
  /** The selected text range as offsets, or null when the selection is empty. */
  selectedRange(): { start: number; end: number } | null;
  scrollToSpan(spanId: number): void;
  /** Collapses the text selection to its end, so the next hotkey does not tag the same text twice. */
  collapseSelection(): void;
  /**
   * Shows a tag on a text range before it is a span (while the store commits it), and collapses
   * the text selection to the range's end if it is still `selected` (the text the key was pressed
   * on; a selection dragged since is the user's next tag). Returns the function that takes the mark away.
   */
  showPendingTag(
    range: { start: number; end: number },
    labelIndex: number,
    selected: { start: number; end: number },
  ): () => void;
  /** The selection as offsets: where it started (anchor) and where it moves (head). */
  selection(): { anchor: number; head: number } | null;
  /** The browser's selection in the text as offsets, read before ProseMirror has seen it (on mouseup). */
  domSelection(): { anchor: number; head: number } | null;
  /** Sets the text selection (a caret when anchor = head), scrolls it into view and focuses the text. */
  setSelection(anchor: number, head: number): void;
  /** Puts the keyboard focus in the text, keeping its selection. */
  focus(): void;
  /** The writing direction the paragraph at an offset is shown in, so ← and → can follow what is seen. */
  directionAt(offset: number): 'ltr' | 'rtl';
}

interface Props {
  text: string;
  spans: readonly Span[];
  labelIndex: (label: string) => number;
  /** The name to show for a label key; the key itself when not given. */
  labelName?: (label: string) => string;
  /** Called with the innermost span under a click, or null for a click on plain text. */
  onClickSpan: (span: Span | null) => void;
  /** Other layers, drawn read only beside the editable one. */
  otherLayers?: readonly DrawnLayer[];
  /** Called for a click on a read-only layer's span (and no editable one), with the layer's owner. */
  onClickOther?: (span: Span, owner: string) => void;
  /** Relations of the editable layer, drawn as arcs between their spans. */
  relations?: readonly DrawnRelation[];
  /** Search hits in this text, highlighted; null when no search is open. */
  searchHits?: SearchHits | null;
}

/**
 * Before every commit, react-dom saves the selection of a focused element whose `contentEditable`
 * is "true" as character offsets, walking every text node before the caret (and does so for any
 * commit anywhere in the app). Over the ~35,000 nodes of a long article that walk cost about 16 ms per
 * commit: the whole tag budget. "plaintext-only" is still editable for the caret and selection (the
 * editor refuses every edit anyway), and React leaves it alone. ProseMirror writes "true" when it
 * creates the view, so this runs after each update too (a no-op once set).
 */
function keepOutOfReactSelectionTracking(dom: HTMLElement): void {
  if (dom.contentEditable === 'true') dom.contentEditable = 'plaintext-only';
}

/**
 * The selection as the user sees it. ProseMirror takes up a mouse selection on the next
 * `selectionchange` event, which can come after a key pressed at once (a fast annotator, or a test):
 * the DOM selection, when it lies in the text, is the fresher truth.
 */
function currentSelection(view: EditorView): { anchor: number; head: number; from: number; to: number } {
  const selection = view.dom.ownerDocument.getSelection();
  if (
    selection?.anchorNode &&
    selection.focusNode &&
    view.dom.contains(selection.anchorNode) &&
    view.dom.contains(selection.focusNode)
  ) {
    try {
      const anchor = view.posAtDOM(selection.anchorNode, selection.anchorOffset);
      const head = view.posAtDOM(selection.focusNode, selection.focusOffset);
      return { anchor, head, from: Math.min(anchor, head), to: Math.max(anchor, head) };
    } catch {
      // A node ProseMirror does not map (none expected in a read-only text): use its own state.
    }
  }
  const { anchor, head, from, to } = view.state.selection;
  return { anchor, head, from, to };
}

/** Writes a selection (editor positions) into the browser's, where ProseMirror would defer it. */
function writeDomSelection(view: EditorView, anchor: number, head: number): void {
  const from = view.domAtPos(anchor);
  const to = view.domAtPos(head);
  view.dom.ownerDocument.getSelection()?.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
}

/**
 * Dispatches `tr` after taking up a selection the user made since ProseMirror last read one (a drag
 * while a tag was being stored): redrawing decorations makes it write its own selection back.
 * `seen` is that selection, when the caller has read it already.
 */
function dispatchKeepingSelection(view: EditorView, tr: Transaction, seen = currentSelection(view)): void {
  if (seen.anchor !== tr.selection.anchor || seen.head !== tr.selection.head)
    tr.setSelection(TextSelection.between(tr.doc.resolve(seen.anchor), tr.doc.resolve(seen.head)));
  view.dispatch(tr);
}

/**
 * A press that starts a new selection moves ProseMirror's selection to where it lands, before the
 * browser moves its own. ProseMirror reads the browser's only on the next `selectionchange`; until
 * then it still holds the previous selection, and anything that writes it back in that moment (its
 * own selection sync queued at the last mouseup, which Chrome runs after input) makes Chrome drag
 * from the previous selection's anchor: a drag after a tag extended the text tagged before it.
 */
function startPressAt(view: EditorView, event: MouseEvent): void {
  if (event.button !== 0 || event.shiftKey || event.detail > 1) return;
  const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
  const { selection } = view.state;
  if (!at || (selection.empty && selection.head === at.pos)) return;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, at.pos)));
}

/** The text offsets shown in the scrolling pane, from its top edge to its bottom edge. */
function visibleStretch(view: EditorView, positions: TextPositions): Stretch | null {
  const text = view.dom.getBoundingClientRect();
  const pane = scrollParent(view.dom)?.getBoundingClientRect() ?? { top: 0, bottom: window.innerHeight };
  const [top, bottom] = [Math.max(pane.top, text.top) + 1, Math.min(pane.bottom, text.bottom) - 1];
  if (bottom <= top) return null;
  const left = text.left + text.width / 2;
  const first = view.posAtCoords({ left, top });
  const last = view.posAtCoords({ left, top: bottom });
  if (!first || !last) return null;
  return { from: positions.toOffset(first.pos), to: positions.toOffset(last.pos) };
}

/** The stretch to draw the other layers over for what is on screen (null when none is shown, unless `always`). */
function stretchToDraw(view: EditorView, positions: TextPositions, always = false): Stretch | null {
  if (!always && !otherLayersKey.getState(view.state)?.layers.length) return null;
  const visible = visibleStretch(view, positions);
  return visible && stretchAround(visible, positions.text.length);
}

const NO_LAYERS: readonly DrawnLayer[] = [];
const NO_RELATIONS: readonly DrawnRelation[] = [];

export const AnnotationEditor = forwardRef<EditorHandle, Props>(function AnnotationEditor(props, ref) {
  const mount = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const positions = useRef<TextPositions | null>(null);
  const arcs = useRef<RelationArcs | null>(null);
  const hits = useRef<SearchHighlights | null>(null);
  const latest = useRef(props);
  latest.current = props;

  // One view per document text; span edits go through the handle, never through a rebuild.
  useEffect(() => {
    const textPositions = new TextPositions(props.text);
    positions.current = textPositions;
    const doc = textPositions.doc();
    const status = document.createElement('div');
    const state = EditorState.create({
      doc,
      plugins: [
        annotationPlugin(textPositions, props.spans, { labelIndex: (l) => latest.current.labelIndex(l) }),
        otherLayersPlugin(textPositions, props.otherLayers ?? NO_LAYERS, (l) => latest.current.labelIndex(l)),
        pointInfoPlugin(
          textPositions,
          {
            labelIndex: (l) => latest.current.labelIndex(l),
            labelName: (l) => latest.current.labelName?.(l) ?? l,
          },
          status,
        ),
      ],
    });
    // Built detached and attached once complete: creating and classing ~35,000 nodes outside the
    // document skips style invalidation for each (measured: a third of the view's build time).
    const editorView = new EditorView(null, {
      state,
      attributes: { class: 'mg-text', spellcheck: 'false', 'aria-label': 'Document text' },
      // The text never changes while annotating: refuse any transaction that would edit it.
      dispatchTransaction(tr) {
        if (tr.docChanged) return;
        editorView.updateState(editorView.state.apply(tr));
        keepOutOfReactSelectionTracking(editorView.dom);
      },
      handleDOMEvents: {
        // Chrome inserts typed text before ProseMirror sees it; cancelling beforeinput keeps the DOM as is.
        beforeinput: (_view, event) => {
          event.preventDefault();
          return true;
        },
        mousedown: (pressView, event) => {
          startPressAt(pressView, event);
          return false;
        },
      },
      nodeViews: {
        // The estimate goes in through the CSSOM: the strict CSP refuses style attributes.
        section(node) {
          const dom = document.createElement('div');
          dom.className = 'mg-section';
          dom.style.containIntrinsicSize = `auto ${estimatedSectionHeight(node)}px`;
          return { dom, contentDOM: dom };
        },
      },
      handlePaste: () => true,
      handleDrop: () => true,
      handleClick(clickView, pos, event) {
        if (event.shiftKey) return false;
        // Put the caret where the click was before telling the owner: its update dispatches a
        // transaction, which would otherwise write the previous selection back into the DOM.
        clickView.dispatch(clickView.state.tr.setSelection(TextSelection.create(clickView.state.doc, pos)));
        const offset = textPositions.toOffset(pos);
        const span = spansAt(clickView.state, offset)[0] ?? null;
        const other = span ? undefined : otherSpansAt(clickView.state, offset)[0];
        latest.current.onClickSpan(span);
        if (other) latest.current.onClickOther?.(other.span, other.owner);
        return true;
      },
    });
    keepOutOfReactSelectionTracking(editorView.dom);
    // ProseMirror keeps the view still across a redraw by finding an element at the top of the
    // screen before it and measuring it after, two forced layouts per redrawn decoration (a tag, a
    // scroll drawing other layers). Chromium's own scroll anchoring does the same when this is set.
    editorView.dom.style.overflowAnchor = 'auto';
    mount.current!.append(editorView.dom, status);
    view.current = editorView;
    // The other layers follow the scroll: the text it reaches is drawn when the renderer is idle (at
    // the latest 100 ms on), not in the scroll's own frames; what it left is taken out once it stops.
    const pane: HTMLElement | Window = scrollParent(editorView.dom) ?? window;
    let pending = 0;
    let prune = false;
    let stopped = 0;
    const draw = (pruning: boolean) => {
      prune ||= pruning;
      pending ||= requestIdleCallback(
        () => {
          pending = 0;
          const wanted = stretchToDraw(editorView, textPositions);
          if (!wanted) return;
          const drawn = drawnBlocks(editorView.state);
          const block = nearestMissingBlock(drawn, wanted);
          const change: OtherLayersChange | null = block
            ? { drawn: block }
            : prune && drawn.size > blocksOf(wanted).length
              ? { drawn: wanted, prune }
              : null;
          if (!block) prune = false;
          if (change) {
            dispatchKeepingSelection(editorView, editorView.state.tr.setMeta(otherLayersKey, change));
            // The redrawn paragraphs' text nodes are new: place the search highlights again.
            hits.current?.refresh();
          }
          // One block per idle task; the next one, or the pruning, in the next.
          if (block) draw(false);
        },
        { timeout: 100 },
      );
    };
    const onScroll = () => {
      if (!otherLayersKey.getState(editorView.state)?.layers.length) return;
      draw(false);
      clearTimeout(stopped);
      stopped = window.setTimeout(() => draw(true), 400);
    };
    pane.addEventListener('scroll', onScroll, { passive: true });
    const relationArcs = new RelationArcs(mount.current!, editorView.dom, () => scrollParent(editorView.dom));
    relationArcs.set(latest.current.relations ?? NO_RELATIONS);
    arcs.current = relationArcs;
    const searchHighlights = new SearchHighlights(editorView, textPositions);
    searchHighlights.set(latest.current.searchHits ?? null);
    hits.current = searchHighlights;
    return () => {
      searchHighlights.destroy();
      relationArcs.destroy();
      cancelIdleCallback(pending);
      clearTimeout(stopped);
      pane.removeEventListener('scroll', onScroll);
      editorView.destroy();
      status.remove();
      view.current = null;
    };
    // Spans are read only at creation; later changes arrive through apply().
  }, [props.text]);

  // Other layers shown or hidden: their own field is rebuilt; the editable layer's is left alone.
  useEffect(() => {
    const current = view.current;
    const layers = props.otherLayers ?? NO_LAYERS;
    if (!current || !positions.current || otherLayersKey.getState(current.state)?.layers === layers) return;
    const change: OtherLayersChange = {
      layers,
      drawn: stretchToDraw(current, positions.current, true) ?? undefined,
    };
    dispatchKeepingSelection(current, current.state.tr.setMeta(otherLayersKey, change));
  }, [props.otherLayers]);

  useEffect(() => arcs.current?.set(props.relations ?? NO_RELATIONS), [props.relations]);
  useEffect(() => hits.current?.set(props.searchHits ?? null), [props.searchHits]);

  useImperativeHandle(ref, () => ({
    apply(change) {
      const current = view.current;
      if (!current || changesNothing(current.state, change)) return;
      const seen = currentSelection(current);
      dispatchKeepingSelection(current, current.state.tr.setMeta(annotationKey, change), seen);
      // Redrawing a paragraph replaces the text nodes a drag's selection sits in, and the browser
      // collapses it there, while ProseMirror defers writing its own until the mouse is up (and
      // may read the collapsed one first): the next key would find nothing selected. Put it back.
      if (seen.from !== seen.to) {
        const after = currentSelection(current);
        if (after.anchor !== seen.anchor || after.head !== seen.head)
          writeDomSelection(current, seen.anchor, seen.head);
      }
      hits.current?.refresh();
    },
    selectedRange() {
      const current = view.current;
      const textPositions = positions.current;
      const range = current && currentSelection(current);
      if (!range || !textPositions || range.from === range.to) return null;
      return { start: textPositions.toOffset(range.from), end: textPositions.toOffset(range.to) };
    },
    scrollToSpan(spanId) {
      const element = view.current?.dom.querySelector(`[data-span-id="${spanId}"]`);
      element?.scrollIntoView({ block: 'center' });
    },
    selection() {
      const current = view.current;
      const textPositions = positions.current;
      if (!current || !textPositions) return null;
      const { anchor, head } = current.state.selection;
      return { anchor: textPositions.toOffset(anchor), head: textPositions.toOffset(head) };
    },
    domSelection() {
      const current = view.current;
      const textPositions = positions.current;
      const dom = window.getSelection();
      if (!current || !textPositions || !dom?.anchorNode || !dom.focusNode) return null;
      if (!current.dom.contains(dom.anchorNode) || !current.dom.contains(dom.focusNode)) return null;
      return {
        anchor: textPositions.toOffset(current.posAtDOM(dom.anchorNode, dom.anchorOffset)),
        head: textPositions.toOffset(current.posAtDOM(dom.focusNode, dom.focusOffset)),
      };
    },
    setSelection(anchor, head) {
      const current = view.current;
      const textPositions = positions.current;
      if (!current || !textPositions) return;
      const { doc } = current.state;
      const selection = TextSelection.create(doc, textPositions.toPos(anchor), textPositions.toPos(head));
      current.dispatch(current.state.tr.setSelection(selection));
      current.focus();
      // ProseMirror defers writing a selection to the DOM while a mouse selection is still going
      // (Chrome, until its mouseup handler runs), and tags read the DOM selection: write it now, so
      // a word-snapped drag is what the next key tags.
      writeDomSelection(current, selection.anchor, selection.head);
      // Centre the head when it is out of sight (ProseMirror's scrollIntoView only nudges it to the edge).
      const scroller = scrollParent(current.dom);
      if (!scroller) return;
      const caret = current.coordsAtPos(textPositions.toPos(head));
      const box = scroller.getBoundingClientRect();
      if (caret.top < box.top || caret.bottom > box.bottom)
        scroller.scrollTop += caret.top - (box.top + box.height / 2);
    },
    focus() {
      // view.focus() writes ProseMirror's selection into the DOM: if the text already has the focus,
      // a selection the user has just dragged (not yet read by ProseMirror) would be replaced by the
      // old one and the next tag lost. Only a text without the focus takes it.
      const current = view.current;
      if (current && !current.hasFocus()) current.focus();
    },
    directionAt(offset) {
      const current = view.current;
      const textPositions = positions.current;
      if (!current || !textPositions) return 'ltr';
      const { node } = current.domAtPos(textPositions.toPos(offset));
      const element = node instanceof Element ? node : node.parentElement;
      const paragraph = element?.closest('p') ?? element;
      return paragraph && getComputedStyle(paragraph).direction === 'rtl' ? 'rtl' : 'ltr';
    },
    showPendingTag(range, labelIndex, selected) {
      const current = view.current;
      const textPositions = positions.current;
      if (!current || !textPositions) return () => undefined;
      // A CSS highlight in the label's colour (labelStyles.ts): nothing in the text's DOM changes,
      // so the next frame only repaints these words. A decoration would re-render the paragraph
      // and make ProseMirror write the selection back, forcing a layout: ~8 ms before the frame.
      const from = current.domAtPos(textPositions.toPos(range.start));
      const to = current.domAtPos(textPositions.toPos(range.end));
      const marked = new StaticRange({
        startContainer: from.node,
        startOffset: from.offset,
        endContainer: to.node,
        endOffset: to.offset,
      });
      const name = pendingTagHighlight(labelIndex);
      const highlight = CSS.highlights.get(name) ?? new Highlight();
      highlight.add(marked);
      CSS.highlights.set(name, highlight);
      // The selection would hide the highlight. Collapsed through ProseMirror, not only in the DOM:
      // a view update before it read the DOM's would write the old selection back.
      // Only the tagged selection: a caret or a drag begun since (the mouse may still be down, and
      // a selection written now would move where the drag starts) is the user's next step.
      const live = currentSelection(current);
      if (
        textPositions.toOffset(live.from) === selected.start &&
        textPositions.toOffset(live.to) === selected.end
      ) {
        const end = TextSelection.create(current.state.doc, textPositions.toPos(range.end));
        current.dispatch(current.state.tr.setSelection(end));
      }
      return () => highlight.delete(marked);
    },
    collapseSelection() {
      const current = view.current;
      const range = current && currentSelection(current);
      if (!current || !range || (range.from === range.to && current.state.selection.empty)) return;
      current.dispatch(current.state.tr.setSelection(TextSelection.create(current.state.doc, range.to)));
    },
  }));

  return <div ref={mount} className="mg-editor" />;
});

/** `scheduler.postTask`, where the browser has it (Chromium); the DOM types here do not name it yet. */
type PostTask = (task: () => void, options: { priority: 'user-blocking' }) => Promise<void>;

/**
 * Resolves once the next frame is painted, or after `latestMs` when no frame comes (a hidden window
 * draws none). A user-blocking task posted from the frame's animation callback runs right after that
 * frame; a zero-delay timer or a message may be held back behind the one after it.
 */
export function afterNextPaint(latestMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const latest = setTimeout(resolve, latestMs);
    const done = () => {
      clearTimeout(latest);
      resolve();
    };
    requestAnimationFrame(() => {
      const { scheduler } = globalThis as { scheduler?: { postTask?: PostTask } };
      if (scheduler?.postTask) void scheduler.postTask(done, { priority: 'user-blocking' });
      else {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          channel.port1.close();
          done();
        };
        channel.port2.postMessage(null);
      }
    });
  });
}

/** The name of the CSS highlight that marks pending tags of a label (styled in labelStyles.ts). */
export const pendingTagHighlight = (labelIndex: number) => `mg-pending-${labelIndex}`;

/** The nearest ancestor that scrolls vertically: the pane the text is read in. */
function scrollParent(element: HTMLElement): HTMLElement | null {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    const { overflowY } = getComputedStyle(parent);
    if (overflowY === 'auto' || overflowY === 'scroll') return parent;
  }
  return null;
}
