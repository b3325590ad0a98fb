/** The API handlers of annotating a document: the document list, one document as the user sees it, tags. */
import type { ApiHandlers } from '../contract/api';
import { compactSpan } from '../contract/compactDocument';
import { UserError } from '../core/errors';
import { rangeProblem } from '../core/spans';
import type { ProjectStore } from '../store/projectStore';
import type { ProjectAccess } from './projectAccess';

type AnnotateMethod = 'listDocuments' | 'getDocument' | 'addSpan' | 'setSpanLabel' | 'deleteSpan';

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
      return project.listDocuments(who);
    },

    /** A document as the local user annotates it: text, their status, spans (in wire form) and relations. */
    getDocument: ({ id }) => {
      const { store: project, annotatorId: who } = access.annotating();
      const document = project.getDocument(id);
      if (!document) throw new UserError(`document ${id} does not exist`);
      cachedText = { store: project, documentId: id, text: document.text };
      return {
        id,
        title: document.title,
        text: document.text,
        status: project.documentStatus(id, who),
        annotator: access.userName(),
        spans: project.spansOf(id, who).map(compactSpan),
        relations: project.relationsOf(id, who),
      };
    },

    addSpan: ({ documentId, start, end, label }) => {
      const { store: project, annotatorId: who } = access.annotating();
      const problem = rangeProblem(textOf(project, documentId), start, end);
      if (problem) throw new UserError(`cannot add a span: ${problem}`);
      return project.addSpan(who, documentId, { start, end, label });
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
