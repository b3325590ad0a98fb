/**
 * The API handlers of the project's people: who annotates (span and assignment counts), roles
 * (owners change them), the local user's own name, what annotators may see (blind annotation), and
 * whether reviewers may edit annotators' layers.
 */
import type { ApiHandlers } from '../contract/api';
import type { AnnotatorInfo, TeamView } from '../contract/types';
import { UserError } from '../core/errors';
import { teamRefusal } from '../core/teams';
import { setReviewersEditLayers } from '../store/layers';
import type { ProjectStore } from '../store/projectStore';
import type { ProjectAccess } from './projectAccess';

type PeopleMethod =
  'listAnnotators' | 'setAnnotatorRole' | 'setLayerPolicy' | 'getTeam' | 'renameMe' | 'setTeamPolicy';

export function annotatorHandlers(access: ProjectAccess): Pick<ApiHandlers, PeopleMethod> {
  const team = (): TeamView => {
    const { store, annotatorId: who } = access.annotating();
    const members = annotatorInfos(store);
    const me = store.annotators().find((a) => a.id === who);
    const you = me ? { id: members.find((m) => m.name === me.name)!.id, name: me.name, role: me.role } : null;
    return {
      members,
      you,
      youManage: you !== null && teamRefusal(you.role, store.owners() > 0) === null,
      policy: store.team.policy(),
      hasAssignments: store.team.hasAssignments(),
    };
  };

  return {
    listAnnotators: () => annotatorInfos(access.openStore()),

    setAnnotatorRole: ({ name, role }) => {
      const { store: project, annotatorId: who } = teamManager(access, `make ${name} ${role}`);
      project.setAnnotatorRole(name, role, who);
      return annotatorInfos(project);
    },

    setLayerPolicy: ({ reviewersEditAnnotatorLayers }) => {
      const { store: project, annotatorId: who } = access.annotating();
      return setReviewersEditLayers(project.database, reviewersEditAnnotatorLayers, who);
    },

    getTeam: () => team(),

    renameMe: ({ name }) => {
      const { store, annotatorId: who } = access.annotating();
      store.renameAnnotator(who, name);
      access.userRenamed?.(name);
      return access.session();
    },

    setTeamPolicy: (policy) => {
      const { store, annotatorId: who } = teamManager(access, 'change what annotators see');
      store.team.setPolicy(policy, who);
      return team();
    },
  };
}

/**
 * The local user, for a team change (core/teams.ts): refused in words unless they are an owner (or
 * the project has none). Checked before their row is made, so a refusal leaves the project as it was.
 */
export function teamManager(
  access: ProjectAccess,
  what: string,
): { store: ProjectStore; annotatorId: number } {
  const store = access.openStore();
  const known = store.annotators().find((a) => a.name === access.userName());
  const refusal = teamRefusal(known?.role ?? 'annotator', store.owners() > 0);
  if (refusal) throw new UserError(`cannot ${what}: ${refusal}; nothing was changed`);
  return access.annotating();
}

function annotatorInfos(store: ProjectStore): AnnotatorInfo[] {
  const assigned = store.team.counts();
  return store.annotatorSpanCounts().map(({ id, uid, name, role, spans }) => ({
    id: uid,
    name,
    role,
    spans,
    assigned: assigned.get(id) ?? 0,
  }));
}
