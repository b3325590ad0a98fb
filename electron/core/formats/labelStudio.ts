/**
 * Label Studio JSON: a folder with tasks.json (the JSON array Label Studio imports and exports) and
 * label_config.xml (the labeling config to create the project with: Label Studio drops results whose
 * labels its config does not name). Each task: `data.text`, one annotation per annotator with
 * `labels` results `{start, end, text, labels}` in UTF-16 code units (what Label Studio counts) and
 * `relation` results; suggestions go to `predictions`. Reading takes annotations as imported spans
 * and predictions as suggestions.
 */
import { OFFSET_UNIT_NAMES } from '../offsets';
import type { LabelDef, ProjectSchema } from '../schema';
import { titleFromText } from '../text';
import { baseName, extensionOf } from './fileNames';
import { idOf, int, isRecord, str, type JsonRecord } from './fields';
import { arrayElements, parseErrorLine } from './jsonPositions';
import { firstLine, hasExtension } from './detect';
import type {
  CorpusDocument,
  CorpusSpan,
  FormatDefinition,
  FormatWriter,
  InputFile,
  ReadOptions,
  ReadProblem,
  ReadResult,
  WriteOptions,
} from './model';
import { SourceText, statedTextProblem } from './sourceText';
import { describeSpan, reportFixedUnit, reportUnheld } from './writerSupport';

const FROM_NAME = 'label';
const TO_NAME = 'text';

function createWriter(options: WriteOptions): FormatWriter {
  const labels = new Map(options.schema.labels.filter((l) => l.kind === 'span').map((l) => [l.key, l.color]));
  const relationTypes = new Set(options.schema.relationTypes.map((r) => r.name));
  let first = true;
  return {
    document(doc, out, loss) {
      const group = (suggested: boolean) => {
        const byAnnotator = new Map<string, CorpusSpan[]>();
        for (const s of doc.spans) {
          if ((s.origin === 'suggested') !== suggested) continue;
          const list = byAnnotator.get(s.annotator);
          if (list) list.push(s);
          else byAnnotator.set(s.annotator, [s]);
        }
        return byAnnotator;
      };
      const placed = new Set<string>();
      const results = (spans: CorpusSpan[]) => {
        const regions = spans.flatMap((span) => {
          labels.set(span.label, labels.get(span.label) ?? '#888888');
          return span.fragments.map((f, i) => ({
            id: i === 0 ? span.key : `${span.key}.${i + 1}`,
            from_name: FROM_NAME,
            to_name: TO_NAME,
            type: 'labels',
            value: { start: f.start, end: f.end, text: doc.text.slice(f.start, f.end), labels: [span.label] },
          }));
        });
        const keys = new Set(spans.map((s) => s.key));
        const relations = doc.relations
          .filter((r) => keys.has(r.from) && keys.has(r.to))
          .map((r) => {
            placed.add(`${r.from}>${r.to}>${r.type}`);
            relationTypes.add(r.type);
            return { from_id: r.from, to_id: r.to, type: 'relation', direction: 'right', labels: [r.type] };
          });
        return [...regions, ...relations];
      };
      const task = {
        data: { text: doc.text, id: doc.id, title: doc.title, offset_unit: OFFSET_UNIT_NAMES.utf16 },
        annotations: [...group(false)].map(([annotator, spans]) => ({
          created_username: annotator,
          result: results(spans),
        })),
        predictions: [...group(true)].map(([annotator, spans]) => ({
          model_version: annotator,
          result: results(spans),
        })),
      };
      for (const r of doc.relations)
        if (!placed.has(`${r.from}>${r.to}>${r.type}`))
          loss.add(
            'relations',
            'a Label Studio relation links regions of one annotation; a relation between spans of different annotators or of a suggestion and a span is left out',
            doc.id,
            `${r.type}: ${r.from} -> ${r.to}`,
          );
      for (const span of doc.spans)
        if (span.fragments.length > 1)
          loss.add(
            'discontinuous',
            'Label Studio regions are continuous: each piece of a discontinuous span is a region of its own (ids KEY, KEY.2, ...)',
            doc.id,
            describeSpan(doc.text, span),
          );
      out.write('tasks.json', `${first ? '[\n' : ',\n'}${JSON.stringify(task)}`);
      first = false;
      reportUnheld(loss, 'Label Studio JSON', doc, {
        relations: true,
        discontinuous: true,
        origin: true,
        annotators: true,
      });
    },
    finish(out, loss) {
      out.write('tasks.json', first ? '[]\n' : '\n]\n');
      reportFixedUnit(loss, 'Label Studio', options.offsetUnit, 'utf16');
      out.write('label_config.xml', labelConfig(labels, relationTypes));
    },
  };
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The labeling config: one Labels tag over the text, and the relation types. */
export function labelConfig(labels: ReadonlyMap<string, string>, relationTypes: ReadonlySet<string>): string {
  return [
    '<View>',
    `  <Labels name="${FROM_NAME}" toName="${TO_NAME}">`,
    ...[...labels].map(([value, colour]) => `    <Label value="${xml(value)}" background="${xml(colour)}"/>`),
    '  </Labels>',
    `  <Text name="${TO_NAME}" value="$text"/>`,
    ...(relationTypes.size > 0
      ? [
          '  <Relations>',
          ...[...relationTypes].map((r) => `    <Relation value="${xml(r)}"/>`),
          '  </Relations>',
        ]
      : []),
    '</View>',
    '',
  ].join('\n');
}

function read(files: readonly InputFile[], options: ReadOptions): ReadResult {
  const documents: CorpusDocument[] = [];
  const problems: ReadProblem[] = [];
  const warnings: ReadProblem[] = [];
  let schema: ProjectSchema | undefined;
  for (const file of files) {
    if (extensionOf(file.path) === 'xml') {
      schema = schemaFromConfig(file.content);
      continue;
    }
    if (extensionOf(file.path) !== 'json') {
      warnings.push({
        file: file.path,
        message: 'not a Label Studio .json or labeling config .xml; skipped',
      });
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(file.content.replace(/^\uFEFF/, ''));
    } catch (error) {
      problems.push({
        file: file.path,
        line: parseErrorLine(file.content, error as Error),
        message: `not valid JSON: ${(error as Error).message}`,
      });
      continue;
    }
    const tasks = Array.isArray(parsed) ? parsed : [parsed];
    const lines = Array.isArray(parsed) ? arrayElements(file.content).map((e) => e.line) : [1];
    tasks.forEach((task: unknown, index) => {
      const at = { file: file.path, line: lines[index] };
      const problem = (message: string) => problems.push({ ...at, message: `task ${index + 1}: ${message}` });
      const warn = (message: string) => warnings.push({ ...at, message: `task ${index + 1}: ${message}` });
      const doc = readTask(task, `${baseName(file.path)}-${index + 1}`, options, problem, warn);
      if (doc) documents.push(doc);
    });
  }
  return { documents, problems, warnings, ...(schema ? { schema } : {}) };
}

const unxml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The labels (with their colours) and relation types a labeling config declares, as a schema fragment. */
export function schemaFromConfig(xmlText: string): ProjectSchema {
  const attribute = (tag: string, name: string) => {
    const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
    return m ? unxml(m[1]!) : undefined;
  };
  const labels: LabelDef[] = [];
  for (const [tag] of xmlText.matchAll(/<Label\b[^>]*>/g)) {
    const key = attribute(tag, 'value');
    if (!key || labels.some((l) => l.key === key)) continue;
    const colour = attribute(tag, 'background') ?? '';
    labels.push({
      key,
      name: key,
      color: /^#[0-9a-f]{6}$/i.test(colour) ? colour : '#888888',
      hotkey: '',
      kind: 'span',
      attributes: [],
    });
  }
  // Label Studio relations may join any two regions: one relation type per label, to any label.
  const relationTypes = [...xmlText.matchAll(/<Relation\b[^>]*>/g)]
    .map(([tag]) => attribute(tag, 'value'))
    .filter((name): name is string => !!name)
    .flatMap((name) => labels.map((l) => ({ name, fromLabel: l.key, toLabel: null })));
  return { labels, relationTypes };
}

function readTask(
  task: unknown,
  fallbackId: string,
  options: ReadOptions,
  problem: (m: string) => void,
  warn: (m: string) => void,
): CorpusDocument | null {
  if (!isRecord(task)) return (problem('a task must be a JSON object'), null);
  // An imported task may be its data alone ({"text": ...}), as Label Studio itself accepts.
  const data = isRecord(task.data) ? task.data : task;
  const raw = str(data, 'text');
  if (!raw) return (problem('data.text must be a non-empty string'), null);
  const source = new SourceText(raw);
  const id = idOf(data.id) ?? idOf(task.id) ?? fallbackId;
  const doc: CorpusDocument = {
    id,
    title: str(data, 'title') ?? titleFromText(source.text, id),
    text: source.text,
    status: 'todo',
    source: { labelStudioTask: idOf(task.id) ?? null },
    spans: [],
    relations: [],
  };
  const sets: [unknown, boolean][] = [
    [task.annotations ?? task.completions, false],
    [task.predictions, true],
  ];
  sets.forEach(([list, suggested]) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) return problem(`${suggested ? 'predictions' : 'annotations'} must be a list`);
    list.forEach((annotation: unknown, n) => {
      const where = `${suggested ? 'prediction' : 'annotation'} ${n + 1}`;
      if (!isRecord(annotation) || !Array.isArray(annotation.result))
        return problem(`${where} needs a result list`);
      if (annotation.was_cancelled === true) return warn(`${where} was cancelled in Label Studio; left out`);
      const annotator = annotatorOf(annotation, suggested) || options.defaultAnnotator;
      readResults(
        annotation.result,
        `${suggested ? 'p' : 'a'}${n + 1}:`,
        annotator,
        suggested,
        source,
        doc,
        (m) => problem(`${where}, ${m}`),
        (m) => warn(`${where}, ${m}`),
      );
    });
  });
  return doc;
}

function annotatorOf(annotation: JsonRecord, suggested: boolean): string | undefined {
  if (suggested) return str(annotation, 'model_version');
  const completedBy = annotation.completed_by;
  if (isRecord(completedBy)) return str(completedBy, 'email') ?? str(completedBy, 'username');
  // Label Studio writes "created_username": "name@example.com, 12" (the user id after the comma).
  return str(annotation, 'created_username')
    ?.replace(/,\s*\d+\s*$/, '')
    .trim();
}

function readResults(
  results: unknown[],
  prefix: string,
  annotator: string,
  suggested: boolean,
  source: SourceText,
  doc: CorpusDocument,
  problem: (m: string) => void,
  warn: (m: string) => void,
): void {
  const keys = new Set<string>();
  const relations: JsonRecord[] = [];
  results.forEach((result: unknown, index) => {
    if (!isRecord(result)) return problem(`result ${index + 1} must be an object`);
    if (result.type === 'relation') return void relations.push(result);
    const id = idOf(result.id) ?? String(index + 1);
    const where = `result ${id}`;
    const value = isRecord(result.value) ? result.value : {};
    if (result.type !== 'labels' || !Array.isArray(value.labels))
      return warn(`${where}: a "${String(result.type)}" result has no place in the project; left out`);
    const start = int(value, 'start');
    const end = int(value, 'end');
    if (start === undefined || end === undefined)
      return problem(`${where} needs whole-number value.start and value.end`);
    const located = source.locate([{ start, end }], 'utf16');
    if ('problem' in located) return problem(`${where}: ${located.problem}`);
    const stated = str(value, 'text');
    const mismatch = stated === undefined ? null : statedTextProblem(stated, located.rawTexts[0]!);
    if (mismatch) return problem(`${where}: ${mismatch}`);
    keys.add(id);
    value.labels.forEach((label: unknown, k) => {
      if (typeof label !== 'string') return problem(`${where}: labels must be text`);
      doc.spans.push({
        key: prefix + id + (k === 0 ? '' : `#${k + 1}`),
        label,
        fragments: located.fragments,
        annotator,
        attributes: {},
        note: null,
        origin: suggested ? 'suggested' : 'imported',
      });
    });
  });
  for (const r of relations) {
    const from = idOf(r.from_id);
    const to = idOf(r.to_id);
    const type = Array.isArray(r.labels) && typeof r.labels[0] === 'string' ? r.labels[0] : 'related';
    if (from === undefined || to === undefined || !keys.has(from) || !keys.has(to)) {
      problem(
        `a relation refers to ${from ?? '?'} -> ${to ?? '?'}, not both regions of this ${suggested ? 'prediction' : 'annotation'}`,
      );
      continue;
    }
    const [a, b] = r.direction === 'left' ? [to, from] : [from, to];
    doc.relations.push({ type, from: prefix + a, to: prefix + b, annotator });
  }
}

export const labelStudioFormat: FormatDefinition = {
  id: 'labelstudio',
  name: 'Label Studio JSON',
  layout: 'folder',
  extension: 'json',
  fixedOffsetUnit: 'utf16',
  detect: (file) =>
    hasExtension(file, 'json') &&
    /^[[{]/.test(firstLine(file)) &&
    /"(data|annotations|predictions)"\s*:/.test(file.content.slice(0, 65536)),
  createWriter,
  read,
};
