/** Relations between two spans of one layer and document: reads, links, unlinks and restores. */
import { UserError } from '../core/errors';
import type { LayerRef } from '../core/layers';
import type { ProjectSchema } from '../core/schema';
import { relationTypesBetween } from '../core/schemaRules';
import type { Relation, Span } from '../core/spans';
import type { ProjectDatabase } from './database';
import { now } from './database';
import { layerCondition, requireEditable } from './layers';
import { INSERT_RELATION, ownSpan, readSpan, RELATION_SELECT } from './rows';
import type { SchemaStore } from './schema';

/** Who, when and why of the rows an undo or redo writes. */
export interface RestoreLog {
  at: string;
  annotatorId: number;
  documentId: number;
  op: 'undo' | 'redo';
  undoes: number;
  /** The layer undone or redone (`layerKey`): a row whose span is gone is still on its stack. */
  layer: string;
}

export class RelationStore {
  constructor(
    private readonly db: ProjectDatabase,
    private readonly schema: SchemaStore,
  ) {}

  /** Relations of one document, of one annotator or of all. */
  relationsOf(documentId: number, annotatorId?: number): Relation[] {
    const rows = this.db
      .prepare<[number], Relation & { annotatorId: number }>(
        `SELECT r.id, s.document_id AS documentId, t.name AS type, r.from_span_id AS fromSpan,
                r.to_span_id AS toSpan, a.name AS annotator, r.annotator_id AS annotatorId
         FROM relation r JOIN span s ON s.id = r.from_span_id JOIN relation_type t ON t.id = r.type_id
         JOIN annotator a ON a.id = r.annotator_id
         WHERE s.document_id = ? ORDER BY r.id`,
      )
      .all(documentId);
    return rows
      .filter((r) => annotatorId === undefined || r.annotatorId === annotatorId)
      .map(({ annotatorId: _owner, ...relation }) => relation);
  }

  /** Layers: the relations of one layer of a document (a relation is in the layer of its spans), in id order. */
  layerRelations(documentId: number, layer: LayerRef): Relation[] {
    const where = layerCondition(layer);
    return this.db
      .prepare<(string | number)[], Relation>(
        `${RELATION_SELECT} WHERE s.document_id = ? AND ${where.sql} ORDER BY r.id`,
      )
      .all(documentId, ...where.params);
  }

  /** Relations of the documents first..last, in id order (exports). */
  relationsOfRange(first: number, last: number): Relation[] {
    return this.db
      .prepare<[number, number], Relation>(
        `${RELATION_SELECT} WHERE s.document_id BETWEEN ? AND ? ORDER BY r.id`,
      )
      .all(first, last);
  }

  /** The relations that start or end at a span. */
  touching(span: Pick<Span, 'id' | 'documentId'>): Relation[] {
    return this.relationsOf(span.documentId).filter((r) => r.fromSpan === span.id || r.toSpan === span.id);
  }

  /**
   * Links two spans of the same layer and document with a relation type of the schema whose
   * source label is the `from` span's label and whose target label (if it names one) is the `to` span's.
   */
  add(annotatorId: number, relation: { type: string; fromSpan: number; toSpan: number }): Relation {
    return this.db.action(() => {
      const from = ownSpan(this.db, annotatorId, relation.fromSpan);
      const to = ownSpan(this.db, annotatorId, relation.toSpan);
      if (from.documentId !== to.documentId) throw new UserError('a relation links spans of one document');
      if (from.id === to.id) throw new UserError('a relation links two different spans');
      // One layer: both gold (whichever reviewers wrote them), or both in one annotator's own layer.
      const oneLayer = from.gold ? to.gold === true : !to.gold && from.annotator === to.annotator;
      if (!oneLayer) throw new UserError('a relation links two spans of one layer');
      const type = this.schema.relationType(relation.type, from.label);
      if (!type) throw new UserError(`the schema has no relation "${relation.type}" from ${from.label}`);
      if (type.toLabel !== null && type.toLabel !== to.label) {
        throw new UserError(`"${relation.type}" links ${from.label} to ${type.toLabel}, not to ${to.label}`);
      }
      const at = now();
      const id = Number(
        this.db.prepare(INSERT_RELATION).run(this.db.nextId('relation'), type.id, from.id, to.id, annotatorId)
          .lastInsertRowid,
      );
      const created = this.relationsOf(from.documentId).find((r) => r.id === id)!;
      this.db.logEvent({
        at,
        annotatorId,
        documentId: from.documentId,
        op: 'add',
        entity: 'relation',
        entityId: id,
        after: created,
      });
      return created;
    });
  }

  delete(annotatorId: number, relationId: number): void {
    this.db.action(() => {
      const relation = this.db
        .prepare<[number], { documentId: number; fromSpan: number }>(
          `SELECT s.document_id AS documentId, r.from_span_id AS fromSpan
           FROM relation r JOIN span s ON s.id = r.from_span_id WHERE r.id = ?`,
        )
        .get(relationId);
      if (!relation) throw new UserError(`relation ${relationId} does not exist`);
      // Layers: a relation is in its spans' layer, edited by whoever may edit that layer.
      const { fromSpan } = relation;
      try {
        requireEditable(this.db, annotatorId, fromSpan);
      } catch (error) {
        throw new UserError((error as Error).message.replace(`span ${fromSpan}`, `relation ${relationId}`));
      }
      const before = this.relationsOf(relation.documentId).find((r) => r.id === relationId)!;
      this.deleteRow(annotatorId, before, now());
    });
  }

  /** Deletes one relation row with its event, inside the caller's action. */
  deleteRow(annotatorId: number, relation: Relation, at: string, op = 'delete'): void {
    this.db.prepare('DELETE FROM relation WHERE id = ?').run(relation.id);
    this.db.logEvent({
      at,
      annotatorId,
      documentId: relation.documentId,
      op,
      entity: 'relation',
      entityId: relation.id,
      before: relation,
    });
  }

  /**
   * After a relabel, the span's relations whose type no longer links the two labels (a Claim
   * scoped by a Hedge relabelled to Figure) are deleted with their events, as a schema change does.
   */
  deleteUnfit(annotatorId: number, schema: ProjectSchema, span: Span, at: string): void {
    for (const relation of this.touching(span)) {
      const from = relation.fromSpan === span.id ? span : readSpan(this.db, relation.fromSpan)!;
      const to = relation.toSpan === span.id ? span : readSpan(this.db, relation.toSpan)!;
      if (!relationTypesBetween(schema, from.label, to.label).some((t) => t.name === relation.type))
        this.deleteRow(annotatorId, relation, at);
    }
  }

  /** Brings a relation to a snapshot (null: deleted), logging the change as an undo or redo row. */
  restore(relationId: number, snapshot: Relation | null, log: RestoreLog): void {
    const current = this.relationsOf(log.documentId).find((r) => r.id === relationId);
    if (current) this.db.prepare('DELETE FROM relation WHERE id = ?').run(relationId);
    if (snapshot) {
      const from = readSpan(this.db, snapshot.fromSpan);
      const type = from && this.schema.relationType(snapshot.type, from.label);
      if (!type || !readSpan(this.db, snapshot.toSpan))
        throw new UserError(`cannot restore the ${snapshot.type} link: its spans or its type are gone`);
      this.db
        .prepare(INSERT_RELATION)
        .run(relationId, type.id, snapshot.fromSpan, snapshot.toSpan, log.annotatorId);
    }
    // Logged even when there was nothing to change, so the undo is recorded and the stacks move on.
    this.db.logEvent({
      ...log,
      entity: 'relation',
      entityId: relationId,
      before: current,
      after: snapshot ?? undefined,
    });
  }
}
