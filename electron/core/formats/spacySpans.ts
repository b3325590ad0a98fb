/**
 * spaCy-style spans JSONL: `{"text", "spans": [{start, end, label, text}], "tokens": [{id, start, end,
 * text}], "offset_unit"}` per document. Tokens come from the shared tokenizer, cut at span boundaries
 * so `Doc.char_span` finds every span; a span that needed such a cut is counted, because spaCy's own
 * tokenizer would not make it and training code drops such spans silently.
 */
import { OFFSET_UNIT_NAMES, type OffsetUnit } from '../offsets';
import type { FormatDefinition, FormatWriter } from './model';
import { piecesOf } from './overlaps';
import { spanBoundaries, tokenAligner, tokenize } from './tokenize';
import { describeSpan, reportUnheld, UnitText } from './writerSupport';

function createWriter(options: { offsetUnit: OffsetUnit }): FormatWriter {
  const unit = options.offsetUnit;
  return {
    document(doc, out, loss) {
      const at = new UnitText(doc.text, unit);
      const pieces = piecesOf(doc.spans);
      const aligned = tokenAligner(tokenize(doc.text));
      for (const span of doc.spans)
        if (!span.fragments.every(aligned))
          loss.add(
            'token-boundaries',
            'span boundaries fall inside a word; the exported tokens are cut there so the span lines up, but a spaCy tokenizer would not cut them and char_span would return None',
            doc.id,
            describeSpan(doc.text, span),
          );
      const tokens = tokenize(doc.text, spanBoundaries(pieces));
      const record = {
        text: doc.text,
        spans: pieces.map((p) => ({
          start: at.at(p.start),
          end: at.at(p.end),
          label: p.span.label,
          text: doc.text.slice(p.start, p.end),
        })),
        tokens: tokens.map((t, id) => ({
          id,
          start: at.at(t.start),
          end: at.at(t.end),
          text: doc.text.slice(t.start, t.end),
        })),
        offset_unit: OFFSET_UNIT_NAMES[unit],
        meta: { id: doc.id, title: doc.title, status: doc.status },
      };
      out.write('', JSON.stringify(record) + '\n');
      reportUnheld(loss, 'spaCy spans JSONL', doc, { status: true });
    },
    finish(_out, loss) {
      if (unit !== 'codepoint')
        loss.add(
          'offset-unit',
          `spaCy's char_span counts Python string indices (code points); these offsets are ${OFFSET_UNIT_NAMES[unit]}`,
          '(all)',
          'convert before calling char_span, or export with code points',
        );
    },
  };
}

export const spacySpansFormat: FormatDefinition = {
  id: 'spacy',
  name: 'spaCy spans JSONL',
  layout: 'file',
  extension: 'jsonl',
  createWriter,
};
