/**
 * Changing the schema: what a new schema would remove (the impact), and replacing it in one action
 * that first removes what no longer fits, each row with its event, so nothing points at a missing row.
 */
import { fittingAttributes } from '../core/attributes';
import { UserError } from '../core/errors';
import type { ProjectSchema } from '../core/schema';
import {
  NO_RENAMES,
  renamedAttributes,
  renamedRelationType,
  renamesProblem,
  type SchemaRenames,
} from '../core/schemaRenames';
import { relationTypesBetween, schemaProblem, type SchemaImpact } from '../core/schemaRules';
import type { Relation, Span } from '../core/spans';
import type { ProjectDatabase } from './database';
import { now } from './database';
import type { RelationStore } from './relations';
import { SPAN_SELECT, toSpan, type SpanRow } from './rows';
import type { SchemaStore } from './schema';
import type { SpanStore } from './spans';

export class SchemaChanges {
  constructor(
    private readonly db: ProjectDatabase,
    private readonly schema: SchemaStore,
    private readonly spans: SpanStore,
    private readonly relations: RelationStore,
  ) {}

  /** What replacing the schema with `next` would remove from every annotator's annotations. */
  impact(next: ProjectSchema, renames: SchemaRenames = NO_RENAMES): SchemaImpact {
    this.refuseBroken(next, renames);
    return this.plan(next, renames).impact;
  }

  /**
   * Replaces the project schema in one action. Labels are matched by key, so a renamed label keeps
   * its spans; renamed attributes and relation types (`renames`) keep their values and relations.
   * Spans of removed labels, relations that no longer fit and attribute values that no longer fit
   * are removed first, each with its event. `accept` sees the impact, planned once inside the
   * action, and may refuse it by throwing (nothing is written then).
   */
  replace(
    annotatorId: number,
    next: ProjectSchema,
    renames: SchemaRenames = NO_RENAMES,
    accept: (impact: SchemaImpact) => void = () => {},
  ): SchemaImpact {
    this.refuseBroken(next, renames);
    return this.db.action(() => {
      const before = this.schema.read();
      const plan = this.plan(next, renames);
      accept(plan.impact);
      const at = now();
      // Every row is logged with op `schema`: undo skips the whole action (a span of a removed label
      // cannot come back), and goes on to the edit before it.
      for (const relation of plan.doomedRelations)
        this.relations.deleteRow(annotatorId, relation, at, 'schema');
      for (const span of plan.doomedSpans) this.spans.deleteRow(annotatorId, span, at, 'schema');
      for (const { span, attributes } of plan.trimmedSpans) {
        this.spans.setAttributesRow(span.id, attributes, at);
        this.db.logEvent({
          at,
          annotatorId,
          documentId: span.documentId,
          op: 'schema',
          entity: 'span',
          entityId: span.id,
          before: span,
          after: this.spans.getSpan(span.id),
        });
      }
      this.schema.writeChange(before, next, renames);
      // The relation rows follow their renamed type row; logged so history and exports see the change.
      for (const { before: relation, after } of plan.renamedRelations) {
        this.db.logEvent({
          at,
          annotatorId,
          documentId: relation.documentId,
          op: 'schema',
          entity: 'relation',
          entityId: relation.id,
          before: relation,
          after,
        });
      }
      this.db.logEvent({
        at,
        annotatorId,
        documentId: null,
        op: 'schema',
        entity: 'schema',
        entityId: null,
        before,
        after: this.schema.read(),
      });
      // Kept so undo can bring older snapshots to the new names (see HistoryStore.renamesAfter).
      if (renames.attributes.length + renames.relationTypes.length > 0)
        this.db.logEvent({
          at,
          annotatorId,
          documentId: null,
          op: 'rename',
          entity: 'schema',
          entityId: null,
          after: renames,
        });
      return plan.impact;
    });
  }

  /** Refuses a schema, or renames, that break the core rules, before anything is planned or written. */
  private refuseBroken(next: ProjectSchema, renames: SchemaRenames): void {
    const problem = schemaProblem(next) ?? renamesProblem(this.schema.read(), next, renames);
    if (problem) throw new UserError(`cannot change the schema: ${problem}`);
  }

  private plan(next: ProjectSchema, renames: SchemaRenames) {
    const current = this.schema.read();
    const nextLabels = new Map(next.labels.map((l) => [l.key, l]));
    const removed = current.labels.filter((l) => !nextLabels.has(l.key));
    const removedKeys = JSON.stringify(removed.map((l) => l.key));
    const doomedSpans = this.db
      .prepare<[string], SpanRow>(`${SPAN_SELECT} WHERE l.key IN (SELECT value FROM json_each(?))`)
      .all(removedKeys)
      .map(toSpan);
    const doomedSpanIds = new Set(doomedSpans.map((s) => s.id));

    const trimmedSpans: { span: Span; attributes: Span['attributes'] }[] = [];
    const strippedCounts = new Map<string, { label: string; attribute: string; spans: number }>();
    const withAttributes = this.db
      .prepare<[string], SpanRow>(
        `${SPAN_SELECT} WHERE s.attributes <> '{}' AND l.key NOT IN (SELECT value FROM json_each(?))`,
      )
      .all(removedKeys)
      .map(toSpan);
    for (const span of withAttributes) {
      const label = nextLabels.get(span.label);
      const renamed = renamedAttributes(renames, span.label, span.attributes);
      const attributes = fittingAttributes(label, renamed);
      const dropped = Object.keys(renamed).filter((name) => !(name in attributes));
      if (JSON.stringify(attributes) === JSON.stringify(span.attributes)) continue;
      trimmedSpans.push({ span, attributes });
      for (const attribute of dropped) {
        const key = `${span.label}\u0000${attribute}`;
        const entry = strippedCounts.get(key) ?? { label: label?.name ?? span.label, attribute, spans: 0 };
        entry.spans++;
        strippedCounts.set(key, entry);
      }
    }

    const labelOf = new Map<number, string>();
    const relations = this.db
      .prepare<[], Relation & { fromLabel: string; toLabel: string }>(
        `SELECT r.id, s.document_id AS documentId, t.name AS type, r.from_span_id AS fromSpan,
                r.to_span_id AS toSpan, a.name AS annotator, fl.key AS fromLabel, tl.key AS toLabel
         FROM relation r JOIN relation_type t ON t.id = r.type_id JOIN annotator a ON a.id = r.annotator_id
         JOIN span s ON s.id = r.from_span_id JOIN label fl ON fl.id = s.label_id
         JOIN span ts ON ts.id = r.to_span_id JOIN label tl ON tl.id = ts.label_id
         ORDER BY r.id`,
      )
      .all();
    const doomedRelations: Relation[] = [];
    const renamedRelations: { before: Relation; after: Relation }[] = [];
    const labelRelations = new Map<string, number>();
    const typeRelations = new Map<string, { name: string; fromLabel: string; relations: number }>();
    for (const { fromLabel, toLabel, ...relation } of relations) {
      labelOf.set(relation.fromSpan, fromLabel);
      labelOf.set(relation.toSpan, toLabel);
      const goneEnds = [relation.fromSpan, relation.toSpan].filter((id) => doomedSpanIds.has(id));
      if (goneEnds.length > 0) {
        doomedRelations.push(relation);
        for (const key of new Set(goneEnds.map((id) => labelOf.get(id)!)))
          labelRelations.set(key, (labelRelations.get(key) ?? 0) + 1);
      } else if (
        !relationTypesBetween(next, fromLabel, toLabel).some(
          (t) => t.name === renamedRelationType(renames, fromLabel, relation.type),
        )
      ) {
        doomedRelations.push(relation);
        const key = `${relation.type}\u0000${fromLabel}`;
        const entry = typeRelations.get(key) ?? {
          name: relation.type,
          fromLabel: nextLabels.get(fromLabel)?.name ?? fromLabel,
          relations: 0,
        };
        entry.relations++;
        typeRelations.set(key, entry);
      } else {
        const type = renamedRelationType(renames, fromLabel, relation.type);
        if (type !== relation.type) renamedRelations.push({ before: relation, after: { ...relation, type } });
      }
    }

    const impact: SchemaImpact = {
      labels: removed
        .map((l) => ({
          key: l.key,
          name: l.name,
          spans: doomedSpans.filter((s) => s.label === l.key).length,
          relations: labelRelations.get(l.key) ?? 0,
        }))
        .filter((l) => l.spans > 0),
      attributes: [...strippedCounts.values()],
      relationTypes: [...typeRelations.values()],
    };
    return { impact, doomedSpans, doomedRelations, trimmedSpans, renamedRelations };
  }
}
