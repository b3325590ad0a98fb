/**
 * What agreement reads of a project before any span: each document's version and which layers
 * have spans where. Kept per open project file and brought up to date from the documents changed
 * since (an edit reads one document again, not the whole project); read afresh after a schema or
 * team change. docs/agreement.md, Speed.
 */
import {
  annotatorRows,
  changedSince,
  documentVersions,
  layersPresent,
  projectMark,
  versionsOf,
  type DocumentVersion,
  type ProjectMark,
} from '../store/agreementReads';
import type { ProjectDatabase } from '../store/database';

/** Layer key of gold in `present` (annotator row ids are 1 and up). */
const GOLD_LAYER = 0;

interface Known {
  mark: ProjectMark;
  /** In import order. */
  versions: DocumentVersion[];
  /** Document id → the layers with spans there. */
  present: Map<number, Set<number>>;
}

export interface ProjectOverview {
  /** Annotators with spans of their own, by name. */
  annotators: { id: number; name: string; uid: string }[];
  gold: boolean;
  versions: readonly DocumentVersion[];
}

const known = new WeakMap<ProjectDatabase, Known>();

const sameMark = (a: ProjectMark, b: ProjectMark) =>
  a.event === b.event && a.span === b.span && a.documents === b.documents;

function readAll(db: ProjectDatabase, mark: ProjectMark): Known {
  const present = new Map<number, Set<number>>();
  for (const { id, layer } of layersPresent(db)) addLayer(present, id, layer);
  return { mark, versions: documentVersions(db), present };
}

function addLayer(present: Map<number, Set<number>>, id: number, layer: number) {
  const layers = present.get(id) ?? new Set<number>();
  layers.add(layer);
  present.set(id, layers);
}

/** `before` with the changed documents read again, or null when everything must be. */
function update(db: ProjectDatabase, before: Known, mark: ProjectMark): Known | null {
  const changed = changedSince(db, before.mark);
  if (!changed) return null;
  const fresh = new Map(versionsOf(db, changed).map((v) => [v.id, v]));
  const gone = new Set(changed.filter((id) => !fresh.has(id)));
  const versions = before.versions.filter((v) => !gone.has(v.id)).map((v) => fresh.get(v.id) ?? v);
  const listed = new Set(before.versions.map((v) => v.id));
  const added = [...fresh.values()].filter((v) => !listed.has(v.id)).sort((x, y) => x.id - y.id);
  // New documents come last in id order; anything else (or a count that does not add up) is read afresh.
  if (added.length && added[0]!.id < (before.versions.at(-1)?.id ?? 0)) return null;
  versions.push(...added);
  if (versions.length !== mark.documents) return null;
  const present = new Map(before.present);
  for (const id of changed) present.delete(id);
  for (const { id, layer } of layersPresent(db, changed)) addLayer(present, id, layer);
  return { mark, versions, present };
}

/** The project as agreement sees it now, reading only what changed since the last call. */
export function projectOverview(db: ProjectDatabase): ProjectOverview {
  const mark = projectMark(db);
  const before = known.get(db);
  let now = before;
  if (!before) now = readAll(db, mark);
  else if (!sameMark(before.mark, mark)) now = update(db, before, mark) ?? readAll(db, mark);
  known.set(db, now!);
  const layers = new Set<number>();
  for (const set of now!.present.values()) for (const layer of set) layers.add(layer);
  const annotators = annotatorRows(db).filter((a) => a.id !== GOLD_LAYER && layers.has(a.id));
  return { annotators, gold: layers.has(GOLD_LAYER), versions: now!.versions };
}
