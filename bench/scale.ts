/**
 * The document list and project search at team scale (issue 12): 100,000 articles of about 1,500
 * characters × 3 annotators (2 per document, blind annotation), read through the same handlers the
 * app calls: one annotator's first screen of the list (filtered by status), a word search and a
 * regular-expression search as a job.
 */
import { join } from 'node:path';
import { createProjectFile, HeadlessProject } from '../electron/services/headless';
import { searchProjectText } from '../electron/services/projectSearch';
import { catchUpTextIndex } from '../electron/services/textIndexing';
import { ProjectStore } from '../electron/store/projectStore';
import { summarize } from './report';
import { openWorkbench } from './search';

export interface ScaleFigures {
  documents: number;
  /** The whole list as one answer (what the app read before pages), for comparison. */
  fullListMs: number;
  fullListMb: number;
  firstPageMs: number;
  firstPageDoneMs: number;
  /** The background catch-up of the text index over every document (import leaves it to this). */
  indexCatchUpMs: number;
  indexCatchUpCpuMs: number;
  /** A word search before the catch-up: every document read, exact but slow. */
  searchWordUnindexedMs: number;
  searchWordMs: number;
  searchWordHits: number;
  searchMissingMs: number;
  regexFirstPageMs: number;
  regexAllMs: number;
  regexHits: number;
}

const WORDS = (
  'officials said the people were evacuated from the district after floods reached the river bank ' +
  'police reported that residents of the village had left their homes before the storm according to ' +
  'witnesses a spokesman for the provincial government confirmed casualties in several areas while ' +
  'rescue teams worked through the night ضلع میں سیلاب سے لوگ متاثر ہوئے'
).split(' ');

/** A deterministic article of about `chars` characters: words drawn by a small LCG, with figures. */
function article(seed: number, chars: number): string {
  let state = seed * 2654435761 + 1;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    const word = next() % 17 === 0 ? `${next() % 500} people` : WORDS[next() % WORDS.length]!;
    parts.push(word);
    length += word.length + 1;
  }
  return `${parts.join(' ')}.`;
}

const time = async <T>(run: () => T | Promise<T>): Promise<[number, T]> => {
  const t0 = performance.now();
  const result = await run();
  return [performance.now() - t0, result];
};

/** Median of `runs` calls. */
async function median(runs: number, run: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await time(run))[0]);
  return summarize(samples).median;
}

/** The 100,000-document project, assigned 2 per document to ann1–ann3; ann1 has done every tenth document. */
export async function buildScaleProject(dir: string, documents: number): Promise<string> {
  const path = join(dir, 'scale.marginalia');
  const store = createProjectFile(path, 'scale', {}, 'owner');
  for (let from = 0; from < documents; from += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, documents - from) }, (_, k) => {
      const i = from + k;
      return {
        externalId: `doc-${i}`,
        title: `Article ${i}`,
        // One word in one document: the search for it reads an index, not every text.
        text: i === documents - 1 ? `${article(i, 1500)} Kervadi` : article(i, 1500),
        sha256: `sha-${i}`,
        source: {},
        newlinePolicy: 'none',
      };
    });
    store.insertDocuments(batch, null);
  }
  store.close();
  const owner = HeadlessProject.open(path, 'owner', { program: 'bench' });
  try {
    await owner.call('assignDocuments', {
      annotators: ['ann1', 'ann2', 'ann3'],
      perDocument: 2,
      strategy: 'round-robin',
    });
  } finally {
    owner.close();
  }
  const done = ProjectStore.open(path, { program: 'bench' });
  try {
    done.database
      .prepare(
        `UPDATE assignment SET status = 'done' WHERE annotator_id = (SELECT id FROM annotator WHERE name = 'ann1')
       AND document_id % 10 = 0`,
      )
      .run();
  } finally {
    done.close();
  }
  return path;
}

/** A word search with the index not caught up, then the catch-up the app runs after an import, timed. */
async function catchUp(path: string) {
  const store = ProjectStore.open(path, { program: 'bench' });
  try {
    const owner = store.ensureAnnotator('owner');
    const [searchWordUnindexedMs, found] = await time(() =>
      searchProjectText(store, owner, { pattern: 'Kervadi' }),
    );
    if (found.results.length !== 1)
      throw new Error(`unindexed search found ${found.results.length} hits, not 1`);
    const cpu = process.cpuUsage();
    const [indexCatchUpMs, indexed] = await time(() => catchUpTextIndex(store));
    const used = process.cpuUsage(cpu);
    if (indexed !== documentCount(store)) throw new Error(`the catch-up indexed ${indexed} documents`);
    return { searchWordUnindexedMs, indexCatchUpMs, indexCatchUpCpuMs: (used.user + used.system) / 1000 };
  } finally {
    store.close();
  }
}

const documentCount = (store: ProjectStore) =>
  store.database.prepare<[], number>('SELECT count(*) FROM document').pluck().get()!;

export async function scaleBench(dir: string, documents: number): Promise<ScaleFigures> {
  const path = await buildScaleProject(dir, documents);
  const caughtUp = await catchUp(path);
  const workbench = await openWorkbench(dir, path, 'ann1');
  const api = workbench.handlers;
  try {
    const [fullListMs, full] = await time(() => api.listDocuments({}));
    const fullListMb = JSON.stringify(full).length / 1e6;
    const firstPageMs = await median(5, () => api.listDocumentPage({ offset: 0, limit: 100 }));
    const firstPageDoneMs = await median(5, () =>
      api.listDocumentPage({ status: 'done', offset: 0, limit: 100 }),
    );
    let searchWordHits = 0;
    const searchWordMs = await median(5, async () => {
      searchWordHits = (await api.search({ text: { pattern: 'Kervadi' } })).results.length;
    });
    const searchMissingMs = await median(5, () => api.search({ text: { pattern: 'minister' } }));
    // A regular expression as the app runs it: a job, its first hits read while it goes on.
    const regex = { pattern: '\\b4\\d\\d people\\b', regex: true };
    const t0 = performance.now();
    const { jobId } = await api.startSearch({ text: regex });
    let regexFirstPageMs = NaN;
    while (Number.isNaN(regexFirstPageMs)) {
      const { results, state } = await api.searchHits({ jobId, from: 0 });
      if (results.length > 0 || state !== 'running') regexFirstPageMs = performance.now() - t0;
      else await new Promise((resolve) => setImmediate(resolve));
    }
    await workbench.jobs.settled(jobId);
    const regexAllMs = performance.now() - t0;
    const regexHits = (await api.searchHits({ jobId, from: 0 })).results.length;
    return {
      documents,
      ...caughtUp,
      fullListMs,
      fullListMb,
      firstPageMs,
      firstPageDoneMs,
      searchWordMs,
      searchWordHits,
      searchMissingMs,
      regexFirstPageMs,
      regexAllMs,
      regexHits,
    };
  } finally {
    workbench.close();
  }
}
