/** Two app windows (two workbenches) and one project: the second is refused, the first goes on. */
import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../contract/dispatch';
import type { Session } from '../contract/types';
import { createWorkbench, type Dialogs, type Workbench } from './workbench';

let dir: string;
const workbenches: Workbench[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-windows-'));
});

afterEach(() => {
  for (const workbench of workbenches.splice(0)) workbench.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A window of the app; windows of one app share its settings file. A `path` given to a call is what
 * the window's dialog answers (the API itself takes no paths).
 */
function window(settings: string) {
  let answer: string | null = null;
  const dialogs: Dialogs = {
    chooseNewProjectPath: async () => answer,
    chooseProjectPath: async () => answer,
    chooseImportPaths: async () => null,
    chooseExportPath: async () => null,
    choosePackagePath: async () => null,
    choosePackagesToMerge: async () => null,
  };
  const workbench = createWorkbench({ settingsPath: join(dir, settings), dialogs });
  workbenches.push(workbench);
  return (method: string, { path, ...args }: { path?: string; [key: string]: unknown } = {}) => {
    answer = path ?? null;
    return dispatch(workbench.handlers, method, args);
  };
}

describe('one project in two windows', () => {
  it('refuses the second window, naming the first, and keeps the project in its recent list', async () => {
    const path = join(dir, 'desk.marginalia');
    const first = window('settings.json');
    await first('setUserName', { name: 'alice' });
    await first('newProject', { path });
    const second = window('settings.json');
    const reply = await second('openProject', { path });
    expect(reply).toEqual({
      ok: false,
      error: {
        kind: 'user',
        message: expect.stringMatching(
          new RegExp(
            `^${path.replaceAll('.', '\\.')} is open in the Marginalia app \\(process ${process.pid} `,
          ),
        ) as unknown,
      },
    });
    const session = (await second('getSession')) as { ok: true; result: Session };
    expect(session.result.project).toBeNull();
    expect(session.result.recent.map((recent) => recent.displayPath)).toEqual([path]);
    // The first window is unaffected and may open its own project again without refusing itself.
    expect(await first('openProject', { path })).toMatchObject({
      ok: true,
      result: { project: { name: 'desk' } },
    });
    expect(await first('listDocuments')).toEqual({ ok: true, result: [] });
  });

  it('leaves the open project open when another fails to open, and lets go of the one that failed', async () => {
    const kept = join(dir, 'kept.marginalia');
    const broken = join(dir, 'broken.marginalia');
    const first = window('settings.json');
    await first('setUserName', { name: 'alice' });
    await first('newProject', { path: broken });
    await first('newProject', { path: kept });
    // The new user cannot be recorded in this project (as on a full disk).
    const db = new Database(broken);
    db.exec("CREATE TRIGGER refuse BEFORE INSERT ON annotator BEGIN SELECT RAISE(ABORT, 'refused'); END");
    db.close();
    await first('setUserName', { name: 'bob' });
    expect(await first('openProject', { path: broken })).toMatchObject({ ok: false });
    expect(await first('getSession')).toMatchObject({ ok: true, result: { project: { name: 'kept' } } });
    expect(await first('listDocuments')).toEqual({ ok: true, result: [] });
    // Nothing holds the failed project: another window opens it (with a name already recorded).
    const second = window('other.json');
    await second('setUserName', { name: 'alice' });
    expect(await second('openProject', { path: broken })).toMatchObject({
      ok: true,
      result: { project: { name: 'broken' } },
    });
  });
});
