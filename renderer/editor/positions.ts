/**
 * The one place that converts between stored text offsets (UTF-16 code units into the document
 * text) and ProseMirror positions. The editor document has one paragraph per line of the text, so
 * a position is the offset plus one for the first paragraph's opening token plus one per line break
 * before it (a paragraph's close and the next one's open, two tokens, replace the single "\n").
 */
import { Schema, type Node as ProseNode } from 'prosemirror-model';

export const textSchema = new Schema({
  nodes: {
    doc: { content: 'paragraph+' },
    // dir="auto": each paragraph takes its direction from its first strong letter, so an Urdu
    // paragraph reads right to left inside an English article, and the reverse.
    paragraph: { content: 'text*', toDOM: () => ['p', { dir: 'auto' }, 0], parseDOM: [{ tag: 'p' }] },
    text: {},
  },
});

export class TextPositions {
  /** Offset at which each line starts. */
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    this.lineStarts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** The editor document for the text. */
  doc(): ProseNode {
    const paragraphs = this.text
      .split('\n')
      .map((line) => textSchema.node('paragraph', null, line ? [textSchema.text(line)] : []));
    return textSchema.node('doc', null, paragraphs);
  }

  /** Index of the line holding `offset` (an offset on a "\n" belongs to the line it ends). */
  private lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  toPos(offset: number): number {
    return offset + 1 + this.lineOf(offset);
  }

  /**
   * The text offset of a position. Positions between paragraphs (not inside any) map to the
   * nearest line boundary.
   */
  toOffset(pos: number): number {
    // Invert toPos: find the last line whose first position is at or before pos.
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! + 1 + mid <= pos) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = this.lineStarts[lo]!;
    const lineEnd = lo + 1 < this.lineStarts.length ? this.lineStarts[lo + 1]! - 1 : this.text.length;
    return Math.min(Math.max(pos - 1 - lo, lineStart), lineEnd);
  }
}
