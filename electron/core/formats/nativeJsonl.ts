/**
 * Native JSONL: one document a line with its text, status and every span (fragments, attributes,
 * note, annotator, origin) and relation; lossless. Documented in docs/formats.md and
 * docs/native-jsonl.md. Writes `marginalia-jsonl/2` (nativeJsonlWrite.ts); reads /2 and the /1 lines earlier versions wrote.
 */
import { offsetUnitFromName, type OffsetUnit } from '../offsets';
import { firstJsonObject } from './detect';
import type { Span } from '../spans';
import { DOCUMENT_STATUSES } from '../documentStatus';
import { attributesOf, idOf, int, isRecord, jsonLines, statusOf, str, type JsonRecord } from './fields';
import type {
  CorpusDocument,
  CorpusRelation,
  CorpusSpan,
  FormatDefinition,
  FormatWriter,
  InputFile,
  ReadOptions,
  ReadProblem,
  ReadResult,
} from './model';
import { SourceText, statedTextProblem, type Located } from './sourceText';
import { NATIVE_FORMAT, NativeLineWriter } from './nativeJsonlWrite';

const NATIVE_FORMAT_V1 = 'marginalia-jsonl/1';

/** An identity a line states (a UUID the project gave), or undefined; anything else is a problem. */
function uidOf(raw: JsonRecord, problem: (m: string) => void, where: string): string | undefined {
  if (raw.uid === undefined) return undefined;
  if (typeof raw.uid === 'string' && /^[0-9a-f-]{8,64}$/i.test(raw.uid)) return raw.uid.toLowerCase();
  problem(`${where}: uid ${JSON.stringify(raw.uid)} is not an id Marginalia writes (hex digits and dashes)`);
  return undefined;
}

/** The layer a span states: gold, an annotator's by stable id, or none (the annotator's by name). */
function layerOf(
  raw: JsonRecord,
  problem: (m: string) => void,
  where: string,
): { gold?: true; annotatorUid?: string } | null {
  const layer = raw.layer;
  if (layer === undefined) return {};
  if (isRecord(layer) && layer.kind === 'gold') return { gold: true };
  if (isRecord(layer) && layer.kind === 'annotator') {
    const uid = uidOf({ uid: layer.annotator }, problem, `${where}: layer`);
    return uid === undefined ? null : { annotatorUid: uid };
  }
  problem(
    `${where}: layer ${JSON.stringify(layer)} is not {"kind": "gold"} or {"kind": "annotator", "annotator": ID}`,
  );
  return null;
}

function createWriter(options: { offsetUnit: OffsetUnit }): FormatWriter {
  const lines = new NativeLineWriter(options.offsetUnit);
  return {
    document(doc, out) {
      lines.write(doc, (chunk) => out.write('', chunk));
    },
    finish() {},
  };
}

const ORIGINS: readonly CorpusSpan['origin'][] = ['manual', 'suggested', 'imported', 'adjudicated'];

function read(files: readonly InputFile[], options: ReadOptions): ReadResult {
  const documents: CorpusDocument[] = [];
  const problems: ReadProblem[] = [];
  for (const file of files) {
    const problem = (line: number, message: string) => problems.push({ file: file.path, line, message });
    for (const { line, value } of jsonLines(file.content, problem)) {
      const doc = readRecord(value, options, (message) => problem(line, message));
      if (doc) documents.push(doc);
    }
  }
  return { documents, problems };
}

function readRecord(
  value: unknown,
  options: ReadOptions,
  problem: (m: string) => void,
): CorpusDocument | null {
  if (!isRecord(value)) return (problem('a line must be a JSON object'), null);
  const format = str(value, 'format');
  if (format !== NATIVE_FORMAT && format !== NATIVE_FORMAT_V1)
    return (problem(`format ${JSON.stringify(format)} is not ${NATIVE_FORMAT} or ${NATIVE_FORMAT_V1}`), null);
  const unit = offsetUnitFromName(str(value, 'offset_unit') ?? '');
  if (!unit) return (problem(`offset_unit ${JSON.stringify(value.offset_unit)} is not a known unit`), null);
  const rawText = str(value, 'text');
  if (rawText === undefined || rawText === '') return (problem('"text" must be a non-empty string'), null);
  const id = idOf(value.id);
  if (id === undefined) return (problem('"id" must be a string or number'), null);
  const source = new SourceText(rawText);
  const status = value.status === undefined ? 'todo' : statusOf(value.status);
  if (!status)
    return (
      problem(`status ${JSON.stringify(value.status)} is not one of ${DOCUMENT_STATUSES.join(', ')}`),
      null
    );
  const spans = readSpans(value.spans, source, unit, options, problem);
  const keys = new Set(spans.map((s) => s.key));
  const relations = readRelations(value.relations, keys, options, problem);
  return {
    id,
    title: str(value, 'title') ?? id,
    text: source.text,
    status,
    source: isRecord(value.source) ? value.source : {},
    ...(str(value, 'sha256') && source.text === rawText ? { sha256: str(value, 'sha256') } : {}),
    ...(typeof value.project === 'string' ? { project: value.project } : {}),
    spans,
    relations,
  };
}

function readSpans(
  value: unknown,
  source: SourceText,
  unit: OffsetUnit,
  options: ReadOptions,
  problem: (m: string) => void,
): CorpusSpan[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return (problem('"spans" must be a list'), []);
  const spans: CorpusSpan[] = [];
  const seen = new Set<string>();
  value.forEach((raw: unknown, index) => {
    const where = `span ${index + 1}`;
    if (!isRecord(raw)) return problem(`${where} must be an object`);
    const key = idOf(raw.id) ?? `span-${index + 1}`;
    const label = str(raw, 'label');
    if (!label) return problem(`${where} has no label`);
    if (seen.has(key)) return problem(`${where}: id ${key} is used twice`);
    const stated = statedFragments(raw);
    if (!stated) return problem(`${where} (${label}) needs whole-number start and end, or fragments`);
    const outer = { start: stated.offsets[0]!.start, end: stated.offsets[stated.offsets.length - 1]!.end };
    if (
      raw.fragments !== undefined &&
      raw.start !== undefined &&
      (raw.start !== outer.start || raw.end !== outer.end)
    )
      return problem(
        `${where} (${label}): start-end ${String(raw.start)}-${String(raw.end)} are not the bounds of its fragments`,
      );
    const origin = raw.origin === undefined ? 'imported' : ORIGINS.find((o) => o === raw.origin);
    if (!origin)
      return problem(
        `${where} (${label}): origin ${JSON.stringify(raw.origin)} is not one of ${ORIGINS.join(', ')}`,
      );
    const located = source.locate(stated.offsets, unit);
    if ('problem' in located) return problem(`${where} (${label}): ${located.problem}`);
    const mismatch = textMismatch(raw, stated.texts, located.rawTexts, () => source.locate([outer], unit));
    if (mismatch) return problem(`${where} (${label}): ${mismatch}`);
    const { attributes, rejected } = attributesOf(raw.attributes);
    if (rejected.length > 0)
      problem(`${where} (${label}): attributes ${rejected.join(', ')} are not text, number or yes/no`);
    const layer = layerOf(raw, problem, `${where} (${label})`);
    if (!layer) return;
    const uid = uidOf(raw, problem, `${where} (${label})`);
    seen.add(key);
    spans.push({
      ...layer,
      ...(uid === undefined ? {} : { uid }),
      key,
      label,
      fragments: located.fragments,
      annotator: str(raw, 'annotator') || options.defaultAnnotator,
      attributes,
      note: str(raw, 'note') ?? null,
      origin,
    });
  });
  return spans;
}

/** The offsets a span states, and the text stated for each (undefined where none is given). */
function statedFragments(
  raw: JsonRecord,
): { offsets: Span['fragments']; texts: (string | undefined)[] } | null {
  if (Array.isArray(raw.fragments)) {
    const parts = raw.fragments.filter(isRecord);
    if (parts.length === 0 || parts.length !== raw.fragments.length) return null;
    const offsets = parts.map((f) => ({ start: int(f, 'start'), end: int(f, 'end') }));
    if (offsets.some((f) => f.start === undefined || f.end === undefined)) return null;
    return { offsets: offsets as Span['fragments'], texts: parts.map((f) => str(f, 'text')) };
  }
  const start = int(raw, 'start');
  const end = int(raw, 'end');
  if (start === undefined || end === undefined) return null;
  return { offsets: [{ start, end }], texts: [undefined] };
}

/**
 * Why a span's stated texts differ from what its offsets cover, or `null`. The span's own `text` is
 * checked against its outer bounds, each fragment's `text` (written for split spans only) against
 * the fragment.
 */
function textMismatch(
  raw: JsonRecord,
  fragmentTexts: readonly (string | undefined)[],
  covered: readonly string[],
  locateOuter: () => Located,
): string | null {
  for (let i = 0; i < fragmentTexts.length; i++) {
    const text = fragmentTexts[i];
    const mismatch = text === undefined ? null : statedTextProblem(text, covered[i]!);
    if (mismatch) return mismatch;
  }
  const spanText = str(raw, 'text');
  if (spanText === undefined) return null;
  const outer = covered.length === 1 ? covered[0]! : outerText(locateOuter());
  return statedTextProblem(spanText, outer);
}

const outerText = (located: Located) => ('problem' in located ? '' : located.rawTexts[0]!);

function readRelations(
  value: unknown,
  keys: ReadonlySet<string>,
  options: ReadOptions,
  problem: (m: string) => void,
): CorpusRelation[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return (problem('"relations" must be a list'), []);
  const relations: CorpusRelation[] = [];
  value.forEach((raw: unknown, index) => {
    const where = `relation ${index + 1}`;
    if (!isRecord(raw)) return problem(`${where} must be an object`);
    const type = str(raw, 'type');
    const from = idOf(raw.from);
    const to = idOf(raw.to);
    if (!type || from === undefined || to === undefined) return problem(`${where} needs type, from and to`);
    for (const end of [from, to])
      if (!keys.has(end))
        return problem(`${where} (${type}) refers to span ${end}, which is not in the line`);
    const uid = uidOf(raw, problem, `${where} (${type})`);
    relations.push({
      type,
      from,
      to,
      annotator: str(raw, 'annotator') || options.defaultAnnotator,
      ...(uid === undefined ? {} : { uid }),
    });
  });
  return relations;
}

export const nativeJsonlFormat: FormatDefinition = {
  id: 'jsonl',
  name: 'Native JSONL',
  layout: 'file',
  extension: 'jsonl',
  detect: (file) => String(firstJsonObject(file)?.format ?? '').startsWith('marginalia-jsonl/'),
  createWriter,
  read,
  keepsIdentities: true,
};
