/**
 * Follows a job the Node side runs (import, export): polls getJob until it has finished. Polling
 * works the same over IPC and over the test host's HTTP, so no event channel is needed.
 */
import { useEffect, useState } from 'react';
import type { JobStatus } from '../../../electron/contract/types';
import { api } from '../../api/client';

const POLL_MS = 100;

/** The job's latest status, or null before the first answer; stops polling once it has finished. */
export function useJob(jobId: string | null, onError: (message: string) => void): JobStatus | null {
  const [status, setStatus] = useState<JobStatus | null>(null);
  useEffect(() => {
    setStatus(null);
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api.getJob({ id: jobId });
        if (stopped) return;
        setStatus(next);
        if (next.state === 'running') timer = setTimeout(() => void poll(), POLL_MS);
      } catch (error) {
        if (!stopped) onError((error as Error).message);
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId, onError]);
  return status;
}
