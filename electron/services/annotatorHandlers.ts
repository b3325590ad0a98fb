/** The API handlers of the project's people: who annotates, with span counts, and who is a reviewer. */
import type { ApiHandlers } from '../contract/api';
import type { AnnotatorInfo } from '../contract/types';
import type { ProjectStore } from '../store/projectStore';
import type { ProjectAccess } from './projectAccess';

export function annotatorHandlers(
  access: ProjectAccess,
): Pick<ApiHandlers, 'listAnnotators' | 'setAnnotatorRole'> {
  return {
    listAnnotators: () => annotatorInfos(access.openStore()),

    setAnnotatorRole: ({ name, role }) => {
      const { store: project, annotatorId: who } = access.annotating();
      project.setAnnotatorRole(name, role, who);
      return annotatorInfos(project);
    },
  };
}

function annotatorInfos(store: ProjectStore): AnnotatorInfo[] {
  return store.annotatorSpanCounts().map(({ name, role, spans }) => ({ name, role, spans }));
}
