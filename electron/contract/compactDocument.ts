/**
 * The wire form of an open document's spans. A document view carries about 10,000 spans for a long
 * article, and several layers of them when other layers are drawn; as full Span objects that is
 * ~2 MB of JSON per layer to write, send and parse on every open. The spans of one layer share the
 * document's id and (but for gold) the annotator, most are continuous and carry no attributes or
 * note, so the wire form leaves out what is the layer's or is empty. `getDocument` answers in this
 * form; `expandDocument` is the one decoder back to the DocumentView (full Spans), for the renderer,
 * the tests and any script.
 */
import type { Fragment, Relation, Span, SpanOrigin } from '../core/spans';
import type { LayerRef } from '../core/layers';
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
  /** Only when it is not the layer's annotator: the reviewer who wrote a gold span. */
  annotator?: string;
}

/** One layer's spans and relations, in compact form. */
export interface CompactLayer {
  ref: LayerRef;
  /** The layer's annotator, or "gold". */
  owner: string;
  spans: CompactSpan[];
  relations: Relation[];
}

/** A DocumentView whose spans are compact: the editable layer's (owned by `annotator`) and each shown layer's. */
export interface CompactDocumentView extends Omit<DocumentView, 'spans' | 'shown'> {
  annotator: string;
  spans: CompactSpan[];
  shown: CompactLayer[];
}

/** The compact form of one span of its annotator's layer. */
export const compactSpan = (span: Span): CompactSpan => compactSpanOf(span, span.annotator);

/** The compact form of one span of a layer whose annotator is `owner` (for gold, "gold"). */
export function compactSpanOf(span: Span, owner: string): CompactSpan {
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
  if (span.annotator !== owner) compact.annotator = span.annotator;
  return compact;
}

/** Full Spans of one layer again. */
function expandSpans(
  spans: readonly CompactSpan[],
  documentId: number,
  owner: string,
  gold: boolean,
): Span[] {
  return spans.map((s) => {
    const span: Span = {
      id: s.id,
      documentId,
      annotator: s.annotator ?? owner,
      label: s.label,
      start: s.start,
      end: s.end,
      fragments: s.fragments ?? [{ start: s.start, end: s.end }],
      attributes: s.attributes ?? {},
      note: s.note ?? null,
      origin: s.origin,
    };
    if (gold) span.gold = true;
    return span;
  });
}

/** The document view the renderer (and every other reader) works with: every span a full Span again. */
export function expandDocument(wire: CompactDocumentView): DocumentView {
  const { annotator, spans, shown, ...view } = wire;
  return {
    ...view,
    spans: expandSpans(spans, view.id, annotator, view.editable.kind === 'gold'),
    shown: shown.map((layer) => ({
      ref: layer.ref,
      owner: layer.owner,
      spans: expandSpans(layer.spans, view.id, layer.owner, layer.ref.kind === 'gold'),
      relations: layer.relations,
    })),
  };
}
