/**
 * Native JSONL: one document a line, with its text and every span, lossless. The format is
 * documented in docs/native-jsonl.md; bump NATIVE_FORMAT when a field changes meaning.
 */
import type { Span } from '../spans';

export const NATIVE_FORMAT = 'marginalia-jsonl/1';
export const OFFSET_UNIT = 'utf16-code-units';

export interface ExportDocument {
  id: number;
  externalId: string;
  title: string;
  text: string;
  sha256: string;
  source: Record<string, unknown>;
}

export interface NativeSpanRecord {
  id: number;
  start: number;
  end: number;
  label: string;
  text: string;
  annotator: string;
  attributes: Span['attributes'];
  note: string | null;
  origin: Span['origin'];
}

export interface NativeDocumentRecord {
  format: typeof NATIVE_FORMAT;
  offset_unit: typeof OFFSET_UNIT;
  id: string;
  title: string;
  text: string;
  sha256: string;
  source: Record<string, unknown>;
  spans: NativeSpanRecord[];
}

/** One line of the export (without the trailing newline). Spans are written in document order. */
export function nativeJsonLine(doc: ExportDocument, spans: readonly Span[]): string {
  const record: NativeDocumentRecord = {
    format: NATIVE_FORMAT,
    offset_unit: OFFSET_UNIT,
    id: doc.externalId,
    title: doc.title,
    text: doc.text,
    sha256: doc.sha256,
    source: doc.source,
    spans: spans.map((s) => ({
      id: s.id,
      start: s.start,
      end: s.end,
      label: s.label,
      text: doc.text.slice(s.start, s.end),
      annotator: s.annotator,
      attributes: s.attributes,
      note: s.note,
      origin: s.origin,
    })),
  };
  return JSON.stringify(record);
}
