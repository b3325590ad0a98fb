/**
 * What an export takes from the project: the chosen annotators' (or the gold) layer, the chosen
 * labels, optionally only documents that are done, as interchange documents one at a time.
 */
import type { CorpusDocument, CorpusSpan } from '../core/formats/model';
import { UserError } from '../core/errors';
import { labelKeyOf, labelName } from '../core/schemaRules';
import type { DocumentStatus, ProjectStore, StoredDocument } from '../store/projectStore';
import { annotatorUids, goldWriters, projectIdentity } from '../store/layers';
import { attributesOfColumn, fragmentsOf, SPAN_TUPLE, type SpanTuple } from '../store/rows';
import type { Relation } from '../core/spans';

export interface Selection {
  /** Whose spans; all annotators when absent. */
  annotators?: readonly string[];
  /** The gold layer: the spans reviewers wrote into it. */
  gold?: boolean;
  labels?: readonly string[];
  /** Only documents every selected annotator (who has worked on it) has marked done. */
  doneOnly?: boolean;
  /** Only these documents (blind annotation: an annotator's assigned ones, services/blind.ts). */
  documents?: ReadonlySet<number>;
}

export interface ResolvedSelection {
  /** Annotator names whose spans are exported; null = everyone. */
  annotators: ReadonlySet<string> | null;
  /** Which layers: gold only, the named annotators' layers (not gold), or every layer. */
  layer: 'gold' | 'annotators' | 'all';
  /** Label keys; null = every label. */
  labels: ReadonlySet<string> | null;
  /** The name the user sees for each label key: exports write it, not the key a rename leaves behind. */
  labelNames: ReadonlyMap<string, string>;
  doneOnly: boolean;
  documents: ReadonlySet<number> | null;
  /** How the layer is described in reports. */
  description: string[];
}

/** Checks a selection against the project; a UserError names what does not exist. */
export function resolveSelection(store: ProjectStore, selection: Selection): ResolvedSelection {
  const annotators = store.annotators();
  let chosen: Set<string> | null = null;
  let description = ['all annotators'];
  let layer: ResolvedSelection['layer'] = 'all';
  if (selection.gold) {
    const reviewers = goldWriters(store.database);
    if (reviewers.length === 0)
      throw new UserError(
        'there is no gold layer: no reviewer has written gold spans in this project; choose annotators instead',
      );
    chosen = new Set(reviewers);
    layer = 'gold';
    description = [`gold (${reviewers.join(', ')})`];
  } else if (selection.annotators) {
    const names = new Set(annotators.map((a) => a.name));
    const missing = selection.annotators.filter((name) => !names.has(name));
    if (missing.length)
      throw new UserError(
        `no annotator ${missing.map((m) => `"${m}"`).join(', ')} in this project; it has ${[...names].join(', ') || 'none'}`,
      );
    chosen = new Set(selection.annotators);
    layer = 'annotators';
    description = [...chosen];
  }
  const schema = store.schema();
  const labelNames = new Map(schema.labels.map((l) => [l.key, labelName(schema, l.key)]));
  let labels: Set<string> | null = null;
  if (selection.labels) {
    const missing = selection.labels.filter((label) => labelKeyOf(schema, label) === undefined);
    if (missing.length)
      throw new UserError(
        `no label ${missing.map((m) => `"${m}"`).join(', ')} in the schema; it has ${[...labelNames.values()].join(', ')}`,
      );
    labels = new Set(selection.labels.map((label) => labelKeyOf(schema, label)!));
  }
  return {
    annotators: chosen,
    layer,
    labels,
    labelNames,
    doneOnly: selection.doneOnly ?? false,
    documents: selection.documents ?? null,
    description,
  };
}

/**
 * The project's documents as the selection sees them, in import order, one at a time; with
 * `identities` (a format that keeps them, native JSONL), each with the project's, its spans',
 * relations' and annotators' stable ids and the gold flag, so copies of a project can meet again.
 * Spans go from their stored rows straight to the export's form (an export reads 500,000).
 */
export function* selectedDocuments(
  store: ProjectStore,
  selection: ResolvedSelection,
  identities = false,
): Generator<CorpusDocument | null> {
  const project = identities ? projectIdentity(store.database).uid : undefined;
  const people = identities ? annotatorUids(store.database) : undefined;
  for (const { document, rows, names, relations, statuses, relationUids } of store.documentsWithSpanRows(
    undefined,
    identities,
  )) {
    const status = statusFor(statuses, rows, names.annotators, selection.annotators);
    // null keeps the caller's progress count right for a document left out.
    if (
      (selection.doneOnly && status !== 'done') ||
      (selection.documents !== null && !selection.documents.has(document.id))
    ) {
      yield null;
      continue;
    }
    const ids = project && people && relationUids ? { project, people, relations: relationUids } : undefined;
    yield toCorpusDocument(document, rows, names, relations, status, selection, ids);
  }
}

/** The stable ids an export that keeps them writes (see selectedDocuments); a span's own is in its row. */
interface Identities {
  project: string;
  people: ReadonlyMap<string, string>;
  relations: ReadonlyMap<number, string>;
}

type Names = { annotators: ReadonlyMap<number, string>; labels: ReadonlyMap<number, string> };

/**
 * A document is done for an export when every selected annotator who has worked on it (a status
 * or a span) has marked it done, and at least one has.
 */
function statusFor(
  statuses: ReadonlyMap<string, DocumentStatus>,
  rows: readonly SpanTuple[],
  annotatorNames: ReadonlyMap<number, string>,
  annotators: ReadonlySet<string> | null,
): DocumentStatus {
  const involved = new Set<string>();
  for (const name of statuses.keys()) if (!annotators || annotators.has(name)) involved.add(name);
  const writers = new Set<number>();
  for (const row of rows) writers.add(row[SPAN_TUPLE.annotatorId]);
  for (const id of writers) {
    const name = annotatorNames.get(id)!;
    if (!annotators || annotators.has(name)) involved.add(name);
  }
  if (involved.size === 0) return 'todo';
  const each = [...involved].map((name) => statuses.get(name) ?? 'in_progress');
  if (each.every((s) => s === 'done')) return 'done';
  return each.some((s) => s !== 'todo') ? 'in_progress' : 'todo';
}

function toCorpusDocument(
  document: StoredDocument,
  rows: readonly SpanTuple[],
  names: Names,
  relations: readonly Relation[],
  status: DocumentStatus,
  selection: ResolvedSelection,
  ids?: Identities,
): CorpusDocument {
  const kept: CorpusSpan[] = [];
  // Only a document with relations needs to know which spans were kept (most have none).
  const keptIds = relations.length ? new Set<number>() : null;
  for (const t of rows) {
    const annotator = names.annotators.get(t[SPAN_TUPLE.annotatorId])!;
    const label = names.labels.get(t[SPAN_TUPLE.labelId])!;
    const gold = t[SPAN_TUPLE.gold] === 1;
    if (selection.annotators && !selection.annotators.has(annotator)) continue;
    if ((selection.layer === 'gold') !== gold && selection.layer !== 'all') continue;
    if (selection.labels && !selection.labels.has(label)) continue;
    const id = t[SPAN_TUPLE.id];
    keptIds?.add(id);
    const start = t[SPAN_TUPLE.start];
    const end = t[SPAN_TUPLE.end];
    const corpusSpan: CorpusSpan = {
      key: String(id),
      label: selection.labelNames.get(label) ?? label,
      fragments: fragmentsOf(t[SPAN_TUPLE.fragments], start, end),
      annotator,
      attributes: attributesOfColumn(t[SPAN_TUPLE.attributes]),
      note: t[SPAN_TUPLE.note],
      origin: t[SPAN_TUPLE.origin],
    };
    if (ids) addIdentity(corpusSpan, t[SPAN_TUPLE.uid], gold, ids.people.get(annotator));
    kept.push(corpusSpan);
  }
  return {
    id: document.externalId,
    title: document.title,
    text: document.text,
    status,
    source: document.source,
    sha256: document.sha256,
    ...(ids && { project: ids.project }),
    spans: kept,
    relations: relations
      .filter((r) => keptIds!.has(r.fromSpan) && keptIds!.has(r.toSpan))
      .map((r) => {
        const uid = ids?.relations.get(r.id);
        return {
          type: r.type,
          from: String(r.fromSpan),
          to: String(r.toSpan),
          annotator: r.annotator,
          ...(uid === undefined ? {} : { uid }),
        };
      }),
  };
}

/** A span's stable id, and its layer: gold, or its annotator's by stable id (set in place: exports build 500,000). */
function addIdentity(
  target: CorpusSpan,
  uid: string | undefined,
  gold: boolean,
  annotatorUid: string | undefined,
): void {
  if (uid !== undefined) target.uid = uid;
  if (gold) target.gold = true;
  else if (annotatorUid !== undefined) target.annotatorUid = annotatorUid;
}
