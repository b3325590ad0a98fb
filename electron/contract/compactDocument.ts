/**
 * The wire form of an open document's spans. A document view carries about 10,000 spans for a long
 * article, and several layers of them when other layers are drawn: as Span objects, three other
 * layers made 3.4 MB of JSON to write, send, decode and parse on every open, most of it the same
 * keys and label names again. Here each layer's spans are columns of numbers: five per span, with
 * the few strings they use (labels, origins, writers) listed once, and what most spans lack
 * (fragments of a discontinuous span, attributes, a note) given only for those that have it.
 * `getDocument` answers in this form; `expandDocument` is the one decoder back to the DocumentView
 * (full Spans), for the renderer, the tests and any script.
 */
import type { Fragment, Relation, Span, SpanOrigin } from '../core/spans';
import type { LayerRef } from '../core/layers';
import { wordList } from '../core/wordList';
import type { DocumentView } from './types';

/** Numbers per span in `SpanColumns.numbers`. */
const STRIDE = 5;

/** What a span carries beyond its columns, by its position in them. */
export interface SpanExtras {
  at: number;
  /** Only for a discontinuous span (more than one fragment). */
  fragments?: Fragment[];
  attributes?: Span['attributes'];
  note?: string;
}

/** One layer's spans, in the layer's order (by start), as columns. */
export interface SpanColumns {
  /** The labels, origins and writers the columns name by index. */
  words: string[];
  /**
   * Per span: its id and start as the difference from the span before (the first from 0), so most
   * are a digit or two; its length (end − start); its label and origin as indexes into `words`.
   */
  numbers: number[];
  /** Only where a span's writer is not the layer's owner (gold, written by reviewers): each writer's index. */
  writers?: number[];
  extras: SpanExtras[];
}

/** One layer's spans and relations, in compact form. */
export interface CompactLayer {
  ref: LayerRef;
  /** The layer's annotator, or "gold". */
  owner: string;
  spans: SpanColumns;
  relations: Relation[];
}

/** A DocumentView whose spans are compact: the editable layer's (owned by `annotator`) and each shown layer's. */
export interface CompactDocumentView extends Omit<DocumentView, 'spans' | 'shown'> {
  annotator: string;
  spans: SpanColumns;
  shown: CompactLayer[];
}

/** The columns of a layer whose annotator is `owner` (for gold, "gold"). */
export function spanColumns(spans: readonly Span[], owner: string): SpanColumns {
  const { words, word } = wordList();
  const numbers: number[] = [];
  const extras: SpanExtras[] = [];
  const writers = spans.some((s) => s.annotator !== owner) ? spans.map((s) => word(s.annotator)) : undefined;
  let id = 0;
  let start = 0;
  spans.forEach((span, at) => {
    numbers.push(
      span.id - id,
      span.start - start,
      span.end - span.start,
      word(span.label),
      word(span.origin),
    );
    id = span.id;
    start = span.start;
    const discontinuous = span.fragments.length > 1;
    const attributed = Object.keys(span.attributes).length > 0;
    // Most spans have none of these, and no entry.
    if (discontinuous || attributed || span.note !== null)
      extras.push({
        at,
        ...(discontinuous ? { fragments: span.fragments } : {}),
        ...(attributed ? { attributes: span.attributes } : {}),
        ...(span.note !== null ? { note: span.note } : {}),
      });
  });
  return { words, numbers, ...(writers ? { writers } : {}), extras };
}

/** Full Spans of one layer again. */
function expandSpans(columns: SpanColumns, documentId: number, owner: string, gold: boolean): Span[] {
  const { words, numbers, writers } = columns;
  const spans: Span[] = [];
  let id = 0;
  let start = 0;
  for (let i = 0; i < numbers.length; i += STRIDE) {
    id += numbers[i]!;
    start += numbers[i + 1]!;
    const end = start + numbers[i + 2]!;
    const span: Span = {
      id,
      documentId,
      annotator: writers ? words[writers[i / STRIDE]!]! : owner,
      label: words[numbers[i + 3]!]!,
      start,
      end,
      fragments: [{ start, end }],
      attributes: {},
      note: null,
      origin: words[numbers[i + 4]!] as SpanOrigin,
    };
    if (gold) span.gold = true;
    spans.push(span);
  }
  for (const { at, fragments, attributes, note } of columns.extras) {
    const span = spans[at]!;
    if (fragments) span.fragments = fragments;
    if (attributes) span.attributes = attributes;
    if (note !== undefined) span.note = note;
  }
  return spans;
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
