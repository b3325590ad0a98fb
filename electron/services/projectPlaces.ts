/**
 * The places (agreements and conflicts, core/conflicts.ts) of a project's documents as review reads
 * them: cached per open project file by each document's version, kept for the queue
 * (services/conflictQueue.ts), or streamed once over the project without holding it (auto-accept).
 */
import { conflictsAmong, type DocumentConflicts, type LayerSpan } from '../core/conflicts';
import { UserError } from '../core/errors';
import type { Place } from '../core/queuedPlaces';
import {
  changedSince,
  documentVersions,
  projectMark,
  versionsOf as documentVersionsOf,
  type DocumentVersion,
  type ProjectMark,
} from '../store/agreementReads';
import type { ProjectDatabase } from '../store/database';
import type { ProjectStore } from '../store/projectStore';
import {
  compareLayers,
  documentLayers,
  layersByPage,
  type ComparedDocument,
  type DocumentLayers,
} from './conflictLayers';
import { comparedDocuments, THREAD_FROM, type PlannedDocument, type ThreadPlan } from './placesReader';
import {
  currentQueueMark,
  LABEL_SEPARATOR,
  queuedDocuments,
  rememberQueue,
  type ComputedQueue,
  type QueuedDocument,
  type QueueMark,
} from './conflictQueue';
import { placeId } from './reviewDecisions';

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

/** The open project's places by document, while who counts as an annotator stays the same. */
function placeCache(store: ProjectStore): Map<number, CachedPlaces> {
  const selection = [...plainAnnotators(store)].sort().join('\u0000');
  let cache = placeCaches.get(store.database);
  if (cache?.annotators !== selection) {
    cache = { annotators: selection, documents: new Map() };
    placeCaches.set(store.database, cache);
  }
  return cache.documents;
}

/** A document's places and what the queue reads of them, from its layers. */
const placesFrom = (documentId: number, layers: DocumentLayers) =>
  placesOf(compareLayers(documentId, layers));

/** What the queue reads of a document's places, beside them. */
function placesOf({
  documentId,
  places,
  goldSpans,
  annotators,
}: ComparedDocument): Omit<CachedPlaces, 'version'> {
  const conflicts = conflictsAmong(places);
  return {
    places,
    conflicts,
    conflictIds: conflicts.map((p) => placeId(documentId, p.key)),
    conflictLabels: conflicts.map(labelsOf),
    goldSpans,
    annotators,
  };
}

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
  ...queueEntry(doc.conflicts, doc.annotators, doc.conflictLabels),
  places: doc.conflicts,
});

/** A document's part of the queue, but for its title and places: from its conflicts. */
export const queueEntry = (
  conflicts: readonly Place[],
  annotators: string[],
  labels = conflicts.map(labelsOf),
): Omit<QueuedDocument, 'documentId' | 'title'> => ({
  annotators,
  keys: conflicts.map((p) => p.key),
  kinds: conflicts.map((p) => p.kind!),
  labels: labels.map((l) => l.join(LABEL_SEPARATOR)),
});

/**
 * Every document's places (agreements and conflicts), in document order. Cached by the document's
 * version (store/agreementReads.ts), so after a decision or an edit only that document is computed
 * again and the queue's next page is read from memory. What is computed in bulk (more than
 * READ_ALONE documents) is kept for the queue too, unless `forQueue` says the queue keeps it itself;
 * auto-accept's one pass over the project is `eachDocumentPlaces`.
 */
export function projectPlaces(
  store: ProjectStore,
  only?: ReadonlySet<number>,
  forQueue = false,
): PlacedDocument[] {
  const known = placeCache(store);
  const versions = only
    ? documentVersionsOf(store.database, [...only]).sort((a, b) => a.id - b.id)
    : currentVersions(store.database);
  const stale = new Map(
    versions.filter((v) => known.get(v.id)?.version !== v.version).map((v) => [v.id, v.version]),
  );
  const keep = (documentId: number, layers: DocumentLayers) =>
    known.set(documentId, { version: stale.get(documentId)!, ...placesFrom(documentId, layers) });
  const bulk = stale.size > READ_ALONE;
  // Read before the spans: what is kept for the queue is current as of this point of the log.
  const mark = bulk && !forQueue ? currentQueueMark(store.database) : undefined;
  if (bulk)
    for (const [id, layers] of layersByPage(
      store.database,
      [...stale.keys()].sort((a, b) => a - b),
    ))
      keep(id, layers);
  else
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

/** Documents computed between two writes of their queue rows by `eachDocumentPlaces`. */
const QUEUE_BATCH = 64;

/**
 * Every document's places, one document at a time, for one pass over the project (auto-accept):
 * first those the cache holds, then the rest in document order, computed a page at a time and, unless
 * `keep` (a preview, which the accept it previews follows), not kept in memory: a whole project's
 * places held at once cost more in the collector and in fresh memory than computing them. The
 * queue's rows of what is computed are kept, inside the caller's transaction if there is one: they
 * commit with its writes (gold and decisions leave them current, services/conflictQueue.ts) or not.
 * With `plan`, a document the reading thread also planned comes as its plan instead of its places
 * (services/placesReader.ts).
 */
export function* eachDocumentPlaces(
  store: ProjectStore,
  {
    keep = false,
    threadFrom = THREAD_FROM,
    plan,
  }: { keep?: boolean; threadFrom?: number; plan?: ThreadPlan } = {},
): Generator<
  PlacedDocument | (Pick<PlacedDocument, 'documentId' | 'title'> & Pick<PlannedDocument, 'planned'>)
> {
  const db = store.database;
  const known = placeCache(store);
  const stale: DocumentVersion[] = [];
  for (const v of currentVersions(db)) {
    const kept = known.get(v.id);
    if (kept?.version === v.version) yield { documentId: v.id, title: v.title, ...kept };
    else stale.push(v);
  }
  if (!stale.length) return;
  const mark = currentQueueMark(db);
  const byId = new Map(stale.map((v) => [v.id, v]));
  let batch: ComputedQueue[] = [];
  const keepBatch = () => {
    rememberQueue(db, mark, batch, { withCallersEdit: true });
    batch = [];
  };
  for (const compared of comparedDocuments(
    store,
    stale.map((v) => v.id),
    threadFrom,
    plan,
  )) {
    const { documentId } = compared;
    const { title, version } = byId.get(documentId)!;
    if ('planned' in compared) {
      yield { documentId, title, planned: compared.planned };
      batch.push({ documentId, title, ...compared.queue });
    } else {
      const places = placesOf(compared);
      if (keep) known.set(documentId, { version, ...places });
      const doc = { documentId, title, ...places };
      yield doc;
      batch.push(queued(doc));
    }
    if (batch.length === QUEUE_BATCH) keepBatch();
  }
  keepBatch();
}

export const labelsOf = (place: Place): string[] =>
  'from' in place
    ? place.versions.map((v) => v.type)
    : [...new Set(place.versions.map((v) => v.label))].sort();
