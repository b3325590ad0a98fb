/**
 * better-sqlite3 is a native addon, and Electron's ABI differs from Node's. Tests and the CLI use the
 * copy npm built for Node; the app loads a second copy built for Electron by scripts/electron-native.mjs
 * (run on install and before `npm start`), so neither has to be rebuilt to switch between them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function electronNativeBinding(appPath: string): string {
  const binding = join(appPath, 'node_modules', '.marginalia-electron', 'better_sqlite3.node');
  if (!existsSync(binding)) {
    throw new Error(`${binding} is missing: run "npm run native:electron" (npm start runs it for you)`);
  }
  return binding;
}
