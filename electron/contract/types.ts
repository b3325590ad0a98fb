/** Values that cross the API boundary. Plain data only: they travel over IPC and HTTP as JSON. */
import type { AgreementReport } from '../core/agreement/report';
import type { DocumentStatus } from '../core/documentStatus';
import type { FormatId } from '../core/formats/model';
import type { AssignStrategy } from '../core/assignment';
import type { Editor, LayerPolicy, LayerRef, Role } from '../core/layers';
import type { TeamPolicy } from '../core/teams';
import type { OffsetUnit } from '../core/offsets';
import type { ProjectSchema } from '../core/schema';
import type { SchemaImpact } from '../core/schemaRules';
import type { Relation, Span } from '../core/spans';

export type {
  DocumentStatus,
  Editor,
  FormatId,
  LayerPolicy,
  LayerRef,
  OffsetUnit,
  ProjectSchema,
  Relation,
  SchemaImpact,
  Span,
};

/** `auto`: each file's format is told by its extension and content. */
export type ImportFormat = FormatId | 'auto';

export interface ProjectInfo {
  path: string;
  name: string;
  offsetUnit: string;
  schema: ProjectSchema;
  /** Set when the file is a work package (docs/teams.md): of which project, for whom. */
  workPackage?: { project: string; annotator: string };
}

export interface Session {
  /** The local user's name; `null` until they give it on first run. */
  user: string | null;
  project: ProjectInfo | null;
  /** Recently opened project files, newest first. */
  recent: RecentProject[];
}

/** A recent project as the renderer sees it: it opens one by `handle`; the path is only shown. */
export interface RecentProject {
  handle: string;
  name: string;
  displayPath: string;
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
  /** The spans of the editable layer. */
  spans: Span[];
  /** Relations between the spans of the editable layer. */
  relations: Relation[];
  /** The one layer the user edits in this view. */
  editable: LayerRef;
  /** The local user and what the project allows: the edit rule's input (core/layers.ts). */
  viewer: Editor;
  policy: LayerPolicy;
  /** Every layer of the document (with the user's own, even empty), for the layer picker. */
  layers: LayerInfo[];
  /** Other layers drawn beside the editable one, read only, as asked for. */
  shown: LayerView[];
}

/** A layer of a document as the layer picker lists it. */
export interface LayerInfo {
  ref: LayerRef;
  /** The annotator's name, or "gold". */
  owner: string;
  /** Who wrote its spans: the annotator, or the reviewers of the gold layer. */
  writers: string[];
  spans: number;
}

/** A layer drawn read only beside the editable one. */
export interface LayerView {
  ref: LayerRef;
  owner: string;
  spans: Span[];
  relations: Relation[];
}

/** A problem in an imported file, precise enough to fix it: the file, and the line when there is one. */
export interface ImportProblem {
  file: string;
  line?: number;
  message: string;
}

/** A label the imported files use that the schema does not have. */
export interface UnknownLabel {
  label: string;
  /** Spans that carry it. */
  count: number;
  /** A few files where it occurs. */
  files: string[];
}

export interface ImportedDocument {
  file: string;
  documentId: number;
  title: string;
}

/** What an import did, or (`written: false`) why it wrote nothing. */
export interface ImportReport {
  /** False when problems or unknown labels stopped the batch: then nothing at all was written. */
  written: boolean;
  /** What was asked, so the app can run the same import again with label choices. */
  paths: string[];
  format: ImportFormat;
  /** Files the import took (each a document source, an annotation file or a brat config). */
  files: number;
  /**
   * Files left out, with the reason: in chosen folders, those no reader takes (e.g. README.md) or
   * that are not regular files; with `skipBad`, every file with a problem.
   */
  skippedFiles: { file: string; reason: string }[];
  /** Files with no problem: what "import the good files, skip the listed ones" would import. */
  goodFiles: number;
  /** New documents. */
  imported: ImportedDocument[];
  /** Documents whose text was already in the project: their spans joined the existing document. */
  merged: ImportedDocument[];
  /** New spans by annotator. */
  spansAdded: Record<string, number>;
  /** Spans identical (label and fragments) to one the same annotator already had there. */
  spansSkipped: number;
  relationsAdded: number;
  relationsSkipped: number;
  problems: ImportProblem[];
  /** What the readers left out without stopping the batch (brat events, Label Studio choices). */
  warnings: ImportProblem[];
  /** How files that leave something open were read (a doccano file's offset unit), and how to choose otherwise. */
  notices: ImportProblem[];
  unknownLabels: UnknownLabel[];
  /** Relation types the schema lacks (added with the labels, never mapped). */
  unknownRelationTypes: string[];
  /** Labels this import added to the schema. */
  addedLabels: string[];
}

/** One kind of loss in an export: what the format could not hold, counted, with examples. */
export interface LossEntry {
  kind: string;
  message: string;
  count: number;
  examples: { document: string; detail: string }[];
}

export interface ExportReport {
  path: string;
  format: FormatId;
  offsetUnit: OffsetUnit;
  documents: number;
  spans: number;
  relations: number;
  /** Whose spans were exported (names), `gold` meaning the reviewers' layer. */
  annotators: string[];
  losses: LossEntry[];
  /** The loss report files written beside the export. */
  lossReportPaths: { text: string; json: string };
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
  /** For a search over every layer: whose layer the span is in ("gold" or the annotator's name). */
  owner?: string;
}

/** One page of the document list, with what the status filters count over the whole list. */
export interface DocumentPage {
  documents: DocumentSummary[];
  offset: number;
  /** Documents the asked filter shows (the list's length). */
  total: number;
  counts: Record<DocumentStatus | 'all', number>;
}

/** Hits of a search job from an index on, and the job's state (it may still be finding more). */
export interface SearchHitsPage {
  results: SearchResult[];
  from: number;
  state: JobState;
  /** Documents read of those to read. */
  done: number;
  total: number;
  capped: boolean;
  cap: number;
}

export interface SearchResults {
  results: SearchResult[];
  /** True when there were more results than the cap; only the first are listed. */
  capped: boolean;
  cap: number;
}

/** A format as the import and export dialogs offer it. */
export interface FormatInfo {
  id: FormatId;
  name: string;
  layout: 'file' | 'folder';
  extension: string;
  canImport: boolean;
  canExport: boolean;
}

export interface AnnotatorInfo {
  /** Stable id (a UUID): the same in every copy of the project, whatever the name becomes. */
  id: string;
  name: string;
  role: Role;
  /** How many spans they hold in the project. */
  spans: number;
  /** How many documents are assigned to them. */
  assigned: number;
}

/** The team as the annotators screen shows it, with what the local user may do. */
export interface TeamView {
  members: AnnotatorInfo[];
  /** The local user's stable id and role (null before they have a row in the project). */
  you: { id: string; name: string; role: Role } | null;
  /** Whether the local user may change roles, assignments and the policy (core/teams.ts). */
  youManage: boolean;
  policy: TeamPolicy;
  /** Any document assigned: annotators then see only theirs. */
  hasAssignments: boolean;
}

/** One page of the assignment table (documents × annotators). */
export interface AssignmentPage {
  total: number;
  offset: number;
  annotators: { id: string; name: string }[];
  /** Each document with the stable ids of the annotators it is assigned to. */
  rows: { id: number; title: string; assigned: string[] }[];
}

/** What a bulk assignment did: documents assigned, and each chosen annotator's count after it. */
export interface AssignReport {
  documents: number;
  perDocument: number;
  strategy: AssignStrategy;
  seed: number | null;
  counts: { name: string; assigned: number }[];
}

export type JobPhase = 'starting' | 'reading' | 'checking' | 'writing' | 'computing' | 'finished';
export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

interface JobStatusBase {
  id: string;
  state: JobState;
  phase: JobPhase;
  /** Progress within the phase: `done` of `total` (files, documents). */
  done: number;
  total: number;
  message: string;
  /** Set when the job failed. */
  error: string | null;
}

/** A running or finished job, as getJob reports it; `result` is set once it is done. */
export type JobStatus =
  | (JobStatusBase & { kind: 'import'; result: ImportReport | null })
  | (JobStatusBase & { kind: 'export'; result: ExportReport | null })
  | (JobStatusBase & { kind: 'agreement'; result: AgreementResult | null })
  | (JobStatusBase & { kind: 'search'; result: SearchResults | null });

export type JobKind = JobStatus['kind'];
export type JobResult<K extends JobKind> = NonNullable<Extract<JobStatus, { kind: K }>['result']>;

/** Commands the native menu sends to the window, which runs them through the same API as its buttons. */
export type MenuCommand =
  | { command: 'newProject' }
  /** `recent`: the handle of the Open Recent entry clicked. */
  | { command: 'openProject'; recent?: string }
  | { command: 'closeProject' }
  | { command: 'import' }
  | { command: 'export' }
  | { command: 'exportPackage' }
  | { command: 'mergePackages' };

export interface ApiEvents {
  menu: MenuCommand;
}

/**
 * Agreement figures (docs/agreement.md) as the CLI prints them in JSON, plus each compared layer by
 * rater name (to open a document with two layers shown) and how many documents were recomputed.
 */
export interface AgreementResult extends AgreementReport {
  /** Nominal alpha of the compared annotators' document statuses (todo, in progress, done). */
  status_alpha: { alpha: number | null; values: number };
  layers: Record<string, LayerRef>;
  computed: number;
  reused: number;
}

/** A work package written (docs/teams.md). `allDocuments`: the project has no assignment, so all went. */
export interface PackageReport {
  path: string;
  annotator: string;
  documents: number;
  spans: number;
  allDocuments: boolean;
}

/** A merge waiting for the user to map or add the labels its packages use that the project lacks. */
export interface MergeLabelsNeeded {
  /** Merges the same files again (mergeWorkPackages `again`), with the choices. */
  again: string;
  /** Each label by the package's key and name, with the file that uses it. */
  labelsToPlace: { key: string; name: string; file: string }[];
}

/** What merging returned packages did, per package (annotator) and document. */
export interface MergeReport {
  packages: {
    path: string;
    annotator: string;
    madeAt: string;
    documents: { title: string; added: number; changed: number; removed: number; keptNewer: number }[];
  }[];
  /** False when every package was already merged: nothing was written. */
  changed: boolean;
  /** Labels added to the schema (--add-labels), by name. */
  addedLabels: string[];
}

/**
 * The conflicts the review screen reads at once (listConflicts' limit): it shows one and moves between
 * these without a call. The host reads this first page ahead when a reviewer's project opens
 * (services/review.ts). Here, not beside listConflicts in review.ts: the renderer bundles no zod.
 */
export const QUEUE_PAGE = 500;
