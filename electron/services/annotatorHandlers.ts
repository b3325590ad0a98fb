/**
 * The API handlers of the project's people: who annotates, with span counts, who is a reviewer, and
 * whether reviewers may edit annotators' layers.
 */
import type { ApiHandlers } from '../contract/api';
import type { AnnotatorInfo } from '../contract/types';
import { setReviewersEditLayers } from '../store/layers';
import type { ProjectStore } from '../store/projectStore';
import type { ProjectAccess } from './projectAccess';

export function annotatorHandlers(
  access: ProjectAccess,
): Pick<ApiHandlers, 'listAnnotators' | 'setAnnotatorRole' | 'setLayerPolicy'> {
  return {
    listAnnotators: () => annotatorInfos(access.openStore()),

    setAnnotatorRole: ({ name, role }) => {
      const { store: project, annotatorId: who } = access.annotating();
      project.setAnnotatorRole(name, role, who);
      return annotatorInfos(project);
    },

    setLayerPolicy: ({ reviewersEditAnnotatorLayers }) => {
      const { store: project, annotatorId: who } = access.annotating();
      return setReviewersEditLayers(project.database, reviewersEditAnnotatorLayers, who);
    },
  };
}

function annotatorInfos(store: ProjectStore): AnnotatorInfo[] {
  return store.annotatorSpanCounts().map(({ name, role, spans }) => ({ name, role, spans }));
}
