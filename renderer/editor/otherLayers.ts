/**
 * The layers drawn beside the editable one, read only: other annotators' and the gold layer. They
 * live in a plugin field of their own, built when the shown layers change or the screen moves far
 * enough, and never touched by a tag, so the editable layer's decoration set (and the tag's frame)
 * stays the size of one layer. Each layer has a slot (1–4) whose class draws its spans as a line
 * above the text in its own style, beside the label colour, so layers are told apart; a click
 * names the layer's owner. Only the text near the screen is drawn, one element per run of a
 * label (layerRuns.ts): every span there is drawn, the rest follows as the text is scrolled.
 */
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Span } from '../../electron/contract/types';
import { DRAWN_MARGIN, LayerIndex, type Stretch } from './layerRuns';
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
  indexes: readonly LayerIndex[];
  /** The stretch of text the decorations cover. */
  drawn: Stretch;
}

/** What a transaction of this plugin carries: other layers to show, the stretch to draw them over, or both. */
export interface OtherLayersChange {
  layers?: readonly DrawnLayer[];
  drawn?: Stretch;
}

export const otherLayersKey = new PluginKey<OtherLayersState>('otherLayers');

function build(
  doc: EditorState['doc'],
  positions: TextPositions,
  labelIndex: (label: string) => number,
  layers: readonly DrawnLayer[],
  indexes: readonly LayerIndex[],
  drawn: Stretch,
): DecorationSet {
  const decorations: Decoration[] = [];
  layers.forEach((layer, i) => {
    for (const run of indexes[i]!.runs(drawn.from, drawn.to)) {
      const attrs = {
        nodeName: 'span',
        class: `mg-other mg-other-${layer.slot} mg-label-${labelIndex(run.label)}`,
      };
      decorations.push(Decoration.inline(positions.toPos(run.start), positions.toPos(run.end), attrs));
    }
  });
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
      init: (_config, state) => {
        // The text opens at its top; a scroll moves the stretch (AnnotationEditor.tsx).
        const drawn = { from: 0, to: Math.min(positions.text.length, 2 * DRAWN_MARGIN) };
        const indexes = initial.map((layer) => new LayerIndex(layer.spans));
        const decorations = build(state.doc, positions, labelIndex, initial, indexes, drawn);
        return { decorations, layers: initial, indexes, drawn };
      },
      apply(tr, value, _old, state) {
        const change = tr.getMeta(otherLayersKey) as OtherLayersChange | undefined;
        if (!change) return value;
        const layers = change.layers ?? value.layers;
        const indexes = change.layers ? layers.map((layer) => new LayerIndex(layer.spans)) : value.indexes;
        const drawn = change.drawn ?? value.drawn;
        const decorations = build(state.doc, positions, labelIndex, layers, indexes, drawn);
        return { decorations, layers, indexes, drawn };
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
