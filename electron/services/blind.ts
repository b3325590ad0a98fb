/**
 * Blind annotation, enforced where data leaves the services: the document list, a document and its
 * layers, project search and new tags go through here, so an annotator cannot reach by the API
 * what the screens hide. The rule itself is core/teams.ts.
 */
import { UserError } from '../core/errors';
import { GOLD, type LayerRef, type Role } from '../core/layers';
import { documentVisible, layerVisible, seesEverything, type TeamPolicy } from '../core/teams';
import { editorOf } from '../store/layers';
import type { ProjectStore } from '../store/projectStore';

/** What one person may see in the open project. */
export interface BlindScope {
  viewer: { annotator: string; role: Role };
  /** Only the documents assigned to them (an annotator in a project with assignments). */
  onlyAssigned: boolean;
  policy: TeamPolicy;
}

export function blindScope(store: ProjectStore, who: number): BlindScope {
  const { annotator, role } = editorOf(store.database, who);
  return {
    viewer: { annotator, role },
    onlyAssigned: !seesEverything(role) && store.team.hasAssignments(),
    policy: store.team.policy(),
  };
}

/** Refuses, in words, a document that is not assigned to `who` under blind annotation. */
export function requireDocumentVisible(store: ProjectStore, who: number, documentId: number): void {
  const scope = blindScope(store, who);
  const visible = documentVisible(scope.viewer.role, {
    projectHasAssignments: scope.onlyAssigned,
    assignedToViewer: !scope.onlyAssigned || store.team.isAssigned(documentId, who),
  });
  if (!visible)
    throw new UserError(
      `document ${documentId} is not assigned to you; this project shows annotators only their own documents`,
    );
}

/** The documents `who` may see, in import order, as project search walks them. */
export function visibleDocumentIds(store: ProjectStore, who: number): { id: number; title: string }[] {
  if (!blindScope(store, who).onlyAssigned) return store.documentIds();
  return store.listDocuments(who, true).map(({ id, title }) => ({ id, title }));
}

/**
 * What an export by `userName` may hold under blind annotation: null when nothing is withheld,
 * else only their assigned documents; refused in words when it asks for layers they may not see.
 */
export function blindExportLimit(
  store: ProjectStore,
  userName: string | null,
  selection: { annotators?: readonly string[] | undefined; gold?: boolean | undefined },
): { documents: ReadonlySet<number> } | null {
  const row = store.annotators().find((a) => a.name === userName);
  if (seesEverything(row?.role ?? 'annotator') || !store.team.hasAssignments()) return null;
  const own = selection.annotators?.length === 1 && selection.annotators[0] === userName && !selection.gold;
  if (!own && !store.team.policy().annotatorsSeeOthers)
    throw new UserError(
      `this project shows you only your own layer: export with only ${userName ?? 'your name'} chosen ` +
        'as annotator. Nothing was written.',
    );
  return { documents: new Set(row ? store.listDocuments(row.id, true).map((d) => d.id) : []) };
}

/** Whether `who` may see `layer` (their own always; others' as the role and the policy say). */
export const mayView = (scope: BlindScope, layer: LayerRef): boolean =>
  layerVisible(scope.viewer, layer, { policy: scope.policy, hasAssignments: scope.onlyAssigned });

/** Whether `who` may see layers other than their own: the rule treats every other layer alike. */
export const seesOtherLayers = (store: ProjectStore, who: number): boolean =>
  mayView(blindScope(store, who), GOLD);

/**
 * What agreement figures `userName` may read under blind annotation: null when nothing is withheld;
 * only their assigned documents when the project lets annotators see others' layers; else refused in
 * words, since every figure compares their layer with others'.
 */
export function blindAgreementLimit(
  store: ProjectStore,
  userName: string | null | undefined,
): { documents: ReadonlySet<number> } | null {
  const row = store.annotators().find((a) => a.name === userName);
  if (seesEverything(row?.role ?? 'annotator') || !store.team.hasAssignments()) return null;
  if (!store.team.policy().annotatorsSeeOthers)
    throw new UserError(
      "agreement compares annotators' layers, and this project shows you only your own: an owner or " +
        'a reviewer can read the figures. Nothing was computed.',
    );
  return { documents: new Set(row ? store.listDocuments(row.id, true).map((d) => d.id) : []) };
}
