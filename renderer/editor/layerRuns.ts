/**
 * What the editor draws of a read-only layer, kept small: the layer's spans merged into runs (one
 * per stretch of text where the innermost covering span's label is the same), and only for the
 * stretch of text near the screen. Every span of a layer is drawn in the same line style at the
 * same height, so an outer span's line under an inner one is hidden anyway; one element per run
 * instead of one per span (each splitting the text DOM) is what keeps a document with three other
 * layers of 10,000 spans each under the renderer's memory budget (docs/editor-performance.md).
 */
import type { Span } from '../../electron/contract/types';

/** A stretch [start, end) of text offsets drawn in one label's colour. */
export interface Run {
  start: number;
  end: number;
  label: string;
}

interface Piece {
  start: number;
  end: number;
  label: string;
  /** The whole span's extent: the shorter span is the inner one, whose label is drawn. */
  extent: number;
  /** The whole span's start: of two as long, the later one is inner (as pointInfo lists them). */
  spanStart: number;
  /** The span's place in the layer, the last tie-break, so a run never depends on sorting. */
  order: number;
}

const inner = (a: Piece, b: Piece): Piece =>
  (b.extent - a.extent || a.spanStart - b.spanStart || b.order - a.order) > 0 ? a : b;

/** One layer's fragments sorted by start, to find those touching a stretch of text quickly. */
export class LayerIndex {
  private readonly pieces: Piece[] = [];
  private readonly longest: number;

  constructor(spans: readonly Span[]) {
    spans.forEach((span, order) => {
      const { label, start: spanStart } = span;
      for (const f of span.fragments)
        if (f.end > f.start)
          this.pieces.push({
            start: f.start,
            end: f.end,
            label,
            extent: span.end - spanStart,
            spanStart,
            order,
          });
    });
    this.pieces.sort((a, b) => a.start - b.start || b.end - a.end);
    this.longest = this.pieces.reduce((max, p) => Math.max(max, p.end - p.start), 0);
  }

  /** The runs of the layer within [from, to), clipped to it, in text order. */
  runs(from: number, to: number): Run[] {
    // Fragments start at most `longest` before `from` if they reach into it.
    let low = 0;
    let high = this.pieces.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.pieces[mid]!.start < from - this.longest) low = mid + 1;
      else high = mid;
    }
    const inside: Piece[] = [];
    for (let i = low; i < this.pieces.length && this.pieces[i]!.start < to; i++) {
      const p = this.pieces[i]!;
      if (p.end > from) inside.push(p);
    }
    return mergeRuns(inside, from, to);
  }
}

/** Sweeps the pieces' edges: each stretch takes the label of the innermost piece over it. */
function mergeRuns(pieces: readonly Piece[], from: number, to: number): Run[] {
  const edges = [...new Set(pieces.flatMap((p) => [Math.max(p.start, from), Math.min(p.end, to)]))].sort(
    (a, b) => a - b,
  );
  const runs: Run[] = [];
  let active: Piece[] = [];
  let next = 0;
  for (let e = 0; e + 1 < edges.length; e++) {
    const [start, end] = [edges[e]!, edges[e + 1]!];
    active = active.filter((p) => p.end > start);
    while (next < pieces.length && Math.max(pieces[next]!.start, from) <= start) active.push(pieces[next++]!);
    if (active.length === 0) continue;
    const { label } = active.reduce(inner);
    const last = runs[runs.length - 1];
    if (last && last.end === start && last.label === label) last.end = end;
    else runs.push({ start, end, label });
  }
  return runs;
}

/** A stretch of text offsets [from, to). */
export interface Stretch {
  from: number;
  to: number;
}

/** Text drawn beyond each edge of what is on screen, so a scroll finds its lines already there. */
export const DRAWN_MARGIN = 12_000;
/**
 * The drawn text is made of whole blocks of this many characters, each built once and kept while
 * it stays drawn: a scroll adds a block at a time (a small redraw), and the rest of the text's
 * decorations stay as they were, which ProseMirror compares at little cost.
 */
export const BLOCK = 6_000;

/** The whole blocks around `visible` with the margin on each side, clamped to the text's `length`. */
export function stretchAround(visible: Stretch, length: number): Stretch {
  return {
    from: Math.max(0, Math.floor((visible.from - DRAWN_MARGIN) / BLOCK) * BLOCK),
    to: Math.min(length, Math.ceil((visible.to + DRAWN_MARGIN) / BLOCK) * BLOCK),
  };
}

/** The blocks (by number) a stretch is made of. */
export function blocksOf(stretch: Stretch): number[] {
  const blocks: number[] = [];
  for (let b = Math.floor(stretch.from / BLOCK); b * BLOCK < stretch.to; b++) blocks.push(b);
  return blocks;
}

/**
 * The block of `wanted` not yet drawn that lies nearest its middle (where the screen is), or null
 * when all are drawn: a scroll's idle time draws one block at a time, nearest first, so no single
 * task redraws several.
 */
export function nearestMissingBlock(drawn: ReadonlySet<number>, wanted: Stretch): Stretch | null {
  const middle = (wanted.from + wanted.to) / 2;
  let nearest: number | null = null;
  for (const b of blocksOf(wanted)) {
    if (drawn.has(b)) continue;
    const distance = Math.abs((b + 0.5) * BLOCK - middle);
    if (nearest === null || distance < Math.abs((nearest + 0.5) * BLOCK - middle)) nearest = b;
  }
  return nearest === null ? null : { from: nearest * BLOCK, to: Math.min(wanted.to, (nearest + 1) * BLOCK) };
}
