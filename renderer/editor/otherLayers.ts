/**
 * The layers drawn beside the editable one, read only: other annotators' and the gold layer. They
 * live in a plugin field of their own, built when the shown layers change or the screen moves far
 * enough, and never touched by a tag, so the editable layer's decoration set (and the tag's frame)
 * stays the size of one layer. Each layer has a slot (1–4) whose class draws its spans as a line
 * above the text in its own style, beside the label colour, so layers are told apart; a click
 * names the layer's owner. Only the text near the screen is drawn, one element per run of a
 * label (layerRuns.ts): every span there is drawn, the rest follows, block by block, as the text
 * is scrolled.
 */
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Span } from '../../electron/contract/types';
import { BLOCK, blocksOf, LayerIndex, type Stretch } from './layerRuns';
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
  /** The decorations of each drawn block (layerRuns.ts), kept to be taken out again. */
  blocks: ReadonlyMap<number, readonly Decoration[]>;
}

/**
 * What a transaction of this plugin carries: other layers to show (drawn over `drawn`), or the
 * stretch to draw them over: its missing blocks are added, and with `prune` the blocks outside it
 * are taken out (once scrolling has stopped: taking out costs a redraw too).
 */
export interface OtherLayersChange {
  layers?: readonly DrawnLayer[];
  drawn?: Stretch;
  prune?: boolean;
}

export const otherLayersKey = new PluginKey<OtherLayersState>('otherLayers');

/** The blocks drawn now (layerRuns.ts). */
export function drawnBlocks(state: EditorState): ReadonlySet<number> {
  return new Set(otherLayersKey.getState(state)?.blocks.keys());
}

type Draw = (block: number) => Decoration[];

function drawer(
  positions: TextPositions,
  labelIndex: (label: string) => number,
  layers: readonly DrawnLayer[],
  indexes: readonly LayerIndex[],
): Draw {
  return (block) => {
    const decorations: Decoration[] = [];
    const [from, to] = [block * BLOCK, Math.min((block + 1) * BLOCK, positions.text.length)];
    layers.forEach((layer, i) => {
      for (const run of indexes[i]!.runs(from, to)) {
        const attrs = {
          nodeName: 'span',
          class: `mg-other mg-other-${layer.slot} mg-label-${labelIndex(run.label)}`,
        };
        decorations.push(Decoration.inline(positions.toPos(run.start), positions.toPos(run.end), attrs));
      }
    });
    return decorations;
  };
}

/** Every block of the stretch drawn afresh (new layers shown, or the text opened). */
function drawAll(doc: Node, draw: Draw, drawn: Stretch): Pick<OtherLayersState, 'decorations' | 'blocks'> {
  const blocks = new Map(blocksOf(drawn).map((b) => [b, draw(b)]));
  return { blocks, decorations: DecorationSet.create(doc, [...blocks.values()].flat()) };
}

/** The blocks of `drawn` not yet drawn are added (and with `prune` those outside it taken out); the rest stay. */
function move(
  doc: Node,
  draw: Draw,
  value: OtherLayersState,
  drawn: Stretch,
  prune: boolean,
): Pick<OtherLayersState, 'decorations' | 'blocks'> {
  const wanted = new Set(blocksOf(drawn));
  const blocks = new Map<number, readonly Decoration[]>();
  const gone: Decoration[] = [];
  for (const [b, decorations] of value.blocks)
    if (!prune || wanted.has(b)) blocks.set(b, decorations);
    else gone.push(...decorations);
  const added: Decoration[] = [];
  for (const b of wanted)
    if (!blocks.has(b)) {
      const decorations = draw(b);
      blocks.set(b, decorations);
      added.push(...decorations);
    }
  return { blocks, decorations: value.decorations.remove(gone).add(doc, added) };
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
        // The text opens at its top; a scroll draws the text it reaches (AnnotationEditor.tsx).
        const drawn = { from: 0, to: Math.min(positions.text.length, 4 * BLOCK) };
        const indexes = initial.map((layer) => new LayerIndex(layer.spans));
        const draw = drawer(positions, labelIndex, initial, indexes);
        return { ...drawAll(state.doc, draw, drawn), layers: initial, indexes };
      },
      apply(tr, value, _old, state) {
        const change = tr.getMeta(otherLayersKey) as OtherLayersChange | undefined;
        if (!change) return value;
        const layers = change.layers ?? value.layers;
        const indexes = change.layers ? layers.map((layer) => new LayerIndex(layer.spans)) : value.indexes;
        const draw = drawer(positions, labelIndex, layers, indexes);
        const blocks = [...value.blocks.keys()];
        const drawn = change.drawn ?? {
          from: blocks.length ? Math.min(...blocks) * BLOCK : 0,
          to: Math.min(positions.text.length, (blocks.length ? Math.max(...blocks) + 1 : 4) * BLOCK),
        };
        const drawing = change.layers
          ? drawAll(state.doc, draw, drawn)
          : move(state.doc, draw, value, drawn, change.prune ?? false);
        return { ...drawing, layers, indexes };
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
