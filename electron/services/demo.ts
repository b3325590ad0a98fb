/** What opens when the app starts: the last project, or on first start the demo of sample articles. */
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

/**
 * Opens the most recent project that still exists; when there is none (first start, or every
 * recent file is gone) creates and opens the demo, so a new user sees real articles at once.
 */
export function openOnStartup(
  workbench: Workbench,
  demo: { projectPath: string; articlesDir: string },
): void {
  const recent = workbench.recentProjects().find((path) => existsSync(path));
  if (recent) {
    workbench.openProject(recent);
    return;
  }
  ensureDemoProject(workbench, demo.projectPath, demo.articlesDir);
  workbench.openProject(demo.projectPath);
}
