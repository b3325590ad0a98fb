/** Spans: reads for the editor and exports, hand edits (each one logged action), and undo's restores. */
import { fittingAttributes, type AttributeValue } from '../core/attributes';
import { layerKey, type LayerRef } from '../core/layers';
import type { Fragment, Span } from '../core/spans';
import type { ProjectDatabase } from './database';
import { now } from './database';
import { layerCondition, requireLayer, spanOwner } from './layers';
import type { RelationStore, RestoreLog } from './relations';
import {
  fragmentsColumn,
  INSERT_SPAN,
  nameMaps,
  ownSpan,
  readSpan,
  readSpanInLayer,
  readSpanPage,
  SPAN_SELECT,
  spanFromTuple,
  toSpan,
  type NewSpan,
  type SpanRow,
  type SpanTuple,
} from './rows';
import type { SchemaStore } from './schema';

export class SpanStore {
  constructor(
    private readonly db: ProjectDatabase,
    private readonly schema: SchemaStore,
    private readonly relations: RelationStore,
  ) {}

  getSpan(spanId: number): Span | undefined {
    return readSpan(this.db, spanId);
  }

  /** Spans of one document, of one annotator's layer (not the gold spans they wrote) or of all, in document order. */
  spansOf(documentId: number, annotatorId?: number): Span[] {
    const { annotators, labels } = nameMaps(this.db);
    const rows = readSpanPage(this.db, documentId, documentId);
    return (annotatorId === undefined ? rows : rows.filter((t) => t[2] === annotatorId && !t[10])).map((t) =>
      spanFromTuple(t, annotators, labels),
    );
  }

  /** Layers: the spans of one layer of a document, in document order, read by the layer in SQL. */
  layerSpans(documentId: number, layer: LayerRef): Span[] {
    const where = layerCondition(layer);
    const { annotators, labels } = nameMaps(this.db);
    return this.db
      .prepare<(string | number)[], SpanTuple>(
        `SELECT s.id, s.document_id, s.annotator_id, s.label_id, s.start, s."end", s.fragments, s.attributes,
                s.note, s.origin, s.gold
         FROM span s WHERE s.document_id = ? AND ${where.sql} ORDER BY s.start, s."end" DESC, s.id`,
      )
      .raw(true)
      .all(documentId, ...where.params)
      .map((t) => spanFromTuple(t, annotators, labels));
  }

  /**
   * One annotator's spans across the project (null: every layer's, each annotator's and gold),
   * optionally of one label, in document order.
   */
  spansOfAnnotator(annotatorId: number | null, label: string | null): Span[] {
    return this.db
      .prepare<[number | null, number | null, string | null, string | null], SpanRow>(
        // Layers: their own layer, not the gold spans a reviewer wrote.
        `${SPAN_SELECT} WHERE (? IS NULL OR (s.annotator_id = ? AND s.gold = 0)) AND (? IS NULL OR l.key = ?)
         ORDER BY s.document_id, s.start, s.id`,
      )
      .all(annotatorId, annotatorId, label, label)
      .map(toSpan);
  }

  /**
   * Adds spans by hand in one action (the caller has checked the ranges against the text), so
   * several (label all occurrences) are one undo step; an unknown label rolls back them all.
   * Returns the new spans in the order given. They go into the writer's own layer unless `layer`
   * names another, and only into one the edit rule (core/layers.ts) lets them edit.
   */
  add(annotatorId: number, documentId: number, spans: readonly NewSpan[], layer?: LayerRef): Span[] {
    return this.db.action(() => {
      const at = now();
      if (layer) requireLayer(this.db, annotatorId, layer, 'cannot add a span there: that layer');
      const owner = spanOwner(this.db, annotatorId, layer);
      const created = spans.map((span) => this.insertOne(annotatorId, documentId, span, at, owner));
      if (created.length)
        this.db
          .prepare(
            `INSERT INTO assignment (document_id, annotator_id, status, started_at) VALUES (?, ?, 'in_progress', ?)
             ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = 'in_progress',
               started_at = coalesce(started_at, excluded.started_at)
             WHERE status = 'todo'`,
          )
          .run(documentId, annotatorId, at);
      return created;
    });
  }

  private insertOne(
    annotatorId: number,
    documentId: number,
    span: NewSpan,
    at: string,
    owner: { annotatorId: number; gold: 0 | 1 } = { annotatorId, gold: 0 },
  ): Span {
    const id = Number(
      this.db.prepare(INSERT_SPAN).run({
        id: this.db.nextId('span'),
        documentId,
        ...owner,
        labelId: this.schema.labelId(span.label),
        start: span.start,
        end: span.end,
        fragments: fragmentsColumn(span.fragments),
        attributes: JSON.stringify(span.attributes ?? {}),
        note: span.note ?? null,
        origin: span.origin ?? 'manual',
        at,
      }).lastInsertRowid,
    );
    // The layer comes with the read: the log needs no lookup of its own (span-write's one extra read).
    const { span: created, layer } = readSpanInLayer(this.db, id)!;
    this.db.logEvent({
      at,
      annotatorId,
      documentId,
      op: 'add',
      entity: 'span',
      entityId: id,
      after: created,
      layer: layerKey(layer),
    });
    return created;
  }

  setLabel(annotatorId: number, spanId: number, label: string): Span {
    return this.db.action(() => {
      const before = ownSpan(this.db, annotatorId, spanId);
      const at = now();
      this.db
        .prepare('UPDATE span SET label_id = ?, updated_at = ? WHERE id = ?')
        .run(this.schema.labelId(label), at, spanId);
      // Values the new label does not define would sit hidden in the row: drop them (undo restores them).
      const schema = this.schema.read();
      const attributes = fittingAttributes(
        schema.labels.find((l) => l.key === label),
        before.attributes,
      );
      if (Object.keys(attributes).length !== Object.keys(before.attributes).length)
        this.db
          .prepare('UPDATE span SET attributes = ? WHERE id = ?')
          .run(JSON.stringify(attributes), spanId);
      const after = this.getSpan(spanId)!;
      this.db.logEvent({
        at,
        annotatorId,
        documentId: before.documentId,
        op: 'relabel',
        entity: 'span',
        entityId: spanId,
        before,
        after,
      });
      this.relations.deleteUnfit(annotatorId, schema, after, at);
      return after;
    });
  }

  /** Deletes a span and the relations that use it, logging each so undo can bring them back. */
  delete(annotatorId: number, spanId: number): void {
    this.db.action(() => {
      const before = ownSpan(this.db, annotatorId, spanId);
      const at = now();
      for (const relation of this.relations.touching(before))
        this.relations.deleteRow(annotatorId, relation, at);
      this.deleteRow(annotatorId, before, at, 'delete');
    });
  }

  /** Deletes one span row with its event, inside the caller's action (its relations are gone already). */
  deleteRow(annotatorId: number, span: Span, at: string, op: string): void {
    this.db.prepare('DELETE FROM span WHERE id = ?').run(span.id);
    this.db.logEvent({
      at,
      annotatorId,
      documentId: span.documentId,
      op,
      entity: 'span',
      entityId: span.id,
      before: span,
    });
  }

  /** Sets (or with `null` clears) one attribute of a span; the service has checked it against the schema. */
  setAttribute(annotatorId: number, spanId: number, name: string, value: AttributeValue | null): Span {
    return this.update(annotatorId, spanId, 'attributes', (before, at) => {
      const attributes = Object.fromEntries(
        Object.entries(before.attributes).filter(([key]) => key !== name),
      );
      if (value !== null) attributes[name] = value;
      this.setAttributesRow(spanId, attributes, at);
    });
  }

  /** Writes a span's attribute values, inside the caller's action (logging is the caller's). */
  setAttributesRow(spanId: number, attributes: Span['attributes'], at: string): void {
    this.db
      .prepare('UPDATE span SET attributes = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(attributes), at, spanId);
  }

  /** Sets a span's free-text note; `null` removes it. */
  setNote(annotatorId: number, spanId: number, note: string | null): Span {
    return this.update(annotatorId, spanId, 'note', (_before, at) => {
      this.db.prepare('UPDATE span SET note = ?, updated_at = ? WHERE id = ?').run(note, at, spanId);
    });
  }

  /** Replaces a span's fragments; the caller has checked them with fragmentsProblem. */
  setFragments(annotatorId: number, spanId: number, fragments: readonly Fragment[]): Span {
    return this.update(annotatorId, spanId, 'fragments', (_before, at) => {
      this.db
        .prepare('UPDATE span SET start = ?, "end" = ?, fragments = ?, updated_at = ? WHERE id = ?')
        .run(
          fragments[0]!.start,
          fragments[fragments.length - 1]!.end,
          fragmentsColumn(fragments),
          at,
          spanId,
        );
    });
  }

  /** One logged change to one of the annotator's spans, with the full span before and after. */
  private update(
    annotatorId: number,
    spanId: number,
    op: string,
    write: (before: Span, at: string) => void,
  ): Span {
    return this.db.action(() => {
      const before = ownSpan(this.db, annotatorId, spanId);
      const at = now();
      write(before, at);
      const after = this.getSpan(spanId)!;
      this.db.logEvent({
        at,
        annotatorId,
        documentId: before.documentId,
        op,
        entity: 'span',
        entityId: spanId,
        before,
        after,
      });
      return after;
    });
  }

  /** Brings a span to a snapshot (null: deleted), logging the change as an undo or redo row. */
  restore(spanId: number, snapshot: Span | null, log: RestoreLog): void {
    const current = this.getSpan(spanId);
    if (snapshot === null) {
      // Already gone (a schema change removed its label): still logged below, so the stacks move on.
      if (current) {
        for (const relation of this.relations.touching(current))
          this.relations.restore(relation.id, null, log);
        this.db.prepare('DELETE FROM span WHERE id = ?').run(spanId);
      }
    } else if (current) {
      this.db
        .prepare(
          `UPDATE span SET label_id = @labelId, start = @start, "end" = @end, fragments = @fragments,
             attributes = @attributes, note = @note, origin = @origin, updated_at = @at WHERE id = @id`,
        )
        .run({ ...this.columns(snapshot), id: spanId, at: log.at });
    } else {
      this.db.prepare(INSERT_SPAN).run({
        ...this.columns(snapshot),
        id: spanId,
        documentId: snapshot.documentId,
        // Layers: back in the layer it was in, under the annotator who held it.
        annotatorId:
          this.db
            .prepare<[string], { id: number }>('SELECT id FROM annotator WHERE name = ?')
            .get(snapshot.annotator)?.id ?? log.annotatorId,
        gold: snapshot.gold ? 1 : 0,
        at: log.at,
      });
    }
    this.db.logEvent({
      ...log,
      entity: 'span',
      entityId: spanId,
      before: current,
      after: snapshot === null ? undefined : this.getSpan(spanId),
    });
  }

  private columns(span: Omit<NewSpan, 'label'> & Pick<Span, 'label' | 'origin'>) {
    return {
      labelId: this.schema.labelId(span.label),
      start: span.fragments?.[0]?.start ?? span.start,
      end: span.fragments?.at(-1)?.end ?? span.end,
      fragments: fragmentsColumn(span.fragments),
      attributes: JSON.stringify(span.attributes ?? {}),
      note: span.note ?? null,
      origin: span.origin,
    };
  }
}
