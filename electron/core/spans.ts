/**
 * Spans over a document's text. Offsets are UTF-16 code units, end-exclusive (see docs/native-jsonl.md),
 * the unit JavaScript strings and ProseMirror count in.
 */
import { splitsPair } from './unicode';

export type SpanOrigin = 'manual' | 'suggested' | 'imported' | 'adjudicated';

/** One contiguous piece of a span, end-exclusive. */
export interface Fragment {
  start: number;
  end: number;
}

export interface Span {
  id: number;
  documentId: number;
  annotator: string;
  label: string;
  /** Start of the first fragment. */
  start: number;
  /** End of the last fragment. */
  end: number;
  /**
   * The pieces of the span, sorted and not touching; one for a continuous span. A discontinuous
   * span ("killed ... in Kervadi") has several, and start/end are its outer bounds.
   */
  fragments: Fragment[];
  attributes: Record<string, string | number | boolean>;
  note: string | null;
  origin: SpanOrigin;
  /** Set on a span of the gold layer; `annotator` is then the reviewer who wrote it. */
  gold?: true;
}

/** Why a range cannot be a span of `text`, or `null` when it can. */
export function rangeProblem(text: string, start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return 'offsets must be whole numbers';
  if (start < 0 || end > text.length)
    return `range ${start}-${end} is outside the text (length ${text.length})`;
  if (start >= end) return `range ${start}-${end} is empty`;
  // An offset between the halves of a surrogate pair would cut an emoji or a rare script character in two.
  for (const k of [start, end]) {
    if (splitsPair(text, k)) return `offset ${k} splits a character in two`;
  }
  return null;
}

/** A relation between two spans of the same document and annotator, e.g. Hedge `scopes` Claim. */
export interface Relation {
  id: number;
  documentId: number;
  type: string;
  fromSpan: number;
  toSpan: number;
  annotator: string;
}

/**
 * Why fragments cannot make a span of `text`, or `null` when they can: each must be a valid range,
 * and they must be in order with a gap between them (brat rejects touching fragments).
 */
export function fragmentsProblem(text: string, fragments: readonly Fragment[]): string | null {
  if (fragments.length === 0) return 'a span needs at least one fragment';
  for (let i = 0; i < fragments.length; i++) {
    const { start, end } = fragments[i]!;
    const problem = rangeProblem(text, start, end);
    if (problem) return problem;
    if (i > 0 && start <= fragments[i - 1]!.end) return `fragments must be in order with a gap between them`;
  }
  return null;
}

/** Shrinks a selected range so it neither starts nor ends on white space; `null` if nothing is left. */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } | null {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return start < end ? { start, end } : null;
}

/** Document order: by start, longer (enclosing) spans first, then by id for a stable order. */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end || a.id - b.id;
}

/**
 * Assigns each span a layer so that no two overlapping spans share one: enclosing spans get the
 * lower layers, nested ones the next. The editor draws one underline per layer, which is what lets
 * a Claim holding a Figure and a Location be told apart.
 */
export function assignLayers(spans: readonly Pick<Span, 'id' | 'start' | 'end'>[]): Map<number, number> {
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id);
  const layerEnds: number[] = []; // layerEnds[l] = end of the last span placed on layer l
  const layers = new Map<number, number>();
  for (const span of ordered) {
    let layer = layerEnds.findIndex((end) => end <= span.start);
    if (layer === -1) layer = layerEnds.length;
    layerEnds[layer] = span.end;
    layers.set(span.id, layer);
  }
  return layers;
}
