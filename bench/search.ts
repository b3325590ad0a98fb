/**
 * Project search through the workbench's search handler (what Ctrl+Shift+F runs): a word, a
 * regular expression, and patterns that backtrack exponentially in a backtracking engine, which RE2
 * answers in time linear in the text.
 */
import { join } from 'node:path';
import { createWorkbench } from '../electron/services/workbench';
import { buildProject, type GeneratedDocument } from './corpus';
import { summarize } from './report';

export const SEARCH_QUERIES = {
  // Found in no generated document: every text is read, the worst case of a word search.
  'word-no-match': { pattern: 'minister' },
  regex: { pattern: '\\b\\d+ (people|killed)\\b', regex: true },
  'nested-plus': { pattern: '(a+)+$', regex: true },
  'word-runs': { pattern: '^(\\w+\\s?)+$', regex: true },
} as const;

export interface SearchFigure {
  medianMs: number;
  maxMs: number;
  results: number;
}

/** A workbench with the project at `path` open as `user`, as the app holds it (dialogs refused). */
export async function openWorkbench(dir: string, path: string, user: string) {
  const refuse = async () => null;
  const workbench = createWorkbench({
    settingsPath: join(dir, `${user}-settings.json`),
    dialogs: {
      chooseNewProjectPath: refuse,
      chooseProjectPath: refuse,
      chooseImportPaths: refuse,
      chooseExportPath: refuse,
      choosePackagePath: refuse,
      choosePackagesToMerge: refuse,
    },
  });
  await workbench.handlers.setUserName({ name: user });
  workbench.openProject(path);
  return workbench;
}

/** Median and worst time of each query over a project of `documents`, `runs` times each. */
export async function projectSearch(
  dir: string,
  documents: readonly GeneratedDocument[],
  runs: number,
): Promise<Record<keyof typeof SEARCH_QUERIES, SearchFigure>> {
  const { path } = buildProject(join(dir, 'search.marginalia'), 'bench', documents, 0);
  const workbench = await openWorkbench(dir, path, 'bench');
  try {
    const figures = {} as Record<keyof typeof SEARCH_QUERIES, SearchFigure>;
    for (const [name, text] of Object.entries(SEARCH_QUERIES) as [
      keyof typeof SEARCH_QUERIES,
      { pattern: string },
    ][]) {
      const samples: number[] = [];
      let results = 0;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        results = (await workbench.handlers.search({ text })).results.length;
        samples.push(performance.now() - t0);
      }
      const { median, max } = summarize(samples);
      figures[name] = { medianMs: median, maxMs: max, results };
    }
    return figures;
  } finally {
    workbench.close();
  }
}
