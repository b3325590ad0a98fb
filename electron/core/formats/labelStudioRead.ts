/**
 * Reading Label Studio JSON exports: `labels` results of annotations become imported spans, of
 * predictions suggestions; `relation` results become relations; other results are left out with a
 * warning. A labeling config (.xml) among the files becomes a schema fragment.
 */
import type { ProjectSchema } from '../schema';
import { titleFromText } from '../text';
import { baseName, extensionOf } from './fileNames';
import { idOf, int, isRecord, jsonValueProblem, statusOf, str, type JsonRecord } from './fields';
import { arrayElements, parseErrorLine } from './jsonPositions';
import { schemaFromConfig } from './labelStudioConfig';
import type { CorpusDocument, InputFile, ReadOptions, ReadProblem, ReadResult } from './model';
import { SourceText, statedTextProblem } from './sourceText';

export function readLabelStudio(files: readonly InputFile[], options: ReadOptions): ReadResult {
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
      const unfit = jsonValueProblem(task);
      if (unfit) {
        problem(unfit);
        return;
      }
      const doc = readTask(task, `${baseName(file.path)}-${index + 1}`, options, problem, warn);
      if (doc) documents.push(doc);
    });
  }
  return { documents, problems, warnings, ...(schema ? { schema } : {}) };
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
    status: statusOf(data.status) ?? 'todo',
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
    if (keys.has(id)) return problem(`${where}: the id is used by another region of this annotation`);
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
