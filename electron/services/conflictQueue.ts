/**
 * What the review queue needs of every document to filter, count and order its conflicts — each
 * conflict's key, kind and labels, and who has a layer there — kept per document in memory and in the
 * project file (store/conflictQueue.ts), so a large project's queue opens without computing every
 * document's places. These depend on the annotators' layers alone: gold edits and decisions (all
 * that auto-accept writes) leave them current. The page shown is computed from the layers as they
 * are (services/review.ts). docs/adjudication.md, Speed.
 */
import { CONFLICT_KINDS, goldMarker, type ConflictKind } from '../core/conflicts';
import { UserError } from '../core/errors';
import { decodePlaces, encodePlaces, type Place } from '../core/queuedPlaces';
import {
  currentQueueMark,
  layersChangedSince,
  queuedPlaces,
  queueRows,
  savedQueueMark,
  saveQueueRows,
  type FullQueueRow,
  type QueueMark,
  type QueueRow,
} from '../store/conflictQueue';
import { goldLayers } from '../store/conflictReads';
import type { ProjectDatabase } from '../store/database';
import { pendingDocumentIds } from '../store/textIndex';

export { currentQueueMark, type QueueMark };

/** Between a conflict's labels in `QueuedDocument.labels`. */
export const LABEL_SEPARATOR = '\u0000';

/**
 * A document's part of the queue, its conflicts in place order as columns (an object per conflict
 * was most of a cold queue's garbage at 60,000 of them).
 */
export interface QueuedDocument {
  documentId: number;
  title: string;
  /** Every conflict's annotators: each has a version at every place or is among its "none". */
  annotators: string[];
  keys: string[];
  kinds: ConflictKind[];
  /** Each conflict's labels as `labelsOf` gives them, joined by LABEL_SEPARATOR. */
  labels: string[];
}

/** A document's conflicts as computed, and in full (their gold marks are not kept). */
export type ComputedQueue = QueuedDocument &
  // Or already encoded, as the reading thread hands it over (services/placesReader.ts).
  ({ places: readonly Place[] } | { encodedPlaces: string });

/** A document's entry; its places are read from the file when a page first shows them. */
type Entry = Omit<QueuedDocument, 'documentId'> & { places?: readonly Place[] };

/** Kinds stored one letter each. */
const KIND_OF = new Map(CONFLICT_KINDS.map((k) => [k[0]!, k]));

/** Per open project file: each document's entry, current as of `mark`. */
const memory = new WeakMap<ProjectDatabase, { mark: QueueMark; entries: Map<number, Entry> }>();

const sameMark = (a: QueueMark, b: QueueMark) => a.event === b.event && a.project === b.project;

/** Drops the entries whose layers may have changed from `from` to `to`. */
function dropChanged(db: ProjectDatabase, entries: Map<number, Entry>, from: QueueMark, to: QueueMark): void {
  if (from.project !== to.project) entries.clear();
  else if (!sameMark(from, to)) for (const id of layersChangedSince(db, from)) entries.delete(id);
}

/**
 * The queue the file keeps, if any of it is usable as of `mark`: the mark it was checked to and the
 * documents changed since (their rows are stale); null when none is kept, or a project-wide change
 * since left every row stale.
 */
export function keptQueue(
  db: ProjectDatabase,
  mark: QueueMark = currentQueueMark(db),
): { saved: QueueMark; stale: number[] } | null {
  const saved = savedQueueMark(db);
  return saved && saved.project === mark.project ? { saved, stale: layersChangedSince(db, saved) } : null;
}

/** The entries as of now: kept in memory, else read from the file; a stale one is left out. */
function currentEntries(db: ProjectDatabase, mark: QueueMark): Map<number, Entry> {
  let cached = memory.get(db);
  if (!cached) {
    const entries = new Map<number, Entry>();
    const kept = keptQueue(db, mark);
    if (kept) {
      const { saved } = kept;
      const skip = new Set(kept.stale);
      for (const row of queueRows(db)) {
        const entry = skip.has(row.documentId) ? undefined : parseRow(row);
        if (entry) entries.set(row.documentId, entry);
      }
      // The file's rows were checked up to now: saying so spares the next opening that check. After
      // the answer (an older mark only makes the next check longer), unless the file was closed;
      // what changed is asked again then, so a row written meanwhile is kept.
      if (saved.event !== mark.event)
        setImmediate(() => {
          if (db.connection.open) persist(db, mark, []);
        });
    }
    cached = { mark, entries };
    memory.set(db, cached);
  } else {
    dropChanged(db, cached.entries, cached.mark, mark);
    cached.mark = mark;
  }
  return cached.entries;
}

interface StoredQueue {
  title: string;
  annotators: string[];
  keys: string[];
  kinds: string;
  labels: string[];
}

/** A row as an entry; undefined for a row that is not what this version writes (computed again). */
function parseRow(row: QueueRow): Entry | undefined {
  try {
    const { title, annotators, keys, kinds, labels } = JSON.parse(row.conflicts) as StoredQueue;
    const kindList = Array.from(kinds, (k) => KIND_OF.get(k)!);
    const whole =
      typeof title === 'string' &&
      Array.isArray(annotators) &&
      keys.length === kindList.length &&
      labels.length === keys.length &&
      kindList.every((k) => k !== undefined);
    return whole ? { title, annotators, keys, kinds: kindList, labels } : undefined;
  } catch {
    return undefined;
  }
}

/** A row's places, or undefined when they cannot be read (the queue is computed again). */
function parsePlaces(text: string, annotators: number): Place[] | undefined {
  try {
    return decodePlaces(text, annotators);
  } catch {
    return undefined;
  }
}

const rowOf = (computed: ComputedQueue): FullQueueRow => {
  const { documentId, title, annotators, keys, kinds, labels } = computed;
  return {
    documentId,
    conflicts: JSON.stringify({
      title,
      annotators,
      keys,
      kinds: kinds.map((k) => k[0]).join(''),
      labels,
    } satisfies StoredQueue),
    places: 'places' in computed ? encodePlaces(computed.places) : computed.encodedPlaces,
  };
};

/**
 * Writes rows computed as of `mark` and the mark to the file, dropping the rows of documents changed
 * since the file's own mark; outside any edit (a file that refuses keeps its old rows), or with the
 * caller's.
 */
function persist(
  db: ProjectDatabase,
  mark: QueueMark,
  computed: readonly ComputedQueue[],
  withCallersEdit = false,
): void {
  // Inside a caller's transaction the rows would commit (or not) with its edit: left for later,
  // unless the caller says its edit leaves them current; then a refusal fails the edit with them.
  if (db.connection.inTransaction) {
    if (withCallersEdit) saveQueueRows(db, mark, droppedSince(db, mark), computed.map(rowOf));
    return;
  }
  try {
    saveQueueRows(db, mark, droppedSince(db, mark), computed.map(rowOf));
  } catch (error) {
    // A read-only, busy or full disk (a sentence): the queue is right without the rows, only slower
    // to open next time. Anything else is a bug and is thrown.
    if (!(error instanceof UserError)) throw error;
  }
}

/** Which kept rows a write as of `mark` drops: the stale ones (keptQueue). */
const droppedSince = (db: ProjectDatabase, mark: QueueMark): 'all' | number[] =>
  keptQueue(db, mark)?.stale ?? 'all';

/**
 * Keeps documents' conflicts as computed from the layers as of `mark` (read before their spans), in
 * memory and in the file: what the queue and auto-accept compute is not computed again. Inside a
 * transaction the file's rows are written only `withCallersEdit`, to commit with it.
 */
export function rememberQueue(
  db: ProjectDatabase,
  mark: QueueMark,
  computed: readonly ComputedQueue[],
  { withCallersEdit = false } = {},
): void {
  if (!computed.length) return;
  const cached = memory.get(db);
  if (cached) {
    dropChanged(db, cached.entries, cached.mark, mark);
    cached.mark = mark;
    // Places handed over encoded are read from the file when a page first shows them.
    for (const { documentId, title, annotators, keys, kinds, labels, ...more } of computed)
      cached.entries.set(documentId, {
        title,
        annotators,
        keys,
        kinds,
        labels,
        ...('places' in more ? { places: more.places } : {}),
      });
  }
  persist(db, mark, computed, withCallersEdit);
}

/**
 * Every document's part of the queue, in document order. `compute` computes the documents without
 * a current entry (calling `rememberQueue`) and returns them.
 */
export function queuedDocuments(
  db: ProjectDatabase,
  compute: (ids: number[], mark: QueueMark) => ComputedQueue[],
): QueuedDocument[] {
  const mark = currentQueueMark(db);
  const entries = currentEntries(db, mark);
  // Titles are kept in the rows (a new title is an event naming the document): ids alone are read.
  const ids = pendingDocumentIds(db, 0);
  const missing = ids.filter((id) => !entries.has(id));
  if (missing.length)
    for (const { documentId, ...entry } of compute(missing, mark)) entries.set(documentId, entry);
  return ids.map((id) => {
    const { title, annotators, keys, kinds, labels } = entries.get(id)!;
    return { documentId: id, title, annotators, keys, kinds, labels };
  });
}

/**
 * The conflicts in full of documents `queuedDocuments` just listed, each marked with the version the
 * gold layer holds now; undefined for a document the queue has no places of (never expected).
 */
export function pagePlaces(db: ProjectDatabase, ids: readonly number[]): Map<number, Place[] | undefined> {
  const entries = memory.get(db)?.entries ?? new Map<number, Entry>();
  const unread = ids.filter((id) => entries.has(id) && !entries.get(id)!.places);
  const read = unread.length ? queuedPlaces(db, unread) : new Map<number, string>();
  const pages = new Map<number, Place[] | undefined>();
  const golds = goldLayers(db, ids);
  for (const id of ids) {
    const entry = entries.get(id);
    const text = read.get(id);
    if (entry && text !== undefined) entry.places = parsePlaces(text, entry.annotators.length);
    if (!entry?.places) {
      pages.set(id, undefined);
      continue;
    }
    const gold = goldMarker(golds.get(id)!);
    pages.set(
      id,
      entry.places.map((p) => ({ ...p, gold: gold(p) })),
    );
  }
  return pages;
}

/** Forgets every entry, in memory and in the file: they disagreed with the layers. */
export function forgetQueue(db: ProjectDatabase): void {
  memory.delete(db);
  if (db.connection.inTransaction) return;
  try {
    saveQueueRows(db, currentQueueMark(db), 'all', []);
  } catch (error) {
    // Left as they are (the disk refused): the next opening checks them again.
    if (!(error instanceof UserError)) throw error;
  }
}
