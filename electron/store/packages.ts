/**
 * Work packages in the project file (docs/teams.md): writing one (a copy of the project left with
 * one annotator's documents and layer, and a row saying where it came from), reading a package's
 * origin and layers, and writing a merge plan (core/packageMerge.ts) into the origin project with
 * its events. Spans and relations are matched by UUID.
 */
import Database from 'better-sqlite3';
import { UserError } from '../core/errors';
import type { LayerMergePlan, LayerRelation, LayerSpan, Tombstone } from '../core/packageMerge';
import type { ProjectDatabase } from './database';
import { fragmentsColumn, fragmentsOf, readSpan } from './rows';

/** Where a package came from: the one row of `package_origin`. */
export interface PackageOrigin {
  packageUid: string;
  projectUid: string;
  projectName: string;
  annotatorUid: string;
  annotatorName: string;
  madeAt: string;
  madeBy: string;
  /** The documents it carries, by text hash, as they were when it was written. */
  documents: { sha256: string; title: string }[];
}

/** A document of a package or project as a merge matches it. */
export interface PackageDocument {
  id: number;
  sha256: string;
  title: string;
  text: string;
}

/**
 * Writes the package to `temp` (a new file): a snapshot of the project (VACUUM INTO), then only the
 * chosen documents, the annotator's own layer and their own events on those documents are left, with
 * the gold spans and relations of those documents and the `decisions` (document, conflict key) the
 * annotator's feedback shows, and the reviewers who wrote them (as plain reviewers, no owner); the
 * rest is deleted and the file vacuumed, so no other text or layer stays in free pages.
 */
export function writePackageFile(
  db: ProjectDatabase,
  temp: string,
  annotatorId: number,
  documentIds: readonly number[],
  origin: PackageOrigin,
  decisions: readonly { documentId: number; conflictKey: string }[] = [],
): void {
  db.connection.exec(`VACUUM INTO '${temp.replaceAll("'", "''")}'`);
  const copy = new Database(temp);
  try {
    copy.pragma('journal_mode = DELETE');
    // Every table is cut explicitly below, so no cascade is needed; with foreign keys off SQLite does
    // not search the relation table for each of the thousands of spans deleted (checked at the end).
    copy.pragma('foreign_keys = OFF');
    // Cutting the other layers is no deletion to record: the tombstone trigger is off meanwhile.
    const trigger = copy
      .prepare<[], { sql: string }>(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'span_tombstone'",
      )
      .get();
    copy.transaction(() => {
      if (trigger) copy.exec('DROP TRIGGER span_tombstone');
      copy.exec('CREATE TEMP TABLE keep (id INTEGER PRIMARY KEY)');
      const keep = copy.prepare('INSERT INTO temp.keep (id) VALUES (?)');
      for (const id of documentIds) keep.run(id);
      const layer = `annotator:${origin.annotatorUid}`;
      copy.exec('CREATE TEMP TABLE shown (document_id INTEGER, conflict_key TEXT)');
      const shown = copy.prepare('INSERT INTO temp.shown VALUES (?, ?)');
      for (const d of decisions) shown.run(d.documentId, d.conflictKey);
      copy
        .prepare(
          `DELETE FROM decision WHERE NOT EXISTS (SELECT 1 FROM temp.shown s
             WHERE s.document_id = decision.document_id AND s.conflict_key = decision.conflict_key)
             OR document_id NOT IN (SELECT id FROM temp.keep)`,
        )
        .run();
      copy
        .prepare(
          `DELETE FROM event WHERE annotator_id IS NOT ? OR layer IS NOT ?
             OR document_id IS NULL OR document_id NOT IN (SELECT id FROM temp.keep)`,
        )
        .run(annotatorId, layer);
      const dropped = '(gold = 0 AND annotator_id <> @who) OR document_id NOT IN (SELECT id FROM temp.keep)';
      copy
        .prepare(
          `DELETE FROM relation WHERE (annotator_id <> @who AND from_span_id NOT IN (SELECT id FROM span WHERE gold = 1))
             OR from_span_id IN (SELECT id FROM span WHERE ${dropped})
             OR to_span_id IN (SELECT id FROM span WHERE ${dropped})`,
        )
        .run({ who: annotatorId });
      copy.prepare(`DELETE FROM span WHERE ${dropped}`).run({ who: annotatorId });
      copy
        .prepare(
          'DELETE FROM span_tombstone WHERE annotator_id <> ? OR document_id NOT IN (SELECT id FROM temp.keep)',
        )
        .run(annotatorId);
      if (trigger) copy.exec(trigger.sql);
      // The review queue's kept conflicts name every annotator's versions: none travel.
      copy.exec('DELETE FROM conflict_queue; DELETE FROM conflict_queue_mark');
      copy.prepare('DELETE FROM document WHERE id NOT IN (SELECT id FROM temp.keep)').run();
      copy
        .prepare(
          'DELETE FROM assignment WHERE annotator_id <> ? OR document_id NOT IN (SELECT id FROM temp.keep)',
        )
        .run(annotatorId);
      copy
        .prepare(
          `DELETE FROM annotator WHERE id <> @who AND id NOT IN (SELECT annotator_id FROM span WHERE gold = 1)
             AND id NOT IN (SELECT annotator_id FROM relation) AND id NOT IN (SELECT reviewer_id FROM decision)`,
        )
        .run({ who: annotatorId });
      copy.prepare('UPDATE annotator SET owner = 0 WHERE id <> ?').run(annotatorId);
      const dangling = copy.pragma('foreign_key_check') as unknown[];
      if (dangling.length)
        throw new Error(`a work package would keep ${dangling.length} rows pointing at nothing`);
      copy
        .prepare(
          `INSERT INTO package_origin (id, package_uid, project_uid, project_name, annotator_uid, annotator_name,
                                       made_at, made_by, documents)
           VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          origin.packageUid,
          origin.projectUid,
          origin.projectName,
          origin.annotatorUid,
          origin.annotatorName,
          origin.madeAt,
          origin.madeBy,
          JSON.stringify(origin.documents),
        );
      copy.exec('DROP TABLE temp.keep; DROP TABLE temp.shown');
    })();
    copy.exec('VACUUM');
  } finally {
    copy.close();
  }
}

/** The package's origin, or undefined for an ordinary project. */
export function packageOrigin(db: ProjectDatabase): PackageOrigin | undefined {
  const row = db
    .prepare<[], Omit<PackageOrigin, 'documents'> & { documents: string }>(
      `SELECT package_uid AS packageUid, project_uid AS projectUid, project_name AS projectName,
              annotator_uid AS annotatorUid, annotator_name AS annotatorName, made_at AS madeAt,
              made_by AS madeBy, documents FROM package_origin`,
    )
    .get();
  return row && { ...row, documents: JSON.parse(row.documents) as PackageOrigin['documents'] };
}

/** Every document of the file with its text (a package holds the few assigned to one annotator). */
export function packageDocuments(db: ProjectDatabase): PackageDocument[] {
  return db.prepare<[], PackageDocument>('SELECT id, sha256, title, text FROM document ORDER BY id').all();
}

/** The project's document holding this exact text, by hash. */
export function documentByHash(db: ProjectDatabase, sha256: string): PackageDocument | undefined {
  return db
    .prepare<[string], PackageDocument>('SELECT id, sha256, title, text FROM document WHERE sha256 = ?')
    .get(sha256);
}

/** An annotator's row id and name by UUID. */
export function annotatorByUid(db: ProjectDatabase, uid: string): { id: number; name: string } | undefined {
  return db
    .prepare<[string], { id: number; name: string }>('SELECT id, name FROM annotator WHERE uid = ?')
    .get(uid);
}

/** One annotator's layer (not gold) of one document, spans by UUID and label key. */
export function layerContent(
  db: ProjectDatabase,
  documentId: number,
  annotatorId: number,
): { spans: LayerSpan[]; relations: (LayerRelation & { fromLabel: string })[]; deleted: Tombstone[] } {
  const spans = db
    .prepare<
      [number, number],
      Omit<LayerSpan, 'fragments' | 'attributes'> & { fragments: string | null; attributes: string }
    >(
      `SELECT s.uid, l.key AS label, s.start, s."end" AS "end", s.fragments, s.attributes, s.note,
              s.updated_at AS updatedAt
       FROM span s JOIN label l ON l.id = s.label_id
       WHERE s.document_id = ? AND s.annotator_id = ? AND s.gold = 0 ORDER BY s.start, s.id`,
    )
    .all(documentId, annotatorId)
    .map((row) => ({
      ...row,
      fragments: fragmentsOf(row.fragments, row.start, row.end),
      attributes: JSON.parse(row.attributes) as LayerSpan['attributes'],
    }));
  const relations = db
    .prepare<[number, number], LayerRelation & { fromLabel: string }>(
      `SELECT r.uid, t.name AS type, f.uid AS "from", o.uid AS "to", l.key AS fromLabel
       FROM relation r JOIN relation_type t ON t.id = r.type_id
       JOIN span f ON f.id = r.from_span_id JOIN span o ON o.id = r.to_span_id JOIN label l ON l.id = f.label_id
       WHERE f.document_id = ? AND r.annotator_id = ? AND f.gold = 0 ORDER BY r.id`,
    )
    .all(documentId, annotatorId);
  const deleted = db
    .prepare<[number, number], Tombstone>(
      `SELECT uid, deleted_at AS deletedAt FROM span_tombstone WHERE document_id = ? AND annotator_id = ?`,
    )
    .all(documentId, annotatorId);
  return { spans, relations, deleted };
}

/** The label keys the annotator's layer (not gold) uses, in the whole file. */
export function layerLabelKeys(db: ProjectDatabase, annotatorId: number): Set<string> {
  const rows = db
    .prepare<[number], { key: string }>(
      `SELECT DISTINCT l.key FROM span s JOIN label l ON l.id = s.label_id WHERE s.annotator_id = ? AND s.gold = 0`,
    )
    .all(annotatorId);
  return new Set(rows.map((r) => r.key));
}

/** How many spans of the annotator's layer (not gold) the documents hold. */
export function layerSpanCount(
  db: ProjectDatabase,
  annotatorId: number,
  documentIds: readonly number[],
): number {
  const count = db.prepare<[number, number], { n: number }>(
    'SELECT count(*) AS n FROM span WHERE document_id = ? AND annotator_id = ? AND gold = 0',
  );
  return documentIds.reduce((sum, id) => sum + count.get(id, annotatorId)!.n, 0);
}

/** The annotator's status of a document ('todo' without a row). */
export function statusOf(db: ProjectDatabase, documentId: number, annotatorId: number): string {
  return (
    db
      .prepare<[number, number], { status: string }>(
        'SELECT status FROM assignment WHERE document_id = ? AND annotator_id = ?',
      )
      .get(documentId, annotatorId)?.status ?? 'todo'
  );
}

/** UUIDs among `uids` that name a span of another layer (another annotator's, or gold). */
export function foreignSpanUids(db: ProjectDatabase, annotatorId: number, uids: readonly string[]): string[] {
  const find = db.prepare<[string], { annotatorId: number; gold: number }>(
    'SELECT annotator_id AS annotatorId, gold FROM span WHERE uid = ?',
  );
  return uids.filter((uid) => {
    const row = find.get(uid);
    return row !== undefined && (row.gold === 1 || row.annotatorId !== annotatorId);
  });
}

/** Who merged what, for the event rows of one document's merge. */
export interface MergeWrite {
  documentId: number;
  annotatorId: number;
  annotatorUid: string;
  /** The merger (the local user), named in the event rows. */
  by: number;
  at: string;
}

/**
 * Writes one document's plan into the annotator's layer, each change logged (op `merge`, the
 * layer named) with its before and after. The caller runs it inside one action for all packages.
 */
export function writeLayerMerge(db: ProjectDatabase, plan: LayerMergePlan, write: MergeWrite): void {
  const layer = `annotator:${write.annotatorUid}`;
  const log = (entity: 'span' | 'relation', entityId: number, before: unknown, after: unknown) =>
    db.logEvent({
      at: write.at,
      annotatorId: write.by,
      documentId: write.documentId,
      op: 'merge',
      entity,
      entityId,
      before,
      after,
      layer,
    });
  const labelId = (key: string) => {
    const row = db.prepare<[string], { id: number }>('SELECT id FROM label WHERE key = ?').get(key);
    if (!row) throw new UserError(`the project has no label "${key}"; nothing was merged`);
    return row.id;
  };
  const spanId = (uid: string) =>
    db.prepare<[string], { id: number }>('SELECT id FROM span WHERE uid = ?').get(uid)?.id;
  const columns = (span: LayerSpan) => ({
    labelId: labelId(span.label),
    start: span.start,
    end: span.end,
    fragments: fragmentsColumn(span.fragments),
    attributes: JSON.stringify(span.attributes),
    note: span.note,
    at: span.updatedAt,
  });
  for (const relation of plan.removeRelations) {
    const row = db
      .prepare<[string], { id: number }>('SELECT id FROM relation WHERE uid = ?')
      .get(relation.uid);
    if (!row) continue;
    db.prepare('DELETE FROM relation WHERE id = ?').run(row.id);
    log('relation', row.id, relation, undefined);
  }
  for (const span of plan.remove) {
    const id = spanId(span.uid)!;
    const before = readSpan(db, id);
    db.prepare('DELETE FROM span WHERE id = ?').run(id);
    log('span', id, before, undefined);
  }
  for (const { after } of plan.change) {
    const id = spanId(after.uid)!;
    const before = readSpan(db, id);
    db.prepare(
      `UPDATE span SET label_id = @labelId, start = @start, "end" = @end, fragments = @fragments,
                       attributes = @attributes, note = @note, updated_at = @at WHERE id = @id`,
    ).run({ ...columns(after), id });
    log('span', id, before, readSpan(db, id));
  }
  for (const span of plan.add) {
    const id = db.nextId('span');
    db.prepare(
      `INSERT INTO span (id, uid, document_id, annotator_id, gold, label_id, start, "end", fragments, attributes,
                         note, origin, created_at, updated_at)
       VALUES (@id, @uid, @documentId, @annotatorId, 0, @labelId, @start, @end, @fragments, @attributes, @note,
               'manual', @at, @at)`,
    ).run({
      ...columns(span),
      id,
      uid: span.uid,
      documentId: write.documentId,
      annotatorId: write.annotatorId,
    });
    // Back in the layer: no longer deleted (the package edited it after the project's deletion).
    db.prepare('DELETE FROM span_tombstone WHERE document_id = ? AND annotator_id = ? AND uid = ?').run(
      write.documentId,
      write.annotatorId,
      span.uid,
    );
    log('span', id, undefined, readSpan(db, id));
  }
  for (const relation of plan.addRelations) {
    const from = spanId(relation.from);
    const to = spanId(relation.to);
    if (from === undefined || to === undefined) continue; // an end kept out as newer work: no dangling link
    const type = db
      .prepare<[string, number], { id: number }>(
        'SELECT t.id FROM relation_type t JOIN span s ON s.label_id = t.from_label_id WHERE t.name = ? AND s.id = ?',
      )
      .get(relation.type, from);
    if (!type) throw new UserError(`the project has no relation type "${relation.type}"; nothing was merged`);
    const id = db.nextId('relation');
    db.prepare(
      'INSERT INTO relation (id, uid, type_id, from_span_id, to_span_id, annotator_id) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(id, relation.uid, type.id, from, to, write.annotatorId);
    log('relation', id, undefined, { ...relation, fromSpan: from, toSpan: to });
  }
}

/** Sets the annotator's status of a document as the package has it; logged as a merge. */
export function writeMergedStatus(db: ProjectDatabase, status: string, write: MergeWrite): void {
  const before = statusOf(db, write.documentId, write.annotatorId);
  if (before === status) return;
  db.prepare(
    `INSERT INTO assignment (document_id, annotator_id, status, started_at, done_at)
     VALUES (@documentId, @annotatorId, @status, @at, CASE WHEN @status = 'done' THEN @at END)
     ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status,
       started_at = coalesce(started_at, excluded.started_at), done_at = excluded.done_at`,
  ).run({ documentId: write.documentId, annotatorId: write.annotatorId, status, at: write.at });
  db.logEvent({
    at: write.at,
    annotatorId: write.by,
    documentId: write.documentId,
    op: 'merge',
    entity: 'assignment',
    entityId: write.documentId,
    before,
    after: status,
  });
}

/** The record of one merged package (provenance): which package, whose, when written and merged. */
export function logPackageMerge(
  db: ProjectDatabase,
  by: number,
  at: string,
  record: Record<string, unknown>,
): void {
  db.logEvent({
    at,
    annotatorId: by,
    documentId: null,
    op: 'merge',
    entity: 'package',
    entityId: null,
    after: record,
  });
}
