/**
 * Agreement over a project: which layers and documents are compared (the filters), each document's
 * sums from core/agreement (cached by the document's version, so after an edit only that document
 * is recomputed), and the report added up on demand. docs/agreement.md.
 */
import type { ApiHandlers, ApiParsedArgs, ApiResults } from '../contract/api';
import type { AgreementResult } from '../contract/types';
import { documentSums, type DocumentSums, type RatedSpan } from '../core/agreement/documentSums';
import { labelsOf } from '../core/agreement/figures';
import { addUnit, nominalAlpha } from '../core/agreement/krippendorffAlpha';
import {
  addReportSums,
  agreementReport,
  documentFigures,
  emptyReportSums,
  reportSums,
  type DocumentFigures,
  type ReportSums,
} from '../core/agreement/report';
import { UserError } from '../core/errors';
import type { LayerRef } from '../core/layers';
import {
  agreementPages,
  documentStatuses,
  spanLabelKeys,
  type DocumentVersion,
} from '../store/agreementReads';
import type { ProjectDatabase } from '../store/database';
import type { ProjectStore } from '../store/projectStore';
import { projectOverview } from './agreementProject';
import { blindAgreementLimit } from './blind';
import type { JobRunner } from './jobs';
import type { ProjectAccess } from './projectAccess';

export type AgreementFilters = ApiParsedArgs<'getAgreement'>;

interface Cached {
  version: string;
  selection: string;
  sums: DocumentSums;
  /** The document's figures over all labels, for the per-document list. */
  figures: DocumentFigures;
}

/** Per open project file: document id → its sums for the selection they were computed for. */
const caches = new WeakMap<ProjectDatabase, Map<number, Cached>>();

/**
 * Documents per block, and blocks per group, whose added-up sums are kept: after an edit, the edited
 * document's block and group are added up again, then the groups (10,000 documents: 256 + 16 + 3
 * additions instead of 10,000).
 */
const BLOCK = 256;
const GROUP = 16;

/** Per open project file: block and group key → their sums, as used by the last report. */
const kept = new WeakMap<
  ProjectDatabase,
  { blocks: Map<string, ReportSums>; groups: Map<string, ReportSums> }
>();

/** Numbers that name a block's sums within this process, for the keys of the groups holding them. */
const serials = new WeakMap<ReportSums, number>();
let lastSerial = 0;
function serialOf(sums: ReportSums): number {
  let serial = serials.get(sums);
  if (serial === undefined) serials.set(sums, (serial = ++lastSerial));
  return serial;
}

/** The sums of every document, added up by blocks and groups of blocks, reusing those unchanged. */
function blockSums(
  db: ProjectDatabase,
  versions: readonly DocumentVersion[],
  entries: readonly { sums: DocumentSums }[],
  selection: string,
  labels: readonly string[],
): ReportSums {
  const known = kept.get(db);
  const used = { blocks: new Map<string, ReportSums>(), groups: new Map<string, ReportSums>() };
  const parts: ReportSums[] = [];
  for (let at = 0; at < versions.length; at += BLOCK) {
    const part = versions.slice(at, at + BLOCK);
    const key = `${selection}|${labels.join('\u0000')}|${part.map((v) => `${v.id}@${v.version}`).join(',')}`;
    const sums =
      known?.blocks.get(key) ??
      reportSums(
        entries.slice(at, at + BLOCK).map((e) => e.sums),
        labels,
      );
    used.blocks.set(key, sums);
    parts.push(sums);
  }
  const total = emptyReportSums();
  for (let at = 0; at < parts.length; at += GROUP) {
    const group = parts.slice(at, at + GROUP);
    const key = group.map(serialOf).join(',');
    const sums = known?.groups.get(key) ?? group.reduce(addReportSums, emptyReportSums());
    used.groups.set(key, sums);
    addReportSums(total, sums);
  }
  // Only the parts of this report are kept: another filter's would pile up.
  kept.set(db, used);
  return total;
}

/** Reported while documents are computed, about every 1% and at the end. */
export type AgreementProgress = (done: number, total: number) => void;

const list = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** The report for `filters`, reusing every cached document whose version has not changed. */
export function computeAgreement(
  store: ProjectStore,
  filters: AgreementFilters,
  progress?: AgreementProgress,
  viewer?: string | null,
): AgreementResult {
  const steps = agreementSteps(store, filters, viewer);
  for (let next = steps.next(); ; next = steps.next()) {
    if (next.done) return next.value;
    const [done, total] = next.value;
    if (done % Math.max(1, Math.floor(total / 100)) === 0 || done === total) progress?.(done, total);
  }
}

/**
 * The report as steps: a refusal is thrown by the first step, then one step per document computed
 * (documents done, documents to compute), the report last. A job runs it with a checkpoint between
 * steps, so a long computation neither blocks the main process nor outlives a cancel.
 */
export function* agreementSteps(
  store: ProjectStore,
  filters: AgreementFilters,
  viewer?: string | null,
): Generator<[number, number], AgreementResult> {
  const db = store.database;
  // Blind annotation: checked first, so a refused viewer learns nothing about the project's layers.
  const limit = viewer === undefined ? null : blindAgreementLimit(store, viewer);
  const project = projectOverview(db);
  const known = new Map(project.annotators.map((a) => [a.name, a]));
  const unknown = (filters.annotators ?? []).filter((n) => !known.has(n));
  if (unknown.length)
    throw new UserError(
      `no spans by ${list(unknown)} in this project (annotators with spans: ${list([...known.keys()]) || 'none'}); nothing was computed`,
    );
  const annotators = filters.annotators ? [...new Set(filters.annotators)] : [...known.keys()];
  const withGold = project.gold && filters.gold !== false;
  // The gold layer's rater name; an annotator who is called "gold" keeps their name.
  const goldName = annotators.includes('gold') ? 'gold layer' : 'gold';
  const raters = withGold ? [...annotators, goldName] : annotators;
  if (raters.length < 2)
    throw new UserError(
      `agreement needs two layers to compare and this selection has ${raters.length === 1 ? `only ${list(raters)}` : 'none'}; choose more annotators or add a gold layer`,
    );

  const schemaLabels = spanLabelKeys(db);
  const badLabels = [
    ...(filters.labels ?? []),
    ...(filters.documentLabel ? [filters.documentLabel] : []),
  ].filter((l) => !schemaLabels.includes(l));
  if (badLabels.length)
    throw new UserError(
      `this project has no span label ${list(badLabels)} (labels: ${list(schemaLabels)}); nothing was computed`,
    );

  let versions = project.versions;
  if (filters.documents) {
    const wanted = new Set(filters.documents);
    const missing = [...wanted].filter((id) => !versions.some((v) => v.id === id));
    if (missing.length)
      throw new UserError(`this project has no document ${missing.join(', ')}; nothing was computed`);
    versions = versions.filter((v) => wanted.has(v.id));
  }
  if (limit) {
    const hidden = versions.filter((v) => !limit.documents.has(v.id)).map((v) => v.id);
    if (filters.documents && hidden.length)
      throw new UserError(
        `document ${hidden.join(', ')} is not assigned to you; this project shows annotators only their own documents. Nothing was computed.`,
      );
    versions = versions.filter((v) => limit.documents.has(v.id));
  }

  const cache = caches.get(db) ?? new Map<number, Cached>();
  caches.set(db, cache);
  const selection = `${raters.join('\u0000')}|${schemaLabels.join('\u0000')}`;
  const stale = versions.filter((v) => {
    const hit = cache.get(v.id);
    return !hit || hit.version !== v.version || hit.selection !== selection;
  });
  const versionOf = new Map(stale.map((v) => [v.id, v.version]));
  let done = 0;
  const rowIds = annotators.map((name) => known.get(name)!.id);
  for (const doc of agreementPages(
    db,
    stale.map((v) => v.id),
  )) {
    const layers: RatedSpan[][] = raters.map((_, i) => {
      const id = i < rowIds.length ? rowIds[i] : null;
      return doc.layers.find((l) => l.annotatorId === id)?.spans ?? [];
    });
    const labels = [...new Set([...schemaLabels, ...labelsOf(layers)])];
    const sums = documentSums(doc.text, layers, annotators.length, labels);
    const figures = documentFigures(sums, raters, annotators.length, schemaLabels);
    cache.set(doc.id, { version: versionOf.get(doc.id)!, selection, sums, figures });
    yield [++done, stale.length];
  }

  const labels = filters.labels ?? schemaLabels;
  const one = filters.documentLabel;
  // Cached figures are over every label; another choice computes each document's from its sums.
  const entries = versions.map((v) => {
    const { sums, figures } = cache.get(v.id)!;
    if (one)
      return {
        id: v.id,
        title: v.title,
        sums,
        figures: documentFigures(sums, raters, annotators.length, [one]),
      };
    return { id: v.id, title: v.title, sums, ...(filters.labels ? {} : { figures }) };
  });
  const report = agreementReport(
    entries,
    raters,
    annotators.length,
    labels,
    blockSums(db, versions, entries, selection, labels),
  );
  const layers: Record<string, LayerRef> = Object.fromEntries(
    annotators.map((name) => [name, { kind: 'annotator', annotator: known.get(name)!.uid } as LayerRef]),
  );
  if (withGold) layers[goldName] = { kind: 'gold' };
  return {
    ...report,
    status_alpha: statusAlpha(db, versions, annotators),
    layers,
    computed: stale.length,
    reused: versions.length - stale.length,
  };
}

/** Nominal alpha of the annotators' document statuses: a unit per document, a missing value where one has none. */
function statusAlpha(
  db: ProjectDatabase,
  versions: readonly DocumentVersion[],
  annotators: readonly string[],
) {
  const statuses = new Map<number, Map<string, string>>();
  for (const row of documentStatuses(db)) {
    const byName = statuses.get(row.documentId) ?? new Map<string, string>();
    byName.set(row.name, row.status);
    statuses.set(row.documentId, byName);
  }
  const matrix = new Map<string, number>();
  for (const v of versions)
    addUnit(
      matrix,
      annotators.map((a) => statuses.get(v.id)?.get(a) ?? null),
    );
  const figures = nominalAlpha(matrix);
  return { alpha: figures.alpha, values: Math.round(figures.values) };
}

/**
 * startAgreement: the report at once when every document's sums are cached (the view reopening, an
 * edit), else a job that computes the rest with progress and can be cancelled. Refusals are thrown
 * here, before any job starts.
 */
export function startAgreement(
  store: ProjectStore,
  jobs: JobRunner,
  filters: AgreementFilters,
  viewer: string | null,
): ApiResults['startAgreement'] {
  const steps = agreementSteps(store, filters, viewer);
  let next = steps.next();
  // The view opens from cached figures without a job when at most one document is computed.
  if (!next.done && next.value[1] <= 1) next = steps.next();
  if (next.done) return { jobId: null, result: next.value };
  let step: [number, number] = next.value;
  const jobId = jobs.start('agreement', async (context) => {
    for (;;) {
      context.progress('computing', ...step);
      await context.checkpoint();
      const after = steps.next();
      if (after.done) return after.value;
      step = after.value;
    }
  });
  return { jobId, result: null };
}

export function agreementHandlers(
  access: ProjectAccess,
  jobs: JobRunner,
): Pick<ApiHandlers, 'getAgreement' | 'startAgreement'> {
  return {
    startAgreement: (filters) => startAgreement(access.openStore(), jobs, filters, access.userName() ?? null),
    getAgreement: (filters) =>
      computeAgreement(access.openStore(), filters, undefined, access.userName() ?? null),
  };
}
