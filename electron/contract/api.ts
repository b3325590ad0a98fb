/**
 * The one API between the renderer and the Node side. Electron IPC, the loopback test host and
 * the renderer's client all derive from this table, so a wrong method name or argument is a
 * compile error, and every argument is parsed with zod where it arrives.
 */
import { z } from 'zod';
import { DOCUMENT_STATUSES } from '../core/documentStatus';
import { FORMAT_IDS } from '../core/formats/model';
import { TITLE_MAX } from '../core/headline';
import type { LayerPolicy } from '../core/layers';
import type { CompactDocumentView } from './compactDocument';
import { API_METHODS, type ApiMethod } from './methods';
import { feedbackArgs, type FeedbackResults } from './feedback';
import { progressArgs, type ProgressResults } from './progress';
import { reviewArgs, type ReviewResults } from './review';
import type {
  AgreementResult,
  AnnotatorInfo,
  AssignmentPage,
  AssignReport,
  DocumentStatus,
  DocumentPage,
  DocumentSummary,
  FormatInfo,
  HistoryEntry,
  JobStatus,
  LabelAllPreview,
  MergeLabelsNeeded,
  MergeReport,
  PackageReport,
  Relation,
  RevertResult,
  SchemaImpact,
  SearchHitsPage,
  SearchResults,
  Session,
  Span,
  TeamView,
} from './types';

const id = z.number().int().positive();
/** A layer: an annotator's (by stable id) or the gold layer. */
const layerRef = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('annotator'), annotator: z.string().min(1).max(100) }),
  z.strictObject({ kind: z.literal('gold') }),
]);
const offset = z.number().int().nonnegative();
/** A recent project as the session names it (Session.recent); an opaque token, never a path. */
const recentHandle = z.string().min(1).max(100);
const label = z.string().min(1).max(200);
const name = z.string().trim().min(1).max(200);
/** A document title a user types: one line, not blank, trimmed, at most TITLE_MAX characters. */
export const documentTitle = z
  .string()
  .trim()
  .min(1, 'a title cannot be empty')
  .max(TITLE_MAX, `a title has at most ${TITLE_MAX} characters`)
  .refine((title) => !/[\r\n]/.test(title), 'a title is one line, without line breaks');

/** A project schema as the schema editor sends it; schemaProblem (core) checks the rules across fields. */
const projectSchema = z.object({
  labels: z
    .array(
      z.object({
        key: label,
        name,
        color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour looks like #1a2b3c'),
        hotkey: z.string().max(2),
        kind: z.enum(['span', 'document']),
        attributes: z
          .array(
            z.object({
              name,
              type: z.enum(['enum', 'string', 'number', 'bool']),
              options: z.array(name).max(500),
            }),
          )
          .max(100),
      }),
    )
    .min(1)
    .max(500),
  relationTypes: z.array(z.object({ name, fromLabel: label, toLabel: label.nullable() })).max(500),
});

/** Attributes and relation types the schema editor renamed, so their values and relations move along. */
const schemaRenames = z.object({
  attributes: z.array(z.object({ label, from: name, to: name })).max(1000),
  relationTypes: z.array(z.object({ fromLabel: label, from: name, to: name })).max(1000),
});

const textQuery = z.object({
  pattern: z.string().min(1).max(1000),
  regex: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
  wholeWord: z.boolean().optional(),
});
/** Label every occurrence of the text at start-end in the document. */
const labelAllArgs = z
  .object({
    documentId: id,
    start: offset,
    end: offset,
    label,
    caseSensitive: z.boolean().optional(),
    wholeWord: z.boolean().optional(),
    /** Starts of matches the user unticked in the preview: left as they are. */
    skip: z.array(offset).max(10_000).optional(),
    /** The editable layer to tag (and whose spans count as already labelled); the user's own when not given. */
    layer: layerRef.optional(),
  })
  .refine((a) => a.start < a.end, { message: 'start must be before end' });

const format = z.enum(FORMAT_IDS);
const fraction = z.number().min(0).max(1);
const jobId = z.string().min(1).max(100);

/** Argument schemas, one per method. */
export const apiArgs = {
  getSession: z.object({}),
  setUserName: z.object({ name: z.string().trim().min(1).max(100) }),
  /*
   * No file path crosses the API: a path comes from the Node side's own dialogs or its recent list,
   * so a compromised renderer cannot read or write a file the user did not choose. These objects are
   * strict, so a path argument is refused rather than silently ignored.
   */
  /** The user picks the new file in a save dialog. */
  newProject: z.strictObject({}),
  /** `recent`: a handle from Session.recent; without one, the user is asked with an open dialog. */
  openProject: z.strictObject({ recent: recentHandle.optional() }),
  closeProject: z.object({}),
  listFormats: z.object({}),
  listAnnotators: z.object({}),
  /** Whether reviewers may edit annotators' layers (LayerPolicy); only a reviewer or owner may change it. */
  setLayerPolicy: z.strictObject({ reviewersEditAnnotatorLayers: z.boolean() }),
  /** Gives an annotator a role: owner (runs the team), reviewer (writes gold) or annotator; owners only. */
  setAnnotatorRole: z.object({
    name: z.string().min(1).max(100),
    role: z.enum(['owner', 'annotator', 'reviewer']),
  }),
  getTeam: z.object({}),
  /** The local user's new name in the open project: their id, spans and history stay theirs. */
  renameMe: z.object({ name: z.string().trim().min(1).max(100) }),
  setTeamPolicy: z.strictObject({ annotatorsSeeOthers: z.boolean() }),
  /** A page of the documents × annotators table; a window of at most 500 rows. */
  listAssignments: z.object({
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(1).max(500),
  }),
  /** One cell of the table: assigns (or takes off) one document to one annotator (by stable id). */
  setAssignment: z.strictObject({
    documentId: id,
    annotator: z.string().min(1).max(100),
    assigned: z.boolean(),
  }),
  /**
   * Assigns `perDocument` of `annotators` (names) to each of `documents` (all when not given), by
   * round-robin or a seeded random draw; replaces those documents' assignments.
   */
  assignDocuments: z.strictObject({
    annotators: z.array(z.string().min(1).max(100)).min(1).max(1000),
    perDocument: z.number().int().min(1).max(1000),
    strategy: z.enum(['round-robin', 'random']),
    seed: z.number().int().nonnegative().max(0xffffffff).optional(),
    documents: z.array(id).min(1).max(1_000_000).optional(),
  }),
  /** Takes documents off annotators (names); either list left out means all. */
  unassignDocuments: z.strictObject({
    annotators: z.array(z.string().min(1).max(100)).min(1).max(1000).optional(),
    documents: z.array(id).min(1).max(1_000_000).optional(),
  }),
  /**
   * Starts an import job on the files (or the folder) the user picks in a dialog; resolves to null
   * when they cancel it. `again`: the job id of an earlier import whose files to take again, with
   * new label choices (no dialog). `labelMap` renames unknown labels to schema labels; `addLabels` adds
   * them to the schema (`true`: every unknown label left after the map).
   */
  startImport: z.strictObject({
    again: jobId.optional(),
    folder: z.boolean().optional(),
    format: z.union([format, z.literal('auto')]).default('auto'),
    annotator: z.string().trim().min(1).max(100).optional(),
    /** Into the gold layer, written by `annotator` (who must be a reviewer). */
    gold: z.boolean().optional(),
    /** Unit of offsets in files that do not state one (doccano). */
    offsetUnit: z.enum(['utf16', 'codepoint', 'utf8']).optional(),
    labelMap: z.record(label, label).optional(),
    addLabels: z.union([z.literal(true), z.array(label).max(1000)]).optional(),
    /** Import the good files and list the bad ones as skipped, instead of nothing at all. */
    skipBad: z.boolean().optional(),
  }),
  listDocuments: z.object({}),
  /** One page of the local user's document list (their assigned ones under blind annotation), in import order. */
  listDocumentPage: z.strictObject({
    status: z.enum(DOCUMENT_STATUSES).optional(),
    offset: z.number().int().nonnegative().max(100_000_000),
    limit: z.number().int().min(1).max(500),
  }),
  /** The document after (or before) `documentId` in the list `status` filters; null at either end. */
  neighbourDocument: z.strictObject({
    documentId: id,
    direction: z.enum(['forward', 'backward']),
    status: z.enum(DOCUMENT_STATUSES).optional(),
  }),
  /**
   * A document with the layers asked for in one call: `editable` (the user's own layer when not
   * given) as `spans` and `relations`, and each of `layers` drawn beside it, read only.
   */
  getDocument: z.object({
    id,
    editable: layerRef.optional(),
    layers: z.array(layerRef).max(1000).optional(),
  }),
  /** `layer`: the editable layer the span goes into; the user's own when not given. */
  addSpan: z
    .object({ documentId: id, start: offset, end: offset, label, layer: layerRef.optional() })
    .refine((a) => a.start < a.end, { message: 'start must be before end' }),
  setSpanLabel: z.object({ spanId: id, label }),
  deleteSpan: z.object({ spanId: id }),
  /** A `null` value clears the attribute. */
  setSpanAttribute: z.object({
    spanId: id,
    name,
    value: z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]),
  }),
  /** An empty or blank note removes it. */
  setSpanNote: z.object({ spanId: id, note: z.string().max(10_000).nullable() }),
  setSpanFragments: z.object({
    spanId: id,
    fragments: z
      .array(z.object({ start: offset, end: offset }))
      .min(1)
      .max(100),
  }),
  addRelation: z.object({ type: name, fromSpan: id, toSpan: id }),
  deleteRelation: z.object({ relationId: id }),
  schemaImpact: z.object({ schema: projectSchema, renames: schemaRenames.optional() }),
  /** Refused when the change removes annotations and `confirmRemovals` is not set. */
  updateSchema: z.object({
    schema: projectSchema,
    renames: schemaRenames.optional(),
    confirmRemovals: z.boolean().optional(),
  }),
  /** `layer`: the editable layer whose last action (by this user) to undo; the user's own when not given. */
  undo: z.object({ documentId: id, layer: layerRef.optional() }),
  redo: z.object({ documentId: id, layer: layerRef.optional() }),
  /** `layer`: only that layer's edits; every annotation change of the document when not given. */
  getHistory: z.object({ documentId: id, layer: layerRef.optional() }),
  /** Moves the start of the first fragment and/or the end of the last one. */
  setSpanBounds: z
    .object({ spanId: id, start: offset.optional(), end: offset.optional() })
    .refine((a) => a.start !== undefined || a.end !== undefined, { message: 'give a start or an end' }),
  previewLabelAll: labelAllArgs,
  labelAll: labelAllArgs,
  search: z
    .object({
      /** Without a document id, the whole project is searched. */
      documentId: id.optional(),
      text: textQuery.optional(),
      label: label.optional(),
      /** Attribute values the spans must have (compared as text), e.g. { category: 'casualties' }. */
      attributes: z.record(z.string().min(1).max(200), z.string().max(1000)).optional(),
      /** Whose spans a label search covers: the user's own layer (the default) or every layer they may see. */
      layers: z.enum(['own', 'all']).optional(),
    })
    .refine((a) => a.text !== undefined || a.label !== undefined, {
      message: 'search for a text or a label',
    }),
  /** A project search for a text as a job (getJob, cancelJob); its hits are read with searchHits as they are found. */
  startSearch: z.strictObject({ text: textQuery }),
  /** The hits of a search job from the `from`th on, and how far it has got. */
  searchHits: z.strictObject({ jobId, from: z.number().int().nonnegative().max(1_000_000) }),
  setDocumentStatus: z.object({ documentId: id, status: z.enum(DOCUMENT_STATUSES) }),
  renameDocument: z.object({ documentId: id, title: documentTitle }),
  getGuidelines: z.object({}),
  setGuidelines: z.object({ markdown: z.string().max(1_000_000) }),
  /**
   * Starts an export job to the target the user picks in a save dialog; resolves to null when they
   * cancel it. `gold` exports the reviewers' layer instead of `annotators`.
   */
  startExport: z
    .strictObject({
      format,
      annotators: z.array(z.string().min(1).max(100)).min(1).max(1000).optional(),
      gold: z.boolean().optional(),
      labels: z.array(label).min(1).max(1000).optional(),
      doneOnly: z.boolean().optional(),
      offsetUnit: z.enum(['utf16', 'codepoint', 'utf8']).default('utf16'),
      split: z
        .object({ train: fraction, dev: fraction, test: fraction, seed: z.number().int().nonnegative() })
        .refine((s) => Math.abs(s.train + s.dev + s.test - 1) < 1e-6, {
          message: 'split fractions must sum to 1',
        })
        .optional(),
      /** doccano only: `label: [[s, e, l]]` (default) or the entities/relations form, which keeps relations. */
      doccanoForm: z.enum(['label', 'entities']).optional(),
    })
    .refine((a) => !(a.gold && a.annotators), { message: 'choose annotators or gold, not both' }),
  getJob: z.object({ id: jobId }),
  cancelJob: z.object({ id: jobId }),
  /** Agreement figures (docs/agreement.md); each filter left out means all. */
  getAgreement: agreementFilters(),
  /** The same, for the app: at once when cached, else as a job with progress and Cancel. */
  startAgreement: agreementFilters(),
  /** Writes `annotator`'s work package where the user picks in a save dialog (owners only). */
  exportWorkPackage: z.strictObject({ annotator: name }),
  /**
   * Merges the returned packages the user picks in a dialog into their annotators' layers. When they
   * use labels the project lacks, answers which (nothing merged) and a token: `again` with it merges
   * the same files with `labelMap` (package label → project label) and `addLabels`, as the CLI's
   * --map-label and --add-labels.
   */
  mergeWorkPackages: z.strictObject({
    again: z.string().uuid().optional(),
    labelMap: z.record(label, label).optional(),
    addLabels: z.boolean().optional(),
  }),
  ...reviewArgs,
  ...feedbackArgs,
  ...progressArgs,
} satisfies Record<ApiMethod, z.ZodType>;

function agreementFilters() {
  return z.strictObject({
    documents: z.array(id).min(1).max(1_000_000).optional(),
    /** Annotators by name; the default is everyone with spans. */
    annotators: z.array(name).min(1).max(1000).optional(),
    labels: z.array(label).min(1).max(1000).optional(),
    /** per_document's figures of this label alone (the default: over `labels`). */
    documentLabel: label.optional(),
    /** Compare the gold layer too, when there is one (default true). */
    gold: z.boolean().optional(),
  });
}

/** What each method resolves to. */
export interface ApiResults {
  getSession: Session;
  setUserName: Session;
  newProject: Session;
  openProject: Session;
  closeProject: Session;
  listFormats: FormatInfo[];
  listAnnotators: AnnotatorInfo[];
  /** Every annotator after the change. */
  setAnnotatorRole: AnnotatorInfo[];
  setLayerPolicy: LayerPolicy;
  getTeam: TeamView;
  renameMe: Session;
  setTeamPolicy: TeamView;
  listAssignments: AssignmentPage;
  setAssignment: AssignmentPage['rows'][number];
  assignDocuments: AssignReport;
  unassignDocuments: { removed: number };
  startImport: { jobId: string } | null;
  listDocuments: DocumentSummary[];
  listDocumentPage: DocumentPage;
  neighbourDocument: DocumentSummary | null;
  /** The local user's view of a document, spans in wire form: `expandDocument` (compactDocument.ts) decodes it. */
  getDocument: CompactDocumentView;
  addSpan: Span;
  setSpanLabel: Span;
  deleteSpan: { spanId: number };
  setSpanAttribute: Span;
  setSpanNote: Span;
  setSpanFragments: Span;
  addRelation: Relation;
  deleteRelation: { relationId: number };
  schemaImpact: SchemaImpact;
  updateSchema: Session;
  /** `null` when there is nothing to undo (or redo). */
  undo: RevertResult | null;
  redo: RevertResult | null;
  getHistory: HistoryEntry[];
  setSpanBounds: Span;
  previewLabelAll: LabelAllPreview;
  labelAll: Span[];
  search: SearchResults;
  startSearch: { jobId: string };
  searchHits: SearchHitsPage;
  setDocumentStatus: { documentId: number; status: DocumentStatus };
  renameDocument: { documentId: number; title: string };
  getGuidelines: { markdown: string };
  setGuidelines: { markdown: string };
  startExport: { jobId: string; path: string } | null;
  getJob: JobStatus;
  cancelJob: JobStatus;
  getAgreement: AgreementResult;
  listConflicts: ReviewResults['listConflicts'];
  decideConflict: ReviewResults['decideConflict'];
  previewAutoAccept: ReviewResults['previewAutoAccept'];
  autoAccept: ReviewResults['autoAccept'];
  listDecisions: ReviewResults['listDecisions'];
  reviewProgress: ReviewResults['reviewProgress'];
  /** `result` when every figure was cached; else the job (getJob) that computes it. */
  startAgreement: { jobId: string; result: null } | { jobId: null; result: AgreementResult };
  /** `null` when the user cancels the dialog. */
  exportWorkPackage: PackageReport | null;
  /** `null` when the user cancels the dialog; labels to place when the packages use ones the project lacks. */
  mergeWorkPackages: MergeReport | MergeLabelsNeeded | null;
  getFeedback: FeedbackResults['getFeedback'];
  getProgress: ProgressResults['getProgress'];
}

export type { ApiMethod };
export type ApiArgs<M extends ApiMethod> = z.input<(typeof apiArgs)[M]>;
export type ApiParsedArgs<M extends ApiMethod> = z.output<(typeof apiArgs)[M]>;

/** The API as the renderer sees it: every method async, whatever the transport. */
export type Api = { [M in ApiMethod]: (args: ApiArgs<M>) => Promise<ApiResults[M]> };

/** What a server side implements; handlers receive arguments already parsed. */
export type ApiHandlers = {
  [M in ApiMethod]: (args: ApiParsedArgs<M>) => ApiResults[M] | Promise<ApiResults[M]>;
};

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}
