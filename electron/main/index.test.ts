/**
 * The main process as it starts, against a stand-in `electron` module: security.test.ts checks each
 * hardening function, this checks that index.ts wires every one of them in (and in the right order).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_API_CHANNEL, IPC_MENU_CHANNEL } from '../contract/methods';

type Listener = (...args: unknown[]) => unknown;
interface MenuItem {
  label?: string;
  submenu?: MenuItem[];
  click?: () => void;
}

/** Everything the stand-in records; reset before each start. */
const fake = vi.hoisted(() => {
  const state = {
    log: [] as string[],
    lockGranted: true,
    userData: '',
    ready: () => {},
    appListeners: new Map<string, Listener[]>(),
    windows: [] as {
      options: { webPreferences?: Record<string, unknown> };
      loaded: string[];
      sent: unknown[][];
      webContents: unknown;
    }[],
    ipc: new Map<string, Listener>(),
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, Listener>(),
    menu: [] as unknown[],
    errors: [] as string[],
    reset() {
      state.log = [];
      state.lockGranted = true;
      state.appListeners = new Map();
      state.windows = [];
      state.ipc = new Map();
      state.permissionRequest = state.permissionCheck = null;
      state.schemes = [];
      state.protocolHandlers = new Map();
      state.menu = [];
      state.errors = [];
    },
  };
  return state;
});

vi.mock('./nativeBinding', () => ({ electronNativeBinding: () => undefined }));

vi.mock('electron', () => {
  class BrowserWindow {
    readonly record;
    readonly webContents;
    constructor(options: { webPreferences?: Record<string, unknown> }) {
      const sent: unknown[][] = [];
      this.webContents = { send: (...args: unknown[]) => sent.push(args) };
      this.record = { options, loaded: [] as string[], sent, webContents: this.webContents };
      fake.windows.push(this.record);
      fake.log.push('window');
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
  }
  const app = {
    isPackaged: true,
    setPath: (name: string, path: string) => {
      if (name === 'userData') fake.userData = path;
    },
    getPath: () => fake.userData,
    getAppPath: () => join(import.meta.dirname, '../..'),
    requestSingleInstanceLock: () => {
      fake.log.push('lock');
      return fake.lockGranted;
    },
    quit: () => fake.log.push('quit'),
    on: (name: string, listener: Listener) => {
      fake.appListeners.set(name, [...(fake.appListeners.get(name) ?? []), listener]);
    },
    whenReady: () =>
      new Promise<void>((resolve) => {
        fake.ready = () => {
          fake.log.push('ready');
          resolve();
        };
      }),
  };
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (_title: string, message: string) => fake.errors.push(message) },
    ipcMain: { handle: (channel: string, handler: Listener) => fake.ipc.set(channel, handler) },
    Menu: {
      buildFromTemplate: (template: unknown[]) => template,
      setApplicationMenu: (menu: unknown[]) => (fake.menu = menu),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        fake.log.push('scheme');
        fake.schemes.push(...schemes);
      },
      handle: (scheme: string, handler: Listener) => fake.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (fake.permissionRequest = h),
        setPermissionCheckHandler: (h: Listener) => (fake.permissionCheck = h),
        setDevicePermissionHandler: () => {},
      },
    },
  };
});

let dir: string;
const savedEnv = { ...process.env };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-main-'));
  fake.reset();
  vi.resetModules();
  process.env.MARGINALIA_USER_DATA = dir;
  // Set as electron-vite's dev mode would: the packaged app must not follow it.
  process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
});

afterEach(() => {
  for (const listener of fake.appListeners.get('window-all-closed') ?? []) listener();
  process.env = { ...savedEnv };
  rmSync(dir, { recursive: true, force: true });
});

/** Imports index.ts as Electron would run it, lets the app become ready, and waits for its window. */
async function start() {
  await import('./index');
  fake.ready();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  return fake.windows[0]!;
}

describe('the main process at start', () => {
  it('registers its scheme and takes the single-instance lock before the app is ready', async () => {
    await start();
    expect(fake.log.slice(0, 3)).toEqual(['scheme', 'lock', 'ready']);
    expect(fake.schemes).toEqual([
      { scheme: 'marginalia', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.appListeners.has('second-instance')).toBe(true);
  });

  it('opens a sandboxed, isolated window on its own protocol, ignoring ELECTRON_RENDERER_URL when packaged', async () => {
    const window = await start();
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: expect.stringMatching(/preload[/\\]index\.cjs$/),
    });
    expect(window.loaded).toEqual(['marginalia://app/index.html']);
    expect([...fake.protocolHandlers.keys()]).toEqual(['marginalia']);
    expect(fake.errors).toEqual([]);
  });

  it('denies permissions and locks down every page it creates', async () => {
    await start();
    const callback = vi.fn();
    fake.permissionRequest!({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.permissionCheck!({}, 'clipboard-read', 'marginalia://app', {})).toBe(false);
    expect(fake.appListeners.has('web-contents-created')).toBe(true);
  });

  it('answers API calls only from its window, and refuses a path sent with one', async () => {
    const window = await start();
    const api = fake.ipc.get(IPC_API_CHANNEL)!;
    const own = { sender: window.webContents, senderFrame: { url: 'marginalia://app/index.html' } };
    expect(await api(own, 'getSession', {})).toMatchObject({ ok: true, result: { user: null } });
    expect(() => api({ ...own, sender: {} }, 'getSession', {})).toThrow(/refused/);
    expect(await api(own, 'openProject', { path: join(dir, 'Demo.marginalia') })).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });
    expect(window.sent).toEqual([]);
  });

  it('sends an Open Recent click to the window as a handle, not a path', async () => {
    const window = await start();
    const file = fake.menu[0] as MenuItem;
    const recent = file.submenu!.find((item) => item.label === 'Open Recent')!.submenu!;
    expect(recent.map((item) => item.label)).toEqual([join(dir, 'Demo.marginalia')]);
    recent[0]!.click!();
    const [[channel, command]] = window.sent as [[string, { command: string; recent: string }]];
    expect(channel).toBe(IPC_MENU_CHANNEL);
    expect(command.command).toBe('openProject');
    expect(command.recent).not.toContain(dir);
  });

  it('quits at once when another instance holds the lock, and opens no window', async () => {
    fake.lockGranted = false;
    await import('./index');
    expect(fake.log).toEqual(['scheme', 'lock', 'quit']);
    expect(fake.windows).toEqual([]);
  });
});
