/** Calling API handler tables in tests as a transport does: arguments parsed by dispatch, errors as sentences. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { ApiHandlers, ApiMethod, ApiResults } from '../contract/api';
import { dispatch } from '../contract/dispatch';
import { editorOf } from '../store/layers';
import type { NewDocument, ProjectStore } from '../store/projectStore';
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
 * A new project file per test, created by `olga` (its owner) with `documents`, opened as one user
 * at a time (as the one-writer lock wants) and removed after the test.
 */
export function projectPerTest(prefix: string, documents: () => NewDocument[]) {
  let dir = '';
  let open: HeadlessProject | null = null;
  const fixture = {
    path: '',
    /** The project as `user` opens it; the one open before is closed. */
    as(user: string): HeadlessProject {
      fixture.close();
      open = HeadlessProject.open(fixture.path, user, {});
      return open;
    },
    close(): void {
      open?.close();
      open = null;
    },
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `marginalia-${prefix}-`));
    fixture.path = join(dir, `${prefix}.marginalia`);
    const store = createProjectFile(fixture.path, prefix, {}, 'olga');
    store.insertDocuments(documents(), null);
    store.close();
  });
  afterEach(() => {
    fixture.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return fixture;
}
