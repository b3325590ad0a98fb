/**
 * Starts the loopback host: `tsx electron/host/main.ts --data DIR [--port N] [--user NAME]
 * [--project FILE | --startup]`. `--startup` opens what the app opens on start (the last project, or
 * the demo). Prints one line `listening URL` once it serves, which the end-to-end tests wait for; the
 * URL carries this start's token (`#token=…`). This host has the /test routes; `marginalia serve` has not.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openOnStartup } from '../services/demo';
import { createWorkbench, PROJECT_EXTENSION } from '../services/workbench';
import { ScriptedDialogs, startHost } from './server';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '0' },
    project: { type: 'string' },
    user: { type: 'string' },
    startup: { type: 'boolean', default: false },
    // Tests only: every job checkpoint waits this long, so progress and Cancel can be watched.
    'job-pause': { type: 'string', default: '0' },
  },
});

const root = resolve(import.meta.dirname, '../..');
const dataDir = resolve(values.data ?? join(root, '.tmp', 'host'));
mkdirSync(dataDir, { recursive: true });
const dialogs = new ScriptedDialogs();
const workbench = createWorkbench({
  settingsPath: join(dataDir, 'settings.json'),
  dialogs,
  jobPauseMs: Number(values['job-pause']),
});
if (values.user) await workbench.handlers.setUserName({ name: values.user });
if (values.startup) {
  await openOnStartup(workbench, {
    projectPath: join(dataDir, `Demo${PROJECT_EXTENSION}`),
    articlesDir: join(root, 'resources', 'demo'),
  });
} else if (values.project) {
  workbench.openProject(resolve(values.project));
}
const { url } = await startHost({
  workbench,
  dialogs,
  rendererDir: join(root, 'out', 'renderer'),
  port: Number(values.port),
});
console.log(`listening ${url}`);
