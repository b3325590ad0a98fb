/**
 * What the handlers of an open project need from whoever holds it: the app's workbench (a project
 * the user opened, maybe none) or a headless session of the CLI (one project opened explicitly).
 */
import type { FormatInfo, ProjectInfo, Session } from '../contract/types';
import { UserError } from '../core/errors';
import type { ProjectStore } from '../store/projectStore';
import { packageLabel } from './packages';

export interface ProjectAccess {
  /** The open project; a UserError when none is. */
  openStore(): ProjectStore;
  /** The open project and the local user's annotator id, for actions that annotate. */
  annotating(): { store: ProjectStore; annotatorId: number };
  /** The local user's name, as their spans are stored under it. */
  userName(): string;
  /** The session as the API returns it after a change to the project (the schema). */
  session(): Session;
  /** The local user renamed themselves in the project: the app remembers the new name too. */
  userRenamed?(name: string): void;
}

/** The refusal when nobody has said who annotates. */
export const NO_USER = () =>
  new UserError('tell Marginalia your name first: annotations are stored under it');

export function projectInfo(store: ProjectStore): ProjectInfo {
  const { name, offsetUnit } = store.info();
  const workPackage = packageLabel(store);
  return {
    path: store.path,
    name,
    offsetUnit,
    schema: store.schema(),
    ...(workPackage ? { workPackage } : {}),
  };
}

/** Native dialogs in the app; scripted answers in the test host. `null` means the user cancelled. */
export interface Dialogs {
  chooseNewProjectPath(): Promise<string | null>;
  chooseProjectPath(): Promise<string | null>;
  /** Files to import (or one folder); `format` narrows the file filter when it is not `auto`. */
  chooseImportPaths(folder: boolean, format: FormatInfo | null): Promise<string[] | null>;
  /** Where an export goes: a file, or a new folder for folder formats (Hugging Face, brat, ...). */
  chooseExportPath(suggestedName: string, format: FormatInfo): Promise<string | null>;
  /** Where a work package goes (a new project file). */
  choosePackagePath(suggestedName: string): Promise<string | null>;
  /** Returned work packages to merge (project files). */
  choosePackagesToMerge(): Promise<string[] | null>;
}
