/**
 * Every import/export format, by id. Each format is one module implementing `FormatDefinition`
 * (model.ts); this list is the only place that knows them all.
 *
 * Exporting (services, CLI, UI):
 *   const format = formatById('brat');                 // undefined for an unknown id
 *   const loss = new LossReport();                     // lossReport.ts
 *   const writer = format.createWriter({ offsetUnit, schema, split });
 *   for (const doc of documents) writer.document(doc, sink, loss);   // CorpusDocument, offsets UTF-16
 *   writer.finish(sink, loss);
 *   // sink.write(path, chunk): layout 'file' writes only to path '' (the file the user named);
 *   // layout 'folder' writes relative paths inside the folder the user named. Chunks arrive in order;
 *   // append them. Then write loss.toJson(id) / loss.toText(id) beside the export.
 *   // A format that fixes its offset unit (format.fixedOffsetUnit) uses it whatever was asked, and
 *   // says so in the loss report.
 *
 * Importing:
 *   const { documents, problems, schema } = format.read(files, { defaultAnnotator, offsetUnit });
 *   // files: InputFile[] (path for messages, content decoded from UTF-8 but NOT newline-normalised).
 *   // Readers never throw on bad content: a non-empty `problems` (file + 1-based line) means the batch
 *   // should not be written. documents[].text is LF-normalised and offsets are UTF-16 into it.
 *   // `schema` holds labels/relation types the files declare (brat annotation.conf), to merge;
 *   // `warnings` lists what was left out without blocking the batch (brat events, LS choices).
 *   // detectFormat(files) picks a format for `--format auto`.
 */
import { bratFormat } from './brat';
import { conllFormat } from './conll';
import { csvSheetFormat } from './csvSheet';
import { doccanoFormat } from './doccano';
import { huggingFaceFormat } from './huggingFace';
import { labelStudioFormat } from './labelStudio';
import type { FormatDefinition, FormatId, InputFile } from './model';
import { nativeJsonlFormat } from './nativeJsonl';
import { plainTextFormat } from './plainText';
import { spacySpansFormat } from './spacySpans';

/**
 * Every format by its id, in the order menus list them (and `detectFormat` tries them). A format id
 * missing here, or one not in FORMAT_IDS (model.ts), is a compile error.
 */
const BY_ID = {
  jsonl: nativeJsonlFormat,
  labelstudio: labelStudioFormat,
  doccano: doccanoFormat,
  brat: bratFormat,
  conll: conllFormat,
  spacy: spacySpansFormat,
  hf: huggingFaceFormat,
  csv: csvSheetFormat,
  txt: plainTextFormat,
} as const satisfies Record<FormatId, FormatDefinition>;

export const FORMATS: readonly FormatDefinition[] = Object.values(BY_ID);

/**
 * Extensions (lower case, with dot) an importable format takes from a folder, and the file dialog
 * offers: the one list for the import service and the app's dialog. Formats not listed take their
 * `extension`.
 */
const IMPORT_EXTENSIONS: Partial<Record<FormatId, readonly string[]>> = {
  txt: ['.txt'],
  jsonl: ['.jsonl', '.ndjson'],
  doccano: ['.jsonl', '.json'],
  labelstudio: ['.json'],
  brat: ['.txt', '.ann', '.conf'],
  conll: ['.conll', '.bio', '.iob', '.txt', '.tsv'],
};

/** The extensions (with dot) files of an importable format have. */
export function importExtensions(id: FormatId): readonly string[] {
  return IMPORT_EXTENSIONS[id] ?? [`.${BY_ID[id].extension}`];
}

/** The format with this id, or undefined. */
export function formatById(id: string): FormatDefinition | undefined {
  return FORMATS.find((f) => f.id === id);
}

/** Ids of formats that can be imported. */
export const IMPORT_FORMAT_IDS: readonly FormatId[] = FORMATS.filter((f) => f.read).map((f) => f.id);

/** Ids of formats that can be exported. */
export const EXPORT_FORMAT_IDS: readonly FormatId[] = FORMATS.filter((f) => f.createWriter).map((f) => f.id);

/**
 * The importable format a batch of files looks like, or undefined: brat when any file is a .ann or
 * annotation.conf (its .txt files would otherwise pass for plain text), else the first format whose
 * `detect` accepts the first file.
 */
export function detectFormat(files: readonly InputFile[]): FormatId | undefined {
  if (files.some((f) => bratFormat.detect!(f))) return 'brat';
  const first = files[0];
  if (!first) return undefined;
  return FORMATS.find((f) => f.read && f.detect?.(first))?.id;
}
