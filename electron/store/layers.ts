/**
 * Layers in the project file: which layer a span is in (its annotator, or gold with the reviewer
 * who wrote it), the layers of a document with their span counts, identities, and the facts the
 * edit rule of core/layers.ts needs. A relation is in the layer of its spans. Reads go through
 * ProjectDatabase.prepare, so each statement is compiled once per connection.
 */
import { UserError } from '../core/errors';
import {
  editRefusal,
  writesGold,
  type Editor,
  type LayerPolicy,
  type LayerRef,
  type Role,
} from '../core/layers';
import type { ProjectDatabase } from './database';
import { now } from './database';

/** An annotator's role as one column of `annotator` (alias `a`): the owner flag, else the role. */
export const ROLE_SQL = "CASE WHEN a.owner = 1 THEN 'owner' ELSE a.role END";

/** A layer of one document as the layer picker lists it. */
export interface LayerSummary {
  ref: LayerRef;
  /** The annotator's name, or "gold". */
  owner: string;
  /** Who wrote its spans: the annotator, or the reviewers of a gold layer. */
  writers: string[];
  spans: number;
}

/** The SQL condition (on span alias `s`) and its parameter selecting one layer's spans. */
export function layerCondition(layer: LayerRef): { sql: string; params: (string | number)[] } {
  return layer.kind === 'gold'
    ? { sql: 's.gold = 1', params: [] }
    : {
        sql: 's.gold = 0 AND s.annotator_id = (SELECT id FROM annotator WHERE uid = ?)',
        params: [layer.annotator],
      };
}

/** The project's stable id and what it allows beyond the edit rule's defaults. */
export function projectIdentity(db: ProjectDatabase): { uid: string; policy: LayerPolicy } {
  const row = db
    .prepare<[], { uid: string; open: number }>('SELECT uid, reviewers_edit_layers AS open FROM project')
    .get()!;
  return { uid: row.uid, policy: { reviewersEditAnnotatorLayers: row.open === 1 } };
}

/**
 * Turns on or off "reviewers may edit annotators' layers" (off for a new project) as `by`'s logged
 * action (not undone, like a role); only a reviewer or owner may change it. Returns the policy now in force.
 */
export function setReviewersEditLayers(db: ProjectDatabase, allowed: boolean, by: number): LayerPolicy {
  return db.action(() => {
    const who = editorOf(db, by);
    if (!writesGold(who.role))
      throw new UserError(
        `${who.name} is not a reviewer, and only reviewers (and owners) decide whether reviewers may edit annotators' layers; nothing was changed`,
      );
    const before = projectIdentity(db).policy;
    if (before.reviewersEditAnnotatorLayers === allowed) return before;
    db.prepare('UPDATE project SET reviewers_edit_layers = ?').run(allowed ? 1 : 0);
    const after: LayerPolicy = { reviewersEditAnnotatorLayers: allowed };
    db.logEvent({
      at: now(),
      annotatorId: by,
      documentId: null,
      op: 'policy',
      entity: 'project',
      entityId: null,
      before,
      after,
    });
    return after;
  });
}

/** An annotator as the edit rule sees them: stable id and role. */
export function editorOf(db: ProjectDatabase, annotatorId: number): Editor & { name: string } {
  const row = db
    .prepare<[number], { uid: string; role: Role; name: string }>(
      `SELECT a.uid, ${ROLE_SQL} AS role, a.name FROM annotator a WHERE a.id = ?`,
    )
    .get(annotatorId);
  if (!row) throw new Error(`editorOf: no annotator ${annotatorId}`);
  return { annotator: row.uid, role: row.role, name: row.name };
}

/** The row id and name of an annotator by stable id; a UserError when the project has none such. */
export function annotatorOf(db: ProjectDatabase, uid: string): { id: number; name: string } {
  const row = db
    .prepare<[string], { id: number; name: string }>('SELECT id, name FROM annotator WHERE uid = ?')
    .get(uid);
  if (!row) throw new UserError(`this project has no annotator with the id ${uid}; nothing was changed`);
  return row;
}

/** The layer a span is in, or undefined when there is no such span. */
export function layerOfSpan(db: ProjectDatabase, spanId: number): LayerRef | undefined {
  const row = db
    .prepare<[number], { gold: number; uid: string }>(
      'SELECT s.gold, a.uid FROM span s JOIN annotator a ON a.id = s.annotator_id WHERE s.id = ?',
    )
    .get(spanId);
  return row && layerOfRow(row);
}

/** The layer of a span row: its gold flag, else its annotator's (by stable id). */
export const layerOfRow = (row: { gold: number; uid: string }): LayerRef =>
  row.gold ? { kind: 'gold' } : { kind: 'annotator', annotator: row.uid };

/** Refuses, in words, an edit of `spanId` by `annotatorId` that the edit rule does not allow. */
export function requireEditable(db: ProjectDatabase, annotatorId: number, spanId: number): void {
  const layer = layerOfSpan(db, spanId);
  if (!layer) throw new UserError(`span ${spanId} does not exist`);
  requireLayer(db, annotatorId, layer, `span ${spanId}`);
}

/** Refuses an edit of `layer` that the edit rule does not allow; `what` names what was to change. */
export function requireLayer(db: ProjectDatabase, annotatorId: number, layer: LayerRef, what: string): void {
  const refusal = editRefusal(editorOf(db, annotatorId), layer, projectIdentity(db).policy);
  if (refusal) throw new UserError(`${what} ${refusal}`);
}

/**
 * Where a new span of `layer` goes: its annotator column (the layer's annotator, or for gold the
 * reviewer writing it) and its gold flag.
 */
export function spanOwner(
  db: ProjectDatabase,
  writer: number,
  layer: LayerRef | undefined,
): { annotatorId: number; gold: 0 | 1 } {
  if (!layer) return { annotatorId: writer, gold: 0 };
  if (layer.kind === 'gold') return { annotatorId: writer, gold: 1 };
  return { annotatorId: annotatorOf(db, layer.annotator).id, gold: 0 };
}

/** The reviewers who wrote gold spans anywhere in the project, by name. */
export function goldWriters(db: ProjectDatabase): string[] {
  return db
    .prepare<[], { name: string }>(
      'SELECT name FROM annotator WHERE id IN (SELECT DISTINCT annotator_id FROM span WHERE gold = 1) ORDER BY name',
    )
    .all()
    .map((r) => r.name);
}

/** Every layer of a document that holds spans, the gold layer first, then annotators by name. */
export function layerSummaries(db: ProjectDatabase, documentId: number): LayerSummary[] {
  const rows = db
    .prepare<[number], { gold: number; uid: string; name: string; spans: number }>(
      `SELECT s.gold, a.uid, a.name, count(*) AS spans FROM span s JOIN annotator a ON a.id = s.annotator_id
       WHERE s.document_id = ? GROUP BY s.gold, s.annotator_id ORDER BY s.gold DESC, a.name`,
    )
    .all(documentId);
  const gold = rows.filter((r) => r.gold === 1);
  const layers: LayerSummary[] = rows
    .filter((r) => r.gold === 0)
    .map((r) => ({
      ref: { kind: 'annotator', annotator: r.uid },
      owner: r.name,
      writers: [r.name],
      spans: r.spans,
    }));
  if (gold.length)
    layers.unshift({
      ref: { kind: 'gold' },
      owner: 'gold',
      writers: gold.map((r) => r.name),
      spans: gold.reduce((sum, r) => sum + r.spans, 0),
    });
  return layers;
}

/** Each annotator's stable id by name, for an export that keeps ids (spans' and relations' come with the export's paged read). */
export function annotatorUids(db: ProjectDatabase): Map<string, string> {
  return new Map(
    db
      .prepare<[], { name: string; uid: string }>('SELECT name, uid FROM annotator')
      .all()
      .map((r) => [r.name, r.uid]),
  );
}
