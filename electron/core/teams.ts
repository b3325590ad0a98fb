/**
 * Team rules, one place for the services and the renderer: who may run the team (the owner), and
 * what a person sees under blind annotation. Once any document is assigned, an annotator sees only
 * the documents assigned to them and only their own layer (unless the project lets annotators see
 * others' layers); owners and reviewers see everything. The services enforce it; screens follow it.
 */
import type { LayerRef, Role } from './layers';

export const ROLES: readonly Role[] = ['owner', 'annotator', 'reviewer'];

/** What the project allows annotators to see. */
export interface TeamPolicy {
  /** Annotators may see other annotators' layers and the gold layer (off unless turned on). */
  annotatorsSeeOthers: boolean;
}

export const DEFAULT_TEAM_POLICY: TeamPolicy = { annotatorsSeeOthers: false };

/** Owners and reviewers see every document and layer, whatever is assigned. */
export const seesEverything = (role: Role): boolean => role !== 'annotator';

/**
 * Why `role` may not change roles or assignments, as a sentence's end, or null when it may. A
 * project without an owner (made before roles) lets anyone, as it did, until someone is made owner.
 */
export function teamRefusal(role: Role, projectHasOwner: boolean): string | null {
  return role === 'owner' || !projectHasOwner
    ? null
    : 'only an owner of the project can change roles and assignments';
}

/**
 * Why a role change is refused, or null: only owners change roles, and the project keeps an owner
 * (the last one cannot step down or be made something else).
 */
export function roleChangeRefusal(
  actor: Role,
  target: { role: Role; next: Role },
  owners: number,
): string | null {
  const refusal = teamRefusal(actor, owners > 0);
  if (refusal) return refusal;
  if (target.role === 'owner' && target.next !== 'owner' && owners <= 1)
    return 'a project keeps at least one owner: make someone else owner first';
  return null;
}

/** Whether a document is visible to a viewer: `assigned` to them, or nothing in the project assigned. */
export function documentVisible(
  role: Role,
  document: { assignedToViewer: boolean; projectHasAssignments: boolean },
): boolean {
  return seesEverything(role) || !document.projectHasAssignments || document.assignedToViewer;
}

/**
 * Whether a viewer (by stable annotator id) may see `layer`: blind annotation starts with the first
 * assignment, so before it every layer is visible, as in a project without a team.
 */
export function layerVisible(
  viewer: { annotator: string; role: Role },
  layer: LayerRef,
  project: { policy: TeamPolicy; hasAssignments: boolean },
): boolean {
  if (seesEverything(viewer.role) || !project.hasAssignments || project.policy.annotatorsSeeOthers)
    return true;
  return layer.kind === 'annotator' && layer.annotator === viewer.annotator;
}
