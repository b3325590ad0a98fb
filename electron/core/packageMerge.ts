/**
 * Merging a returned work package into one annotator's layer of one document (docs/teams.md): spans
 * and relations are matched by UUID, so the same span edited on a laptop replaces its earlier
 * version; a span the package lacks was deleted there. Later work wins: a project version updated
 * after the package's (or, for a deletion, after the package went out) is kept. Pure: the store
 * reads both layers and writes the plan.
 */
import type { AttributeValue } from './attributes';
import type { ProjectSchema } from './schema';
import type { Fragment } from './spans';

/** A span as a package and a project layer both hold it, named by UUID and label key. */
export interface LayerSpan {
  uid: string;
  label: string;
  start: number;
  end: number;
  fragments: readonly Fragment[];
  attributes: Readonly<Record<string, AttributeValue>>;
  note: string | null;
  updatedAt: string;
}

/** A relation, its ends named by span UUID. */
export interface LayerRelation {
  uid: string;
  type: string;
  from: string;
  to: string;
}

/** A span deleted from a layer: its UUID and when (the store's tombstone). */
export interface Tombstone {
  uid: string;
  deletedAt: string;
}

export interface LayerContent {
  spans: readonly LayerSpan[];
  relations: readonly LayerRelation[];
  /** Spans deleted from this layer; a package of an older version has none. */
  deleted?: readonly Tombstone[];
}

export interface LayerMergePlan {
  add: LayerSpan[];
  change: { before: LayerSpan; after: LayerSpan }[];
  remove: LayerSpan[];
  /**
   * Project spans left as they are because they were edited there after the package's version, and
   * package spans left out because the project deleted them after the package's last edit of them.
   */
  keptNewer: LayerSpan[];
  addRelations: LayerRelation[];
  removeRelations: LayerRelation[];
}

/** Attributes in key order, so two versions that differ only in key order are the same. */
const attributesKey = (attributes: LayerSpan['attributes']) =>
  JSON.stringify(
    Object.keys(attributes)
      .sort()
      .map((k) => [k, attributes[k]]),
  );

/** Whether two versions of one span say the same (times aside). */
export function sameSpan(a: LayerSpan, b: LayerSpan): boolean {
  return (
    a.label === b.label &&
    a.start === b.start &&
    a.end === b.end &&
    a.note === b.note &&
    JSON.stringify(a.fragments) === JSON.stringify(b.fragments) &&
    attributesKey(a.attributes) === attributesKey(b.attributes)
  );
}

/**
 * What merging `incoming` (the package's layer of a document) into `current` (the project's layer
 * of the same annotator and document) does. Later work wins, deletions included: a span one side
 * deleted (a tombstone) stays deleted unless the other side edited it after that deletion. A project
 * span the package neither holds nor deleted (a package without tombstones) is removed only if it was
 * not touched after `madeAt`, when the package was written.
 */
export function planLayerMerge(
  current: LayerContent,
  incoming: LayerContent,
  madeAt: string,
): LayerMergePlan {
  const now = new Map(current.spans.map((s) => [s.uid, s]));
  const next = new Map(incoming.spans.map((s) => [s.uid, s]));
  const plan: LayerMergePlan = {
    add: [],
    change: [],
    remove: [],
    keptNewer: [],
    addRelations: [],
    removeRelations: [],
  };
  const deletedHere = new Map((current.deleted ?? []).map((t) => [t.uid, t.deletedAt]));
  const deletedThere = new Map((incoming.deleted ?? []).map((t) => [t.uid, t.deletedAt]));
  for (const span of incoming.spans) {
    const before = now.get(span.uid);
    const deletedAt = deletedHere.get(span.uid);
    if (!before && deletedAt !== undefined && deletedAt >= span.updatedAt) plan.keptNewer.push(span);
    else if (!before) plan.add.push(span);
    else if (sameSpan(before, span)) continue;
    else if (span.updatedAt >= before.updatedAt) plan.change.push({ before, after: span });
    else plan.keptNewer.push(before);
  }
  for (const span of current.spans) {
    if (next.has(span.uid)) continue;
    if (span.updatedAt <= (deletedThere.get(span.uid) ?? madeAt)) plan.remove.push(span);
    else plan.keptNewer.push(span);
  }
  const kept = new Set(plan.keptNewer.map((s) => s.uid));
  const removed = new Set(plan.remove.map((s) => s.uid));
  const known = new Set(current.relations.map((r) => r.uid));
  const incomingRelations = new Set(incoming.relations.map((r) => r.uid));
  // A relation whose end stays because it is newer in the project stays too; one whose end goes goes
  // with it (the store's cascade), so it is not listed twice.
  for (const relation of current.relations)
    if (
      !incomingRelations.has(relation.uid) &&
      !kept.has(relation.from) &&
      !kept.has(relation.to) &&
      !removed.has(relation.from) &&
      !removed.has(relation.to)
    )
      plan.removeRelations.push(relation);
  for (const relation of incoming.relations) if (!known.has(relation.uid)) plan.addRelations.push(relation);
  return plan;
}

/** Whether a plan changes anything (merging the same package again plans nothing). */
export const planIsEmpty = (plan: LayerMergePlan) =>
  plan.add.length +
    plan.change.length +
    plan.remove.length +
    plan.addRelations.length +
    plan.removeRelations.length ===
  0;

/**
 * What a package's spans and relations use that the project's schema lacks, as sentences: labels
 * (by key), attributes of a label or of another type, relation types. Empty when the merge may go on.
 */
export function schemaGaps(
  project: ProjectSchema,
  packageSchema: ProjectSchema,
  spans: readonly LayerSpan[],
  relations: readonly (LayerRelation & { fromLabel: string })[],
): string[] {
  const labels = new Map(project.labels.map((l) => [l.key, l]));
  const theirs = new Map(packageSchema.labels.map((l) => [l.key, l]));
  const gaps = new Set<string>();
  for (const span of spans) {
    const label = labels.get(span.label);
    if (!label) {
      gaps.add(`label "${theirs.get(span.label)?.name ?? span.label}"`);
      continue;
    }
    for (const name of Object.keys(span.attributes)) {
      const mine = label.attributes.find((a) => a.name === name);
      const type =
        theirs.get(span.label)?.attributes.find((a) => a.name === name)?.type ?? typeof span.attributes[name];
      if (!mine) gaps.add(`attribute "${name}" (${type}) of ${label.name}`);
      else if (mine.type !== type)
        gaps.add(`attribute "${name}" of ${label.name} as ${type} (the project has ${mine.type})`);
    }
  }
  for (const relation of relations)
    if (!project.relationTypes.some((t) => t.name === relation.type && t.fromLabel === relation.fromLabel))
      gaps.add(
        `relation type "${relation.type}" from ${labels.get(relation.fromLabel)?.name ?? relation.fromLabel}`,
      );
  return [...gaps];
}

/** What the merger chose for labels a package uses that the project lacks (as on import). */
export interface LabelChoices {
  /** Package label (name or key) → project label (name or key). */
  labelMap?: Readonly<Record<string, string>>;
  /** Add the package's labels the project lacks (with their attributes) instead of refusing. */
  addLabels?: boolean;
}

/**
 * Where each package label key lands in the project: mapped (--map-label), the same key, a label of
 * the same name, or a label added to `project` (--add-labels). Returns the project schema with the
 * added labels, the package schema under the project's keys (to read attribute types), and problems.
 */
export function resolveLabels(
  project: ProjectSchema,
  theirs: ProjectSchema,
  used: ReadonlySet<string>,
  choices: LabelChoices,
): {
  keys: Map<string, string>;
  schema: ProjectSchema;
  theirs: ProjectSchema;
  added: string[];
  problems: string[];
} {
  const keys = new Map<string, string>();
  const problems: string[] = [];
  const added: string[] = [];
  let schema = project;
  const byName = (s: ProjectSchema, name: string) => s.labels.find((l) => l.name.trim() === name.trim())?.key;
  for (const key of used) {
    const label = theirs.labels.find((l) => l.key === key);
    const name = label?.name ?? key;
    const map = choices.labelMap ?? {};
    const wanted = Object.hasOwn(map, name) ? map[name] : Object.hasOwn(map, key) ? map[key] : undefined;
    if (wanted !== undefined) {
      const target = byName(schema, wanted) ?? schema.labels.find((l) => l.key === wanted)?.key;
      if (target) keys.set(key, target);
      else problems.push(`--map-label ${name}=${wanted}: the project has no label "${wanted}"`);
      continue;
    }
    const same = schema.labels.some((l) => l.key === key) ? key : byName(schema, name);
    if (same) keys.set(key, same);
    else if (choices.addLabels && label) {
      const newKey = key; // no project label has it (else `same` above)
      const hotkeyTaken = schema.labels.some((l) => l.hotkey !== '' && l.hotkey === label.hotkey);
      schema = {
        ...schema,
        labels: [...schema.labels, { ...label, key: newKey, hotkey: hotkeyTaken ? '' : label.hotkey }],
      };
      keys.set(key, newKey);
      added.push(name);
    }
  }
  const mapped = {
    ...theirs,
    labels: theirs.labels.map((l) => ({ ...l, key: keys.get(l.key) ?? l.key })),
    relationTypes: theirs.relationTypes.map((t) => ({
      ...t,
      fromLabel: keys.get(t.fromLabel) ?? t.fromLabel,
    })),
  };
  return { keys, schema, theirs: mapped, added, problems };
}
