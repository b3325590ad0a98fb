/**
 * The one place that converts between stored text offsets (UTF-16 code units into the document
 * text) and ProseMirror positions, and that builds the editor document.
 *
 * The document has one paragraph per line of the text, grouped into sections of a few thousand
 * characters. Sections exist for the browser: each is `content-visibility: auto`, so Chromium
 * styles, lays out, paints and hit-tests only the sections near the screen, and a tag redraws a
 * few thousand nodes instead of the whole text (see docs/editor-performance.md).
 *
 * A position is the offset, plus two for the first section's and paragraph's opening tokens, plus
 * one per line break before it (a paragraph's close and the next one's open replace the single
 * "\n"), plus two per section boundary before it (a section's close and the next one's open).
 */
import { Schema, type Node as ProseNode } from 'prosemirror-model';

/** Characters per section, at least: sections end at the first line break after this many. */
export const SECTION_CHARS = 3000;

/** Line height (px) and characters per line of the text column (styles.css), for size estimates. */
const LINE_PX = 36.8;
const CHARS_PER_LINE = 90;

/**
 * How tall a section will be, before it is laid out: the browser uses this for the scrollbar until
 * the section has been on screen once (`contain-intrinsic-size: auto`, which then remembers it).
 */
export function estimatedSectionHeight(section: ProseNode): number {
  let lines = 0;
  section.forEach((paragraph) => (lines += Math.max(1, Math.ceil(paragraph.content.size / CHARS_PER_LINE))));
  return Math.round(lines * LINE_PX);
}

export const textSchema = new Schema({
  nodes: {
    doc: { content: 'section+' },
    // The editor draws sections through a node view that adds their estimated height.
    section: { content: 'paragraph+', toDOM: () => ['div', { class: 'mg-section' }, 0] },
    // dir="auto": each paragraph takes its direction from its first strong letter, so an Urdu
    // paragraph reads right to left inside an English article, and the reverse.
    paragraph: { content: 'text*', toDOM: () => ['p', { dir: 'auto' }, 0], parseDOM: [{ tag: 'p' }] },
    text: {},
  },
});

export class TextPositions {
  /** Offset at which each line starts. */
  private readonly lineStarts: number[] = [0];
  /** Position (in the ProseMirror document) at which each line's text starts. */
  private readonly linePositions: number[];
  /** Index of the first line of each section. */
  private readonly sectionStarts: number[] = [0];

  constructor(
    readonly text: string,
    sectionChars = SECTION_CHARS,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      this.lineStarts.push(i + 1);
      const sectionStart = this.lineStarts[this.sectionStarts.at(-1)!]!;
      if (i + 1 - sectionStart >= sectionChars) this.sectionStarts.push(this.lineStarts.length - 1);
    }
    let section = 0;
    this.linePositions = this.lineStarts.map((start, line) => {
      if (this.sectionStarts[section + 1] === line) section++;
      return start + 2 + line + 2 * section;
    });
  }

  /** The editor document for the text. */
  doc(): ProseNode {
    const lines = this.text.split('\n');
    const sections = this.sectionStarts.map((first, s) => {
      const end = this.sectionStarts[s + 1] ?? lines.length;
      const paragraphs = lines
        .slice(first, end)
        .map((line) => textSchema.node('paragraph', null, line ? [textSchema.text(line)] : []));
      return textSchema.node('section', null, paragraphs);
    });
    return textSchema.node('doc', null, sections);
  }

  /** Index of the last entry of an ascending list at or below `value` (0 when none is). */
  private static lastAtOrBelow(list: readonly number[], value: number): number {
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid]! <= value) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  toPos(offset: number): number {
    // An offset on a "\n" belongs to the line it ends.
    const line = TextPositions.lastAtOrBelow(this.lineStarts, offset);
    return this.linePositions[line]! + offset - this.lineStarts[line]!;
  }

  /**
   * The text offset of a position. Positions between paragraphs (not inside any) map to the end
   * of the line before them, or to 0 before the first.
   */
  toOffset(pos: number): number {
    const line = TextPositions.lastAtOrBelow(this.linePositions, pos);
    const lineStart = this.lineStarts[line]!;
    const lineEnd = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! - 1 : this.text.length;
    return Math.min(Math.max(lineStart + pos - this.linePositions[line]!, lineStart), lineEnd);
  }
}
