/** The API handlers of annotating a document: the document list, one document as the user sees it, tags. */
import type { ApiHandlers } from '../contract/api';
import { UserError } from '../core/errors';
import { rangeProblem } from '../core/spans';
import type { ProjectStore } from '../store/projectStore';
import { documentPage, neighbourDocument, statusCounts } from '../store/documentPages';
import { blindScope } from './blind';
import { documentWithLayers } from './layers';
import type { ProjectAccess } from './projectAccess';

type AnnotateMethod =
  | 'listDocuments'
  | 'listDocumentPage'
  | 'neighbourDocument'
  | 'getDocument'
  | 'addSpan'
  | 'setSpanLabel'
  | 'deleteSpan';

export function annotateHandlers(access: ProjectAccess): Pick<ApiHandlers, AnnotateMethod> {
  /** The text of the last document asked for: a document's text never changes, and every tag checks its range. */
  let cachedText: { store: ProjectStore; documentId: number; text: string } | null = null;

  const textOf = (project: ProjectStore, documentId: number): string => {
    if (cachedText?.store !== project || cachedText.documentId !== documentId) {
      const document = project.getDocument(documentId);
      if (!document) throw new UserError(`document ${documentId} does not exist`);
      cachedText = { store: project, documentId, text: document.text };
    }
    return cachedText.text;
  };

  return {
    listDocuments: () => {
      const { store: project, annotatorId: who } = access.annotating();
      return project.listDocuments(who, blindScope(project, who).onlyAssigned);
    },

    /** One page of the list: what a screen of it shows, however many documents the project has. */
    listDocumentPage: ({ status, offset, limit }) => {
      const { store: project, annotatorId: who } = access.annotating();
      const { onlyAssigned } = blindScope(project, who);
      const counts = statusCounts(project.database, who, onlyAssigned);
      const scope = { annotatorId: who, onlyAssigned, status: status ?? null };
      const documents = documentPage(project.database, scope, offset, limit);
      return { documents, offset, total: counts[status ?? 'all'], counts };
    },

    /** Alt+PageDown/Up: the next document of the filtered list, found by the index, not by the whole list. */
    neighbourDocument: ({ documentId, direction, status }) => {
      const { store: project, annotatorId: who } = access.annotating();
      const scope = {
        annotatorId: who,
        onlyAssigned: blindScope(project, who).onlyAssigned,
        status: status ?? null,
      };
      return neighbourDocument(project.database, scope, documentId, direction);
    },

    /** A document as the local user annotates it: text, their status, the layers asked for (in wire form). */
    getDocument: (request) => {
      const { store: project, annotatorId: who } = access.annotating();
      const view = documentWithLayers(project, who, request);
      cachedText = { store: project, documentId: view.id, text: view.text };
      return view;
    },

    addSpan: ({ documentId, start, end, label, layer }) => {
      const { store: project, annotatorId: who } = access.annotating();
      const problem = rangeProblem(textOf(project, documentId), start, end);
      if (problem) throw new UserError(`cannot add a span: ${problem}`);
      return project.addSpan(who, documentId, { start, end, label }, layer);
    },

    setSpanLabel: ({ spanId, label }) => {
      const { store: project, annotatorId: who } = access.annotating();
      return project.setSpanLabel(who, spanId, label);
    },

    deleteSpan: ({ spanId }) => {
      const { store: project, annotatorId: who } = access.annotating();
      project.deleteSpan(who, spanId);
      return { spanId };
    },
  };
}
