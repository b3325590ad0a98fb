/**
 * Every API handler that works on an open project, merged in this one place from the per-domain
 * tables: annotating (documents, tags), span details and the schema, the editor flow (undo, history,
 * search, status, guidelines), people and roles, and import/export jobs. The app's workbench adds
 * the session handlers (user, open/close, jobs); the CLI calls these same ones headless.
 */
import type { ApiHandlers, ApiMethod } from '../contract/api';
import { agreementHandlers } from './agreement';
import { projectSearchHandlers } from './projectSearch';
import { annotateHandlers } from './annotateHandlers';
import { annotatorHandlers } from './annotatorHandlers';
import { requireDocumentVisible } from './blind';
import { assignmentHandlers } from './assignments';
import { editorFlowHandlers } from './editorFlow';
import { feedbackHandlers } from './feedback';
import type { JobRunner } from './jobs';
import type { ImportChoices } from './pathHandles';
import type { Dialogs, ProjectAccess } from './projectAccess';
import { autoAcceptHandlers } from './autoAccept';
import { reviewHandlers } from './review';
import { reviewProgressHandlers } from './reviewProgress';
import { packageHandlers } from './packages';
import { progressHandlers } from './progress';
import { spanDetailHandlers } from './spanDetails';
import { transferHandlers, type ExportsInFlight } from './transferHandlers';

/** The methods that need nothing but the session's open project: the rest are the workbench's own. */
export type SessionMethod =
  | 'getSession'
  | 'setUserName'
  | 'newProject'
  | 'openProject'
  | 'closeProject'
  | 'listFormats'
  | 'getJob'
  | 'cancelJob';
export type ProjectMethod = Exclude<ApiMethod, SessionMethod>;
export type ProjectHandlers = Pick<ApiHandlers, ProjectMethod>;

export function projectHandlers(
  access: ProjectAccess,
  transfers: { dialogs: Dialogs; jobs: JobRunner; importChoices: ImportChoices; inFlight?: ExportsInFlight },
): ProjectHandlers {
  return guardDocuments(access, {
    ...annotateHandlers(access),
    ...annotatorHandlers(access),
    ...assignmentHandlers(access),
    ...agreementHandlers(access, transfers.jobs),
    ...reviewHandlers(access),
    ...autoAcceptHandlers(access),
    ...reviewProgressHandlers(access),
    ...packageHandlers(access, transfers.dialogs),
    ...feedbackHandlers(access),
    ...progressHandlers(access),
    ...spanDetailHandlers(access.annotating, access.session),
    ...editorFlowHandlers(access.annotating, access.openStore),
    ...projectSearchHandlers(access, transfers.jobs),
    ...transferHandlers(
      access,
      transfers.dialogs,
      transfers.jobs,
      transfers.importChoices,
      transfers.inFlight,
    ),
  });
}

/**
 * Blind annotation for every method that names a document (`documentId`): refused, before its
 * handler runs, when the document is not the local user's to see (services/blind.ts). getDocument
 * (by `id`) checks the same rule where it reads the layers.
 */
function guardDocuments(access: ProjectAccess, handlers: ProjectHandlers): ProjectHandlers {
  const guarded = { ...handlers } as Record<string, (args: unknown) => unknown>;
  for (const [method, handler] of Object.entries(guarded))
    guarded[method] = (args: unknown) => {
      const documentId = (args as { documentId?: unknown } | undefined)?.documentId;
      if (typeof documentId === 'number') {
        const { store, annotatorId } = access.annotating();
        requireDocumentVisible(store, annotatorId, documentId);
      }
      return handler(args);
    };
  return guarded as ProjectHandlers;
}
