/**
 * Review (adjudication): the conflicts of the project as a queue, and one decision written to the
 * gold layer with its record in one action (so Ctrl+Z in gold takes both back). Conflicts are found
 * by core/conflicts.ts over the annotators' layers of each document. docs/adjudication.md.
 */
import type { ApiHandlers, ApiParsedArgs } from '../contract/api';
import type { ConflictVersionView, ConflictView, DecisionRecord, DecisionView } from '../contract/review';
import {
  CONFLICT_KINDS,
  documentPlaces,
  spanVersionKey,
  type DocumentConflicts,
  type LayerSpan,
  type RelationPlace,
  type SpanPlace,
  type SpanVersion,
} from '../core/conflicts';
import { UserError } from '../core/errors';
import type { Place } from '../core/queuedPlaces';
import { GOLD, writesGold } from '../core/layers';
import { fragmentsProblem, type Span } from '../core/spans';
import type { Decision } from '../store/decisions';
import {
  annotatorRows,
  changedSince,
  documentVersions,
  projectMark,
  versionsOf as documentVersionsOf,
  type DocumentVersion,
  type ProjectMark,
} from '../store/agreementReads';
import { doneByDocument } from '../store/conflictQueue';
import { conflictPages } from '../store/conflictReads';
import type { ProjectDatabase } from '../store/database';
import type { NewSpan, ProjectStore } from '../store/projectStore';
import { ConflictCounter } from './conflictCounts';
import type { ProjectAccess } from './projectAccess';
import { documentLayers, pageLayers, type DocumentLayers } from './conflictLayers';
import {
  currentQueueMark,
  forgetQueue,
  LABEL_SEPARATOR,
  pagePlaces,
  queuedDocuments,
  rememberQueue,
  type ComputedQueue,
  type QueueMark,
} from './conflictQueue';
import { decidedConflicts, decisionIndex, placeId } from './reviewDecisions';

export { decisionIndex, placeId };

export type { Place };

const plainAnnotators = (store: ProjectStore) =>
  new Set(
    store
      .annotators()
      .filter((a) => a.role === 'annotator')
      .map((a) => a.name),
  );

export interface PlacedDocument {
  documentId: number;
  title: string;
  places: DocumentConflicts;
  /** The places that are conflicts (kind not null), spans then relations: what the queue walks. */
  conflicts: Place[];
  /** Beside each conflict, its placeId and labels: made once per version, not per queue read. */
  conflictIds: string[];
  conflictLabels: string[][];
  goldSpans: readonly LayerSpan[];
  /** Everyone with a layer here (an annotator who marked it done without a span has an empty one). */
  annotators: string[];
}

type CachedPlaces = Omit<PlacedDocument, 'documentId' | 'title'> & { version: string };

/** Per open project file: who counts as an annotator, and each document's places by its version. */
const placeCaches = new WeakMap<
  ProjectDatabase,
  { annotators: string; documents: Map<number, CachedPlaces> }
>();

/** Per open project file: every document's version, as of a point in the log. */
const versionCaches = new WeakMap<
  ProjectDatabase,
  { mark: ProjectMark; versions: Map<number, DocumentVersion> }
>();

/**
 * Every document's version in document order, read again only for the documents the log names
 * since the last call (a decision touches one): reading them all scans every span of the project.
 */
function currentVersions(db: ProjectDatabase): DocumentVersion[] {
  const mark = projectMark(db);
  const cached = versionCaches.get(db);
  const changed = cached && cached.mark.documents === mark.documents && changedSince(db, cached.mark);
  if (!cached || !changed) {
    const versions = new Map(documentVersions(db).map((v) => [v.id, v]));
    versionCaches.set(db, { mark, versions });
    return [...versions.values()];
  }
  for (const v of documentVersionsOf(db, changed)) cached.versions.set(v.id, v);
  cached.mark = mark;
  return [...cached.versions.values()];
}

/** Below this many changed documents, each is read alone; above, the project is read page by page. */
const READ_ALONE = 32;

/** A document's conflicts as the queue keeps them (services/conflictQueue.ts). */
const queued = (doc: PlacedDocument): ComputedQueue => ({
  documentId: doc.documentId,
  title: doc.title,
  annotators: doc.annotators,
  keys: doc.conflicts.map((p) => p.key),
  kinds: doc.conflicts.map((p) => p.kind!),
  labels: doc.conflictLabels.map((l) => l.join(LABEL_SEPARATOR)),
  places: doc.conflicts,
});

/**
 * Every document's places (agreements and conflicts), in document order. Cached by the document's
 * version (store/agreementReads.ts), so after a decision or an edit only that document is computed
 * again and the queue's next page is read from memory. What is computed in bulk (auto-accept, a
 * progress report) is kept for the queue too, unless `forQueue` says the queue keeps it itself.
 */
export function projectPlaces(
  store: ProjectStore,
  only?: ReadonlySet<number>,
  forQueue = false,
): PlacedDocument[] {
  const annotators = plainAnnotators(store);
  const selection = [...annotators].sort().join('\u0000');
  let cache = placeCaches.get(store.database);
  if (cache?.annotators !== selection) {
    cache = { annotators: selection, documents: new Map() };
    placeCaches.set(store.database, cache);
  }
  const known = cache.documents;
  const versions = only
    ? documentVersionsOf(store.database, [...only]).sort((a, b) => a.id - b.id)
    : currentVersions(store.database);
  const stale = new Map(
    versions.filter((v) => known.get(v.id)?.version !== v.version).map((v) => [v.id, v.version]),
  );
  const keep = (documentId: number, { layers, gold }: DocumentLayers) => {
    const places = documentPlaces(layers, gold);
    const conflicts = [...places.spans, ...places.relations].filter((p) => p.kind !== null);
    known.set(documentId, {
      version: stale.get(documentId)!,
      places,
      conflicts,
      conflictIds: conflicts.map((p) => placeId(documentId, p.key)),
      conflictLabels: conflicts.map(labelsOf),
      goldSpans: gold.spans,
      annotators: layers.map((l) => l.annotator),
    });
  };
  const bulk = stale.size > READ_ALONE;
  // Read before the spans: what is kept for the queue is current as of this point of the log.
  const mark = bulk && !forQueue ? currentQueueMark(store.database) : undefined;
  if (bulk) {
    const names = new Map(annotatorRows(store.database).map((a) => [a.id, a.name]));
    const done = doneByDocument(store.database);
    for (const page of conflictPages(
      store.database,
      [...stale.keys()].sort((a, b) => a - b),
    ))
      keep(page.id, pageLayers(page, names, done.get(page.id) ?? []));
  } else
    for (const documentId of stale.keys())
      keep(
        documentId,
        documentLayers(store.spansOf(documentId), store.relationsOf(documentId), doneBy(store, documentId)),
      );
  const placed = versions.map((v) => ({ documentId: v.id, title: v.title, ...known.get(v.id)! }));
  if (mark) rememberQueue(store.database, mark, placed.filter((d) => stale.has(d.documentId)).map(queued));
  return placed;
}

/** Annotators (role annotator) who marked one document done. */
const doneBy = (store: ProjectStore, documentId: number) =>
  store
    .annotators()
    .filter((a) => a.role === 'annotator' && store.documentStatus(documentId, a.id) === 'done')
    .map((a) => a.name);

/** The queue's part of the documents `ids`, computed from their layers as of `mark`, and kept. */
function computeQueue(store: ProjectStore, ids: readonly number[], mark: QueueMark): ComputedQueue[] {
  const computed = projectPlaces(store, new Set(ids), true).map(queued);
  rememberQueue(store.database, mark, computed);
  return computed;
}

/** Every document's part of the queue, in document order: kept, or computed (and kept) now. */
export const queuedProject = (store: ProjectStore) =>
  queuedDocuments(store.database, (ids, mark) => computeQueue(store, ids, mark));

/** One document's places, read for a decision. */
export function placesOfDocument(store: ProjectStore, documentId: number): DocumentConflicts {
  if (!store.getDocument(documentId))
    throw new UserError(`this project has no document ${documentId}; nothing was decided`);
  return projectPlaces(store, new Set([documentId]))[0]!.places;
}

const spanView = (v: SpanVersion): ConflictVersionView => ({
  label: v.label,
  fragments: v.fragments,
  attributes: v.attributes,
  annotators: v.annotators,
});

export const versionsOf = (place: Place): ConflictVersionView[] =>
  'from' in place ? place.versions.map((v) => ({ ...v })) : place.versions.map(spanView);

export const labelsOf = (place: Place): string[] =>
  'from' in place
    ? place.versions.map((v) => v.type)
    : [...new Set(place.versions.map((v) => v.label))].sort();

const decisionView = ({ id: _id, ...view }: Decision): DecisionView => view;

/** The queue: conflicts matching the filters, sorted, one page. */
export function listConflicts(store: ProjectStore, args: ApiParsedArgs<'listConflicts'>, retry = true) {
  const labels = new Set(store.schema().labels.map((l) => l.key));
  const unknown = (args.labels ?? []).filter(
    (l) => !labels.has(l) && !store.schema().relationTypes.some((t) => t.name === l),
  );
  if (unknown.length)
    throw new UserError(
      `this project has no label or relation type ${unknown.map((l) => `"${l}"`).join(', ')}`,
    );
  const decided = decidedConflicts(store.database);
  const isDecided = (documentId: number, key: string) => decided.get(documentId)?.has(key) ?? false;
  // The queue is filtered, counted and sorted from what it keeps of each document (nothing is built
  // per conflict: a large project holds tens of thousands); only the page's are read in full.
  const shownDoc: number[] = [];
  const shownConflict: number[] = [];
  let open = 0;
  const counts = new ConflictCounter(LABEL_SEPARATOR);
  const wanted = new Map<string, boolean>();
  const labelsWanted = (labels: string) => {
    let yes = wanted.get(labels);
    if (yes === undefined)
      wanted.set(labels, (yes = labels.split(LABEL_SEPARATOR).some((l) => args.labels!.includes(l))));
    return yes;
  };
  const documents = queuedProject(store);
  for (let d = 0; d < documents.length; d++) {
    const doc = documents[d]!;
    const keys = decided.get(doc.documentId);
    // Every conflict of a document involves all its annotators (a version's, or "none").
    const listed =
      (!args.documents || args.documents.includes(doc.documentId)) &&
      (!args.annotators || args.annotators.some((a) => doc.annotators.includes(a)));
    for (let c = 0; c < doc.keys.length; c++) {
      const kind = doc.kinds[c]!;
      const done = keys?.has(doc.keys[c]!) ?? false;
      // The filters' counts are over the whole project, so a filter shows what the others hold.
      if (!done) counts.add(doc, kind, doc.labels[c]!);
      if (!listed) continue;
      if (args.kinds && !args.kinds.includes(kind)) continue;
      if (args.labels && !labelsWanted(doc.labels[c]!)) continue;
      if (!done) open++;
      if (args.state !== 'all' && done === (args.state === 'open')) continue;
      shownDoc.push(d);
      shownConflict.push(c);
    }
  }
  const docAt = (i: number) => documents[shownDoc[i]!]!;
  const order = shownDoc.map((_, i) => i);
  // A stable sort: within a kind or label, the document order of the queue stays.
  if (args.sort === 'kind') {
    const rank = (i: number) => CONFLICT_KINDS.indexOf(docAt(i).kinds[shownConflict[i]!]!);
    order.sort((a, b) => rank(a) - rank(b));
  }
  if (args.sort === 'label') {
    const first = (i: number) => docAt(i).labels[shownConflict[i]!]!.split(LABEL_SEPARATOR)[0]!;
    order.sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
  }
  const page = order
    .slice(args.offset, args.offset + args.limit)
    .map((i) => ({ doc: docAt(i), key: docAt(i).keys[shownConflict[i]!]! }));
  const places = new Map<string, Place>();
  for (const [documentId, kept] of pagePlaces(store.database, [
    ...new Set(page.map((c) => c.doc.documentId)),
  ]))
    for (const p of kept ?? []) places.set(placeId(documentId, p.key), p);
  if (page.some((c) => !places.has(placeId(c.doc.documentId, c.key)))) {
    // What was kept disagrees with the layers (it never should): computed again from them.
    forgetQueue(store.database);
    if (retry) return listConflicts(store, args, false);
    throw new Error('the conflict queue disagrees with the layers it was computed from');
  }
  const conflicts = page.map(({ doc, key }): ConflictView => {
    const place = places.get(placeId(doc.documentId, key))!;
    const decision = isDecided(doc.documentId, key) ? store.decisions.get(doc.documentId, key) : undefined;
    return {
      documentId: doc.documentId,
      title: doc.title,
      key: place.key,
      kind: place.kind!,
      labels: labelsOf(place),
      versions: versionsOf(place),
      ...('from' in place ? { relation: { from: spanView(place.from), to: spanView(place.to) } } : {}),
      none: place.none,
      summary: place.summary,
      gold: place.gold,
      decision: decision ? decisionView(decision) : null,
    };
  });
  return { total: order.length, open, conflicts, counts: counts.result() };
}

/** The gold spans a place's versions (or an earlier decision's choice) put there. */
function goldSpansAt(store: ProjectStore, documentId: number, keys: ReadonlySet<string>): Span[] {
  return store.layerSpans(documentId, GOLD).filter((s) => keys.has(spanVersionKey(s)));
}

/**
 * Refuses, with a sentence, a user who may not write the gold layer (core/layers.ts): the queue
 * shows every annotator's layer, so it is for reviewers and owners only.
 */
export function requireReviewer(store: ProjectStore, userName: string, what: string): void {
  const role = store.annotators().find((a) => a.name === userName)?.role;
  if (!role || !writesGold(role))
    throw new UserError(
      `${what} is for reviewers and owners, and ${userName} is ${role ? `an ${role}` : 'not in this project'}; ask an owner for the reviewer role`,
    );
}

/** Writes one decision: the gold layer at the conflict's place and the decision record, in one action. */
export function decideConflict(
  store: ProjectStore,
  reviewerId: number,
  args: ApiParsedArgs<'decideConflict'>,
): DecisionView {
  const places = placesOfDocument(store, args.documentId);
  const place: Place | undefined = [...places.spans, ...places.relations].find((p) => p.key === args.key);
  if (!place || place.kind === null)
    throw new UserError(
      `document ${args.documentId} has no conflict "${args.key}" (the layers may have changed since it was listed); nothing was decided`,
    );
  if (args.version !== undefined && args.version >= place.versions.length)
    throw new UserError(
      `conflict "${args.key}" has ${place.versions.length} versions, so there is no version ${args.version + 1}; nothing was decided`,
    );
  if (args.outcome === 'edit' && ('from' in place ? !args.relationType : !args.span))
    throw new UserError(
      `this conflict is about ${'from' in place ? 'a relation: edit needs the relation type' : 'spans: edit needs the span'} to put in gold; nothing was decided`,
    );
  // The reviewer's own span is checked as any drawn span is, before anything in gold is removed.
  const problem =
    args.outcome === 'edit' && args.span
      ? fragmentsProblem(store.getDocument(args.documentId)!.text, args.span.fragments)
      : null;
  if (problem) throw new UserError(`cannot put this span in gold: ${problem}; nothing was decided`);
  return store.database.action(() => decisionView(applyDecision(store, reviewerId, place, args, false)));
}

/** The gold edits of one decision and its record; inside the caller's action. */
export function applyDecision(
  store: ProjectStore,
  reviewerId: number,
  place: Place,
  args: Omit<ApiParsedArgs<'decideConflict'>, 'key'>,
  auto: boolean,
): Decision {
  const earlier = store.decisions.get(args.documentId, place.key);
  const chosen =
    'from' in place
      ? decideRelation(store, reviewerId, place, args)
      : decideSpan(store, reviewerId, place, args, earlier);
  return store.decisions.record(reviewerId, {
    documentId: args.documentId,
    conflictKey: place.key,
    kind: place.kind ?? 'agreed',
    outcome: args.outcome,
    chosen,
    reason: args.reason ?? '',
    auto,
  });
}

/** A version as the new gold span it becomes. */
export function goldSpanOf(version: Pick<SpanVersion, 'label' | 'fragments' | 'attributes'>): NewSpan {
  const { fragments } = version;
  return {
    label: version.label,
    start: fragments[0]!.start,
    end: fragments.at(-1)!.end,
    ...(fragments.length > 1 ? { fragments } : {}),
    attributes: version.attributes,
    origin: 'adjudicated',
  };
}

const editedSpan = (span: NonNullable<ApiParsedArgs<'decideConflict'>['span']>) => ({
  ...span,
  attributes: span.attributes ?? {},
});

function decideSpan(
  store: ProjectStore,
  reviewerId: number,
  place: SpanPlace,
  args: Omit<ApiParsedArgs<'decideConflict'>, 'key'>,
  earlier: Decision | undefined,
): string[] {
  // What is in gold at this place (any version, what an earlier decision wrote, or the edited span
  // itself, which a reviewer may have drawn in gold before deciding) is replaced.
  const edited = args.outcome === 'edit' && args.span ? [spanVersionKey(editedSpan(args.span))] : [];
  const keys = new Set([...place.versions.map(spanVersionKey), ...(earlier?.chosen ?? []), ...edited]);
  for (const s of goldSpansAt(store, args.documentId, keys)) store.deleteSpan(reviewerId, s.id);
  const chosen =
    args.outcome === 'accept'
      ? place.versions[args.version!]!
      : args.outcome === 'edit' && args.span
        ? editedSpan(args.span)
        : null;
  if (!chosen) return [];
  store.addSpan(reviewerId, args.documentId, goldSpanOf(chosen), GOLD);
  return [spanVersionKey(chosen)];
}

function decideRelation(
  store: ProjectStore,
  reviewerId: number,
  place: RelationPlace,
  args: Omit<ApiParsedArgs<'decideConflict'>, 'key'>,
): string[] {
  const gold = store.layerSpans(args.documentId, GOLD);
  const find = (v: SpanVersion) => gold.find((s) => spanVersionKey(s) === spanVersionKey(v));
  const from = find(place.from);
  const to = find(place.to);
  if (!from || !to)
    throw new UserError(
      `the relation's spans (${spanVersionKey(place.from)}, ${spanVersionKey(place.to)}) are not in the gold layer yet: decide them first; nothing was decided`,
    );
  for (const r of store.layerRelations(args.documentId, GOLD))
    if (r.fromSpan === from.id && r.toSpan === to.id) store.deleteRelation(reviewerId, r.id);
  const type =
    args.outcome === 'accept'
      ? place.versions[args.version!]!.type
      : args.outcome === 'edit'
        ? args.relationType
        : null;
  if (!type) return [];
  store.addRelation(reviewerId, { type, fromSpan: from.id, toSpan: to.id });
  return [type];
}

/** Every decision with the versions of its conflict as the layers are now (export). */
export function listDecisions(store: ProjectStore, documents?: readonly number[]): DecisionRecord[] {
  const decisions = store.decisions.list().filter((d) => !documents || documents.includes(d.documentId));
  const wanted = new Set(decisions.map((d) => d.documentId));
  const places = new Map<string, Place>();
  const titles = new Map<number, string>();
  for (const doc of projectPlaces(store, wanted)) {
    titles.set(doc.documentId, doc.title);
    for (const p of [...doc.places.spans, ...doc.places.relations])
      places.set(placeId(doc.documentId, p.key), p);
  }
  return decisions.map((d) => {
    const place = places.get(placeId(d.documentId, d.conflictKey));
    return {
      ...decisionView(d),
      title: titles.get(d.documentId) ?? '',
      versions: place ? versionsOf(place) : [],
      none: place?.none ?? [],
    };
  });
}

export function reviewHandlers(
  access: ProjectAccess,
): Pick<ApiHandlers, 'listConflicts' | 'decideConflict' | 'listDecisions'> {
  return {
    listConflicts: (args) => {
      requireReviewer(access.openStore(), access.userName(), 'the conflict queue');
      return listConflicts(access.openStore(), args);
    },
    decideConflict: (args) => {
      const { store, annotatorId } = access.annotating();
      return decideConflict(store, annotatorId, args);
    },
    listDecisions: (args) => {
      requireReviewer(access.openStore(), access.userName(), 'the list of decisions');
      return listDecisions(access.openStore(), args.documents);
    },
  };
}
