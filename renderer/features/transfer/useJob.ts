/**
 * Follows a job the Node side runs (import, export): polls getJob until it has finished. Polling
 * works the same over IPC and over the test host's HTTP, so no event channel is needed.
 */
import { useCallback, useEffect, useState } from 'react';
import type { JobStatus } from '../../../electron/contract/types';
import { api } from '../../api/client';
import type { Notices } from '../../ui/notices';

const POLL_MS = 100;

/** A job as a dialog shows it: its latest status (null before the first answer), and whether it still runs. */
export interface FollowedJob {
  status: JobStatus | null;
  running: boolean;
}

/** Polls the job until it has finished; a failed poll is shown as an error notice. */
export function useJob(jobId: string | null, show: Notices['show']): FollowedJob {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const onError = useCallback((message: string) => show('error', message), [show]);
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
  return { status, running: status?.state === 'running' || (jobId !== null && status === null) };
}
