/**
 * The interchange model every format reader produces and every writer consumes. Offsets here are
 * always UTF-16 code units into `text` (the project's unit); a writer converts them to the unit the
 * user asked for, a reader converts from its format's unit.
 */
import type { ProjectSchema } from '../schema';
import type { Fragment, SpanOrigin } from '../spans';

export type { Fragment };

export type OffsetUnit = 'utf16' | 'codepoint' | 'utf8';

export type AttributeValue = string | number | boolean;

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
}

export interface CorpusRelation {
  type: string;
  /** Keys of spans in the same document. */
  from: string;
  to: string;
  annotator: string;
}

export interface CorpusDocument {
  /** External id: file name without extension, or the id the source format gives. */
  id: string;
  title: string;
  /** Newlines already normalised to LF. */
  text: string;
  status: 'todo' | 'in_progress' | 'done';
  source: Record<string, unknown>;
  spans: CorpusSpan[];
  relations: CorpusRelation[];
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
  problems: ReadProblem[];
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

export type FormatId =
  'jsonl' | 'spacy' | 'conll' | 'brat' | 'labelstudio' | 'doccano' | 'hf' | 'csv' | 'txt';

export interface FormatDefinition {
  id: FormatId;
  name: string;
  /** `file`: one output file; `folder`: a folder of files. */
  layout: 'file' | 'folder';
  /** Extension of the output file (layout `file`) or of the files a reader takes. */
  extension: string;
  createWriter?(options: WriteOptions): FormatWriter;
  read?(files: readonly InputFile[], options: ReadOptions): ReadResult;
}
