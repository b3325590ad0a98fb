/**
 * What the writers share: offsets of a document in the unit asked for, the covered text of a span,
 * and the loss entries for things a format cannot hold, worded the same in every report.
 */
import { offsetMap, type OffsetMap, type OffsetUnit } from '../offsets';
import type { Fragment } from '../spans';
import type { CorpusDocument, CorpusRelation, CorpusSpan, LossCollector } from './model';

/** Offsets of one document's text in the unit an export writes. */
export class UnitText {
  /** Absent for UTF-16, which needs no conversion (the common case, and the 500,000-span bench). */
  private readonly map: OffsetMap | null;
  constructor(
    readonly text: string,
    readonly unit: OffsetUnit,
  ) {
    this.map = unit === 'utf16' ? null : offsetMap(text);
  }
  /** A UTF-16 offset of a valid span boundary in the export's unit. */
  at(offset: number): number {
    if (this.map === null) return offset;
    const converted = this.map.fromUtf16(offset, this.unit);
    if (converted === null) throw new Error(`offset ${offset} is not a boundary of its text`);
    return converted;
  }
}

/** First start and last end of a span. */
export function extent(span: Pick<CorpusSpan, 'fragments'>): Fragment {
  return { start: span.fragments[0]!.start, end: span.fragments[span.fragments.length - 1]!.end };
}

/** The text a span covers; the pieces of a discontinuous span joined by a space (as brat does). */
export function coveredText(text: string, span: Pick<CorpusSpan, 'fragments'>): string {
  return span.fragments.map((f) => text.slice(f.start, f.end)).join(' ');
}

/** A span's label and covered text (shortened), as loss examples name it. */
function labelAndText(text: string, span: CorpusSpan): string {
  const covered = coveredText(text, span);
  const shown = covered.length > 50 ? `${covered.slice(0, 47)}...` : covered;
  return `${span.label} "${shown}"`;
}

/** How a span is named in a loss example: label, covered text and UTF-16 extent. */
export function describeSpan(text: string, span: CorpusSpan): string {
  const { start, end } = extent(span);
  return `${labelAndText(text, span)} at ${start}-${end} (${span.annotator})`;
}

/** How a relation is named in a loss example: by its spans' labels and texts, not their internal keys. */
export function describeRelation(doc: CorpusDocument, relation: CorpusRelation): string {
  const end = (key: string) => {
    const span = doc.spans.find((s) => s.key === key);
    return span ? labelAndText(doc.text, span) : `span ${key}`;
  };
  return `${relation.type}: ${end(relation.from)} -> ${end(relation.to)} (${relation.annotator})`;
}

/** What of a span, beyond label and offsets, a format holds. */
export interface Holds {
  attributes?: boolean;
  notes?: boolean;
  relations?: boolean;
  discontinuous?: boolean;
  /** Whether a suggestion stays marked as one. */
  origin?: boolean;
  /** Whether spans of several annotators on one document stay apart. */
  annotators?: boolean;
  /** Whether the document's status (todo, in progress, done) is written. */
  status?: boolean;
}

/**
 * Adds a loss entry for every attribute, note, relation, discontinuous span, unreviewed suggestion and
 * mixing of annotators in `doc` that the format does not hold. `format` names the target in messages.
 */
export function reportUnheld(loss: LossCollector, format: string, doc: CorpusDocument, holds: Holds): void {
  if (!holds.status) reportStatus(loss, format, doc);
  for (const span of doc.spans) {
    const detail = () => describeSpan(doc.text, span);
    if (!holds.attributes && Object.keys(span.attributes).length > 0)
      loss.add(
        'attributes',
        `${format} has no place for span attributes; they are left out`,
        doc.id,
        `${detail()}: ${JSON.stringify(span.attributes)}`,
      );
    if (!holds.notes && span.note)
      loss.add(
        'notes',
        `${format} has no place for span notes; they are left out`,
        doc.id,
        `${detail()}: ${JSON.stringify(span.note)}`,
      );
    if (!holds.discontinuous && span.fragments.length > 1)
      loss.add(
        'discontinuous',
        `${format} cannot hold a discontinuous span; each of its pieces is written as a span of its own`,
        doc.id,
        detail(),
      );
    if (!holds.origin && span.origin === 'suggested')
      loss.add(
        'suggestions',
        `${format} cannot mark a span as an unreviewed suggestion; suggestions are written like any span`,
        doc.id,
        detail(),
      );
  }
  if (!holds.relations)
    for (const r of doc.relations)
      loss.add(
        'relations',
        `${format} has no place for relations; they are left out`,
        doc.id,
        describeRelation(doc, r),
      );
  if (!holds.annotators) {
    const annotators = new Set(doc.spans.map((s) => s.annotator));
    if (annotators.size > 1)
      loss.add(
        'annotators',
        `${format} has one layer per document; the spans of several annotators are written together and who made each is lost`,
        doc.id,
        [...annotators].join(', '),
      );
  }
}

/** A status other than "todo" (what readers assume) is lost in a format without a place for it. */
export function reportStatus(loss: LossCollector, format: string, doc: CorpusDocument): void {
  if (doc.status !== 'todo')
    loss.add(
      'document-status',
      `${format} has no place for a document's status; read back, the document is "todo"`,
      doc.id,
      doc.status,
    );
}

/** Says, once, that a format fixed by its readers to one unit ignored the unit the user asked for. */
export function reportFixedUnit(
  loss: LossCollector,
  format: string,
  asked: OffsetUnit,
  fixed: OffsetUnit,
): void {
  if (asked !== fixed)
    loss.add(
      'offset-unit',
      `${format} readers count offsets in ${fixed}; the export uses ${fixed}, not the ${asked} asked for`,
      '(all)',
      `asked ${asked}, wrote ${fixed}`,
    );
}
