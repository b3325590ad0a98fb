/**
 * Native JSONL's writer: one document's line, built as a string. The bytes are those of
 * JSON.stringify over the line object (docs/native-jsonl.md: keys in that order, absent values left
 * out, strings escaped by JSON.stringify itself); building the line directly skips an object per span,
 * fragment and relation and the generic walk over them, which an export of 500,000 spans paid for.
 */
import { OFFSET_UNIT_NAMES, type OffsetUnit } from '../offsets';
import type { CorpusDocument, CorpusRelation, CorpusSpan } from './model';
import { UnitText } from './writerSupport';

export const NATIVE_FORMAT = 'marginalia-jsonl/2';

/**
 * A short string as JSON.stringify quotes it. Most (ids, names, a span's few words) need no escape:
 * a scan in JS finds that sooner than a call into JSON.stringify, which gets the rest (quotes,
 * backslashes, control characters, and surrogates: it escapes lone ones).
 */
function quote(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(value);
  }
  return `"${value}"`;
}

/** `,"key":value` for a value JSON.stringify would write, nothing for undefined (it leaves those out). */
function member(key: string, value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return `,"${key}":null`;
  return `,"${key}":${typeof value === 'string' ? quote(value) : JSON.stringify(value)}`;
}

/**
 * Quoted forms of the few strings every span repeats (labels, annotators, origins, layers): quoted
 * once per export, not once per span. Bounded, whatever is exported.
 */
class Quoted {
  private readonly cache = new Map<string, string>();
  constructor(private readonly json: (value: string) => string = JSON.stringify) {}
  get(value: string): string {
    let quoted = this.cache.get(value);
    if (quoted === undefined) {
      if (this.cache.size >= 4096) this.cache.clear();
      quoted = this.json(value);
      this.cache.set(value, quoted);
    }
    return quoted;
  }
}

const GOLD_LAYER = '{"kind":"gold"}';

/** Writes lines; one per export, so its caches of quoted names live as long as the export. */
export class NativeLineWriter {
  private readonly names = new Quoted();
  private readonly layers = new Quoted((uid) => `{"kind":"annotator","annotator":${quote(uid)}}`);

  constructor(private readonly unit: OffsetUnit) {}

  /** One line of the export with its newline; offsets in the writer's unit. */
  line(doc: CorpusDocument): string {
    let line = '';
    this.write(doc, (chunk) => (line += chunk));
    return line;
  }

  /**
   * One line, newline included, handed to `emit` in pieces: the texts apart from what surrounds them.
   * A text with one character beyond Latin-1 is a two-byte string, and a line joined with it would be
   * two-byte throughout, twice the memory to build and slower to encode than its ASCII pieces alone.
   */
  write(doc: CorpusDocument, emit: (chunk: string) => void): void {
    const units = new UnitText(doc.text, this.unit);
    emit(
      `{"format":"${NATIVE_FORMAT}","offset_unit":"${OFFSET_UNIT_NAMES[this.unit]}"` +
        member('id', doc.id) +
        member('title', doc.title) +
        (doc.text === undefined ? '' : ',"text":'),
    );
    if (doc.text !== undefined) emit(JSON.stringify(doc.text));
    let pending =
      member('sha256', doc.sha256) +
      member('project', doc.project) +
      member('status', doc.status) +
      member('source', doc.source) +
      ',"spans":[';
    for (let i = 0; i < doc.spans.length; i++) {
      const s = doc.spans[i]!;
      const first = s.fragments[0]!;
      const last = s.fragments[s.fragments.length - 1]!;
      const start = units.at(first.start);
      const end = units.at(last.end);
      emit(
        `${pending}${i ? ',' : ''}{"id":${quote(s.key)}${member('uid', s.uid)}` +
          `,"label":${this.names.get(s.label)},"start":${start},"end":${end},"text":`,
      );
      emit(quote(doc.text.slice(first.start, last.end)));
      pending = `,"fragments":${this.fragments(doc.text, s, units, start, end)}` + this.rest(s);
    }
    pending += '],"relations":[';
    for (let i = 0; i < doc.relations.length; i++)
      pending += (i ? ',' : '') + this.relation(doc.relations[i]!);
    emit(pending + ']}\n');
  }

  private fragments(text: string, s: CorpusSpan, units: UnitText, start: number, end: number): string {
    // A continuous span's one fragment is the span itself, whose `text` is already on the line.
    if (s.fragments.length === 1) return `[{"start":${start},"end":${end}}]`;
    let fragments = '[';
    for (let i = 0; i < s.fragments.length; i++) {
      const f = s.fragments[i]!;
      fragments +=
        `${i ? ',' : ''}{"start":${units.at(f.start)},"end":${units.at(f.end)},"text":` +
        `${quote(text.slice(f.start, f.end))}}`;
    }
    return fragments + ']';
  }

  /** A span's fields after its fragments, with its closing brace. */
  private rest(s: CorpusSpan): string {
    return (
      `,"annotator":${this.names.get(s.annotator)}${this.layer(s)}` +
      `${s.attributes === undefined ? '' : `,"attributes":${attributesJson(s.attributes)}`}` +
      `${member('note', s.note)},"origin":${this.names.get(s.origin)}}`
    );
  }

  /** `,"layer":…`: gold, the annotator's by stable id, or nothing. */
  private layer(s: CorpusSpan): string {
    if (s.gold) return `,"layer":${GOLD_LAYER}`;
    if (s.annotatorUid === undefined) return '';
    return `,"layer":${this.layers.get(s.annotatorUid)}`;
  }

  private relation(r: CorpusRelation): string {
    return (
      `{${member('uid', r.uid).slice(1)}${r.uid === undefined ? '' : ','}"type":${this.names.get(r.type)}` +
      `,"from":${quote(r.from)},"to":${quote(r.to)},"annotator":${this.names.get(r.annotator)}}`
    );
  }
}

/** Most spans have no attributes: their `{}` needs no walk. */
const attributesJson = (attributes: CorpusSpan['attributes']) => {
  for (const _ in attributes) return JSON.stringify(attributes);
  return '{}';
};
