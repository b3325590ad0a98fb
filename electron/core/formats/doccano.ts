/**
 * doccano JSONL. Two shapes, both read: `{"text", "label": [[start, end, label], ...]}` (sequence
 * labeling) and `{"text", "entities": [{id, label, start_offset, end_offset}], "relations": [{id,
 * from_id, to_id, type}]}` (with relations). doccano's annotation screen counts offsets in UTF-16
 * code units; exports state `offset_unit` on each line, and the reader takes it, or ReadOptions, or
 * UTF-16 unless the file's spans fit code points only (see unitOfFile). One line per document and
 * annotator, as doccano exports one file per user.
 */
import { OFFSET_UNIT_NAMES, offsetUnitFromName, type OffsetUnit } from '../offsets';
import { titleFromText } from '../text';
import { baseName } from './fileNames';
import { idOf, int, isRecord, jsonLines, statusOf, str, type JsonRecord } from './fields';
import { firstJsonObject } from './detect';
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
  WriteOptions,
} from './model';
import { piecesOf, withoutOverlaps } from './overlaps';
import { SourceText, statedTextProblem } from './sourceText';
import { describeRelation, describeSpan, reportUnheld, UnitText } from './writerSupport';

function createWriter(options: WriteOptions): FormatWriter {
  const form = options.doccanoForm ?? 'label';
  const unit = options.offsetUnit;
  return {
    document(doc, out, loss) {
      const at = new UnitText(doc.text, unit);
      const annotators = [...new Set(doc.spans.map((s) => s.annotator))];
      let lines = '';
      for (const annotator of annotators.length > 0 ? annotators : [null]) {
        const spans = doc.spans.filter((s) => s.annotator === annotator);
        const pieces = piecesOf(spans);
        const entities = pieces.map((p) => ({
          span: p.span,
          start: at.at(p.start),
          end: at.at(p.end),
          text: doc.text.slice(p.start, p.end),
        }));
        const entityId = new Map<string, number>();
        entities.forEach((e, i) => {
          if (!entityId.has(e.span.key)) entityId.set(e.span.key, i + 1);
        });
        for (const span of new Set(withoutOverlaps(pieces).dropped.map((p) => p.span)))
          loss.add(
            'overlap',
            'doccano keeps overlapping spans only in a project that allows overlap; these overlap another span',
            doc.id,
            describeSpan(doc.text, span),
          );
        const record: JsonRecord = { id: doc.id, text: doc.text };
        if (form === 'label') record.label = entities.map((e) => [e.start, e.end, e.span.label]);
        else {
          record.entities = entities.map((e, i) => ({
            id: i + 1,
            label: e.span.label,
            start_offset: e.start,
            end_offset: e.end,
            text: e.text,
          }));
          record.relations = doc.relations
            .filter((r) => entityId.has(r.from) && entityId.has(r.to))
            .map((r, i) => ({
              id: i + 1,
              from_id: entityId.get(r.from),
              to_id: entityId.get(r.to),
              type: r.type,
            }));
        }
        if (annotator !== null) record.annotator = annotator;
        record.status = doc.status;
        record.offset_unit = OFFSET_UNIT_NAMES[unit];
        lines += JSON.stringify(record) + '\n';
      }
      out.write('', lines);
      const crossing = doc.relations.filter((r) => form === 'entities' && !sameAnnotator(doc, r));
      for (const r of crossing)
        loss.add(
          'relations',
          'doccano relations link entities of one line; a relation between spans of different annotators is left out',
          doc.id,
          describeRelation(doc, r),
        );
      reportUnheld(loss, 'doccano JSONL', doc, {
        relations: form === 'entities',
        annotators: true,
        status: true,
      });
    },
    finish() {},
  };
}

function sameAnnotator(doc: CorpusDocument, r: CorpusRelation): boolean {
  const from = doc.spans.find((s) => s.key === r.from);
  const to = doc.spans.find((s) => s.key === r.to);
  return from !== undefined && to !== undefined && from.annotator === to.annotator;
}

/** A line that parsed, with the unit it states (undefined: the file's unit decides). */
interface DoccanoLine {
  line: number;
  value: JsonRecord;
  source: SourceText;
  unit: OffsetUnit | undefined;
}

function read(files: readonly InputFile[], options: ReadOptions): ReadResult {
  const documents: CorpusDocument[] = [];
  const problems: ReadProblem[] = [];
  const notices: ReadProblem[] = [];
  for (const file of files) {
    const lines: DoccanoLine[] = [];
    // Collected per file and sorted, so they read in line order though lines are read in two passes.
    const fileProblems: ReadProblem[] = [];
    for (const { line, value } of jsonLines(file.content, (l, message) =>
      fileProblems.push({ file: file.path, line: l, message }),
    )) {
      const problem = (message: string) => fileProblems.push({ file: file.path, line, message });
      if (!isRecord(value)) {
        problem('a line must be a JSON object');
        continue;
      }
      const raw = str(value, 'text') ?? str(value, 'data');
      if (!raw) {
        problem('"text" must be a non-empty string');
        continue;
      }
      const stated = str(value, 'offset_unit');
      const unit = stated === undefined ? options.offsetUnit : offsetUnitFromName(stated);
      if (stated !== undefined && !unit) {
        problem(`offset_unit ${JSON.stringify(stated)} is not a known unit`);
        continue;
      }
      lines.push({ line, value, source: new SourceText(raw), unit });
    }
    const unstated = lines.filter((l) => l.unit === undefined);
    const fileUnit = unstated.length > 0 ? unitOfFile(file.path, unstated, notices) : 'utf16';
    // Lines with the same text (one per annotator) become one document.
    const byText = new Map<string, CorpusDocument>();
    for (const { line, value, source, unit } of lines) {
      const problem = (message: string) => fileProblems.push({ file: file.path, line, message });
      const annotator = str(value, 'annotator') || str(value, 'user') || options.defaultAnnotator;
      let doc = byText.get(source.text);
      if (!doc) {
        const id = idOf(value.id) ?? `${baseName(file.path)}-${line}`;
        doc = {
          id,
          title: titleFromText(source.text, id),
          text: source.text,
          status: statusOf(value.status) ?? 'todo',
          source: { file: file.path.split(/[\\/]/).pop(), line },
          spans: [],
          relations: [],
        };
        byText.set(source.text, doc);
        documents.push(doc);
      }
      readLine(value, source, unit ?? fileUnit, annotator, `${line}:`, doc, problem);
    }
    problems.push(...fileProblems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  }
  return { documents, problems, ...(notices.length > 0 ? { notices } : {}) };
}

/**
 * The unit of a file whose lines do not state one: UTF-16 code units, what doccano's annotation
 * screen counts (doccano#2290, #2484), unless the spans fit code points only. Never silent where the
 * two differ: a notice says which was taken and how to choose the other.
 */
function unitOfFile(path: string, lines: readonly DoccanoLine[], notices: ReadProblem[]): OffsetUnit {
  // Without characters outside the Basic Multilingual Plane both units count alike.
  if (!lines.some((l) => /[\ud800-\udbff]/.test(l.source.raw))) return 'utf16';
  const utf16Misfit = firstMisfit(lines, 'utf16');
  const codepointMisfit = firstMisfit(lines, 'codepoint');
  const choose = `choose the unit when importing (--offsets utf16|codepoint on the command line, "Offsets in doccano files" in the Import dialog) or add "offset_unit" to each line`;
  if (utf16Misfit === null && codepointMisfit === null) {
    notices.push({
      file: path,
      message: `offsets read as UTF-16 code units (what doccano's annotation screen counts): the file does not state its unit, and its spans also fit code points, which count characters beyond the Basic Multilingual Plane (emoji) as one; if the file counts code points, ${choose}`,
    });
    return 'utf16';
  }
  if (utf16Misfit !== null && codepointMisfit === null) {
    notices.push({
      file: path,
      message: `offsets read as code points: the file does not state its unit, and its spans fit code points but not UTF-16 code units (${utf16Misfit}); to read them otherwise, ${choose}`,
    });
    return 'codepoint';
  }
  // Neither fits (or only UTF-16): read as UTF-16, and the misfits are reported as problems.
  return 'utf16';
}

/** Where the first span of `lines` that does not fit `unit` is, and why; null when all fit. */
function firstMisfit(lines: readonly DoccanoLine[], unit: OffsetUnit): string | null {
  for (const { line, value, source } of lines) {
    const entities = entitiesOf(value, () => {});
    for (const [index, e] of entities.entries()) {
      const located = source.locate([{ start: e.start, end: e.end }], unit);
      const why =
        'problem' in located
          ? located.problem
          : e.text === undefined
            ? null
            : statedTextProblem(e.text, located.rawTexts[0]!);
      if (why) return `line ${line}, span ${index + 1} (${e.label}): ${why}`;
    }
  }
  return null;
}

/** The spans and relations of one line, added to its document; keys are prefixed to stay unique. */
function readLine(
  value: JsonRecord,
  source: SourceText,
  unit: OffsetUnit,
  annotator: string,
  prefix: string,
  doc: CorpusDocument,
  problem: (message: string) => void,
): void {
  const entities = entitiesOf(value, problem);
  const keys = new Set<string>();
  entities.forEach((e, index) => {
    const where = `span ${index + 1} (${e.label})`;
    const located = source.locate([{ start: e.start, end: e.end }], unit);
    if ('problem' in located) return problem(`${where}: ${located.problem}`);
    const mismatch = e.text === undefined ? null : statedTextProblem(e.text, located.rawTexts[0]!);
    if (mismatch) return problem(`${where}: ${mismatch}`);
    const key = prefix + e.id;
    if (keys.has(key)) return problem(`${where}: entity id ${e.id} is used twice`);
    keys.add(key);
    const span: CorpusSpan = {
      key,
      label: e.label,
      fragments: located.fragments,
      annotator,
      attributes: {},
      note: null,
      origin: 'imported',
    };
    doc.spans.push(span);
  });
  if (!Array.isArray(value.relations)) return;
  value.relations.forEach((r: unknown, index) => {
    const from = isRecord(r) ? idOf(r.from_id) : undefined;
    const to = isRecord(r) ? idOf(r.to_id) : undefined;
    const type = isRecord(r) ? (str(r, 'type') ?? str(r, 'label')) : undefined;
    if (from === undefined || to === undefined || !type)
      return problem(`relation ${index + 1} needs from_id, to_id and type`);
    if (!keys.has(prefix + from) || !keys.has(prefix + to))
      return problem(`relation ${index + 1} (${type}) refers to an entity that is not in the line`);
    doc.relations.push({ type, from: prefix + from, to: prefix + to, annotator });
  });
}

interface StatedEntity {
  id: string;
  start: number;
  end: number;
  label: string;
  text?: string;
}

function entitiesOf(value: JsonRecord, problem: (message: string) => void): StatedEntity[] {
  const entities: StatedEntity[] = [];
  if (Array.isArray(value.entities)) {
    value.entities.forEach((e: unknown, index) => {
      const start = isRecord(e) ? int(e, 'start_offset') : undefined;
      const end = isRecord(e) ? int(e, 'end_offset') : undefined;
      const label = isRecord(e) ? str(e, 'label') : undefined;
      if (!isRecord(e) || start === undefined || end === undefined || !label)
        return problem(`entity ${index + 1} needs whole-number start_offset, end_offset and a label`);
      entities.push({ id: idOf(e.id) ?? `e${index + 1}`, start, end, label, text: str(e, 'text') });
    });
    return entities;
  }
  const list = value.label ?? value.labels ?? [];
  if (!Array.isArray(list)) return (problem('"label" must be a list of [start, end, label]'), entities);
  list.forEach((item: unknown, index) => {
    if (
      !Array.isArray(item) ||
      item.length < 3 ||
      !Number.isInteger(item[0]) ||
      !Number.isInteger(item[1]) ||
      typeof item[2] !== 'string'
    )
      return problem(`label ${index + 1} must be [start, end, label] with whole-number offsets`);
    entities.push({
      id: String(index + 1),
      start: item[0] as number,
      end: item[1] as number,
      label: item[2],
    });
  });
  return entities;
}

export const doccanoFormat: FormatDefinition = {
  id: 'doccano',
  name: 'doccano JSONL',
  layout: 'file',
  extension: 'jsonl',
  detect(file) {
    const first = firstJsonObject(file);
    return (
      first !== undefined &&
      typeof first.text === 'string' &&
      ['label', 'labels', 'entities'].some((k) => k in first)
    );
  },
  createWriter,
  read,
};
