/**
 * Renames of attributes and relation types in a schema change. A schema alone cannot tell a
 * rename from a removal plus an addition, so the schema editor says which names it renamed and
 * the store moves the stored values and relations to the new names instead of dropping them.
 */
import { fittingAttributes, type AttributeValue } from './attributes';
import type { ProjectSchema } from './schema';
import type { Relation, Span } from './spans';

/** Which names a schema change renames: attributes per label key, relation types per start label key. */
export interface SchemaRenames {
  attributes: { label: string; from: string; to: string }[];
  relationTypes: { fromLabel: string; from: string; to: string }[];
}

/** A schema change that renames nothing. */
export const NO_RENAMES: SchemaRenames = { attributes: [], relationTypes: [] };

/** Why `renames` cannot go with the change from `current` to `next`, or null when they can. */
export function renamesProblem(
  current: ProjectSchema,
  next: ProjectSchema,
  renames: SchemaRenames,
): string | null {
  const seen = new Set<string>();
  for (const { label: key, from, to } of renames.attributes) {
    const before = current.labels.find((l) => l.key === key);
    const after = next.labels.find((l) => l.key === key);
    if (!before || !after) return `cannot rename attributes of "${key}": the label is not in both schemas`;
    const had = (name: string) => before.attributes.some((a) => a.name === name);
    const has = (name: string) => after.attributes.some((a) => a.name.trim() === name);
    if (!had(from) || has(from) || !has(to) || had(to) || from === to)
      return `${after.name} has no attribute "${from}" renamed to "${to}"`;
    for (const end of [`${key}\u0000from\u0000${from}`, `${key}\u0000to\u0000${to}`]) {
      if (seen.has(end)) return `${after.name} renames the attribute "${from}" or "${to}" twice`;
      seen.add(end);
    }
  }
  for (const { fromLabel, from, to } of renames.relationTypes) {
    const had = (name: string) =>
      current.relationTypes.some((r) => r.fromLabel === fromLabel && r.name === name);
    const has = (name: string) =>
      next.relationTypes.some((r) => r.fromLabel === fromLabel && r.name.trim() === name);
    if (!had(from) || has(from) || !has(to) || had(to) || from === to)
      return `there is no relation type "${from}" from ${fromLabel} renamed to "${to}"`;
    for (const end of [`${fromLabel}\u0000from\u0000${from}`, `${fromLabel}\u0000to\u0000${to}`]) {
      if (seen.has(`relation\u0000${end}`)) return `the relation type "${from}" or "${to}" is renamed twice`;
      seen.add(`relation\u0000${end}`);
    }
  }
  return null;
}

/** A span's attribute values with renamed attributes under their new names. */
export function renamedAttributes(
  renames: SchemaRenames,
  label: string,
  attributes: Record<string, AttributeValue>,
): Record<string, AttributeValue> {
  const renamed: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const rename = renames.attributes.find((r) => r.label === label && r.from === name);
    renamed[rename ? rename.to : name] = value;
  }
  return renamed;
}

/** The name a relation type starting at label `fromLabel` has after the change. */
export function renamedRelationType(renames: SchemaRenames, fromLabel: string, type: string): string {
  return renames.relationTypes.find((r) => r.fromLabel === fromLabel && r.from === type)?.to ?? type;
}

/**
 * A span snapshot from before the schema changes that made `later` renames (oldest first), as
 * it fits the current schema: attributes under their new names, ones no longer defined dropped.
 * Undo and redo restore snapshots through this, so an old snapshot cannot bring back a stale name.
 */
export function spanUnderSchema(span: Span, later: readonly SchemaRenames[], schema: ProjectSchema): Span {
  const renamed = later.reduce((attributes, renames) => renamedAttributes(renames, span.label, attributes), {
    ...span.attributes,
  });
  const label = schema.labels.find((l) => l.key === span.label);
  return { ...span, attributes: fittingAttributes(label, renamed) };
}

/** A relation snapshot with its type renamed by `later` renames (oldest first); `fromLabel` is its start span's label. */
export function relationUnderRenames(
  relation: Relation,
  fromLabel: string,
  later: readonly SchemaRenames[],
): Relation {
  const type = later.reduce((name, renames) => renamedRelationType(renames, fromLabel, name), relation.type);
  return { ...relation, type };
}
