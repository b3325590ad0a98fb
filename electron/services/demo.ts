/** What opens when the app starts: the last project, or on first start the demo of sample articles. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Workbench } from './workbench';
import { runImport } from './importer';
import { directContext } from './jobs';

/** Creates the demo project at `projectPath` from the .txt files in `articlesDir`, unless it exists. */
export async function ensureDemoProject(
  workbench: Workbench,
  projectPath: string,
  articlesDir: string,
): Promise<void> {
  if (existsSync(projectPath)) return;
  const store = workbench.createProject(projectPath);
  try {
    const files = readdirSync(articlesDir)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => join(articlesDir, name));
    const report = await runImport(
      store,
      { paths: files, format: 'txt', localUser: 'demo', importerId: null },
      directContext(() => {}),
    );
    if (!report.written)
      throw new Error(`the demo articles did not import: ${JSON.stringify(report.problems)}`);
  } finally {
    store.close();
  }
}

/**
 * Opens the most recent project that still exists; when there is none (first start, or every
 * recent file is gone) creates and opens the demo, so a new user sees real articles at once.
 */
export async function openOnStartup(
  workbench: Workbench,
  demo: { projectPath: string; articlesDir: string },
): Promise<void> {
  const recent = workbench.recentProjects().find((path) => existsSync(path));
  if (recent) {
    workbench.openProject(recent);
    return;
  }
  await ensureDemoProject(workbench, demo.projectPath, demo.articlesDir);
  workbench.openProject(demo.projectPath);
}
