/**
 * Lays out a long text a slice at a time instead of all at once when it opens.
 *
 * Shaping and laying out a 240,000-character article takes Chromium about 300 ms on these machines,
 * before the first paint. With `content-visibility: auto` (class `mg-deferred`) only the paragraphs
 * on screen are laid out; but leaving it on costs every scrolled frame an intersection pass over
 * the ~2,400 paragraphs (we measured 40 ms frames). So every paragraph starts deferred, and after the
 * first paint they are released a slice per task, top to bottom, until none is left. The slices are
 * large: each release is a ProseMirror update that walks every paragraph (about 8 ms here), so small
 * slices would multiply the total work many times over the one layout the text needs anyway.
 *
 * The classes are node decorations of their own plugin, so ProseMirror owns the paragraph elements
 * as usual; releasing a slice touches only its paragraphs (a rule or an attribute higher up would
 * restyle all ~35,000 elements of the text at every step: 45 ms each, measured).
 */
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';

/** Paragraphs released per task: the 240k article in four tasks of about 50 ms each. */
const SLICE = 600;

const deferredKey = new PluginKey<DecorationSet>('progressiveLayout');

/** How many paragraphs of `view` are still deferred. */
export function deferredParagraphs(view: EditorView): number {
  return deferredKey.getState(view.state)?.find().length ?? 0;
}

export function progressiveLayoutPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: deferredKey,
    state: {
      init(_config, state) {
        // A text of one slice or less is laid out at once: deferring it would gain nothing.
        if (state.doc.childCount <= SLICE) return DecorationSet.empty;
        const deferred: Decoration[] = [];
        state.doc.forEach((node, offset) =>
          deferred.push(Decoration.node(offset, offset + node.nodeSize, { class: 'mg-deferred' })),
        );
        return DecorationSet.create(state.doc, deferred);
      },
      apply(tr, set) {
        const release = tr.getMeta(deferredKey) as number | undefined;
        if (release === undefined) return set;
        // find() lists the top-level decorations in document order.
        return set.remove(set.find().slice(0, release));
      },
    },
    props: {
      decorations: (state) => deferredKey.getState(state),
    },
    view(view) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      // A transaction during a mouse drag makes ProseMirror write its last known selection back into
      // the DOM, cutting the drag short: wait while a button is down.
      let buttonDown = false;
      const down = () => (buttonDown = true);
      const up = () => (buttonDown = false);
      view.dom.addEventListener('mousedown', down);
      view.dom.ownerDocument.addEventListener('mouseup', up);
      const next = () => {
        if (deferredParagraphs(view) === 0) return;
        if (buttonDown) {
          timer = setTimeout(next, 50);
          return;
        }
        view.dispatch(view.state.tr.setMeta(deferredKey, SLICE));
        // Lay the slice out in this task rather than in the next frame, so frames stay short.
        void view.dom.offsetHeight;
        timer = setTimeout(next, 0);
      };
      // Start after the first paint: a frame, then a task.
      const frame = requestAnimationFrame(() => (timer = setTimeout(next, 0)));
      return {
        destroy() {
          cancelAnimationFrame(frame);
          clearTimeout(timer);
          view.dom.removeEventListener('mousedown', down);
          view.dom.ownerDocument.removeEventListener('mouseup', up);
        },
      };
    },
  });
}
