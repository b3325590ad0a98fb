/**
 * The layers drawn beside the editable one, read only: other annotators' and the gold layer. They
 * live in a plugin field of their own, built when the shown layers change and never touched by a
 * tag, so the editable layer's decoration set (and the tag's frame) stays the size of one layer.
 * Each layer has a slot (1–4) whose class draws its spans as a line above the text in its own
 * style, beside the label colour, so layers are told apart; a click names the layer's owner.
 */
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Span } from '../../electron/contract/types';
import type { TextPositions } from './positions';

/** A read-only layer as the editor draws it. */
export interface DrawnLayer {
  /** 1–4: which line style it is drawn in (the layer picker shows the same). */
  slot: number;
  owner: string;
  spans: readonly Span[];
}

interface OtherLayersState {
  decorations: DecorationSet;
  layers: readonly DrawnLayer[];
}

export const otherLayersKey = new PluginKey<OtherLayersState>('otherLayers');

function build(
  doc: EditorState['doc'],
  positions: TextPositions,
  labelIndex: (label: string) => number,
  layers: readonly DrawnLayer[],
): DecorationSet {
  const decorations: Decoration[] = [];
  for (const layer of layers) {
    for (const span of layer.spans) {
      const attrs = {
        nodeName: 'span',
        class: `mg-other mg-other-${layer.slot} mg-label-${labelIndex(span.label)}`,
      };
      for (const f of span.fragments)
        decorations.push(Decoration.inline(positions.toPos(f.start), positions.toPos(f.end), attrs));
    }
  }
  return DecorationSet.create(doc, decorations);
}

export function otherLayersPlugin(
  positions: TextPositions,
  initial: readonly DrawnLayer[],
  labelIndex: (label: string) => number,
) {
  return new Plugin<OtherLayersState>({
    key: otherLayersKey,
    state: {
      init: (_config, state) => ({
        decorations: build(state.doc, positions, labelIndex, initial),
        layers: initial,
      }),
      apply(tr, value, _old, state) {
        const layers = tr.getMeta(otherLayersKey) as readonly DrawnLayer[] | undefined;
        if (!layers) return value;
        return { decorations: build(state.doc, positions, labelIndex, layers), layers };
      },
    },
    props: { decorations: (state) => otherLayersKey.getState(state)?.decorations },
  });
}

/** The read-only spans covering the character at `offset`, innermost first, each with its layer's owner. */
export function otherSpansAt(state: EditorState, offset: number): { span: Span; owner: string }[] {
  const hits: { span: Span; owner: string }[] = [];
  for (const layer of otherLayersKey.getState(state)?.layers ?? [])
    for (const span of layer.spans)
      if (span.fragments.some((f) => f.start <= offset && offset < f.end))
        hits.push({ span, owner: layer.owner });
  return hits.sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
}
