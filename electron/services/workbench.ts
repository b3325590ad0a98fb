/**
 * The use cases behind the API: one object holding the open project and the local user, shared by
 * the Electron IPC handlers, the loopback test host and (through the same store functions) the CLI.
 */
import { basename, extname } from 'node:path';
import type { ApiHandlers } from '../contract/api';
import type { DocumentView, ProjectInfo, Session } from '../contract/types';
import { UserError } from '../core/errors';
import { DEFAULT_SCHEMA } from '../core/schema';
import { rangeProblem } from '../core/spans';
import { spanDetailHandlers } from './spanDetails';
import { ProjectStore, type StoreOptions } from '../store/projectStore';
import { editorFlowHandlers } from './editorFlow';
import { exportNativeJsonl } from './exporter';
import { importTextFiles } from './importer';
import { SettingsFile } from './settings';

export const PROJECT_EXTENSION = '.marginalia';

/** Native dialogs in the app; scripted answers in the test host. `null` means the user cancelled. */
export interface Dialogs {
  chooseNewProjectPath(): Promise<string | null>;
  chooseProjectPath(): Promise<string | null>;
  chooseImportPaths(folder: boolean): Promise<string[] | null>;
  chooseExportPath(suggestedName: string): Promise<string | null>;
}

export interface WorkbenchOptions {
  settingsPath: string;
  dialogs: Dialogs;
  store?: StoreOptions;
}

export interface Workbench {
  handlers: ApiHandlers;
  /** Opens a project by path, as on start-up (no dialog). */
  openProject(path: string): Session;
  createProject(path: string): ProjectStore;
  recentProjects(): string[];
  close(): void;
}

export function projectNameOf(path: string): string {
  return basename(path, extname(path));
}

export function createWorkbench(options: WorkbenchOptions): Workbench {
  const settings = new SettingsFile(options.settingsPath);
  let store: ProjectStore | null = null;
  let annotatorId: number | null = null;

  const session = (): Session => {
    const { userName, recent } = settings.get();
    return { user: userName, project: store && projectInfo(store), recent };
  };

  const open = (next: ProjectStore): Session => {
    store?.close();
    store = next;
    const user = settings.get().userName;
    annotatorId = user ? store.ensureAnnotator(user) : null;
    settings.addRecent(store.path);
    return session();
  };

  const openPath = (path: string): Session => {
    try {
      return open(ProjectStore.open(path, options.store));
    } catch (error) {
      // A recent project that has since been moved or deleted should not stay in the list.
      if (error instanceof UserError) settings.removeRecent(path);
      throw error;
    }
  };

  const createProject = (path: string) =>
    ProjectStore.create(path, projectNameOf(path), DEFAULT_SCHEMA, options.store);

  const openStore = (): ProjectStore => {
    if (!store) throw new UserError('no project is open');
    return store;
  };

  /** The open project and the local user's annotator id, for actions that annotate. */
  const annotating = (): { store: ProjectStore; annotatorId: number } => {
    const project = openStore();
    if (annotatorId === null)
      throw new UserError('tell Marginalia your name first: annotations are stored under it');
    return { store: project, annotatorId };
  };

  const handlers: ApiHandlers = {
    getSession: () => session(),

    setUserName: ({ name }) => {
      settings.setUserName(name);
      if (store) annotatorId = store.ensureAnnotator(name);
      return session();
    },

    newProject: async ({ path }) => {
      const target = path ?? (await options.dialogs.chooseNewProjectPath());
      if (!target) return session();
      return open(createProject(withProjectExtension(target)));
    },

    openProject: async ({ path }) => {
      const target = path ?? (await options.dialogs.chooseProjectPath());
      return target ? openPath(target) : session();
    },

    closeProject: () => {
      store?.close();
      store = null;
      annotatorId = null;
      return session();
    },

    importFiles: async ({ paths, folder }) => {
      const { store: project, annotatorId: who } = annotating();
      const chosen = paths ?? (await options.dialogs.chooseImportPaths(folder ?? false));
      return chosen ? importTextFiles(project, who, chosen) : null;
    },

    listDocuments: () => {
      const { store: project, annotatorId: who } = annotating();
      return project.listDocuments(who);
    },

    getDocument: ({ id }): DocumentView => {
      const { store: project, annotatorId: who } = annotating();
      const document = project.getDocument(id);
      if (!document) throw new UserError(`document ${id} does not exist`);
      return {
        id,
        title: document.title,
        text: document.text,
        status: project.documentStatus(id, who),
        spans: project.spansOf(id, who),
        relations: project.relationsOf(id, who),
      };
    },

    addSpan: ({ documentId, start, end, label }) => {
      const { store: project, annotatorId: who } = annotating();
      const document = project.getDocument(documentId);
      if (!document) throw new UserError(`document ${documentId} does not exist`);
      const problem = rangeProblem(document.text, start, end);
      if (problem) throw new UserError(`cannot add a span: ${problem}`);
      return project.addSpan(who, documentId, { start, end, label });
    },

    setSpanLabel: ({ spanId, label }) => {
      const { store: project, annotatorId: who } = annotating();
      return project.setSpanLabel(who, spanId, label);
    },

    deleteSpan: ({ spanId }) => {
      const { store: project, annotatorId: who } = annotating();
      project.deleteSpan(who, spanId);
      return { spanId };
    },

    ...spanDetailHandlers(annotating, session),

    exportProject: async ({ path }) => {
      const project = openStore();
      const target = path ?? (await options.dialogs.chooseExportPath(`${project.info().name}.jsonl`));
      return target ? exportNativeJsonl(project, target) : null;
    },

    ...editorFlowHandlers(annotating, openStore),
  };

  return {
    handlers,
    openProject: openPath,
    createProject,
    recentProjects: () => settings.get().recent,
    close: () => {
      store?.close();
      store = null;
    },
  };
}

function projectInfo(store: ProjectStore): ProjectInfo {
  const { name, offsetUnit } = store.info();
  return { path: store.path, name, offsetUnit, schema: store.schema() };
}

/** A project path as the user meant it: `notes` becomes `notes.marginalia`. */
export function withProjectExtension(path: string): string {
  return extname(path) ? path : `${path}${PROJECT_EXTENSION}`;
}
