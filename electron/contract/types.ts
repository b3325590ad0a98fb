/** Values that cross the API boundary. Plain data only: they travel over IPC and HTTP as JSON. */
import type { ProjectSchema } from '../core/schema';
import type { SchemaImpact } from '../core/schemaRules';
import type { Relation, Span } from '../core/spans';

export type { ProjectSchema, Relation, SchemaImpact, Span };

export type DocumentStatus = 'todo' | 'in_progress' | 'done';

export interface ProjectInfo {
  path: string;
  name: string;
  offsetUnit: string;
  schema: ProjectSchema;
}

export interface Session {
  /** The local user's name; `null` until they give it on first run. */
  user: string | null;
  project: ProjectInfo | null;
  /** Recently opened project files, newest first. */
  recent: string[];
}

export interface DocumentSummary {
  id: number;
  title: string;
  externalId: string;
  chars: number;
  status: DocumentStatus;
  /** Spans of the local user in this document. */
  spanCount: number;
}

export interface DocumentView {
  id: number;
  title: string;
  text: string;
  status: DocumentStatus;
  spans: Span[];
  /** Relations between the local user's spans of this document. */
  relations: Relation[];
}

export interface ImportProblem {
  file: string;
  reason: string;
}

export interface ImportReport {
  imported: { file: string; documentId: number; title: string }[];
  /** Files already in the project (same text after newline normalisation). */
  duplicates: { file: string; documentId: number }[];
  failed: ImportProblem[];
}

export interface ExportResult {
  path: string;
  format: 'jsonl';
  documents: number;
  spans: number;
}

/** What an undo or redo changed, so the editor repaints exactly those spans. */
export interface RevertResult {
  /** Spans as they are now (restored or changed). */
  spans: Span[];
  removedSpanIds: number[];
  /** The user's relations in the document after the change (an undo may restore or remove some). */
  relations: Relation[];
  /** What was undone or redone, e.g. "added Figure '12 people'". */
  description: string;
}

/** One user action in a document's history. */
export interface HistoryEntry {
  action: number;
  at: string;
  annotator: string | null;
  kind: 'edit' | 'undo' | 'redo';
  /** "added Figure '12 people'", "relabelled Claim → Hedge", "undid added Figure '12 people'". */
  description: string;
}

/** Text before, at and after a match, for result lists. */
export interface MatchContext {
  before: string;
  match: string;
  after: string;
}

export interface LabelAllPreview {
  text: string;
  /** Places that would be labelled (the selection itself included). */
  matches: { start: number; end: number; context: MatchContext }[];
  /** Places skipped because the user already has this label on exactly that range. */
  alreadyLabelled: number;
}

export interface SearchResult {
  documentId: number;
  title: string;
  start: number;
  end: number;
  context: MatchContext;
  /** For label and attribute searches: the span found. */
  spanId?: number;
  label?: string;
}

export interface SearchResults {
  results: SearchResult[];
  /** True when there were more results than the cap; only the first are listed. */
  capped: boolean;
  cap: number;
}

/** Commands the native menu sends to the window, which runs them through the same API as its buttons. */
export type MenuCommand =
  | { command: 'newProject' }
  | { command: 'openProject'; path?: string }
  | { command: 'closeProject' }
  | { command: 'importFiles' }
  | { command: 'importFolder' }
  | { command: 'exportJsonl' };

export interface ApiEvents {
  menu: MenuCommand;
}
