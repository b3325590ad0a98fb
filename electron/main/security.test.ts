/**
 * The main process's hardening, exercised against stand-ins for Electron's objects: the binary is not
 * installed where these tests run, and the packaged-app test (tests/electron) is skipped there.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type {
  App,
  BrowserWindow,
  IpcMain,
  IpcMainInvokeEvent,
  Protocol,
  Session,
  WebContents,
} from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireReply } from '../contract/dispatch';
import { IPC_API_CHANNEL } from '../contract/methods';
import { RENDERER_ENTRY, registerRendererScheme, rendererFile, serveRenderer } from './rendererProtocol';
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

type Listener = (...args: unknown[]) => unknown;

/** An event emitter with only `on`, recording listeners by event name. */
class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? []) listener(...args);
  }
}

class FakeApp extends Emitter {
  isPackaged = false;
  lockGranted = true;
  quit = vi.fn();
  requestSingleInstanceLock = () => this.lockGranted;
}

class FakeContents extends Emitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

const asApp = (app: FakeApp) => app as unknown as App;

/** Fires an event the way webContents does and says whether a listener prevented it. */
function prevented(contents: FakeContents, name: string): boolean {
  const event = { preventDefault: vi.fn() };
  contents.emit(name, event, 'https://example.com/');
  return event.preventDefault.mock.calls.length > 0;
}

describe('the window', () => {
  it('isolates the page from Node and the preload, in the sandbox, with no webviews', () => {
    const options = windowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('refuses navigation, webviews and window.open in every page the app creates', () => {
    const app = new FakeApp();
    lockDownContents(asApp(app));
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(prevented(contents, 'will-navigate')).toBe(true);
    expect(prevented(contents, 'will-attach-webview')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('brings the running window forward, restored, when the app is started again', () => {
    const app = new FakeApp();
    const window = { isMinimized: () => true, restore: vi.fn(), focus: vi.fn() };
    expect(claimSingleInstance(asApp(app), () => focusWindow(window as unknown as BrowserWindow))).toBe(true);
    app.emit('second-instance', {}, ['marginalia'], '/');
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('quits a second start that does not get the single-instance lock, opening nothing', () => {
    const app = new FakeApp();
    app.lockGranted = false;
    expect(claimSingleInstance(asApp(app), () => {})).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.listeners.has('second-instance')).toBe(false);
  });
});

describe('permissions', () => {
  const PERMISSIONS = [
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'fileSystem',
  ];

  it('denies every permission request and check, and every device', () => {
    const handlers: Record<string, Listener> = {};
    const session = {
      setPermissionRequestHandler: (h: Listener) => (handlers.request = h),
      setPermissionCheckHandler: (h: Listener) => (handlers.check = h),
      setDevicePermissionHandler: (h: Listener) => (handlers.device = h),
    };
    denyAllPermissions(session as unknown as Session);
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      handlers.request!({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(handlers.check!({}, permission, 'marginalia://app', {}), permission).toBe(false);
    }
    expect(handlers.device!({ deviceType: 'usb', origin: 'marginalia://app' })).toBe(false);
  });
});

describe('where the renderer comes from', () => {
  it('ignores ELECTRON_RENDERER_URL in the packaged app', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(rendererEntry({ isPackaged: true }, env)).toBe(RENDERER_ENTRY);
    expect(rendererEntry({ isPackaged: false }, env)).toBe('http://localhost:5173/');
    expect(rendererEntry({ isPackaged: false }, {})).toBe('marginalia://app/index.html');
  });

  it('ignores an ELECTRON_RENDERER_URL that is not on this machine, even in development', () => {
    for (const url of ['https://evil.example/', 'file:///tmp/index.html', 'not a url'])
      expect(rendererEntry({ isPackaged: false }, { ELECTRON_RENDERER_URL: url }), url).toBe(RENDERER_ENTRY);
  });

  it('registers its scheme as standard and secure (before the app is ready, in index.ts)', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerRendererScheme({ registerSchemesAsPrivileged } as unknown as Protocol);
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'marginalia', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });
});

describe('the renderer protocol', () => {
  let root: string;
  let outside: string;
  let handler: (request: { url: string }) => Promise<Response>;

  beforeEach(() => {
    outside = mkdtempSync(join(tmpdir(), 'marginalia-protocol-'));
    root = join(outside, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Marginalia</title>');
    writeFileSync(join(root, 'assets', 'main.js'), 'export {};');
    writeFileSync(join(outside, 'secret.txt'), 'the user’s private notes');
    const protocol = {
      handle: (_scheme: string, h: typeof handler) => (handler = h),
    };
    serveRenderer(protocol as unknown as Protocol, root, CONTENT_SECURITY_POLICY);
  });
  afterEach(() => rmSync(outside, { recursive: true, force: true }));

  it('serves the built renderer with its type and the CSP as a header', async () => {
    const page = await handler({ url: 'marginalia://app/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Marginalia</title>');
    const script = await handler({ url: 'marginalia://app/assets/main.js' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'marginalia://app/../secret.txt',
    'marginalia://app/%2e%2e/secret.txt',
    'marginalia://app/..%2fsecret.txt',
    'marginalia://app/assets/..%2f..%2fsecret.txt',
    'marginalia://app/%2fsecret.txt/..%5c..%5csecret.txt',
    'marginalia://elsewhere/index.html',
    'marginalia://app/missing.js',
  ])('refuses %s with a 404 and reads nothing outside the renderer folder', async (url) => {
    const response = await handler({ url });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('private');
  });

  it('refuses an absolute path smuggled in encoded', async () => {
    const response = await handler({
      url: `marginalia://app/${encodeURIComponent(join(outside, 'secret.txt'))}`,
    });
    expect(response.status).toBe(404);
  });

  it('maps only URLs under the renderer folder to files', () => {
    expect(rendererFile(root, 'marginalia://app/')).toBe(resolve(root, 'index.html'));
    // The URL parser already folds an encoded dot segment; an encoded slash is decoded and caught here.
    expect(rendererFile(root, 'marginalia://app/%2e%2e/secret.txt')).toBe(resolve(root, 'secret.txt'));
    expect(rendererFile(root, 'marginalia://app/..%2fsecret.txt')).toBeNull();
    expect(rendererFile(root, 'file:///etc/passwd')).toBeNull();
  });
});

describe('the Content-Security-Policy', () => {
  it('allows only the app’s own scripts and styles, and renderer/index.html states the same policy', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    const html = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('the IPC sender check', () => {
  const ownContents = {} as WebContents;
  const window = { webContents: ownContents } as BrowserWindow;
  const event = (sender: WebContents, url: string | null) =>
    ({ sender, senderFrame: url === null ? null : { url } }) as unknown as IpcMainInvokeEvent;

  function registered(windowNow: BrowserWindow | null, entry = RENDERER_ENTRY) {
    let invoke: Listener | undefined;
    const ipcMain = {
      handle: (channel: string, handler: Listener) => {
        expect(channel).toBe(IPC_API_CHANNEL);
        invoke = handler;
      },
    };
    const call = vi.fn(async (): Promise<WireReply> => ({ ok: true, result: 'done' }));
    registerApi(ipcMain as unknown as IpcMain, (e) => isOwnWindow(e, windowNow, entry), call);
    return { invoke: (e: IpcMainInvokeEvent) => invoke!(e, 'openProject', {}), call };
  }

  it('runs a call from the app’s window showing the app’s page', async () => {
    const { invoke, call } = registered(window);
    expect(await invoke(event(ownContents, 'marginalia://app/index.html'))).toEqual({
      ok: true,
      result: 'done',
    });
    expect(call).toHaveBeenCalledWith('openProject', {});
  });

  it.each([
    ['another window', event({} as WebContents, 'marginalia://app/index.html')],
    ['the window showing another site', event(ownContents, 'https://evil.example/')],
    ['the window showing a local file', event(ownContents, 'file:///tmp/index.html')],
    ['a page of another scheme on the same host name', event(ownContents, 'http://app/index.html')],
    ['a page of the app’s scheme on another host', event(ownContents, 'marginalia://elsewhere/index.html')],
    ['a frame already gone', event(ownContents, null)],
  ])('refuses a call from %s without running it', async (_name, from) => {
    const { invoke, call } = registered(window);
    expect(() => invoke(from)).toThrow('API call refused: it did not come from the Marginalia window');
    expect(call).not.toHaveBeenCalled();
  });

  it('refuses calls before the window exists', () => {
    const { invoke, call } = registered(null);
    expect(() => invoke(event(ownContents, 'marginalia://app/index.html'))).toThrow(/refused/);
    expect(call).not.toHaveBeenCalled();
  });

  it('accepts the development server’s page only when that is the entry', async () => {
    const dev = registered(window, 'http://localhost:5173/');
    await dev.invoke(event(ownContents, 'http://localhost:5173/index.html'));
    expect(dev.call).toHaveBeenCalledOnce();
    const packaged = registered(window);
    expect(() => packaged.invoke(event(ownContents, 'http://localhost:5173/index.html'))).toThrow(/refused/);
  });
});
