/** Calling API handler tables in tests as a transport does: arguments parsed by dispatch, errors as sentences. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { ApiHandlers, ApiMethod, ApiResults } from '../contract/api';
import { dispatch } from '../contract/dispatch';
import { editorOf } from '../store/layers';
import type { NewDocument, ProjectStore } from '../store/projectStore';
import { placesProject, tableDump } from '../store/testing';
import { createProjectFile, HeadlessProject } from './headless';
import type { ProjectAccess } from './projectAccess';

/** `call` resolves to a method's result (throwing its message); `refusal` to the message of a refused call. */
export function apiCaller(handlers: () => ApiHandlers) {
  return {
    async call<M extends ApiMethod>(method: M, args: unknown): Promise<ApiResults[M]> {
      const reply = await dispatch(handlers(), method, args);
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.result as ApiResults[M];
    },
    async refusal(method: ApiMethod, args: unknown): Promise<string> {
      const reply = await dispatch(handlers(), method, args);
      if (reply.ok) throw new Error(`${method} succeeded`);
      return reply.error.message;
    },
  };
}

/** The project as the local user `user()` (an annotator id) holds it; no session. */
export const accessAs = (store: () => ProjectStore, user: () => number): ProjectAccess => ({
  openStore: store,
  annotating: () => ({ store: store(), annotatorId: user() }),
  userName: () => editorOf(store().database, user()).name,
  session: () => {
    throw new Error('not used');
  },
});

/**
 * A new project file per test, made by `make(path)`, opened as one user at a time (as the
 * one-writer lock wants) and removed after the test.
 */
export interface FilePerTest {
  dir: string;
  path: string;
  /** The project (or another `file`) as `user` opens it; the one open before is closed. */
  as(user: string, file?: string): HeadlessProject;
  /** The one `as` opened last. */
  current(): HeadlessProject;
  close(): void;
  /** Every table of the file, the project closed first. */
  dump(): string;
}

function filePerTest(prefix: string, make: (path: string) => void): FilePerTest {
  let open: HeadlessProject | null = null;
  const fixture: FilePerTest = {
    dir: '',
    path: '',
    as(user, file = fixture.path) {
      fixture.close();
      open = HeadlessProject.open(file, user, {});
      return open;
    },
    current() {
      if (!open) throw new Error('no project is open: call as(user) first');
      return open;
    },
    close() {
      open?.close();
      open = null;
    },
    dump() {
      fixture.close();
      return tableDump(fixture.path);
    },
  };
  beforeEach(() => {
    fixture.dir = mkdtempSync(join(tmpdir(), `marginalia-${prefix}-`));
    fixture.path = join(fixture.dir, `${prefix}.marginalia`);
    make(fixture.path);
  });
  afterEach(() => {
    fixture.close();
    rmSync(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}

/** A project per test (`filePerTest`), created by `olga` (its owner) with `documents`. */
export const projectPerTest = (prefix: string, documents: () => NewDocument[]) =>
  filePerTest(prefix, (path) => {
    const store = createProjectFile(path, prefix, {}, 'olga');
    store.insertDocuments(documents(), null);
    store.close();
  });

/** A project per test (`filePerTest`): olga's article per place of `placesProject`. */
export const placesPerTest = (prefix: string, places: readonly string[]) =>
  filePerTest(prefix, (path) => placesProject(path, prefix, places));
