/**
 * Starts the loopback host: `tsx electron/host/main.ts --data DIR [--port N] [--project FILE] [--demo]`.
 * Prints one line `listening URL` once it serves, which the end-to-end tests wait for.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDemoProject } from '../services/demo';
import { createWorkbench } from '../services/workbench';
import { ScriptedDialogs, startHost } from './server';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '0' },
    project: { type: 'string' },
    user: { type: 'string' },
    demo: { type: 'boolean', default: false },
  },
});

const root = resolve(import.meta.dirname, '../..');
const dataDir = resolve(values.data ?? join(root, '.tmp', 'host'));
mkdirSync(dataDir, { recursive: true });
const dialogs = new ScriptedDialogs();
const workbench = createWorkbench({ settingsPath: join(dataDir, 'settings.json'), dialogs });
if (values.user) await workbench.handlers.setUserName({ name: values.user });
if (values.demo) {
  const demoPath = join(dataDir, 'Demo.marginalia');
  ensureDemoProject(workbench, demoPath, join(root, 'resources', 'demo'));
  workbench.openProject(demoPath);
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
