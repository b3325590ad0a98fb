/**
 * The wire form of an open document's spans. A document view carries about 10,000 spans for a long
 * article; as full Span objects that is ~2 MB of JSON to write, send and parse on every open. All of
 * them share the document's id and the annotator, most are continuous and carry no attributes or note,
 * so the wire form leaves out what is the document's or is empty. `getDocument` answers in this form;
 * `expandDocument` is the one decoder back to the DocumentView (full Spans), for the renderer, the
 * tests and any script.
 */
import type { Fragment, Span, SpanOrigin } from '../core/spans';
import type { DocumentView } from './types';

/** A span without the view's document id and annotator; fragments, attributes and note only when set. */
export interface CompactSpan {
  id: number;
  label: string;
  start: number;
  end: number;
  origin: SpanOrigin;
  /** Only for a discontinuous span (more than one fragment). */
  fragments?: Fragment[];
  /** Only when the span has attributes. */
  attributes?: Span['attributes'];
  /** Only when the span has a note. */
  note?: string;
}

/** A DocumentView whose spans all belong to `annotator`, in compact form. */
export interface CompactDocumentView extends Omit<DocumentView, 'spans'> {
  annotator: string;
  spans: CompactSpan[];
}

/** The compact form of one annotator's spans of one document. */
export function compactSpan(span: Span): CompactSpan {
  const compact: CompactSpan = {
    id: span.id,
    label: span.label,
    start: span.start,
    end: span.end,
    origin: span.origin,
  };
  if (span.fragments.length > 1) compact.fragments = span.fragments;
  if (Object.keys(span.attributes).length > 0) compact.attributes = span.attributes;
  if (span.note !== null) compact.note = span.note;
  return compact;
}

/** The document view the renderer (and every other reader) works with: every span a full Span again. */
export function expandDocument(wire: CompactDocumentView): DocumentView {
  const { annotator, spans, ...view } = wire;
  return {
    ...view,
    spans: spans.map((s) => ({
      id: s.id,
      documentId: view.id,
      annotator,
      label: s.label,
      start: s.start,
      end: s.end,
      fragments: s.fragments ?? [{ start: s.start, end: s.end }],
      attributes: s.attributes ?? {},
      note: s.note ?? null,
      origin: s.origin,
    })),
  };
}
