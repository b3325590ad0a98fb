/**
 * The React bridge to the ProseMirror island. The text is read-only: the editor exists for
 * selection, caret movement and fast decoration painting. React owns the span list; this
 * component is told about span changes through its handle and never re-renders its view.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { EditorState, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Span } from '../../electron/contract/types';
import { annotationKey, annotationPlugin, spansAt, type SpanChange } from './annotations';
import { TextPositions } from './positions';

export interface EditorHandle {
  apply(change: SpanChange): void;
  /** The selected text range as offsets, or null when the selection is empty. */
  selectedRange(): { start: number; end: number } | null;
  scrollToSpan(spanId: number): void;
  /** Collapses the text selection to its end, so the next hotkey does not tag the same text twice. */
  collapseSelection(): void;
  /** The selection as offsets: where it started (anchor) and where it moves (head). */
  selection(): { anchor: number; head: number } | null;
  /** The browser's selection in the text as offsets, read before ProseMirror has seen it (on mouseup). */
  domSelection(): { anchor: number; head: number } | null;
  /** Sets the text selection (a caret when anchor = head), scrolls it into view and focuses the text. */
  setSelection(anchor: number, head: number): void;
  /** The writing direction the paragraph at an offset is shown in, so ← and → can follow what is seen. */
  directionAt(offset: number): 'ltr' | 'rtl';
}

interface Props {
  text: string;
  spans: readonly Span[];
  labelIndex: (label: string) => number;
  /** Called with the innermost span under a click, or null for a click on plain text. */
  onClickSpan: (span: Span | null) => void;
}

export const AnnotationEditor = forwardRef<EditorHandle, Props>(function AnnotationEditor(props, ref) {
  const mount = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const positions = useRef<TextPositions | null>(null);
  const latest = useRef(props);
  latest.current = props;

  // One view per document text; span edits go through the handle, never through a rebuild.
  useEffect(() => {
    const textPositions = new TextPositions(props.text);
    positions.current = textPositions;
    const state = EditorState.create({
      doc: textPositions.doc(),
      plugins: [
        annotationPlugin(textPositions, props.spans, { labelIndex: (l) => latest.current.labelIndex(l) }),
      ],
    });
    const editorView = new EditorView(mount.current!, {
      state,
      attributes: { class: 'mg-text', spellcheck: 'false', 'aria-label': 'Document text' },
      // The text never changes while annotating: refuse any transaction that would edit it.
      dispatchTransaction(tr) {
        if (tr.docChanged) return;
        editorView.updateState(editorView.state.apply(tr));
      },
      handleDOMEvents: {
        // Chrome inserts typed text before ProseMirror sees it; cancelling beforeinput keeps the DOM as is.
        beforeinput: (_view, event) => {
          event.preventDefault();
          return true;
        },
      },
      handlePaste: () => true,
      handleDrop: () => true,
      handleClick(clickView, pos) {
        const offset = textPositions.toOffset(pos);
        latest.current.onClickSpan(spansAt(clickView.state, offset)[0] ?? null);
        return false;
      },
    });
    view.current = editorView;
    return () => {
      editorView.destroy();
      view.current = null;
    };
    // Spans are read only at creation; later changes arrive through apply().
  }, [props.text]);

  useImperativeHandle(ref, () => ({
    apply(change) {
      const current = view.current;
      if (current) current.dispatch(current.state.tr.setMeta(annotationKey, change));
    },
    selectedRange() {
      const current = view.current;
      const textPositions = positions.current;
      if (!current || !textPositions || current.state.selection.empty) return null;
      const { from, to } = current.state.selection;
      return { start: textPositions.toOffset(from), end: textPositions.toOffset(to) };
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
      // Centre the head when it is out of sight (ProseMirror's scrollIntoView only nudges it to the edge).
      const scroller = scrollParent(current.dom);
      if (!scroller) return;
      const caret = current.coordsAtPos(textPositions.toPos(head));
      const box = scroller.getBoundingClientRect();
      if (caret.top < box.top || caret.bottom > box.bottom)
        scroller.scrollTop += caret.top - (box.top + box.height / 2);
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
    collapseSelection() {
      const current = view.current;
      if (!current || current.state.selection.empty) return;
      const { to } = current.state.selection;
      current.dispatch(current.state.tr.setSelection(TextSelection.create(current.state.doc, to)));
    },
  }));

  return <div ref={mount} className="mg-editor" />;
});

/** The nearest ancestor that scrolls vertically: the pane the text is read in. */
function scrollParent(element: HTMLElement): HTMLElement | null {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    const { overflowY } = getComputedStyle(parent);
    if (overflowY === 'auto' || overflowY === 'scroll') return parent;
  }
  return null;
}
