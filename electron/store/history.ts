/** The event log read back: undo and redo (as new logged actions), a document's history, one action's rows. */
import { isUndoable, NOT_UNDONE_OPS, undoStacks, type LoggedEvent } from '../core/history';
import { layerKey, type LayerRef } from '../core/layers';
import type { ProjectSchema } from '../core/schema';
import {
  relationUnderRenames,
  renamedRelationType,
  spanUnderSchema,
  type SchemaRenames,
} from '../core/schemaRenames';
import type { Relation, Span } from '../core/spans';
import type { ProjectDatabase } from './database';
import { now } from './database';
import { acceptedInBulk, AUTO_ACCEPT_OP } from './autoAcceptLog';
import type { Decision, DecisionStore } from './decisions';
import type { RelationStore } from './relations';
import { editorOf, requireLayer } from './layers';
import { EVENT_COLUMNS, EVENT_SELECT, toLoggedEvent, type EventRow } from './rows';
import type { SchemaStore } from './schema';
import type { SpanStore } from './spans';

export class HistoryStore {
  constructor(
    private readonly db: ProjectDatabase,
    private readonly schema: SchemaStore,
    private readonly spans: SpanStore,
    private readonly relations: RelationStore,
    private readonly decisions: DecisionStore,
  ) {}

  /**
   * Undoes (restores the `before` snapshots of) or redoes (restores the `after` snapshots of) the
   * user's latest undoable action on one layer of a document (their own unless `layer` names
   * another, which the edit rule must let them edit), as one new logged action. Returns the spans it
   * changed and removed, or null when there is nothing to undo or redo.
   */
  revertAction(
    annotatorId: number,
    documentId: number,
    direction: 'undo' | 'redo',
    layer?: LayerRef,
  ): { action: number; spans: Span[]; removedSpanIds: number[] } | null {
    return this.db.action(() => {
      const onLayer = layer ?? { kind: 'annotator', annotator: editorOf(this.db, annotatorId).annotator };
      requireLayer(this.db, annotatorId, onLayer, `cannot ${direction} there: that layer`);
      const stacks = undoStacks(
        this.db
          .prepare<[number, number, string, string], Pick<LoggedEvent, 'action' | 'op' | 'undoes'>>(
            `SELECT action, op, undoes FROM event
             WHERE document_id = ? AND annotator_id = ? AND layer = ? AND entity IN ('span', 'relation', 'decision')
               AND op NOT IN (SELECT value FROM json_each(?))
             GROUP BY action ORDER BY action`,
          )
          .all(documentId, annotatorId, layerKey(onLayer), JSON.stringify(NOT_UNDONE_OPS)),
      );
      // The latest action that can still be restored: one whose spans or relations name a label or
      // relation type a later schema change removed is passed over, so undo never gets stuck on it.
      const schema = this.schema.read();
      const stack = direction === 'undo' ? stacks.undo : stacks.redo;
      let target: number | undefined;
      let events: LoggedEvent[] = [];
      let later: SchemaRenames[] = [];
      for (let i = stack.length - 1; i >= 0 && target === undefined; i--) {
        events = this.eventsOfAction(stack[i]!, documentId).filter(isUndoable);
        later = this.renamesAfter(stack[i]!, documentId);
        if (events.every((event) => fitsSchema(event, direction, later, schema))) target = stack[i];
      }
      if (target === undefined) return null;
      if (direction === 'undo') events.reverse();
      const at = now();
      const touched = new Set<number>();
      for (const event of events) {
        const snapshot = (direction === 'undo' ? event.before : event.after) ?? null;
        const log = { at, annotatorId, documentId, op: direction, undoes: target, layer: layerKey(onLayer) };
        if (event.entity === 'span') {
          const span = snapshot as Span | null;
          this.spans.restore(event.entityId!, span && spanUnderSchema(span, later, schema), log);
          touched.add(event.entityId!);
        } else if (event.entity === 'decision' && event.op === AUTO_ACCEPT_OP) {
          // One row for a document's auto-accept: its spans and decisions, taken back or brought back.
          const { spans, decisions } = acceptedInBulk(event.after, documentId, target);
          for (const span of spans) {
            this.spans.restore(
              span.id,
              direction === 'undo' ? null : spanUnderSchema(span, later, schema),
              log,
            );
            touched.add(span.id);
          }
          for (const d of decisions) this.decisions.restore(d.id, direction === 'undo' ? null : d, log);
        } else if (event.entity === 'decision') {
          this.decisions.restore(event.entityId!, snapshot as Decision | null, log);
        } else {
          const relation = snapshot as Relation | null;
          const fromLabel = relation && this.spans.getSpan(relation.fromSpan)?.label;
          this.relations.restore(
            event.entityId!,
            relation && fromLabel ? relationUnderRenames(relation, fromLabel, later) : relation,
            log,
          );
        }
      }
      const spans = [...touched].map((id) => this.spans.getSpan(id)).filter((s): s is Span => !!s);
      return { action: target, spans, removedSpanIds: [...touched].filter((id) => !this.spans.getSpan(id)) };
    });
  }

  /**
   * The renames of the schema changes made after `action` (which wrote in `documentId`), oldest
   * first: in the rows after one of its own, as the log is in action order (database.ts logEvent).
   */
  private renamesAfter(action: number, documentId: number): SchemaRenames[] {
    return this.db
      .prepare<{ action: number; documentId: number }, { after: string }>(
        `SELECT after FROM event
         WHERE id > (SELECT id FROM event WHERE document_id = @documentId AND action = @action LIMIT 1)
           AND action > @action AND entity = 'schema' AND op = 'rename'
         ORDER BY id`,
      )
      .all({ action, documentId })
      .map((row) => JSON.parse(row.after) as SchemaRenames);
  }

  /**
   * The rows of one action that wrote in `documentId` (undo, redo and the history name only such
   * actions), all of them, wherever they are, in the order they were written. No index by action is
   * kept for this (every logged edit wrote a page of it): one row of the action is found by the
   * index by document, and as the log is in action order (database.ts logEvent), the action's rows
   * run back and on from it by row id to the nearest rows of other actions.
   */
  eventsOfAction(action: number, documentId: number): LoggedEvent[] {
    return this.db
      .prepare<{ action: number; documentId: number }, EventRow>(
        `WITH one AS (SELECT id FROM event WHERE document_id = @documentId AND action = @action LIMIT 1)
         SELECT ${EVENT_COLUMNS} FROM one, event e LEFT JOIN annotator a ON a.id = e.annotator_id
         WHERE e.id > coalesce((SELECT id FROM event WHERE id < one.id AND action <> @action ORDER BY id DESC LIMIT 1), 0)
           AND e.id < coalesce((SELECT id FROM event WHERE id > one.id AND action <> @action ORDER BY id LIMIT 1),
                               ${Number.MAX_SAFE_INTEGER})
           AND e.action = @action
         ORDER BY e.id`,
      )
      .all({ action, documentId })
      .map(toLoggedEvent);
  }

  /**
   * The latest `limit` actions on a document's annotations (every annotator), oldest first; with
   * `layer`, only the edits of that layer (every writer's, with the undos and redos of them).
   */
  historyOf(documentId: number, limit: number, layer?: LayerRef): LoggedEvent[] {
    if (layer)
      return this.db
        .prepare<[number, number, string, number], EventRow>(
          `${EVENT_SELECT} WHERE e.document_id = ? AND e.action IN (
             SELECT action FROM event WHERE document_id = ? AND layer = ?
             GROUP BY action ORDER BY action DESC LIMIT ?)
           ORDER BY e.id`,
        )
        .all(documentId, documentId, layerKey(layer), limit)
        .map(toLoggedEvent);
    return this.db
      .prepare<[number, number, number], EventRow>(
        `${EVENT_SELECT} WHERE e.document_id = ? AND e.action IN (
           SELECT action FROM event WHERE document_id = ? AND (entity != 'document' OR op = 'rename')
           GROUP BY action ORDER BY action DESC LIMIT ?)
         ORDER BY e.id`,
      )
      .all(documentId, documentId, limit)
      .map(toLoggedEvent);
  }

  /** The event log of a document, oldest first. */
  eventsOf(
    documentId: number,
  ): { op: string; entity: string; entityId: number | null; annotator: string | null }[] {
    return this.db
      .prepare<[number], { op: string; entity: string; entityId: number | null; annotator: string | null }>(
        `SELECT e.op, e.entity, e.entity_id AS entityId, a.name AS annotator
         FROM event e LEFT JOIN annotator a ON a.id = e.annotator_id WHERE e.document_id = ? ORDER BY e.id`,
      )
      .all(documentId);
  }
}

/** Whether the snapshot an undo or redo would restore still names a label and relation type of the schema. */
function fitsSchema(
  event: LoggedEvent,
  direction: 'undo' | 'redo',
  later: readonly SchemaRenames[],
  schema: ProjectSchema,
): boolean {
  const snapshot = direction === 'undo' ? event.before : event.after;
  if (!snapshot || event.entity === 'decision') return true;
  if (event.entity === 'span') return schema.labels.some((l) => l.key === (snapshot as Span).label);
  const relation = snapshot as Relation;
  return schema.relationTypes.some(
    (t) =>
      later.reduce((name, renames) => renamedRelationType(renames, t.fromLabel, name), relation.type) ===
      t.name,
  );
}
