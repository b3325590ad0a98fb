/**
 * What makes a project schema valid, and which relation types may link two labels. Pure: the
 * schema editor, the service and the store all use the same rules.
 */
import { reservedKeyUse } from './keys';
import type { LabelDef, ProjectSchema, RelationTypeDef } from './schema';

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** Why `schema` cannot be a project's schema, or `null` when it can. */
export function schemaProblem(schema: ProjectSchema): string | null {
  if (schema.labels.length === 0) return 'the schema needs at least one label';
  const keys = new Set<string>();
  const names = new Map<string, string>();
  const hotkeys = new Map<string, string>();
  for (const label of schema.labels) {
    const name = label.name.trim();
    if (!label.key) return `label "${name}" has no key`;
    if (keys.has(label.key)) return `two labels have the key "${label.key}"`;
    keys.add(label.key);
    if (!name) return 'every label needs a name';
    const other = names.get(name.toLowerCase());
    if (other !== undefined) return `two labels are called "${name}"`;
    names.set(name.toLowerCase(), name);
    if (!HEX_COLOUR.test(label.color))
      return `the colour of ${name} must look like #1a2b3c, not "${label.color}"`;
    if (label.hotkey !== '') {
      if ([...label.hotkey].length !== 1 || /\s/.test(label.hotkey))
        return `the hotkey of ${name} must be one key, not "${label.hotkey}"`;
      const use = reservedKeyUse(label.hotkey);
      if (use) return `the hotkey of ${name} cannot be "${label.hotkey}": in the editor that key ${use}`;
      const taken = hotkeys.get(label.hotkey);
      if (taken) return `${taken} and ${name} both use the hotkey "${label.hotkey}"`;
      hotkeys.set(label.hotkey, name);
    }
    const problem = attributesProblem(label);
    if (problem) return problem;
  }
  const relationKeys = new Set<string>();
  for (const relation of schema.relationTypes) {
    const name = relation.name.trim();
    if (!name) return 'every relation type needs a name';
    const from = schema.labels.find((l) => l.key === relation.fromLabel);
    if (!from) return `relation type "${name}" starts at a label the schema does not have`;
    if (relation.toLabel !== null && !keys.has(relation.toLabel))
      return `relation type "${name}" points to a label the schema does not have`;
    const key = `${name}\u0000${relation.fromLabel}`;
    if (relationKeys.has(key)) return `${from.name} has two relation types called "${name}"`;
    relationKeys.add(key);
  }
  return null;
}

function attributesProblem(label: LabelDef): string | null {
  const seen = new Set<string>();
  for (const attribute of label.attributes) {
    const name = attribute.name.trim();
    if (!name) return `an attribute of ${label.name} has no name`;
    if (seen.has(name)) return `${label.name} has two attributes called "${name}"`;
    seen.add(name);
    if (attribute.type === 'enum') {
      if (attribute.options.length === 0) return `${label.name} ${name} needs at least one option`;
      if (attribute.options.some((o) => !o.trim())) return `${label.name} ${name} has an empty option`;
      if (new Set(attribute.options).size !== attribute.options.length)
        return `${label.name} ${name} lists an option twice`;
    } else if (attribute.options.length > 0) {
      return `${label.name} ${name} is not a list of options, so it takes none`;
    }
  }
  return null;
}

/** The relation types that may go from a span labelled `fromLabel` to one labelled `toLabel`. */
export function relationTypesBetween(
  schema: ProjectSchema,
  fromLabel: string,
  toLabel: string,
): RelationTypeDef[] {
  return schema.relationTypes.filter(
    (r) => r.fromLabel === fromLabel && (r.toLabel === null || r.toLabel === toLabel),
  );
}

/** A key for a new label named `name` that no label of `schema` uses yet. */
export function newLabelKey(schema: ProjectSchema, name: string): string {
  const base = name.trim().replace(/\s+/g, '_') || 'Label';
  let key = base;
  for (let n = 2; schema.labels.some((l) => l.key === key); n++) key = `${base}_${n}`;
  return key;
}

/**
 * What a schema change would remove from the annotations of every annotator, so the user can be
 * asked first. Only entries that remove something are listed; all empty means the change is safe.
 */
export interface SchemaImpact {
  /** Removed labels that are in use: their spans go, and every relation touching those spans. */
  labels: { key: string; name: string; spans: number; relations: number }[];
  /** Attribute values that no longer fit (attribute or enum option removed, type changed). */
  attributes: { label: string; attribute: string; spans: number }[];
  /** Relations whose type is gone or no longer links their spans' labels. */
  relationTypes: { name: string; fromLabel: string; relations: number }[];
}

/** Whether a schema change removes nothing from the annotations. */
export function isHarmless(impact: SchemaImpact): boolean {
  return impact.labels.length + impact.attributes.length + impact.relationTypes.length === 0;
}

/** What a change removes, in words: "3 spans, 1 relation and 2 attribute values" */
export function describeImpact(impact: SchemaImpact): string {
  const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  const spans = impact.labels.reduce((n, l) => n + l.spans, 0);
  const relations =
    impact.labels.reduce((n, l) => n + l.relations, 0) +
    impact.relationTypes.reduce((n, r) => n + r.relations, 0);
  const values = impact.attributes.reduce((n, a) => n + a.spans, 0);
  const parts = [
    spans && count(spans, 'span'),
    relations && count(relations, 'relation'),
    values && count(values, 'attribute value'),
  ].filter((p): p is string => !!p);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'nothing');
}

/** The name a label key is shown by; the key itself when the schema no longer has it. */
export function labelName(schema: ProjectSchema, key: string): string {
  return schema.labels.find((l) => l.key === key)?.name ?? key;
}

/**
 * The label key a name the user sees (or, failing that, a key) stands for; undefined when neither.
 * The name wins: after Location is renamed Place and a new label called Location added, "Location"
 * means the new one, as on screen.
 */
export function labelKeyOf(schema: ProjectSchema, nameOrKey: string): string | undefined {
  const wanted = nameOrKey.trim();
  return (
    schema.labels.find((l) => l.name.trim() === wanted)?.key ??
    schema.labels.find((l) => l.key === nameOrKey)?.key
  );
}

/**
 * The schema as exports write it: every label under the name the user sees (a renamed label keeps
 * its first name as key), relation types pointing at those names.
 */
export function schemaByNames(schema: ProjectSchema): ProjectSchema {
  const name = (key: string) => labelName(schema, key).trim();
  return {
    labels: schema.labels.map((l) => ({ ...l, key: name(l.key) })),
    relationTypes: schema.relationTypes.map((r) => ({
      ...r,
      fromLabel: name(r.fromLabel),
      toLabel: r.toLabel === null ? null : name(r.toLabel),
    })),
  };
}
