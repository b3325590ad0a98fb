/**
 * Typed span attributes: which values a label's attribute definitions accept. The service checks
 * every value with these before anything is stored, and a schema change uses them to find the
 * values that no longer fit.
 */
import type { AttributeDef, LabelDef } from './schema';

export type AttributeValue = string | number | boolean;

/** Why `value` cannot be the value of `def`, or `null` when it can. */
export function attributeValueProblem(def: AttributeDef, value: unknown): string | null {
  switch (def.type) {
    case 'enum':
      if (typeof value !== 'string' || !def.options.includes(value))
        return `${def.name} must be one of ${def.options.map((o) => `"${o}"`).join(', ')}`;
      return null;
    case 'string':
      return typeof value === 'string' ? null : `${def.name} must be text`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `${def.name} must be a number`;
    case 'bool':
      return typeof value === 'boolean' ? null : `${def.name} must be true or false`;
  }
}

/**
 * Why `name` = `value` cannot be set on a span labelled `label`, or `null` when it can. A `null`
 * value clears the attribute and is always allowed for a defined attribute.
 */
export function attributeProblem(label: LabelDef, name: string, value: AttributeValue | null): string | null {
  const def = label.attributes.find((a) => a.name === name);
  if (!def) return `${label.name} has no attribute "${name}"`;
  return value === null ? null : attributeValueProblem(def, value);
}

/** The attributes of a span that its label still defines with a fitting value; the rest are dropped. */
export function fittingAttributes(
  label: LabelDef | undefined,
  attributes: Readonly<Record<string, AttributeValue>>,
): Record<string, AttributeValue> {
  const kept: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const def = label?.attributes.find((a) => a.name === name);
    if (def && attributeValueProblem(def, value) === null) kept[name] = value;
  }
  return kept;
}

/** Reads a number the way an annotator types it: "1,200" and " 47 " are numbers, "47 people" is not. */
export function parseNumberInput(input: string): number | null {
  const cleaned = input.trim().replace(/(?<=\d),(?=\d{3}\b)/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}
