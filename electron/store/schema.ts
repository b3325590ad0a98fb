/** The project schema's rows: labels (with their ids, cached), attribute definitions, relation types. */
import { UserError } from '../core/errors';
import type { AttributeType, LabelDef, ProjectSchema } from '../core/schema';
import type { SchemaRenames } from '../core/schemaRenames';
import type { ProjectDatabase } from './database';
import { INSERT_ATTRIBUTE, INSERT_LABEL, INSERT_RELATION_TYPE } from './rows';

export class SchemaStore {
  private readonly labelIds = new Map<string, number>();

  constructor(private readonly db: ProjectDatabase) {
    this.loadLabelIds();
  }

  /** Reads the label ids again after something else (an import batch) added labels. */
  loadLabelIds(): void {
    this.labelIds.clear();
    for (const row of this.db.prepare<[], { id: number; key: string }>('SELECT id, key FROM label').all())
      this.labelIds.set(row.key, row.id);
  }

  /** The row id of a label; an unknown key is refused in words. */
  labelId(key: string): number {
    const id = this.labelIds.get(key);
    if (id === undefined) throw new UserError(`unknown label "${key}"`);
    return id;
  }

  read(): ProjectSchema {
    const labels = this.db
      .prepare<
        [],
        { id: number; key: string; name: string; color: string; hotkey: string; kind: LabelDef['kind'] }
      >('SELECT id, key, name, color, hotkey, kind FROM label ORDER BY position')
      .all();
    const attributes = this.db
      .prepare<[], { labelId: number; name: string; type: AttributeType; options: string }>(
        'SELECT label_id AS labelId, name, type, options FROM attribute_def ORDER BY id',
      )
      .all();
    const relationTypes = this.db
      .prepare<[], { name: string; fromLabel: string; toLabel: string | null }>(
        `SELECT r.name, f.key AS fromLabel, t.key AS toLabel
         FROM relation_type r JOIN label f ON f.id = r.from_label_id LEFT JOIN label t ON t.id = r.to_label_id
         ORDER BY r.id`,
      )
      .all();
    return {
      labels: labels.map(({ id, ...label }) => ({
        ...label,
        attributes: attributes
          .filter((a) => a.labelId === id)
          .map((a) => ({ name: a.name, type: a.type, options: JSON.parse(a.options) as string[] })),
      })),
      relationTypes,
    };
  }

  /** The relation type `name` from spans of `fromLabel`, with the label it must point to (null: any). */
  relationType(name: string, fromLabel: string): { id: number; toLabel: string | null } | undefined {
    return this.db
      .prepare<[string, string], { id: number; toLabel: string | null }>(
        `SELECT r.id, t.key AS toLabel FROM relation_type r JOIN label f ON f.id = r.from_label_id
         LEFT JOIN label t ON t.id = r.to_label_id WHERE r.name = ? AND f.key = ?`,
      )
      .get(name, fromLabel);
  }

  /** The schema of a new project, in the caller's action. */
  writeInitial(schema: ProjectSchema): void {
    schema.labels.forEach((label, position) => {
      const id = Number(this.db.prepare(INSERT_LABEL).run({ ...label, position }).lastInsertRowid);
      this.labelIds.set(label.key, id);
      for (const a of label.attributes)
        this.db.prepare(INSERT_ATTRIBUTE).run(id, a.name, a.type, JSON.stringify(a.options));
    });
    for (const r of schema.relationTypes) {
      this.db
        .prepare(INSERT_RELATION_TYPE)
        .run(
          r.name,
          this.labelIds.get(r.fromLabel),
          r.toLabel === null ? null : this.labelIds.get(r.toLabel),
        );
    }
  }

  /** Rewrites the label, attribute and relation type rows from `before` to `next`, keeping label ids. */
  writeChange(before: ProjectSchema, next: ProjectSchema, renames: SchemaRenames): void {
    const nextKeys = new Set(next.labels.map((l) => l.key));
    const deleteLabel = this.db.prepare('DELETE FROM label WHERE key = ?');
    for (const label of before.labels) if (!nextKeys.has(label.key)) deleteLabel.run(label.key);
    const updateLabel = this.db.prepare(
      'UPDATE label SET name = @name, color = @color, hotkey = @hotkey, kind = @kind, position = @position WHERE key = @key',
    );
    this.db.prepare('DELETE FROM attribute_def').run();
    this.labelIds.clear();
    next.labels.forEach((label, position) => {
      const row = {
        key: label.key,
        name: label.name.trim(),
        color: label.color,
        hotkey: label.hotkey,
        kind: label.kind,
        position,
      };
      if (updateLabel.run(row).changes === 0) this.db.prepare(INSERT_LABEL).run(row);
      const id = this.db
        .prepare<[string], { id: number }>('SELECT id FROM label WHERE key = ?')
        .get(label.key)!.id;
      this.labelIds.set(label.key, id);
      for (const a of label.attributes)
        this.db
          .prepare(INSERT_ATTRIBUTE)
          .run(id, a.name.trim(), a.type, JSON.stringify(a.type === 'enum' ? a.options : []));
    });
    // Relation types keep their rows (relations point at them); ones no longer named go, with no relations left.
    const existing = this.db
      .prepare<[], { id: number; name: string; fromLabelId: number }>(
        'SELECT id, name, from_label_id AS fromLabelId FROM relation_type',
      )
      .all();
    const kept = new Set<number>();
    for (const type of next.relationTypes) {
      const fromId = this.labelIds.get(type.fromLabel)!;
      const toId = type.toLabel === null ? null : this.labelIds.get(type.toLabel)!;
      const name = type.name.trim();
      const oldName = renames.relationTypes.find(
        (r) => r.fromLabel === type.fromLabel && r.to === name,
      )?.from;
      const row = existing.find((r) => r.name === (oldName ?? name) && r.fromLabelId === fromId);
      if (row) {
        this.db
          .prepare('UPDATE relation_type SET name = ?, to_label_id = ? WHERE id = ?')
          .run(name, toId, row.id);
        kept.add(row.id);
      } else {
        this.db.prepare(INSERT_RELATION_TYPE).run(name, fromId, toId);
      }
    }
    const deleteType = this.db.prepare('DELETE FROM relation_type WHERE id = ?');
    for (const row of existing) if (!kept.has(row.id)) deleteType.run(row.id);
  }
}
