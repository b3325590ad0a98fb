/**
 * The use cases behind the API: one object holding the open project and the local user, shared by
 * the Electron IPC handlers, the loopback test host and (through the same store functions) the CLI.
 */
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { ApiHandlers } from '../contract/api';
import type { AnnotatorInfo, FormatInfo, ProjectInfo, RecentProject, Session } from '../contract/types';
import { UserError } from '../core/errors';
import { DEFAULT_SCHEMA } from '../core/schema';
import { rangeProblem } from '../core/spans';
import { spanDetailHandlers } from './spanDetails';
import { canonical } from '../store/projectFile';
import { ProjectStore, type StoreOptions } from '../store/projectStore';
import { editorFlowHandlers } from './editorFlow';
import { documentWithLayers } from './layers';
import { runExport } from './exporter';
import { formatFor, formatInfos } from './formats';
import { runImport } from './importer';
import { JobRunner } from './jobs';
import { ImportChoices, RecentHandles } from './pathHandles';
import { SettingsFile } from './settings';

export const PROJECT_EXTENSION = '.marginalia';

/** Native dialogs in the app; scripted answers in the test host. `null` means the user cancelled. */
export interface Dialogs {
  chooseNewProjectPath(): Promise<string | null>;
  chooseProjectPath(): Promise<string | null>;
  /** Files to import (or one folder); `format` narrows the file filter when it is not `auto`. */
  chooseImportPaths(folder: boolean, format: FormatInfo | null): Promise<string[] | null>;
  /** Where an export goes: a file, or a new folder for folder formats (Hugging Face, brat, ...). */
  chooseExportPath(suggestedName: string, format: FormatInfo): Promise<string | null>;
}

export interface WorkbenchOptions {
  settingsPath: string;
  dialogs: Dialogs;
  store?: StoreOptions;
}

export interface Workbench {
  handlers: ApiHandlers;
  /** Opens a project by path, as on start-up (no dialog). Trusted callers only: not in the API. */
  openProject(path: string): Session;
  createProject(path: string): ProjectStore;
  /** Recent project paths, newest first (start-up reopens the first that exists). */
  recentProjects(): string[];
  /** The same list as the API shows it, with handles: the native Open Recent menu. */
  recentEntries(): RecentProject[];
  /** Import and export jobs (getJob/cancelJob); tests wait on them. */
  jobs: JobRunner;
  close(): void;
}

export function projectNameOf(path: string): string {
  return basename(path, extname(path));
}

export function createWorkbench(options: WorkbenchOptions): Workbench {
  const settings = new SettingsFile(options.settingsPath);
  const storeOptions = { program: 'the Marginalia app', ...options.store };
  let store: ProjectStore | null = null;
  let annotatorId: number | null = null;
  const jobs = new JobRunner();

  const recentHandles = new RecentHandles();
  const importChoices = new ImportChoices();
  const recentEntries = (): RecentProject[] =>
    settings.get().recent.map((path) => ({
      handle: recentHandles.handleOf(path),
      name: projectNameOf(path),
      displayPath: path,
    }));

  const session = (): Session => {
    const { userName } = settings.get();
    return { user: userName, project: store && projectInfo(store), recent: recentEntries() };
  };

  const open = (next: ProjectStore): Session => {
    const user = settings.get().userName;
    let nextAnnotator: number | null;
    try {
      nextAnnotator = user ? next.ensureAnnotator(user) : null;
    } catch (error) {
      // Not half open: the project that was open stays open, and the new one lets go of its lock.
      next.close();
      throw error;
    }
    stopJobs();
    store?.close();
    store = next;
    annotatorId = nextAnnotator;
    settings.addRecent(store.path);
    return session();
  };

  const openPath = (path: string): Session => {
    // The project already open here: this process holds its lock, so a second open would refuse it.
    if (store && existsSync(path) && canonical(store.path) === canonical(path)) return session();
    try {
      return open(ProjectStore.open(path, storeOptions));
    } catch (error) {
      // A recent project that has since been moved or deleted should not stay in the list; one open
      // in another window, or damaged, stays.
      if (error instanceof UserError && !existsSync(path)) settings.removeRecent(path);
      throw error;
    }
  };

  /**
   * A job holds the store it started on: cancel them all before that store closes. A job is between
   * chunks whenever this runs, and its next checkpoint stops it before it touches the store again.
   */
  const stopJobs = () => void jobs.cancelAll();

  const createProject = (path: string) =>
    ProjectStore.create(path, projectNameOf(path), DEFAULT_SCHEMA, storeOptions);

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

  const handlers: ApiHandlers = {
    getSession: () => session(),

    setUserName: ({ name }) => {
      settings.setUserName(name);
      if (store) annotatorId = store.ensureAnnotator(name);
      return session();
    },

    newProject: async () => {
      const target = await options.dialogs.chooseNewProjectPath();
      if (!target) return session();
      return open(createProject(withProjectExtension(target)));
    },

    openProject: async ({ recent }) => {
      const target = recent
        ? recentHandles.pathOf(recent, settings.get().recent)
        : await options.dialogs.chooseProjectPath();
      return target ? openPath(target) : session();
    },

    closeProject: () => {
      stopJobs();
      store?.close();
      store = null;
      annotatorId = null;
      return session();
    },

    listFormats: () => formatInfos(),

    listAnnotators: () => annotatorInfos(openStore()),

    setAnnotatorRole: ({ name, role }) => {
      const { store: project, annotatorId: who } = annotating();
      project.setAnnotatorRole(name, role, who);
      return annotatorInfos(project);
    },

    startImport: async ({ again, folder, format, annotator, offsetUnit, labelMap, addLabels }) => {
      const { store: project, annotatorId: who } = annotating();
      const info = format === 'auto' ? null : infoOf(formatFor(format, 'import').id);
      const chosen = again
        ? importChoices.pathsOf(again)
        : await options.dialogs.chooseImportPaths(folder ?? false, info);
      if (!chosen) return null;
      const localUser = settings.get().userName!;
      const request = {
        paths: chosen,
        format,
        localUser,
        importerId: who,
        ...(annotator ? { annotator } : {}),
        ...(offsetUnit ? { offsetUnit } : {}),
        ...(labelMap ? { labelMap } : {}),
        ...(addLabels ? { addLabels } : {}),
      };
      const jobId = jobs.start('import', (context) => runImport(project, request, context));
      importChoices.remember(jobId, chosen);
      return { jobId };
    },

    listDocuments: () => {
      const { store: project, annotatorId: who } = annotating();
      return project.listDocuments(who);
    },

    /** A document as the local user annotates it: text, their status, the layers asked for (in wire form). */
    getDocument: (request) => {
      const { store: project, annotatorId: who } = annotating();
      const view = documentWithLayers(project, who, request);
      cachedText = { store: project, documentId: view.id, text: view.text };
      return view;
    },

    addSpan: ({ documentId, start, end, label, layer }) => {
      const { store: project, annotatorId: who } = annotating();
      const problem = rangeProblem(textOf(project, documentId), start, end);
      if (problem) throw new UserError(`cannot add a span: ${problem}`);
      return project.addSpan(who, documentId, { start, end, label }, layer);
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

    startExport: async (request) => {
      const project = openStore();
      const info = infoOf(formatFor(request.format, 'export').id);
      const suggested = `${project.info().name}${info.layout === 'file' ? `.${info.extension}` : `-${info.id}`}`;
      const target = await options.dialogs.chooseExportPath(suggested, info);
      if (!target) return null;
      const jobId = jobs.start('export', (context) =>
        runExport(project, { ...request, path: target }, context),
      );
      return { jobId, path: target };
    },

    ...editorFlowHandlers(annotating, openStore),

    getJob: ({ id }) => jobs.get(id),

    cancelJob: ({ id }) => jobs.cancel(id),
  };

  return {
    handlers,
    openProject: openPath,
    createProject,
    recentProjects: () => settings.get().recent,
    recentEntries,
    jobs,
    close: () => {
      stopJobs();
      store?.close();
      store = null;
    },
  };
}

function annotatorInfos(store: ProjectStore): AnnotatorInfo[] {
  return store.annotatorSpanCounts().map(({ name, role, spans }) => ({ name, role, spans }));
}

function infoOf(id: string): FormatInfo {
  return formatInfos().find((f) => f.id === id)!;
}

function projectInfo(store: ProjectStore): ProjectInfo {
  const { name, offsetUnit } = store.info();
  return { path: store.path, name, offsetUnit, schema: store.schema() };
}

/** A project path as the user meant it: `notes` becomes `notes.marginalia`. */
export function withProjectExtension(path: string): string {
  return extname(path) ? path : `${path}${PROJECT_EXTENSION}`;
}
