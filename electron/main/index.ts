/**
 * The Electron main process, kept thin: window, menu, native dialogs, IPC wiring and security.
 * Everything it serves comes from the services layer, which runs the same under plain Node.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, type MenuItemConstructorOptions } from 'electron';
import { dispatch } from '../contract/dispatch';
import { IPC_API_CHANNEL, IPC_MENU_CHANNEL } from '../contract/methods';
import type { FormatInfo, MenuCommand } from '../contract/types';
import { openOnStartup } from '../services/demo';
import { createWorkbench, PROJECT_EXTENSION, type Dialogs, type Workbench } from '../services/workbench';
import { electronNativeBinding } from './nativeBinding';

const projectFilters = [{ name: 'Marginalia project', extensions: [PROJECT_EXTENSION.slice(1)] }];
let window: BrowserWindow | null = null;

const dialogs: Dialogs = {
  async chooseNewProjectPath() {
    const result = await dialog.showSaveDialog(window!, { title: 'New project', filters: projectFilters });
    return result.canceled ? null : (result.filePath ?? null);
  },
  async chooseProjectPath() {
    const result = await dialog.showOpenDialog(window!, {
      title: 'Open project',
      filters: projectFilters,
      properties: ['openFile'],
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async chooseImportPaths(folder, format) {
    const extensions = format ? importExtensions(format) : [];
    const result = await dialog.showOpenDialog(window!, {
      title: folder ? 'Import a folder' : 'Import files',
      properties: folder ? ['openDirectory'] : ['openFile', 'multiSelections'],
      filters: folder || !format ? [] : [{ name: format.name, extensions }],
    });
    return result.canceled ? null : result.filePaths;
  },
  async chooseExportPath(suggestedName, format) {
    // Folder formats are saved as a new folder of that name; the export creates it.
    const result = await dialog.showSaveDialog(window!, {
      title: `Export ${format.name}`,
      defaultPath: suggestedName,
      filters: format.layout === 'file' ? [{ name: format.name, extensions: [format.extension] }] : [],
    });
    return result.canceled ? null : (result.filePath ?? null);
  },
};

/** A brat import picks the .txt/.ann pairs and annotation.conf; other formats their one extension. */
const importExtensions = (format: FormatInfo) =>
  format.id === 'brat'
    ? ['txt', 'ann', 'conf']
    : format.id === 'conll'
      ? ['conll', 'bio', 'iob', 'txt']
      : [format.extension];

function sendMenu(command: MenuCommand): void {
  window?.webContents.send(IPC_MENU_CHANNEL, command);
}

function buildMenu(workbench: Workbench): void {
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

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Marginalia',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return win;
}

/** No navigation away from the app and no new windows: the app shows only its own bundled page. */
function lockDownNavigation(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

async function main(): Promise<void> {
  // Tests point the app at a fresh profile; users never need this.
  if (process.env.MARGINALIA_USER_DATA) app.setPath('userData', process.env.MARGINALIA_USER_DATA);
  lockDownNavigation();
  await app.whenReady();
  const workbench = createWorkbench({
    settingsPath: join(app.getPath('userData'), 'settings.json'),
    dialogs,
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
  ipcMain.handle(IPC_API_CHANNEL, async (event, method: unknown, args: unknown) => {
    // Only our own window may call the API.
    if (!window || event.sender !== window.webContents) throw new Error('API call from an unknown sender');
    const reply = await dispatch(workbench.handlers, method, args);
    if (method === 'newProject' || method === 'openProject' || method === 'closeProject')
      buildMenu(workbench);
    return reply;
  });
  buildMenu(workbench);
  window = createWindow();
  app.on('window-all-closed', () => {
    workbench.close();
    app.quit();
  });
}

void main();
