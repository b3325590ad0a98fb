/**
 * The interchange model every format reader produces and every writer consumes. Offsets here are
 * always UTF-16 code units into `text` (the project's unit); a writer converts them to the unit the
 * user asked for, a reader converts from its format's unit.
 */
import type { AttributeValue } from '../attributes';
import type { DocumentStatus } from '../documentStatus';
import type { ProjectSchema } from '../schema';
import type { OffsetUnit } from '../offsets';
import type { Fragment, SpanOrigin } from '../spans';

export type { AttributeValue, DocumentStatus, Fragment, OffsetUnit };

export interface CorpusSpan {
  /** Unique within its document; relations refer to spans by it (brat: "T3"; native: the span id). */
  key: string;
  label: string;
  /** Sorted, non-overlapping, non-touching; at least one. */
  fragments: Fragment[];
  annotator: string;
  attributes: Record<string, AttributeValue>;
  note: string | null;
  origin: SpanOrigin;
  /** In the gold layer (`annotator` is then the reviewer who wrote it). */
  gold?: boolean;
  /** Stable identities (native JSONL): the span's UUID and its annotator's, kept across copies of a project. */
  uid?: string;
  annotatorUid?: string;
}

export interface CorpusRelation {
  type: string;
  /** Keys of spans in the same document. */
  from: string;
  to: string;
  annotator: string;
  /** The relation's UUID (native JSONL). */
  uid?: string;
}

export interface CorpusDocument {
  /** External id: file name without extension, or the id the source format gives. */
  id: string;
  title: string;
  /** Newlines already normalised to LF. */
  text: string;
  status: DocumentStatus;
  source: Record<string, unknown>;
  /** SHA-256 of `text` (hex) when the caller knows it; core cannot hash, so writers only pass it on. */
  sha256?: string;
  spans: CorpusSpan[];
  relations: CorpusRelation[];
  /** The UUID of the project the document was exported from (native JSONL). */
  project?: string;
}

/** A file handed to a reader: its path (for messages) and its content, decoded but NOT newline-normalised. */
export interface InputFile {
  path: string;
  content: string;
}

/** A problem found while reading, precise enough for the user to fix the file. */
export interface ReadProblem {
  file: string;
  /** 1-based line in that file, when the problem is on one line. */
  line?: number;
  message: string;
}

export interface ReadResult {
  documents: CorpusDocument[];
  /** Errors: the batch should not be written while there is one. */
  problems: ReadProblem[];
  /** Things the project cannot hold and the reader left out (brat events, normalisations); show them. */
  warnings?: ReadProblem[];
  /** How the reader took what a file leaves open (the offset unit of a doccano file that states none); show them. */
  notices?: ReadProblem[];
  /**
   * Labels, attributes and relation types the files declare (brat annotation.conf), for the pipeline to
   * merge into the project schema; absent when the format declares none.
   */
  schema?: ProjectSchema;
}

export interface ReadOptions {
  /** Annotator for spans whose source names none. */
  defaultAnnotator: string;
  /** Unit the file's offsets are in, where the format does not fix it (doccano). */
  offsetUnit?: OffsetUnit;
}

/** Where a writer puts its output: one file (path "") or files inside a folder (relative paths). */
export interface OutputSink {
  write(relativePath: string, chunk: string): void;
}

export interface WriteOptions {
  offsetUnit: OffsetUnit;
  schema: ProjectSchema;
  /** Hugging Face splits: fractions summing to 1, and the shuffle seed. */
  split?: { train: number; dev: number; test: number; seed: number };
  /** Lines for the Hugging Face dataset card saying how the export was made (project, filters). */
  provenance?: string[];
  /** doccano: `label` writes `label: [[s, e, l]]` (the default), `entities` the entities/relations form. */
  doccanoForm?: 'label' | 'entities';
}

/** What a target format cannot hold, counted per kind, with a few examples of each. */
export interface LossEntry {
  kind: string;
  message: string;
  count: number;
  examples: { document: string; detail: string }[];
}

export interface FormatWriter {
  /** Called once per document, in export order. */
  document(doc: CorpusDocument, out: OutputSink, loss: LossCollector): void;
  /** Called once after the last document (closing brackets, config files, dataset card). */
  finish(out: OutputSink, loss: LossCollector): void;
}

export interface LossCollector {
  add(kind: string, message: string, document: string, detail: string): void;
}

/**
 * Every format id. registry.ts must map each to its format (a compile error otherwise), and each
 * format's `id` must be one of these, so the API's argument schema and the registry cannot disagree.
 */
export const FORMAT_IDS = [
  'jsonl',
  'spacy',
  'conll',
  'brat',
  'labelstudio',
  'doccano',
  'hf',
  'csv',
  'txt',
] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

export interface FormatDefinition {
  id: FormatId;
  name: string;
  /** `file`: one output file; `folder`: a folder of files. */
  layout: 'file' | 'folder';
  /** Extension of the output file (layout `file`) or of the files a reader takes. */
  extension: string;
  /** The unit the format's own readers count in, used whatever WriteOptions asks (brat: code points). */
  fixedOffsetUnit?: OffsetUnit;
  createWriter?(options: WriteOptions): FormatWriter;
  /** Whether a file looks like this format (by extension and first line), for `--format auto`. */
  detect?(file: InputFile): boolean;
  read?(files: readonly InputFile[], options: ReadOptions): ReadResult;
  /** The writer keeps stable identities (project, span, relation and annotator UUIDs, the gold layer). */
  keepsIdentities?: true;
}
