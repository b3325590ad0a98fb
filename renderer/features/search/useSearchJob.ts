/**
 * A project search run as a job (a regular expression over a large project): its hits are read
 * page by page while it runs, with how many documents it has read, and Cancel keeps the hits so far.
 * Polling, like useJob, works the same over IPC and the test host's HTTP.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobState, SearchResult } from '../../../electron/contract/types';
import type { TextQuery } from '../../../electron/core/search';
import { api } from '../../api/client';

const POLL_MS = 100;

export interface SearchJob {
  state: JobState;
  done: number;
  total: number;
  results: SearchResult[];
  capped: boolean;
  cap: number;
}

export function useSearchJob(onError: (message: string) => void) {
  const [job, setJob] = useState<SearchJob | null>(null);
  const current = useRef<string | null>(null);

  const stop = useCallback(() => {
    const id = current.current;
    if (id) void api.cancelJob({ id }).catch(() => undefined);
  }, []);

  const start = useCallback(
    async (text: TextQuery) => {
      stop();
      const { jobId } = await api.startSearch({ text });
      current.current = jobId;
      const results: SearchResult[] = [];
      setJob({ state: 'running', done: 0, total: 0, results, capped: false, cap: 0 });
      for (;;) {
        if (current.current !== jobId) return;
        const page = await api.searchHits({ jobId, from: results.length });
        if (current.current !== jobId) return;
        results.push(...page.results);
        setJob({ ...page, results: [...results] });
        if (page.state !== 'running') return;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    [stop],
  );

  const run = useCallback(
    (text: TextQuery) =>
      start(text).catch((error: unknown) => {
        setJob(null);
        onError((error as Error).message);
      }),
    [start, onError],
  );

  /** Forgets the job (another kind of search replaced it); a running one is cancelled. */
  const clear = useCallback(() => {
    stop();
    current.current = null;
    setJob(null);
  }, [stop]);

  // A panel closed mid-search stops its job.
  useEffect(() => () => stop(), [stop]);
  return { job, run, cancel: stop, clear };
}
