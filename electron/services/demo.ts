/** The demo project a new user sees on first start: the sample articles shipped in resources/demo. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Workbench } from './workbench';
import { importTextFiles } from './importer';

/** Creates the demo project at `projectPath` from the .txt files in `articlesDir`, unless it exists. */
export function ensureDemoProject(workbench: Workbench, projectPath: string, articlesDir: string): void {
  if (existsSync(projectPath)) return;
  const store = workbench.createProject(projectPath);
  try {
    const files = readdirSync(articlesDir)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => join(articlesDir, name));
    importTextFiles(store, null, files);
  } finally {
    store.close();
  }
}
