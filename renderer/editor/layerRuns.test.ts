import fc from 'fast-check';
import { EditorState } from 'prosemirror-state';
import type { Decoration } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../electron/contract/types';
import { annotationKey, annotationPlugin } from './annotations';
import {
  BLOCK,
  blocksOf,
  DRAWN_MARGIN,
  LayerIndex,
  nearestMissingBlock,
  stretchAround,
  type Run,
} from './layerRuns';
import { drawnBlocks, otherLayersKey, otherLayersPlugin, otherSpansAt, type DrawnLayer } from './otherLayers';
import { TextPositions } from './positions';

let nextId = 1;
function span(label: string, ...fragments: [number, number][]): Span {
  return {
    id: nextId++,
    documentId: 1,
    annotator: 'ann2',
    label,
    start: fragments[0]![0],
    end: fragments[fragments.length - 1]![1],
    fragments: fragments.map(([start, end]) => ({ start, end })),
    attributes: {},
    note: null,
    origin: 'manual',
  };
}

/** The label drawn on each character: the innermost (shortest) covering span's, as a reader sees it. */
function labelPerCharacter(spans: readonly Span[], from: number, to: number): (string | null)[] {
  const out: (string | null)[] = [];
  for (let c = from; c < to; c++) {
    const over = spans
      .map((s, order) => ({ s, order }))
      .filter(({ s }) => s.fragments.some((f) => f.start <= c && c < f.end));
    // Shortest first; of two as long, the later start, then the one listed first.
    over.sort(
      (a, b) => a.s.end - a.s.start - (b.s.end - b.s.start) || b.s.start - a.s.start || a.order - b.order,
    );
    out.push(over[0]?.s.label ?? null);
  }
  return out;
}

function runsPerCharacter(runs: readonly Run[], from: number, to: number): (string | null)[] {
  const out: (string | null)[] = Array.from({ length: to - from }, () => null);
  for (const run of runs) for (let c = run.start; c < run.end; c++) out[c - from] = run.label;
  return out;
}

describe('runs of a read-only layer', () => {
  it('draws a Figure inside a Claim in the Figure colour and the Claim around it, one element each', () => {
    const claim = span('Claim', [0, 40]);
    const figure = span('Figure', [15, 24]);
    expect(new LayerIndex([claim, figure]).runs(0, 100)).toEqual([
      { start: 0, end: 15, label: 'Claim' },
      { start: 15, end: 24, label: 'Figure' },
      { start: 24, end: 40, label: 'Claim' },
    ]);
  });

  it('merges touching and overlapping spans of one label into one run, and leaves gaps undrawn', () => {
    const spans = [
      span('Claim', [0, 10]),
      span('Claim', [10, 20]),
      span('Claim', [5, 15]),
      span('Hedge', [30, 35]),
    ];
    expect(new LayerIndex(spans).runs(0, 100)).toEqual([
      { start: 0, end: 20, label: 'Claim' },
      { start: 30, end: 35, label: 'Hedge' },
    ]);
  });

  it('leaves the gap of a discontinuous span undrawn', () => {
    expect(new LayerIndex([span('Claim', [0, 5], [10, 15])]).runs(0, 100)).toEqual([
      { start: 0, end: 5, label: 'Claim' },
      { start: 10, end: 15, label: 'Claim' },
    ]);
  });

  it('clips to the stretch asked for, including a long span that starts before it', () => {
    const spans = [span('Claim', [0, 500]), span('Figure', [90, 95]), span('Hedge', [600, 610])];
    expect(new LayerIndex(spans).runs(100, 200)).toEqual([{ start: 100, end: 200, label: 'Claim' }]);
    expect(new LayerIndex(spans).runs(92, 605)).toEqual([
      { start: 92, end: 95, label: 'Figure' },
      { start: 95, end: 500, label: 'Claim' },
      { start: 600, end: 605, label: 'Hedge' },
    ]);
  });

  it('gives every character in the stretch the innermost span’s label, in as few runs as possible', () => {
    const labels = ['Claim', 'Figure', 'Hedge'];
    const fragment = fc.tuple(fc.nat(120), fc.integer({ min: 1, max: 40 }));
    const spanArb = fc
      .tuple(fc.constantFrom(...labels), fc.array(fragment, { minLength: 1, maxLength: 3 }))
      .map(([label, parts]) => {
        const sorted = parts.map(([s, n]) => [s, s + n] as [number, number]).sort((a, b) => a[0] - b[0]);
        const disjoint: [number, number][] = [];
        for (const [s, e] of sorted)
          if (!disjoint.length || s > disjoint[disjoint.length - 1]![1]) disjoint.push([s, e]);
        return span(label, ...disjoint);
      });
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 25 }), fc.nat(160), fc.nat(160), (spans, a, b) => {
        const [from, to] = [Math.min(a, b), Math.max(a, b)];
        const runs = new LayerIndex(spans).runs(from, to);
        expect(runsPerCharacter(runs, from, to)).toEqual(labelPerCharacter(spans, from, to));
        runs.forEach((run, i) => {
          expect(run.start).toBeGreaterThanOrEqual(from);
          expect(run.end).toBeLessThanOrEqual(to);
          expect(run.end).toBeGreaterThan(run.start);
          const before = runs[i - 1];
          if (before) expect(before.end < run.start || before.label !== run.label).toBe(true);
        });
      }),
    );
  });
});

describe('the stretch of text the other layers are drawn over', () => {
  const LENGTH = 240_000;

  it('is whole blocks around the screen, with at least the margin on each side', () => {
    for (const visible of [
      { from: 60_000, to: 63_000 },
      { from: 78_100, to: 81_900 },
      { from: 150_500, to: 153_500 },
    ]) {
      const { from, to } = stretchAround(visible, LENGTH);
      expect([from % BLOCK, to % BLOCK]).toEqual([0, 0]);
      expect(from).toBeLessThanOrEqual(visible.from - DRAWN_MARGIN);
      expect(from).toBeGreaterThan(visible.from - DRAWN_MARGIN - BLOCK);
      expect(to).toBeGreaterThanOrEqual(visible.to + DRAWN_MARGIN);
      expect(to).toBeLessThan(visible.to + DRAWN_MARGIN + BLOCK);
    }
  });

  it('is drawn one missing block at a time, nearest the screen first', () => {
    const wanted = { from: 60_000, to: 96_000 };
    expect(nearestMissingBlock(new Set([10, 11, 12, 13, 14, 15]), wanted)).toBeNull();
    expect(nearestMissingBlock(new Set([10, 11, 12]), wanted)).toEqual({ from: 78_000, to: 84_000 });
    expect(nearestMissingBlock(new Set([12, 13]), wanted)).toEqual({ from: 66_000, to: 72_000 });
    expect(nearestMissingBlock(new Set(), { from: 0, to: 700 })).toEqual({ from: 0, to: 700 });
  });

  it('stops at the start and the end of the text', () => {
    expect(stretchAround({ from: 1_000, to: 4_000 }, LENGTH)).toEqual({ from: 0, to: 18_000 });
    expect(stretchAround({ from: 236_000, to: 239_990 }, LENGTH)).toEqual({ from: 222_000, to: LENGTH });
    expect(stretchAround({ from: 0, to: 500 }, 700)).toEqual({ from: 0, to: 700 });
    expect(blocksOf({ from: 0, to: 18_000 })).toEqual([0, 1, 2]);
    expect(blocksOf({ from: 222_000, to: LENGTH })).toEqual([37, 38, 39]);
    expect(blocksOf({ from: 0, to: 700 })).toEqual([0]);
  });
});

describe('the other layers in the editor', () => {
  // A long text of numbered lines, with one span of ann2's on every line.
  const LINE = 'Officials said 12 people were killed in Kervadi on Tuesday.';
  const TEXT = Array.from({ length: 2_000 }, () => LINE).join('\n');
  const lineStart = (n: number) => n * (LINE.length + 1);
  const ann2Spans = Array.from({ length: 2_000 }, (_, n) =>
    span('Location', [lineStart(n) + 40, lineStart(n) + 47]),
  );
  const gold = [span('Hedge', [lineStart(1_500) + 50, lineStart(1_500) + 59])];

  function editor() {
    const positions = new TextPositions(TEXT);
    const layers: DrawnLayer[] = [
      { slot: 2, owner: "ann2's layer", spans: ann2Spans },
      { slot: 4, owner: 'the gold layer', spans: gold },
    ];
    const labelIndex = (label: string) => ['Claim', 'Figure', 'Location', 'Hedge'].indexOf(label);
    const state = EditorState.create({
      doc: positions.doc(),
      plugins: [
        annotationPlugin(positions, [], { labelIndex }),
        otherLayersPlugin(positions, layers, labelIndex),
      ],
    });
    // "class: covered text" for each decoration (an inline decoration's attributes are on its type).
    const classOf = (d: Decoration) =>
      (d as unknown as { type: { attrs: { class: string } } }).type.attrs.class;
    const drawnText = (s: EditorState) =>
      otherLayersKey
        .getState(s)!
        .decorations.find()
        .map((d) => `${classOf(d)}: ${TEXT.slice(positions.toOffset(d.from), positions.toOffset(d.to))}`);
    return { positions, state, drawnText };
  }

  it('draws only the spans near the top of a long text at open, each in its slot’s class', () => {
    const { state, drawnText } = editor();
    const drawn = drawnText(state);
    // 24,000 characters are about 400 of the 2,000 lines.
    expect(drawn.length).toBeGreaterThan(300);
    expect(drawn.length).toBeLessThan(500);
    expect(new Set(drawn)).toEqual(new Set(['mg-other mg-other-2 mg-label-2: Kervadi']));
  });

  it('draws the spans of a stretch further down once the screen has moved there, and no longer the top', () => {
    const { state, drawnText } = editor();
    const drawn = { from: 14 * BLOCK, to: 16 * BLOCK };
    const moved = state.apply(state.tr.setMeta(otherLayersKey, { drawn, prune: true }));
    const hedge = TEXT.slice(lineStart(1_500) + 50, lineStart(1_500) + 59);
    expect(drawnText(moved)).toContain(`mg-other mg-other-4 mg-label-3: ${hedge}`);
    // One Location per line of the two blocks (60 characters a line), and the Hedge.
    expect(drawnText(moved).length).toBe(Math.ceil((drawn.to - drawn.from) / (LINE.length + 1)) + 1);
  });

  it('a move draws the blocks it reaches and keeps those already drawn as they were', () => {
    const { state, positions } = editor();
    const decorationsIn = (s: EditorState, from: number, to: number) =>
      otherLayersKey.getState(s)!.decorations.find(positions.toPos(from), positions.toPos(to));
    const moved = state.apply(state.tr.setMeta(otherLayersKey, { drawn: { from: 12_000, to: 36_000 } }));
    // Kept as they were, so ProseMirror leaves that text's DOM alone.
    const kept = decorationsIn(state, 12_000, 24_000);
    expect(kept.length).toBeGreaterThan(100);
    expect(decorationsIn(moved, 12_000, 24_000)).toEqual(kept);
    expect(decorationsIn(moved, 24_100, 36_000).length).toBeGreaterThan(100);
    // The text scrolled past stays drawn while scrolling goes on, and is taken out once it stops.
    expect(decorationsIn(moved, 0, 11_900)).toEqual(decorationsIn(state, 0, 11_900));
    expect([...drawnBlocks(moved)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
    const stopped = moved.apply(
      moved.tr.setMeta(otherLayersKey, { drawn: { from: 12_000, to: 36_000 }, prune: true }),
    );
    expect(decorationsIn(stopped, 0, 11_900)).toEqual([]);
    expect(decorationsIn(stopped, 12_000, 36_000)).toEqual(decorationsIn(moved, 12_000, 36_000));
    expect([...drawnBlocks(stopped)].sort((a, b) => a - b)).toEqual([2, 3, 4, 5]);
  });

  it('names the owner of a span clicked anywhere, drawn or not yet', () => {
    const { state } = editor();
    expect(otherSpansAt(state, lineStart(1_500) + 52).map((h) => h.owner)).toEqual(['the gold layer']);
    expect(otherSpansAt(state, lineStart(1_999) + 41).map((h) => h.owner)).toEqual(["ann2's layer"]);
  });

  it('a tag leaves the other layers’ drawing as it was', () => {
    const { state } = editor();
    const tagged = state.apply(state.tr.setMeta(annotationKey, { added: [span('Claim', [0, 9])] }));
    expect(otherLayersKey.getState(tagged)).toBe(otherLayersKey.getState(state));
  });
});
