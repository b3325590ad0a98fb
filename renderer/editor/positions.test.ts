import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTextFile } from '../../electron/core/text';
import type { Node as ProseNode } from 'prosemirror-model';
import { SECTION_CHARS, TextPositions } from './positions';

const SAMPLES: Record<string, string> = {
  'one line': 'Officials said 12 people died.',
  'several lines with empty ones': 'Headline\n\nFirst paragraph.\n\n\nSecond paragraph.\n',
  'emoji and Urdu': 'Fire 🔥 in کراچی\n👩‍🚒 crews 🇵🇰 arrived\n\nمتن 😀',
  'starts and ends with newlines': '\n\nmiddle\n\n',
  'only newlines': '\n\n\n',
  'empty text': '',
  // As stored after import: CRLF became LF.
  'CRLF-normalised': decodeTextFile(new TextEncoder().encode('Line one\r\n\r\nLine 🔥 three\r\nend\r\n'))
    .text,
};

/** The paragraphs of an editor document, in order, across its sections. */
function paragraphsOf(doc: ProseNode): ProseNode[] {
  const paragraphs: ProseNode[] = [];
  doc.forEach((section) => section.forEach((paragraph) => paragraphs.push(paragraph)));
  return paragraphs;
}

/** The paragraph index (= line) of a resolved position inside a paragraph. */
function lineAt(doc: ProseNode, pos: number): number {
  const resolved = doc.resolve(pos);
  let line = 0;
  for (let s = 0; s < resolved.index(0); s++) line += doc.child(s).childCount;
  return line + resolved.index(1);
}

describe('TextPositions against the ProseMirror document it builds', () => {
  // Small sections too, so that texts of a few lines already cross section boundaries.
  for (const [name, text, sectionChars] of Object.entries(SAMPLES).flatMap(([name, text]) => [
    [name, text, SECTION_CHARS] as const,
    [`${name}, in sections of 4 characters`, text, 4] as const,
  ])) {
    describe(name, () => {
      const positions = new TextPositions(text, sectionChars);
      const doc = positions.doc();

      it('builds one paragraph per line holding exactly that line, in sections', () => {
        const lines = text.split('\n');
        const paragraphs = paragraphsOf(doc);
        expect(paragraphs.length).toBe(lines.length);
        lines.forEach((line, i) => expect(paragraphs[i]!.textContent).toBe(line));
        expect(doc.textBetween(0, doc.content.size, '\n')).toBe(text);
        doc.forEach((section) => {
          expect(section.type.name).toBe('section');
          // A section ends at the first line break after sectionChars characters.
          let chars = 0;
          section.forEach((paragraph, _, index) => {
            if (index < section.childCount - 1) expect(chars).toBeLessThan(sectionChars);
            chars += paragraph.content.size + 1;
          });
        });
      });

      it('maps every offset to a position inside a paragraph at the same place in its line', () => {
        const lineStarts = [0];
        for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
        for (let offset = 0; offset <= text.length; offset++) {
          const pos = positions.toPos(offset);
          const resolved = doc.resolve(pos);
          expect(resolved.parent.type.name, `offset ${offset}`).toBe('paragraph');
          const line = lineStarts.filter((s) => s <= offset).length - 1;
          expect(lineAt(doc, pos), `line of offset ${offset}`).toBe(line);
          expect(resolved.parentOffset, `column of offset ${offset}`).toBe(offset - lineStarts[line]!);
        }
      });

      it('round-trips every offset: toOffset(toPos(o)) === o', () => {
        for (let offset = 0; offset <= text.length; offset++) {
          expect(positions.toOffset(positions.toPos(offset))).toBe(offset);
        }
      });

      it('maps every document position to an offset in the text, exactly inside paragraphs', () => {
        for (let pos = 0; pos <= doc.content.size; pos++) {
          const offset = positions.toOffset(pos);
          expect(offset).toBeGreaterThanOrEqual(0);
          expect(offset).toBeLessThanOrEqual(text.length);
          if (doc.resolve(pos).parent.type.name === 'paragraph') expect(positions.toPos(offset)).toBe(pos);
        }
      });

      it('gives the text of every range: doc.textBetween(toPos(a), toPos(b)) === text.slice(a, b)', () => {
        for (let a = 0; a <= text.length; a++) {
          for (let b = a; b <= text.length; b++) {
            expect(doc.textBetween(positions.toPos(a), positions.toPos(b), '\n'), `range ${a}-${b}`).toBe(
              text.slice(a, b),
            );
          }
        }
      });
    });
  }

  it('maps positions between paragraphs and sections to the end of the line before them', () => {
    const positions = new TextPositions('ab\ncd');
    // Doc: <section><p>ab</p><p>cd</p></section>; positions 0 and 1 lie before the first
    // paragraph, 5 between the two, 9 and 10 after the last.
    expect([0, 1, 5, 9, 10].map((pos) => positions.toOffset(pos))).toEqual([0, 0, 2, 5, 5]);
    const split = new TextPositions('ab\ncd', 1);
    // Doc: <section><p>ab</p></section><section><p>cd</p></section>: 4 to 7 lie between the lines.
    expect([4, 5, 6, 7, 8].map((pos) => split.toOffset(pos))).toEqual([2, 2, 2, 2, 3]);
  });
});

/** Texts made of the pieces that make offsets hard: line breaks, surrogate pairs, combining marks, RTL. */
const hardText = fc
  .array(fc.constantFrom('a', 'Z', ' ', '\n', '\n\n', '😀', '🇵🇰', 'e\u0301', 'ب', 'کراچی', '12', '.'), {
    maxLength: 60,
  })
  .map((pieces) => pieces.join(''));

/** Section sizes from one line per section to one section for the whole text. */
const sectionSize = fc.integer({ min: 1, max: 80 });

describe('TextPositions, property-based', () => {
  it('doc.textBetween(toPos(a), toPos(b), "\\n") === text.slice(a, b) for random texts and a < b', () => {
    fc.assert(
      fc.property(
        hardText.filter((t) => t.length >= 1),
        fc.nat(),
        fc.nat(),
        sectionSize,
        (text, x, y, sectionChars) => {
          const a = x % text.length;
          const b = a + 1 + (y % (text.length - a));
          const positions = new TextPositions(text, sectionChars);
          const doc = positions.doc();
          expect(doc.textBetween(positions.toPos(a), positions.toPos(b), '\n')).toBe(text.slice(a, b));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a selection between two document positions inside paragraphs reads back as the same text', () => {
    // What the editor does: the user selects from..to, the span stores toOffset(from)..toOffset(to).
    fc.assert(
      fc.property(hardText, fc.nat(), fc.nat(), sectionSize, (text, x, y, sectionChars) => {
        const positions = new TextPositions(text, sectionChars);
        const doc = positions.doc();
        const size = doc.content.size;
        let from = x % (size + 1);
        let to = y % (size + 1);
        if (from > to) [from, to] = [to, from];
        if (doc.resolve(from).parent.type.name !== 'paragraph') return;
        if (doc.resolve(to).parent.type.name !== 'paragraph') return;
        const start = positions.toOffset(from);
        const end = positions.toOffset(to);
        expect(text.slice(start, end)).toBe(doc.textBetween(from, to, '\n'));
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips every offset of random texts', () => {
    fc.assert(
      fc.property(hardText, sectionSize, (text, sectionChars) => {
        const positions = new TextPositions(text, sectionChars);
        for (let offset = 0; offset <= text.length; offset++) {
          expect(positions.toOffset(positions.toPos(offset))).toBe(offset);
        }
      }),
      { numRuns: 300 },
    );
  });
});
