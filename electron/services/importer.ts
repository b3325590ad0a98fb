/**
 * Import, one all-or-nothing batch per call, for every importable format (plain text included):
 * read and parse every file in chunks that yield to the event loop (cancellable), check the whole
 * batch against the project, then write it in ONE transaction. Any problem in any file, or a label
 * the schema lacks and the user has not mapped or added, means nothing at all is written — unless
 * the user chose to skip the bad files, which are then listed with their reasons.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';
import type { CorpusDocument, InputFile, ReadProblem, ReadResult } from '../core/formats/model';
import { writesGold } from '../core/layers';
import type { OffsetUnit } from '../core/offsets';
import type { LabelDef, ProjectSchema, RelationTypeDef } from '../core/schema';
import { labelKeyOf } from '../core/schemaRules';
import { fragmentsProblem } from '../core/spans';
import { UserError } from '../core/errors';
import type {
  ImportedDocument,
  ImportFormat,
  ImportProblem,
  ImportReport,
  UnknownLabel,
} from '../contract/types';
import type { ImportDocument, ProjectStore } from '../store/projectStore';
import { formatFor } from './formats';
import { collectFiles, readInputFile, type SourceFile } from './inputFiles';
import type { JobContext } from './jobs';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface ImportRequest {
  paths: readonly string[];
  format: ImportFormat;
  /** Whose layer the spans become; default: each file's own annotator field, else `localUser`. */
  annotator?: string;
  /** Every span goes into the gold layer, written by `annotator`, who must be a reviewer. */
  gold?: boolean;
  localUser: string;
  /** Who runs the import, for the event log. */
  importerId: number | null;
  /** Who runs the import by name instead: made an annotator only when the batch is written. */
  importer?: string;
  /** Write the good files and list the bad ones as skipped, instead of refusing the whole batch. */
  skipBad?: boolean;
  /**
   * Write in steps that a cancel can stop (the CLI's Ctrl-C), rolled back if it does; only where
   * nothing else writes to the project meanwhile. Otherwise the write is one uncancellable step.
   */
  cancellableWrite?: boolean;
  /** Unit of offsets in files that do not state one (doccano); the format's default otherwise. */
  offsetUnit?: OffsetUnit;
  /** Unknown label → schema label. */
  labelMap?: Readonly<Record<string, string>>;
  /** Unknown labels to add to the schema; `true`: all that are left after the map. */
  addLabels?: true | readonly string[];
}

interface ParsedDocument {
  file: string;
  /** The files a problem in which makes this document bad (brat: its .ann and annotation.conf too). */
  sources: string[];
  document: CorpusDocument;
}

/** Runs an import; resolves to its report whether or not it wrote anything. */
export async function runImport(
  store: ProjectStore,
  request: ImportRequest,
  context: JobContext,
): Promise<ImportReport> {
  requireGoldWriter(store, request);
  const collected = collectFiles(request.paths, request.format);
  const report: ImportReport = {
    written: false,
    paths: [...request.paths],
    format: request.format,
    files: collected.files.length,
    skippedFiles: collected.skipped,
    goodFiles: 0,
    imported: [],
    merged: [],
    spansAdded: {},
    spansSkipped: 0,
    relationsAdded: 0,
    relationsSkipped: 0,
    problems: [...collected.problems],
    warnings: [],
    notices: [],
    unknownLabels: [],
    unknownRelationTypes: [],
    addedLabels: [],
  };
  if (collected.files.length === 0 && report.problems.length === 0)
    report.problems.push({ file: request.paths.join(', '), message: 'no importable files found' });

  const read = await readAll(collected.files, request, report, context);
  const reviewers = new Set(
    store
      .annotators()
      .filter((a) => writesGold(a.role))
      .map((a) => a.name),
  );
  context.progress('checking', 0, read.parsed.length);
  for (const [index, { file, document }] of read.parsed.entries()) {
    report.problems.push(
      ...documentProblems(file, document),
      ...goldProblems(file, document, request, reviewers),
    );
    if (index % 100 === 0) {
      context.progress('checking', index, read.parsed.length);
      await context.checkpoint();
    }
  }
  const parsed = setAsideBadFiles(read.parsed, request, report);
  const plan = planSchema(store.schema(), read.declared, parsed, request, report);
  const documents = parsed.map(({ document }) => importDocument(document, request, plan.labelFor));
  if (report.problems.length > 0 || report.unknownLabels.length > 0 || report.unknownRelationTypes.length > 0)
    return report;

  context.throwIfCancelled();
  context.progress('writing', 0, documents.length);
  const batch = {
    importerId: request.importerId,
    ...(request.importer === undefined ? {} : { importer: request.importer }),
    newLabels: plan.newLabels,
    newRelationTypes: plan.newRelationTypes,
    documents,
  };
  const written = request.cancellableWrite
    ? await store.importBatchPausing(batch, () => context.checkpoint())
    : store.importBatch(batch);
  written.documents.forEach(({ id, merged }, index) => {
    const item: ImportedDocument = {
      file: parsed[index]!.file,
      documentId: id,
      title: documents[index]!.document.title,
    };
    (merged ? report.merged : report.imported).push(item);
  });
  Object.assign(report, {
    written: true,
    spansAdded: written.spansAdded,
    spansSkipped: written.spansSkipped,
    relationsAdded: written.relationsAdded,
    relationsSkipped: written.relationsSkipped,
    addedLabels: plan.newLabels.map((l) => l.key),
  });
  context.progress('writing', documents.length, documents.length);
  return report;
}

/** Reads and parses every file, a file (brat: the whole set) at a time, yielding between them. */
async function readAll(
  files: readonly SourceFile[],
  request: ImportRequest,
  report: Pick<ImportReport, 'problems' | 'warnings' | 'notices'>,
  context: JobContext,
): Promise<{ parsed: ParsedDocument[]; declared: ProjectSchema[] }> {
  const { problems } = report;
  const parsed: ParsedDocument[] = [];
  const declared: ProjectSchema[] = [];
  const options = {
    defaultAnnotator: request.annotator ?? request.localUser,
    ...(request.offsetUnit ? { offsetUnit: request.offsetUnit } : {}),
  };
  const brat: InputFile[] = [];
  const asImportProblems = (found: readonly ReadProblem[] = []): ImportProblem[] =>
    found.map((p) => ({
      file: p.file,
      ...(p.line === undefined ? {} : { line: p.line }),
      message: p.message,
    }));
  const take = (result: ReadResult) => {
    problems.push(...asImportProblems(result.problems));
    report.warnings.push(...asImportProblems(result.warnings));
    report.notices.push(...asImportProblems(result.notices));
    if (result.schema) declared.push(result.schema);
  };
  for (const [index, file] of files.entries()) {
    context.progress('reading', index, files.length, basename(file.path));
    await context.checkpoint();
    const input = readInputFile(file.path);
    if ('message' in input) {
      problems.push(input);
      continue;
    }
    if (file.format === 'brat') {
      brat.push(input);
      continue;
    }
    const format = formatFor(file.format, 'import');
    const result = format.read!([input], options);
    take(result);
    if (result.documents.length === 0 && !result.problems.length)
      problems.push({ file: file.path, message: `no ${format.name} documents found in the file` });
    for (const document of result.documents) parsed.push({ file: file.path, sources: [file.path], document });
  }
  if (brat.length > 0) {
    const result = formatFor('brat', 'import').read!(brat, options);
    take(result);
    const textFiles = new Map(
      brat.filter((f) => extname(f.path) === '.txt').map((f) => [basename(f.path, '.txt'), f.path]),
    );
    if (result.documents.length === 0 && !result.problems.length)
      problems.push({ file: brat[0]!.path, message: 'no brat documents (.txt with .ann) found' });
    for (const document of result.documents) {
      const file = textFiles.get(document.id) ?? brat[0]!.path;
      const folder = dirname(file);
      const sources = [file, join(folder, `${document.id}.ann`), join(folder, 'annotation.conf')];
      parsed.push({ file, sources: [...sources, join(dirname(folder), 'annotation.conf')], document });
    }
  }
  context.progress('reading', files.length, files.length);
  return { parsed, declared };
}

interface SchemaPlan {
  /** The schema label an imported label becomes (after the map). */
  labelFor: (label: string) => string;
  newLabels: LabelDef[];
  newRelationTypes: RelationTypeDef[];
}

/**
 * Decides what each imported label becomes: itself when the schema has it, its mapped label, or a
 * new label when the user chose to add it. Anything else is reported as unknown.
 */
function planSchema(
  schema: ProjectSchema,
  declared: readonly ProjectSchema[],
  parsed: readonly ParsedDocument[],
  request: ImportRequest,
  report: ImportReport,
): SchemaPlan {
  const known = new Set(schema.labels.map((l) => l.key));
  const map = request.labelMap ?? {};
  for (const [from, to] of Object.entries(map)) {
    if (!labelKeyOf(schema, to) && !(request.addLabels === true || request.addLabels?.includes(to)))
      throw new UserError(`cannot map "${from}" to "${to}": the schema has no label "${to}"`);
  }
  // A file names a label as exports write it (the name the user sees) or by its key. Own keys only:
  // a label named `constructor` or `__proto__` is a label, not Object's member.
  const labelFor = (label: string) => {
    const mapped = Object.hasOwn(map, label) ? map[label]! : label;
    return labelKeyOf(schema, mapped) ?? mapped;
  };
  const unknown = new Map<string, UnknownLabel>();
  for (const { file, document } of parsed) {
    for (const span of document.spans) {
      const label = labelFor(span.label);
      if (known.has(label)) continue;
      const entry = unknown.get(label) ?? { label, count: 0, files: [] };
      entry.count++;
      if (entry.files.length < 3 && !entry.files.includes(file)) entry.files.push(file);
      unknown.set(label, entry);
    }
  }
  const adding = (label: string) =>
    request.addLabels === true || (request.addLabels?.includes(label) ?? false);
  const declaredLabels = new Map(declared.flatMap((s) => s.labels).map((l) => [l.key, l]));
  const newLabels: LabelDef[] = [];
  for (const entry of unknown.values()) {
    if (!adding(entry.label)) {
      report.unknownLabels.push(entry);
      continue;
    }
    newLabels.push(
      newLabel(entry.label, schema.labels.length + newLabels.length, declaredLabels.get(entry.label), [
        ...schema.labels,
        ...newLabels,
      ]),
    );
  }

  // Relation types are keyed by name and source label, as the store checks them.
  const knownTypes = new Set(schema.relationTypes.map((r) => `${r.name}\u0000${r.fromLabel}`));
  const newRelationTypes: RelationTypeDef[] = [];
  const unknownTypes = new Set<string>();
  const allowAdd = request.addLabels !== undefined;
  for (const { document } of parsed) {
    const labelOfKey = new Map(document.spans.map((s) => [s.key, labelFor(s.label)]));
    for (const relation of document.relations) {
      const fromLabel = labelOfKey.get(relation.from);
      if (fromLabel === undefined) continue; // reported per document by checkDocument
      const id = `${relation.type}\u0000${fromLabel}`;
      if (knownTypes.has(id)) continue;
      if (allowAdd) {
        knownTypes.add(id);
        // A type the files declare (brat annotation.conf) keeps its target label; otherwise any.
        const declaredType = declared
          .flatMap((d) => d.relationTypes)
          .find((t) => t.name === relation.type && labelFor(t.fromLabel) === fromLabel);
        const toLabel =
          declaredType?.toLabel === null || !declaredType ? null : labelFor(declaredType.toLabel);
        newRelationTypes.push({ name: relation.type, fromLabel, toLabel });
      } else unknownTypes.add(`${relation.type} (from ${fromLabel})`);
    }
  }
  report.unknownRelationTypes = [...unknownTypes];
  return { labelFor, newLabels, newRelationTypes };
}

const NEW_LABEL_COLORS = [
  '#e8590c',
  '#0c8599',
  '#5c940d',
  '#c2255c',
  '#6741d9',
  '#364fc7',
  '#a61e4d',
  '#087f5b',
];
const FREE_HOTKEYS = ['5', '6', '7', '8', '9', '0'];

function newLabel(
  key: string,
  index: number,
  declared: LabelDef | undefined,
  taken: readonly LabelDef[],
): LabelDef {
  const hotkey = FREE_HOTKEYS.find((k) => !taken.some((l) => l.hotkey === k)) ?? '';
  return {
    key,
    name: declared?.name ?? key,
    color: NEW_LABEL_COLORS[index % NEW_LABEL_COLORS.length]!,
    hotkey,
    kind: 'span',
    attributes: declared?.attributes ?? [],
  };
}

/** What is wrong with a parsed document: readers check offsets already; this guards the store. */
function documentProblems(file: string, document: CorpusDocument): ImportProblem[] {
  const where = `document ${document.id}`;
  const problems: ImportProblem[] = [];
  const keys = new Set<string>();
  for (const span of document.spans) {
    const problem = fragmentsProblem(document.text, span.fragments);
    if (problem) problems.push({ file, message: `${where}, span ${span.key} (${span.label}): ${problem}` });
    keys.add(span.key);
  }
  for (const relation of document.relations) {
    if (!keys.has(relation.from) || !keys.has(relation.to))
      problems.push({
        file,
        message: `${where}: relation ${relation.type} links a span that is not in the document`,
      });
  }
  return problems;
}

/**
 * `--gold` writes the gold layer: only as a named annotator who is a reviewer here, refused before
 * any file is read.
 */
function requireGoldWriter(store: ProjectStore, request: ImportRequest): void {
  if (!request.gold) return;
  const nothing = 'nothing was imported';
  if (!request.annotator)
    throw new UserError(
      `importing into the gold layer needs the reviewer who writes it: add --annotator REVIEWER; ${nothing}`,
    );
  const writer = store.annotators().find((a) => a.name === request.annotator);
  if (!writer || !writesGold(writer.role))
    throw new UserError(
      `${request.annotator} ${writer ? 'is not a reviewer' : 'is not an annotator'} in this project, and only ` +
        `reviewers (and owners) write the gold layer; ${nothing}. Make them one first (marginalia annotators PROJECT ` +
        `--role "${request.annotator}=reviewer")`,
    );
}

/** Spans a file puts in the gold layer (native JSONL) whose writer is not a reviewer here: refused. */
function goldProblems(
  file: string,
  document: CorpusDocument,
  request: ImportRequest,
  reviewers: ReadonlySet<string>,
): ImportProblem[] {
  if (request.gold) return [];
  const writers = new Set(document.spans.filter((s) => s.gold).map((s) => request.annotator ?? s.annotator));
  return [...writers]
    .filter((name) => !reviewers.has(name))
    .map((name) => ({
      file,
      message:
        `document ${document.id}: gold spans written by ${name}, who is not a reviewer in this project ` +
        '(only reviewers write gold); import with --annotator REVIEWER, or make them a reviewer first',
    }));
}

/**
 * With `skipBad`, the documents of files without problems, the bad files moved to `skippedFiles`
 * with their reasons; without it (or when no document is good) all of them, problems kept.
 * `goodFiles` says how many files a skip would import, for the app to offer it.
 */
function setAsideBadFiles(
  parsed: readonly ParsedDocument[],
  request: ImportRequest,
  report: ImportReport,
): ParsedDocument[] {
  const bad = new Set(report.problems.map((p) => p.file));
  const good = parsed.filter((p) => !p.sources.some((source) => bad.has(source)));
  report.goodFiles = new Set(good.map((p) => p.file)).size;
  if (!request.skipBad || bad.size === 0 || good.length === 0) return [...parsed];
  for (const problem of report.problems) {
    const line = problem.line === undefined ? '' : `line ${problem.line}: `;
    report.skippedFiles.push({ file: problem.file, reason: `${line}${problem.message}` });
  }
  report.problems = [];
  return good;
}

/** A parsed document made ready for the store: labels mapped, annotator applied. */
function importDocument(
  document: CorpusDocument,
  request: ImportRequest,
  labelFor: (label: string) => string,
): ImportDocument {
  const annotator = request.annotator;
  const newlines = typeof document.source.newlines === 'string' ? document.source.newlines : 'none';
  return {
    document: {
      externalId: document.id,
      title: document.title,
      text: document.text,
      sha256: sha256(document.text),
      source: document.source,
      newlinePolicy: newlines === 'lf' || newlines === 'none' ? 'none' : `${newlines}-to-lf`,
    },
    status: document.status,
    spans: document.spans.map((s) => ({
      ...s,
      label: labelFor(s.label),
      annotator: annotator ?? s.annotator,
      ...(request.gold ? { gold: true } : {}),
    })),
    relations: document.relations.map((r) => ({ ...r, annotator: annotator ?? r.annotator })),
  };
}

/** Formats a file problem as the CLI and the app print it: `file:line: message`. */
export function describeProblem(problem: ImportProblem): string {
  return `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`;
}
