/**
 * Search hits shown in the text: every hit of the open document in one CSS highlight, the chosen
 * one in a stronger second. Highlights change nothing in the text's DOM, so showing them costs no
 * redraw; they hold DOM ranges, which a redrawn paragraph (a tag) leaves stale, so the editor asks
 * for them to be placed again a frame after each change.
 */
import type { EditorView } from 'prosemirror-view';
import type { TextPositions } from './positions';

/** The hits to show: text ranges as offsets, and the index of the chosen one (null: none). */
export interface SearchHits {
  ranges: readonly { start: number; end: number }[];
  current: number | null;
}

/** Highlight names, styled in styles.css. */
export const HIT = 'mg-search-hit';
export const CURRENT_HIT = 'mg-search-current';

export class SearchHighlights {
  private hits: SearchHits | null = null;
  private frame = 0;

  constructor(
    private readonly view: EditorView,
    private readonly positions: TextPositions,
  ) {}

  /** Shows these hits (null clears them). */
  set(hits: SearchHits | null): void {
    this.hits = hits;
    this.place();
  }

  /** Places the hits again in the next frame (after the text's DOM was redrawn). */
  refresh(): void {
    if (!this.hits || this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.place();
    });
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.hits = null;
    this.place();
  }

  private place(): void {
    const all = new Highlight();
    const current = new Highlight();
    for (const [index, hit] of (this.hits?.ranges ?? []).entries()) {
      const from = this.view.domAtPos(this.positions.toPos(hit.start));
      const to = this.view.domAtPos(this.positions.toPos(hit.end));
      const range = new StaticRange({
        startContainer: from.node,
        startOffset: from.offset,
        endContainer: to.node,
        endOffset: to.offset,
      });
      (index === this.hits?.current ? current : all).add(range);
    }
    CSS.highlights.set(HIT, all);
    CSS.highlights.set(CURRENT_HIT, current);
  }
}
