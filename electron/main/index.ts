/**
 * The Electron main process, kept thin: window, menu, native dialogs and the wiring of the hardening
 * in security.ts and rendererProtocol.ts. Everything it serves comes from the services layer, which
 * runs the same under plain Node.
 */
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  type MenuItemConstructorOptions,
} from 'electron';
import { dispatch } from '../contract/dispatch';
import { IPC_MENU_CHANNEL } from '../contract/methods';
import type { MenuCommand } from '../contract/types';
import { openOnStartup } from '../services/demo';
import { createWorkbench, PROJECT_EXTENSION, type Workbench } from '../services/workbench';
import { nativeDialogs } from './dialogs';
import { electronNativeBinding } from './nativeBinding';
import { registerRendererScheme, serveRenderer } from './rendererProtocol';
import {
  claimSingleInstance,
  CONTENT_SECURITY_POLICY,
  denyAllPermissions,
  focusWindow,
  isOwnWindow,
  lockDownContents,
  registerApi,
  rendererEntry,
  windowOptions,
} from './security';

let window: BrowserWindow | null = null;

function sendMenu(command: MenuCommand): void {
  window?.webContents.send(IPC_MENU_CHANNEL, command);
}

function buildMenu(workbench: Workbench): void {
  // A recent project is sent to the window by its handle: the renderer never holds a path to open.
  const recent = workbench.recentEntries();
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        {
          label: 'New Project…',
          accelerator: 'CmdOrCtrl+N',
          click: () => sendMenu({ command: 'newProject' }),
        },
        {
          label: 'Open Project…',
          accelerator: 'CmdOrCtrl+O',
          click: () => sendMenu({ command: 'openProject' }),
        },
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((entry) => ({
                label: entry.displayPath,
                click: () => sendMenu({ command: 'openProject', recent: entry.handle }),
              }))
            : [{ label: 'No recent projects', enabled: false }],
        },
        { type: 'separator' },
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => sendMenu({ command: 'import' }) },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => sendMenu({ command: 'export' }) },
        { label: 'Export Work Package…', click: () => sendMenu({ command: 'exportPackage' }) },
        { label: 'Merge Returned Work…', click: () => sendMenu({ command: 'mergePackages' }) },
        { type: 'separator' },
        { label: 'Close Project', click: () => sendMenu({ command: 'closeProject' }) },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function main(): Promise<void> {
  lockDownContents(app);
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  serveRenderer(protocol, join(import.meta.dirname, '../renderer'), CONTENT_SECURITY_POLICY);
  const workbench = createWorkbench({
    settingsPath: join(app.getPath('userData'), 'settings.json'),
    dialogs: nativeDialogs(dialog, () => window!),
    store: { nativeBinding: electronNativeBinding(app.getAppPath()) },
  });
  try {
    await openOnStartup(workbench, {
      projectPath: join(app.getPath('userData'), `Demo${PROJECT_EXTENSION}`),
      articlesDir: join(app.getAppPath(), 'resources', 'demo'),
    });
  } catch (error) {
    dialog.showErrorBox('Marginalia could not open a project', String(error));
  }
  const entry = rendererEntry(app, process.env);
  registerApi(
    ipcMain,
    (event) => isOwnWindow(event, window, entry),
    async (method, args) => {
      const reply = await dispatch(workbench.handlers, method, args);
      if (method === 'newProject' || method === 'openProject' || method === 'closeProject')
        buildMenu(workbench);
      return reply;
    },
  );
  buildMenu(workbench);
  window = new BrowserWindow(windowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  void window.loadURL(entry);
  app.on('window-all-closed', () => {
    workbench.close();
    app.quit();
  });
}

// Before the app is ready: the scheme's privileges, and the profile (tests point the app at a fresh one).
registerRendererScheme(protocol);
if (process.env.MARGINALIA_USER_DATA) app.setPath('userData', process.env.MARGINALIA_USER_DATA);
if (claimSingleInstance(app, () => focusWindow(window))) void main();
