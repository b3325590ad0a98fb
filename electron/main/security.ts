/**
 * The main process's hardening, as small functions over the Electron objects they configure, so a
 * unit test can hand them stand-ins (security.test.ts) where the Electron binary cannot run.
 * Only types are imported from `electron` here: this module loads under plain Node.
 */
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  IpcMain,
  IpcMainInvokeEvent,
  Session,
} from 'electron';
import type { WireReply } from '../contract/dispatch';
import { IPC_API_CHANNEL } from '../contract/methods';
import { RENDERER_ENTRY, isRendererUrl } from './rendererProtocol';

/**
 * The renderer's Content-Security-Policy: only the app's own scripts, styles and API; label colours
 * come from a constructed stylesheet, so no inline style is needed. renderer/index.html carries the
 * same policy as a meta tag (for the test host); a test keeps the two equal.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'";

/** The one window: the page sees neither Node nor the preload's scope, and runs in Chromium's sandbox. */
export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    title: 'Marginalia',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A file dropped on the window must not replace the app with that file.
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** No navigation away from the app, no embedded webviews and no new windows, for every page ever created. */
export function lockDownContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** The app needs no camera, microphone, notifications, clipboard reads or devices: every request is refused. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * Where the window loads the renderer from: the app's own protocol, or in development (not packaged)
 * the Vite dev server electron-vite names in ELECTRON_RENDERER_URL — only on this machine's loopback.
 */
export function rendererEntry(app: Pick<App, 'isPackaged'>, env: NodeJS.ProcessEnv): string {
  const devServer = env.ELECTRON_RENDERER_URL;
  if (!devServer || app.isPackaged) return RENDERER_ENTRY;
  try {
    const url = new URL(devServer);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return loopback && (url.protocol === 'http:' || url.protocol === 'https:') ? devServer : RENDERER_ENTRY;
  } catch {
    return RENDERER_ENTRY;
  }
}

/** True when an IPC call comes from the app's window showing the app's own page. */
export function isOwnWindow(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  window: Pick<BrowserWindow, 'webContents'> | null,
  entry: string,
): boolean {
  const frameUrl = event.senderFrame?.url;
  return !!window && event.sender === window.webContents && !!frameUrl && isRendererUrl(frameUrl, entry);
}

/** Registers the API on IPC; a call from any other sender is refused before its arguments are read. */
export function registerApi(
  ipcMain: Pick<IpcMain, 'handle'>,
  trusted: (event: IpcMainInvokeEvent) => boolean,
  call: (method: unknown, args: unknown) => Promise<WireReply>,
): void {
  ipcMain.handle(IPC_API_CHANNEL, (event, method: unknown, args: unknown) => {
    if (!trusted(event)) throw new Error('API call refused: it did not come from the Marginalia window');
    return call(method, args);
  });
}

/**
 * One app per user profile: a second start hands over to the running window instead of opening a
 * second writer on the same projects. Returns false when this process should quit.
 */
export function claimSingleInstance(app: App, focus: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', focus);
  return true;
}

/** Brings the window to the front, restored if it was minimised. */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}
