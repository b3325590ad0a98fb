/**
 * Project search through the text index gives the hits a scan of every text gives (Urdu and Arabic,
 * case, whole words, substrings, short patterns) whether the index covers the documents yet or not, keeps in step with new documents, and a search job
 * streams its hits, reports progress and keeps what it found when cancelled.
 */
import { describe, expect, it } from 'vitest';
import { contextOf, findMatches, type TextQuery } from '../core/search';
import { ProjectStore } from '../store/projectStore';
import { indexPending } from '../store/textIndex';
import { accessAs, apiCaller, projectPerTest } from './handlers.testkit';
import { JobRunner } from './jobs';
import { projectSearchHandlers } from './projectSearch';

const TEXTS = [
  'Officials said 12 people died in Kabul on Tuesday; KABUL police confirmed.',
  'کراچی میں بارش سے 5 افراد ہلاک ہو گئے، پولیس نے بتایا۔',
  'قال مسؤولون إن 12 شخصا قتلوا في الموصل.',
  'The Straße near Kervadi was closed; strasse signs were gone. Σίσυφος ΣΊΣΥΦΟΣ.',
  'Kervadis and townspeople said the peoples’ houses flooded.',
  'Flood in Ελλάδα: no one died.',
];

const files = projectPerTest('project-search', () => TEXTS.map((text, i) => row(i, text)));

const row = (i: number, text: string) => ({
  externalId: `d${i}`,
  title: `Document ${i}`,
  text,
  sha256: `h${i}-${text.length}`,
  source: {},
  newlinePolicy: 'none',
});

/** What project search answered before the index: every text read in import order. */
function scan(texts: readonly string[], query: TextQuery) {
  return texts.flatMap((text, i) =>
    findMatches(text, query, 501).map((m) => ({
      documentId: i + 1,
      title: `Document ${i}`,
      ...m,
      context: contextOf(text, m.start, m.end),
    })),
  );
}

const as = (user: string) => files.as(user);

describe('project search for a text', () => {
  const queries: TextQuery[] = [
    { pattern: 'kabul' },
    { pattern: 'KABUL', caseSensitive: true },
    { pattern: 'Kabul', caseSensitive: true },
    { pattern: 'kervadi' },
    { pattern: 'Kervadi', wholeWord: true },
    { pattern: 'people' },
    { pattern: 'people', wholeWord: true },
    { pattern: 'ople' },
    { pattern: 'بارش' },
    { pattern: 'ہلاک ہو' },
    { pattern: 'مسؤولون' },
    { pattern: 'STRASSE' },
    { pattern: 'straße' },
    { pattern: 'σίσυφος' },
    { pattern: 'ελλάδα' },
    { pattern: 'ελλαδα' },
    { pattern: '12' },
    { pattern: 'd' },
    { pattern: 'minister' },
    { pattern: '"quoted"' },
  ];
  const cases = queries.flatMap((text) => [
    { text, indexed: false },
    { text, indexed: true },
  ]);
  it.each(cases)('finds what a scan of every text finds: %j', async ({ text, indexed }) => {
    if (indexed) {
      const store = ProjectStore.open(files.path, {});
      while (indexPending(store.database, 4) > 0);
      store.close();
    }
    const project = as('olga');
    const { results, capped } = await project.call('search', { text });
    expect(capped).toBe(false);
    expect(results).toEqual(scan(TEXTS, text));
  });

  it('finds a word in a document imported after the project was opened', async () => {
    const project = as('olga');
    expect((await project.call('search', { text: { pattern: 'Peshawar' } })).results).toEqual([]);
    project.close();
    const store = ProjectStore.open(files.path, {});
    store.insertDocuments([row(9, 'Rain in Peshawar.')], null);
    store.close();
    const again = as('olga');
    expect((await again.call('search', { text: { pattern: 'peshawar' } })).results).toMatchObject([
      { documentId: 7, start: 8, end: 16 },
    ]);
  });

  it('under blind annotation finds only in the documents assigned to the annotator', async () => {
    const owner = as('olga');
    const assign = (annotator: string, documentId: number) =>
      owner.call('assignDocuments', {
        annotators: [annotator],
        perDocument: 1,
        strategy: 'round-robin',
        documents: [documentId],
      });
    await assign('ann1', 4);
    await assign('ann2', 1);
    const ann1 = as('ann1');
    const found = await ann1.call('search', { text: { pattern: 'kervadi' } });
    expect(found.results.map((r) => r.documentId)).toEqual([4]);
    expect((await ann1.call('search', { text: { pattern: 'kabul' } })).results).toEqual([]);
  });
});

describe('a search job', () => {
  const start = (pauseMs = 0) => {
    const store = ProjectStore.open(files.path, {});
    const olga = store.ensureAnnotator('olga');
    const jobs = new JobRunner(pauseMs);
    const handlers = projectSearchHandlers(
      accessAs(
        () => store,
        () => olga,
      ),
      jobs,
    );
    const api = apiCaller(() => handlers as never);
    return { store, jobs, api };
  };

  it('finds what the one-call search finds, with progress over every document', async () => {
    const { store, jobs, api } = start();
    try {
      const text = { pattern: '\\d+ (people|افراد|شخصا)', regex: true };
      const { jobId } = await api.call('startSearch', { text });
      const status = await jobs.settled(jobId);
      expect(status).toMatchObject({ state: 'done', done: 6, total: 6 });
      const hits = await api.call('searchHits', { jobId, from: 0 });
      expect(hits.results).toEqual(scan(TEXTS, text));
      expect((await api.call('searchHits', { jobId, from: 2 })).results).toEqual(hits.results.slice(2));
    } finally {
      store.close();
    }
  });

  it('stops at Cancel and keeps the hits found so far', async () => {
    const { store, jobs, api } = start(40);
    try {
      const { jobId } = await api.call('startSearch', { text: { pattern: '\\w+', regex: true } });
      let hits = await api.call('searchHits', { jobId, from: 0 });
      while (hits.results.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        hits = await api.call('searchHits', { jobId, from: 0 });
      }
      expect(hits.state).toBe('running');
      jobs.cancel(jobId);
      const status = await jobs.settled(jobId);
      expect(status.state).toBe('cancelled');
      const kept = await api.call('searchHits', { jobId, from: 0 });
      expect(kept.state).toBe('cancelled');
      expect(kept.results.length).toBeGreaterThan(0);
      expect(kept.done).toBeLessThan(6);
      expect(kept.results.every((r) => r.documentId <= kept.done + 1)).toBe(true);
    } finally {
      store.close();
    }
  });

  it('refuses a pattern RE2 cannot run in words, and starts no job', async () => {
    const { store, api } = start();
    try {
      expect(await api.refusal('startSearch', { text: { pattern: '(a)\\1', regex: true } })).toMatch(
        /^regular expressions cannot use backreferences/,
      );
      expect(await api.refusal('searchHits', { jobId: 'search-1', from: 0 })).toBe(
        'no search search-1: start the search again',
      );
    } finally {
      store.close();
    }
  });
});
