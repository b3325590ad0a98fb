/**
 * The app's session behind the API: the open project, the local user, recent projects and jobs, for
 * the Electron IPC handlers and the loopback host. The handlers of an open project come from
 * projectHandlers.ts, which the CLI also runs (headless.ts).
 */
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { ApiHandlers } from '../contract/api';
import type { RecentProject, Session } from '../contract/types';
import { UserError } from '../core/errors';
import { DEFAULT_SCHEMA } from '../core/schema';
import { canonical } from '../store/projectFile';
import { ProjectStore, type StoreOptions } from '../store/projectStore';
import { formatInfos } from './formats';
import { JobRunner } from './jobs';
import { catchUpInBackground } from './textIndexing';
import { readQueueAhead } from './review';
import { ImportChoices, RecentHandles } from './pathHandles';
import { NO_USER, projectInfo, type Dialogs, type ProjectAccess } from './projectAccess';
import { packageLabel } from './packages';
import { projectHandlers } from './projectHandlers';
import { removeLeftovers } from './atomicOutput';
import { SettingsFile } from './settings';

export const PROJECT_EXTENSION = '.marginalia';

export type { Dialogs } from './projectAccess';

export interface WorkbenchOptions {
  settingsPath: string;
  dialogs: Dialogs;
  store?: StoreOptions;
  /** A wait at every job checkpoint, for the end-to-end tests' host only (see JobRunner). */
  jobPauseMs?: number;
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
  // Exports the app was writing when it last stopped (killed, power cut): remove their temporaries.
  for (const target of settings.get().exportsInFlight) {
    removeLeftovers(target);
    settings.exportEnded(target);
  }
  const storeOptions = { program: 'the Marginalia app', ...options.store };
  let store: ProjectStore | null = null;
  let annotatorId: number | null = null;
  const jobs = new JobRunner(options.jobPauseMs);

  const recentHandles = new RecentHandles();
  const importChoices = new ImportChoices();
  const recentEntries = (): RecentProject[] =>
    settings.get().recent.map((path) => ({
      handle: recentHandles.handleOf(path),
      name: projectNameOf(path),
      displayPath: path,
    }));

  /** The local user in `project`: in a work package, the annotator it was written for (docs/teams.md). */
  const userIn = (project: ProjectStore | null): string | null =>
    (project && packageLabel(project)?.annotator) ?? settings.get().userName;

  const session = (): Session => ({
    user: userIn(store),
    project: store && projectInfo(store),
    recent: recentEntries(),
  });

  const open = (next: ProjectStore): Session => {
    const user = settings.get().userName && userIn(next);
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
    catchUpInBackground(store);
    if (user)
      readQueueAhead(store, user).catch((error: unknown) => {
        console.error('[marginalia] the review queue could not be read ahead', error);
      });
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

  // Its creator is the project's owner (core/teams.ts).
  const createProject = (path: string) =>
    ProjectStore.create(
      path,
      projectNameOf(path),
      DEFAULT_SCHEMA,
      storeOptions,
      settings.get().userName ?? undefined,
    );

  const openStore = (): ProjectStore => {
    if (!store) throw new UserError('no project is open');
    return store;
  };

  const access: ProjectAccess = {
    openStore,
    annotating: () => {
      const project = openStore();
      if (annotatorId === null) throw NO_USER();
      return { store: project, annotatorId };
    },
    userName: () => userIn(store)!,
    session,
    userRenamed: (name) => settings.setUserName(name),
  };

  const handlers: ApiHandlers = {
    getSession: () => session(),

    setUserName: ({ name }) => {
      settings.setUserName(name);
      if (store) annotatorId = store.ensureAnnotator(userIn(store)!);
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

    ...projectHandlers(access, {
      dialogs: options.dialogs,
      jobs,
      importChoices,
      inFlight: {
        started: (target) => settings.exportStarted(target),
        ended: (target) => settings.exportEnded(target),
      },
    }),

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

/** A project path as the user meant it: `notes` becomes `notes.marginalia`. */
export function withProjectExtension(path: string): string {
  return extname(path) ? path : `${path}${PROJECT_EXTENSION}`;
}
