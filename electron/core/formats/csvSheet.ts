/**
 * CSV review sheet: one row per span with the words around it, for reading in a spreadsheet.
 * Offsets are in the unit asked for and named in the header; a discontinuous span's text joins its
 * pieces with a space. Text cells are neutralised against formula injection (spreadsheetText).
 */
import { OFFSET_UNIT_NAMES, type OffsetUnit } from '../offsets';
import { csvRow, spreadsheetText } from './csv';
import type { FormatDefinition, FormatWriter, OutputSink } from './model';
import { coveredText, extent, reportUnheld, UnitText } from './writerSupport';
import { isHighSurrogate, isLowSurrogate } from '../unicode';

/** Characters of context on each side of a span. */
export const CONTEXT_CHARS = 60;

function createWriter(options: { offsetUnit: OffsetUnit }): FormatWriter {
  const unit = OFFSET_UNIT_NAMES[options.offsetUnit];
  let headerWritten = false;
  const writeHeader = (out: OutputSink) => {
    if (headerWritten) return;
    // A BOM lets spreadsheet programs open the sheet as UTF-8 rather than a legacy code page.
    out.write(
      '',
      '\uFEFF' +
        csvRow([
          'document',
          'annotator',
          'label',
          `start (${unit})`,
          `end (${unit})`,
          'text',
          'left context',
          'right context',
          'attributes',
          'note',
          'origin',
          'document status',
        ]),
    );
    headerWritten = true;
  };
  return {
    document(doc, out, loss) {
      writeHeader(out);
      const at = new UnitText(doc.text, options.offsetUnit);
      let rows = '';
      for (const span of doc.spans) {
        const { start, end } = extent(span);
        const cells = [
          doc.id,
          span.annotator,
          span.label,
          at.at(start),
          at.at(end),
          coveredText(doc.text, span),
          context(doc.text, start - CONTEXT_CHARS, start),
          context(doc.text, end, end + CONTEXT_CHARS),
          Object.keys(span.attributes).length > 0 ? JSON.stringify(span.attributes) : '',
          span.note,
          span.origin,
          doc.status,
        ];
        rows += csvRow(cells.map((c) => (typeof c === 'string' ? spreadsheetText(c) : c)));
      }
      out.write('', rows);
      reportUnheld(loss, 'The CSV sheet', doc, {
        attributes: true,
        notes: true,
        discontinuous: true,
        origin: true,
        annotators: true,
        status: true,
      });
      if (doc.spans.length === 0)
        loss.add(
          'documents-without-spans',
          'the sheet has one row per span, so a document without spans has no row',
          doc.id,
          doc.title,
        );
    },
    finish(out) {
      writeHeader(out);
    },
  };
}

/** Text between two offsets, widened so it does not cut a surrogate pair, line breaks shown as spaces. */
function context(text: string, from: number, to: number): string {
  let start = Math.max(0, from);
  const end = Math.min(text.length, to);
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
  let slice = text.slice(start, end);
  if (isHighSurrogate(slice.charCodeAt(slice.length - 1))) slice = text.slice(start, end + 1);
  return slice.replace(/\s+/g, ' ');
}

export const csvSheetFormat: FormatDefinition = {
  id: 'csv',
  name: 'CSV review sheet',
  layout: 'file',
  extension: 'csv',
  createWriter,
};
