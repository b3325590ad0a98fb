/**
 * `marginalia serve`: the app in a browser on this machine, for where Electron cannot run. The same
 * host as the end-to-end tests without their /test routes; the renderer asks for typed paths where
 * the app would show a native file dialog.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserError } from '../core/errors';
import { openOnStartup } from '../services/demo';
import { createWorkbench, PROJECT_EXTENSION } from '../services/workbench';
import { startHost, TypedPathDialogs } from './server';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface ServeOptions {
  /** The project to open; without one, what the app opens on start (the last project, or the demo). */
  project?: string;
  port?: number;
  /** Where settings (your name, recent projects) live; the desktop app's folder by default. */
  dataDir?: string;
  rendererDir?: string;
}

export interface Serving {
  url: string;
  project: string | null;
  stop(): Promise<void>;
}

export async function startServe(options: ServeOptions): Promise<Serving> {
  const rendererDir = options.rendererDir ?? join(ROOT, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new UserError(
      `the browser app is not built (${rendererDir} has no index.html); run \`npm run build\` in ${ROOT}, then serve again. Nothing was started.`,
    );
  const dataDir = options.dataDir ?? desktopDataDir();
  mkdirSync(dataDir, { recursive: true });
  const dialogs = new TypedPathDialogs();
  const workbench = createWorkbench({ settingsPath: join(dataDir, 'settings.json'), dialogs });
  try {
    if (options.project) workbench.openProject(resolve(options.project));
    else
      await openOnStartup(workbench, {
        projectPath: join(dataDir, `Demo${PROJECT_EXTENSION}`),
        articlesDir: join(ROOT, 'resources', 'demo'),
      });
    const host = await startHost({ workbench, dialogs, rendererDir, port: options.port });
    const session = await workbench.handlers.getSession({});
    return {
      url: host.url,
      project: session.project?.path ?? null,
      stop: async () => {
        await new Promise((done) => host.server.close(done));
        workbench.close();
      },
    };
  } catch (error) {
    workbench.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new UserError(
        `port ${options.port} is in use; choose another with --port, or 0 for any free one`,
      );
    throw error;
  }
}

/** Electron's userData folder for this app, so the browser and the desktop app share your name and recent list. */
function desktopDataDir(): string {
  const home = homedir();
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (process.env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(base, 'marginalia');
}

/** `marginalia serve`: serves until Ctrl-C or SIGTERM, after printing the address to open. */
export async function serveUntilStopped(options: ServeOptions, print: (line: string) => void): Promise<void> {
  const serving = await startServe(options);
  print(`Marginalia is serving ${serving.project ?? 'no project'} to this machine only.`);
  print('Open this address in a browser on this machine:');
  print('');
  print(`    ${serving.url}`);
  print('');
  print('The token in it lets a page use your files as you: do not share it. It changes at every start.');
  print(
    'Where the app would show a file dialog, the browser asks you to type a path. Ctrl-C stops the server.',
  );
  await new Promise<void>((stopped) => {
    process.once('SIGINT', stopped);
    process.once('SIGTERM', stopped);
  });
  await serving.stop();
}
