/**
 * The native JSONL line as an object: the test oracle of the writer (nativeJsonlWrite.ts), whose
 * bytes must be JSON.stringify of this object exactly. It is how the writer built lines until the
 * line was built as a string; tests also use it to make input lines.
 */
import { OFFSET_UNIT_NAMES, type OffsetUnit } from '../offsets';
import type { JsonRecord } from './fields';
import type { CorpusDocument, CorpusSpan } from './model';
import { NATIVE_FORMAT } from './nativeJsonlWrite';
import { UnitText } from './writerSupport';

/**
 * One line of the export, without its newline; offsets in `unit`. Absent values are left undefined,
 * not spread in: JSON.stringify leaves them out all the same, and a fixed shape serialises faster.
 */
export function nativeRecord(doc: CorpusDocument, unit: OffsetUnit): JsonRecord {
  const units = new UnitText(doc.text, unit);
  const at = (offset: number) => units.at(offset);
  return {
    format: NATIVE_FORMAT,
    offset_unit: OFFSET_UNIT_NAMES[unit],
    id: doc.id,
    title: doc.title,
    text: doc.text,
    sha256: doc.sha256,
    project: doc.project,
    status: doc.status,
    source: doc.source,
    spans: doc.spans.map((s) => {
      const first = s.fragments[0]!;
      const last = s.fragments[s.fragments.length - 1]!;
      const start = at(first.start);
      const end = at(last.end);
      return {
        id: s.key,
        uid: s.uid,
        label: s.label,
        start,
        end,
        text: doc.text.slice(first.start, last.end),
        // A continuous span's one fragment is the span itself, whose `text` is already on the line.
        fragments:
          s.fragments.length === 1
            ? [{ start, end }]
            : s.fragments.map((f) => ({
                start: at(f.start),
                end: at(f.end),
                text: doc.text.slice(f.start, f.end),
              })),
        annotator: s.annotator,
        layer: layerField(s),
        attributes: s.attributes,
        note: s.note,
        origin: s.origin,
      };
    }),
    relations: doc.relations.map((r) => ({
      uid: r.uid,
      type: r.type,
      from: r.from,
      to: r.to,
      annotator: r.annotator,
    })),
  };
}

const GOLD_LAYER = { kind: 'gold' } as const;
/** One layer object per annotator, shared by their spans' lines (an export has 500,000 spans, a few annotators). */
const annotatorLayers = new Map<string, JsonRecord>();

/** A span's layer as the line states it: `{kind: "gold"}`, the annotator's by stable id, or none. */
function layerField(span: CorpusSpan): JsonRecord | undefined {
  if (span.gold) return GOLD_LAYER;
  const uid = span.annotatorUid;
  if (uid === undefined) return undefined;
  let layer = annotatorLayers.get(uid);
  if (!layer) {
    if (annotatorLayers.size >= 1024) annotatorLayers.clear(); // bounded, whatever is exported
    layer = { kind: 'annotator', annotator: uid };
    annotatorLayers.set(uid, layer);
  }
  return layer;
}
