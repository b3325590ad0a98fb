/**
 * What an export takes from the project: the chosen annotators' (or the gold) layer, the chosen
 * labels, optionally only documents that are done, as interchange documents one at a time.
 */
import type { CorpusDocument, CorpusSpan } from '../core/formats/model';
import { UserError } from '../core/errors';
import { labelKeyOf, labelName } from '../core/schemaRules';
import type { DocumentStatus, ProjectStore, StoredDocument } from '../store/projectStore';
import { annotatorUids, goldWriters, projectIdentity } from '../store/layers';
import type { Relation, Span } from '../core/spans';

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
 */
export function* selectedDocuments(
  store: ProjectStore,
  selection: ResolvedSelection,
  identities = false,
): Generator<CorpusDocument | null> {
  const project = identities ? projectIdentity(store.database).uid : undefined;
  const people = identities ? annotatorUids(store.database) : undefined;
  for (const { document, spans, relations, statuses, uids } of store.documentsWithSpans(
    undefined,
    identities,
  )) {
    const status = statusFor(statuses, spans, selection.annotators);
    // null keeps the caller's progress count right for a document left out.
    if (
      (selection.doneOnly && status !== 'done') ||
      (selection.documents !== null && !selection.documents.has(document.id))
    ) {
      yield null;
      continue;
    }
    const ids = project && people && uids ? { project, people, ...uids } : undefined;
    yield toCorpusDocument(document, spans, relations, status, selection, ids);
  }
}

/** The stable ids an export that keeps them writes (see selectedDocuments). */
interface Identities {
  project: string;
  people: ReadonlyMap<string, string>;
  spans: ReadonlyMap<number, string>;
  relations: ReadonlyMap<number, string>;
}

/**
 * A document is done for an export when every selected annotator who has worked on it (a status
 * or a span) has marked it done, and at least one has.
 */
function statusFor(
  statuses: ReadonlyMap<string, DocumentStatus>,
  spans: readonly Span[],
  annotators: ReadonlySet<string> | null,
): DocumentStatus {
  const involved = new Set<string>();
  for (const name of statuses.keys()) if (!annotators || annotators.has(name)) involved.add(name);
  for (const span of spans) if (!annotators || annotators.has(span.annotator)) involved.add(span.annotator);
  if (involved.size === 0) return 'todo';
  const each = [...involved].map((name) => statuses.get(name) ?? 'in_progress');
  if (each.every((s) => s === 'done')) return 'done';
  return each.some((s) => s !== 'todo') ? 'in_progress' : 'todo';
}

function toCorpusDocument(
  document: StoredDocument,
  spans: readonly Span[],
  relations: readonly Relation[],
  status: DocumentStatus,
  selection: ResolvedSelection,
  ids?: Identities,
): CorpusDocument {
  const kept: CorpusSpan[] = [];
  const keptIds = new Set<number>();
  for (const span of spans) {
    if (selection.annotators && !selection.annotators.has(span.annotator)) continue;
    if ((selection.layer === 'gold') !== (span.gold === true) && selection.layer !== 'all') continue;
    if (selection.labels && !selection.labels.has(span.label)) continue;
    keptIds.add(span.id);
    const corpusSpan: CorpusSpan = {
      key: String(span.id),
      label: selection.labelNames.get(span.label) ?? span.label,
      fragments: span.fragments,
      annotator: span.annotator,
      attributes: span.attributes,
      note: span.note,
      origin: span.origin,
    };
    if (ids) addIdentity(corpusSpan, span, ids);
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
      .filter((r) => keptIds.has(r.fromSpan) && keptIds.has(r.toSpan))
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
function addIdentity(target: CorpusSpan, span: Span, ids: Identities): void {
  const uid = ids.spans.get(span.id);
  if (uid !== undefined) target.uid = uid;
  if (span.gold) target.gold = true;
  else {
    const annotatorUid = ids.people.get(span.annotator);
    if (annotatorUid !== undefined) target.annotatorUid = annotatorUid;
  }
}
