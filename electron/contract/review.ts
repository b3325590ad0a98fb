/**
 * The review (adjudication) part of the API: the conflict queue, one decision, auto-accept and the
 * decisions list. docs/adjudication.md says what each kind and outcome means.
 */
import { z } from 'zod';
import { CONFLICT_KINDS, type AttributeValues, type ConflictKind } from '../core/conflicts';
import type { Decision } from '../core/decisions';
import type { Fragment } from '../core/spans';

const id = z.number().int().positive();
const label = z.string().min(1).max(200);
const name = z.string().trim().min(1).max(200);
const conflictKey = z.string().min(1).max(10_000);
const kind = z.enum(CONFLICT_KINDS as [ConflictKind, ...ConflictKind[]]);
/** k of n: how many annotators must have drawn a version exactly for it to be accepted. */
const agreeing = z.number().int().min(1).max(1000);
const autoAcceptRule = z.strictObject({
  k: agreeing,
  /** Only these labels (default: every label). */
  labels: z.array(label).min(1).max(1000).optional(),
  /** A k of its own for some labels. */
  perLabel: z.record(label, agreeing).optional(),
});

export const reviewArgs = {
  /** The conflicts of the project, filtered, sorted and paged. */
  listConflicts: z.strictObject({
    kinds: z.array(kind).min(1).max(5).optional(),
    labels: z.array(label).min(1).max(1000).optional(),
    documents: z.array(id).min(1).max(1_000_000).optional(),
    /** Conflicts these annotators take part in (have a version in, or are listed with none). */
    annotators: z.array(name).min(1).max(1000).optional(),
    /** open (default): not yet decided; decided; or all. */
    state: z.enum(['open', 'decided', 'all']).default('open'),
    sort: z.enum(['document', 'kind', 'label']).default('document'),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  }),
  /**
   * Decides one conflict: accept version `version` (0-based) into gold, reject (nothing in gold), or
   * edit (the reviewer's own span, or relation type, goes to gold); with an optional one-line reason.
   */
  decideConflict: z
    .strictObject({
      documentId: id,
      key: conflictKey,
      outcome: z.enum(['accept', 'reject', 'edit']),
      version: z.number().int().nonnegative().optional(),
      span: z
        .strictObject({
          label,
          fragments: z
            .array(
              z.strictObject({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }),
            )
            .min(1)
            .max(100),
          attributes: z
            .record(z.string(), z.union([z.string().max(10_000), z.number(), z.boolean()]))
            .optional(),
        })
        .optional(),
      relationType: name.optional(),
      reason: z
        .string()
        .max(1000)
        .refine((r) => !/[\r\n]/.test(r), 'a reason is one line, without line breaks')
        .optional(),
    })
    .refine((a) => a.outcome !== 'accept' || a.version !== undefined, {
      message: 'accept needs the number of the version to accept',
    })
    .refine((a) => a.outcome !== 'edit' || a.span !== undefined || a.relationType !== undefined, {
      message: 'edit needs the span (or relation type) to put in gold',
    }),
  previewAutoAccept: autoAcceptRule,
  autoAccept: autoAcceptRule,
  listDecisions: z.strictObject({ documents: z.array(id).min(1).max(1_000_000).optional() }),
  /** Conflicts left per document and in the project; each annotator's agreement with gold per label. */
  reviewProgress: z.strictObject({}),
} as const;

/** One version of a conflict: a span (label, characters, attribute values) or a relation type. */
export interface ConflictVersionView {
  label?: string;
  fragments?: Fragment[];
  attributes?: AttributeValues;
  type?: string;
  annotators: string[];
}

/** A decision as the API returns it (core/decisions.ts). */
export type DecisionView = Omit<Decision, 'id'>;

export interface ConflictView {
  documentId: number;
  title: string;
  key: string;
  kind: ConflictKind;
  /** The span label(s) in the conflict, or the relation's types. */
  labels: string[];
  versions: ConflictVersionView[];
  /** A relation's two spans. */
  relation?: { from: ConflictVersionView; to: ConflictVersionView };
  none: string[];
  summary: string;
  /** The version the gold layer holds exactly, or null. */
  gold: number | null;
  decision: DecisionView | null;
}

/**
 * Open conflicts of the whole project per kind, label, document and annotator (taking part: a
 * version or "none"), whatever the filters: what each filter choice would leave in the queue.
 */
export interface ConflictCounts {
  kinds: Partial<Record<ConflictKind, number>>;
  labels: Record<string, number>;
  documents: { id: number; title: string; open: number }[];
  annotators: Record<string, number>;
}

export interface ConflictPage {
  /** Conflicts matching the filters (all pages). */
  total: number;
  /** Of those, not decided yet. */
  open: number;
  conflicts: ConflictView[];
  counts: ConflictCounts;
}

/** What auto-accept accepts (or would): spans per label and relations, and what it left alone. */
export interface AutoAcceptCounts {
  labels: Record<string, number>;
  relations: number;
  accepted: number;
  /** Places a reviewer decided by hand: never touched by auto-accept. */
  keptManual: number;
}

/** A decision with the versions of its conflict, as exported. */
export interface DecisionRecord extends DecisionView {
  title: string;
  versions: ConflictVersionView[];
  none: string[];
}

/** An annotator against the gold layer (gold the reference): F1 overall and per label; null: undefined. */
export interface GoldAgreement {
  annotator: string;
  exactF1: number | null;
  partialF1: number | null;
  labels: {
    label: string;
    exactF1: number | null;
    partialF1: number | null;
    /** Gold spans of the label, and the annotator's. */
    gold: number;
    spans: number;
  }[];
}

export interface ReviewProgress {
  project: {
    documents: number;
    /** Documents with at least one conflict, and those with one still open. */
    withConflicts: number;
    documentsLeft: number;
    conflicts: number;
    open: number;
  };
  /** Documents with conflicts, in document order. */
  documents: { documentId: number; title: string; conflicts: number; open: number }[];
  /** Empty until the gold layer has a span. */
  annotators: GoldAgreement[];
}

export interface ReviewResults {
  listConflicts: ConflictPage;
  decideConflict: DecisionView;
  previewAutoAccept: AutoAcceptCounts;
  autoAccept: AutoAcceptCounts;
  listDecisions: DecisionRecord[];
  reviewProgress: ReviewProgress;
}
