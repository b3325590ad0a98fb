/**
 * Layers: a document's annotations come in layers, one per annotator plus one gold layer (written
 * by reviewers). Who may edit which layer is decided here and only here: the store refuses a write
 * this rule refuses, and the editor enables its controls by the same answer.
 */

/** An annotator's layer, by the annotator's stable id, or the document's gold layer. */
export type LayerRef = { kind: 'annotator'; annotator: string } | { kind: 'gold' };

export const GOLD: LayerRef = { kind: 'gold' };

/** An owner runs the team (roles, assignments) and writes gold like a reviewer. */
export type Role = 'owner' | 'annotator' | 'reviewer';

/** Owners and reviewers write the gold layer. */
export const writesGold = (role: Role): boolean => role !== 'annotator';

/** The person editing: their stable annotator id and their role in the project. */
export interface Editor {
  annotator: string;
  role: Role;
}

/** What the project allows beyond the defaults. */
export interface LayerPolicy {
  /** Reviewers may edit annotators' layers (off unless the project turns it on). */
  reviewersEditAnnotatorLayers: boolean;
}

export const DEFAULT_POLICY: LayerPolicy = { reviewersEditAnnotatorLayers: false };

/**
 * Why `editor` may not edit `layer`, as the end of a sentence ("… belongs to another annotator"),
 * or null when they may: everyone edits their own layer; reviewers (and owners) edit the gold layer,
 * and other annotators' layers only where the project allows it.
 */
export function editRefusal(editor: Editor, layer: LayerRef, policy: LayerPolicy): string | null {
  if (layer.kind === 'gold')
    return writesGold(editor.role) ? null : 'belongs to the gold layer, which only reviewers edit';
  if (layer.annotator === editor.annotator) return null;
  if (!writesGold(editor.role)) return 'belongs to another annotator';
  return policy.reviewersEditAnnotatorLayers
    ? null
    : "belongs to another annotator (this project does not let reviewers edit annotators' layers)";
}

export const mayEdit = (editor: Editor, layer: LayerRef, policy: LayerPolicy): boolean =>
  editRefusal(editor, layer, policy) === null;

/** One string per layer, for maps and React keys: `gold` or `annotator:<id>`. */
export const layerKey = (layer: LayerRef): string =>
  layer.kind === 'gold' ? 'gold' : `annotator:${layer.annotator}`;

export const sameLayer = (a: LayerRef, b: LayerRef): boolean => layerKey(a) === layerKey(b);
