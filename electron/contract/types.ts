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
