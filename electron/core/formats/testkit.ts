/** Helpers for the format tests: an in-memory sink, document builders and fast-check generators. */
import fc from 'fast-check';
import { DEFAULT_SCHEMA, type AttributeDef, type LabelDef } from '../schema';
import { trimRange } from '../spans';
import { LossReport } from './lossReport';
import type {
  CorpusDocument,
  CorpusSpan,
  FormatDefinition,
  InputFile,
  OutputSink,
  WriteOptions,
} from './model';
import { SourceText } from './sourceText';

/** Collects what a writer writes, file by file. */
export class MemorySink implements OutputSink {
  readonly files = new Map<string, string>();
  write(relativePath: string, chunk: string): void {
    this.files.set(relativePath, (this.files.get(relativePath) ?? '') + chunk);
  }
  /** The files as reader input (paths as written, '' named `export.EXT`). */
  inputs(extension: string): InputFile[] {
    return [...this.files].map(([path, content]) => ({
      path: path === '' ? `export.${extension}` : path,
      content,
    }));
  }
}

/** Runs a format's writer over documents. */
export function writeAll(
  format: FormatDefinition,
  docs: readonly CorpusDocument[],
  options: Partial<WriteOptions> = {},
) {
  const sink = new MemorySink();
  const loss = new LossReport();
  const writer = format.createWriter!({ offsetUnit: 'utf16', schema: DEFAULT_SCHEMA, ...options });
  for (const doc of docs) writer.document(doc, sink, loss);
  writer.finish(sink, loss);
  return { sink, loss, files: sink.files };
}

/** A loss report as counts by kind. */
export const lossCounts = (loss: LossReport) => Object.fromEntries(loss.list().map((e) => [e.kind, e.count]));

/** A loss report as `[kind, count, ['DOCUMENT: DETAIL', ...]]` per kind, in the order first seen. */
export const lossDetails = (loss: LossReport) =>
  loss
    .list()
    .map(({ kind, count, examples }) => [kind, count, examples.map((e) => `${e.document}: ${e.detail}`)]);

/** The kinds whose message is no sentence a user could act on (empty or a few words). */
export const unexplainedLosses = (loss: LossReport) =>
  loss
    .list()
    .filter((e) => !/^\S.{30,}$/s.test(e.message))
    .map((e) => e.kind);

/** A span label with no hotkey, named by its key. */
export const spanLabel = (key: string, color: string, attributes: AttributeDef[] = []): LabelDef => ({
  key,
  name: key,
  color,
  hotkey: '',
  kind: 'span',
  attributes,
});

/** A span over the first occurrence of each piece of `covered` (pieces joined by `...`). */
export function spanOver(
  text: string,
  covered: string,
  label: string,
  extra: Partial<CorpusSpan> = {},
): CorpusSpan {
  let from = 0;
  const fragments = covered.split('...').map((piece) => {
    const start = text.indexOf(piece, from);
    if (start < 0) throw new Error(`"${piece}" is not in the text`);
    from = start + piece.length;
    return { start, end: from };
  });
  return {
    key: extra.key ?? `${label}-${fragments[0]!.start}`,
    label,
    fragments,
    annotator: 'alice',
    attributes: {},
    note: null,
    origin: 'manual',
    ...extra,
  };
}

export function makeDoc(
  id: string,
  text: string,
  spans: CorpusSpan[] = [],
  extra: Partial<CorpusDocument> = {},
): CorpusDocument {
  return {
    id,
    title: text.split('\n')[0]!,
    text,
    status: 'todo',
    source: {},
    spans,
    relations: [],
    ...extra,
  };
}

/** The text of a news-like sample with every hard case: emoji, ZWJ, flag, Urdu, combining mark. */
export const HARD_TEXT =
  'Death toll rises to 47 😀 in Karachi\n\nOfficials in کراچی میں said 👨‍👩‍👧 families were café\u0301 owners 🇵🇰.\nPolice said at least 12 were hurt.';

const PIECES = [
  'Death',
  'toll',
  '47',
  'said',
  '😀',
  '👨‍👩‍👧',
  '🇵🇰',
  'café',
  'e\u0301',
  'کراچی',
  'میں',
  '۔',
  ',',
  '.',
  'naïve',
  '\u00a0',
];
const SEPARATORS = [' ', ' ', ' ', ' ', ' ', '\n', '\r\n', '\r\n\r\n'];

/** Raw texts (maybe with CRLF) built from hard pieces, at least one word long. */
export const rawTextArb = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), {
    minLength: 3,
    maxLength: 24,
  })
  .map((parts) => parts.map(([p, s]) => p + s).join('') + 'end');

/** Offsets between grapheme clusters: the boundaries a person can select. */
export function graphemeBoundaries(text: string): number[] {
  const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
  return [...[...segmenter.segment(text)].map((s) => s.index), text.length];
}

export interface SpanShape {
  discontinuous: boolean;
  overlapping: boolean;
  /** Spans may not cross a line break (brat splits them). */
  withinLines: boolean;
  annotators: readonly string[];
}

/** A document from a raw text (normalised as a reader would) with random spans of the given shape. */
export function docArb(
  shape: SpanShape,
  labels: readonly string[] = ['Claim', 'Figure', 'Location', 'Hedge'],
  textArb: fc.Arbitrary<string> = rawTextArb,
) {
  return textArb.chain((raw) => {
    const text = new SourceText(raw).text;
    const bounds = graphemeBoundaries(text);
    const last = bounds.length - 1;
    // Short spans at grapheme boundaries: a start, a length, and for a second piece a gap and a length.
    const spanArb = fc.record({
      at: fc.integer({ min: 0, max: last }),
      length: fc.integer({ min: 1, max: 8 }),
      gap: fc.integer({ min: 1, max: 4 }),
      length2: fc.integer({ min: 1, max: 4 }),
      twoPieces: fc.boolean(),
      label: fc.constantFrom(...labels),
      annotator: fc.constantFrom(...shape.annotators),
    });
    return fc.array(spanArb, { maxLength: 10 }).map((drafts) => {
      const spans: CorpusSpan[] = [];
      const taken: [number, number][] = [];
      const at = (i: number) => bounds[Math.min(i, last)]!;
      drafts.forEach((d, i) => {
        const e1 = d.at + d.length;
        const pieces = [trimRange(text, at(d.at), at(e1))];
        if (shape.discontinuous && d.twoPieces)
          pieces.push(trimRange(text, at(e1 + d.gap), at(e1 + d.gap + d.length2)));
        if (pieces.some((r) => r === null)) return;
        const fragments = pieces as { start: number; end: number }[];
        if (fragments.length === 2 && fragments[1]!.start <= fragments[0]!.end) return;
        if (shape.withinLines && fragments.some((f) => /[\n]/.test(text.slice(f.start, f.end)))) return;
        if (!shape.overlapping && fragments.some((f) => taken.some(([s, e]) => f.start < e && s < f.end)))
          return;
        fragments.forEach((f) => taken.push([f.start, f.end]));
        spans.push({
          key: `s${i + 1}`,
          label: d.label,
          fragments,
          annotator: d.annotator,
          attributes: {},
          note: null,
          origin: 'manual',
        });
      });
      return makeDoc('doc-1', text, spans);
    });
  });
}

/** Spans as comparable values: annotator, label, fragments (and whatever `extra` picks), sorted. */
export function spanSet(doc: CorpusDocument, extra: (s: CorpusSpan) => unknown = () => null): string[] {
  return doc.spans.map((s) => JSON.stringify([s.annotator, s.label, s.fragments, extra(s)])).sort();
}
