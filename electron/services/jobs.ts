/**
 * Long jobs (import, export) that run in the main process without blocking it: the work is split
 * into chunks that yield to the event loop, so IPC and HTTP calls (progress polls, cancel) are served
 * between them. A job's final write is one synchronous step, so a cancel either happens before it
 * (nothing changed) or not at all.
 */
import { UserError } from '../core/errors';
import type { JobPhase, JobStatus, JobKind, JobResult } from '../contract/types';

/** Thrown inside a job when the user cancelled it; the job's cleanup runs, its result is `cancelled`. */
export class JobCancelled extends Error {
  override name = 'JobCancelled';
}

/** What a job's work sees: report progress, and give the event loop (and a cancel) a turn. */
export interface JobContext {
  progress(phase: JobPhase, done: number, total: number, message?: string): void;
  /** Yields to the event loop when the current chunk has run long enough; throws JobCancelled after a cancel. */
  checkpoint(): Promise<void>;
  /** Throws JobCancelled if a cancel arrived; call right before the final, uncancellable write. */
  throwIfCancelled(): void;
}

/** A chunk runs at most this long before the event loop gets a turn. */
const CHUNK_MS = 12;
/** Finished jobs remembered for getJob, oldest dropped first. */
const KEEP_FINISHED = 20;

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A background task's next turn on an open project (the text index's catch-up, the queue read
 * ahead): after the event loop had one, and outside any other's transaction (the CLI's import
 * writes across awaits), whose writes may yet be rolled back. False once the project is closed.
 */
export async function backgroundTurn(connection: {
  open: boolean;
  inTransaction: boolean;
}): Promise<boolean> {
  await yieldToEventLoop();
  while (connection.open && connection.inTransaction) await new Promise((resolve) => setTimeout(resolve, 50));
  return connection.open;
}

/** A context for work run outside the job table (the CLI): progress goes to `onProgress`. */
export function directContext(
  onProgress: (phase: JobPhase, done: number, total: number, message?: string) => void,
  isCancelled: () => boolean = () => false,
  pauseMs = 0,
): JobContext {
  let chunkStart = performance.now();
  const throwIfCancelled = () => {
    if (isCancelled()) throw new JobCancelled('cancelled');
  };
  return {
    progress: onProgress,
    throwIfCancelled,
    async checkpoint() {
      throwIfCancelled();
      if (pauseMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
        throwIfCancelled();
        return;
      }
      if (performance.now() - chunkStart < CHUNK_MS) return;
      await yieldToEventLoop();
      chunkStart = performance.now();
      throwIfCancelled();
    },
  };
}

interface JobEntry {
  status: JobStatus;
  cancelled: boolean;
  done: Promise<void>;
}

export class JobRunner {
  private readonly jobs = new Map<string, JobEntry>();
  private nextId = 1;

  /**
   * `pauseMs` makes every checkpoint wait that long: only the end-to-end tests' host sets it, so a
   * test sees progress move and a Cancel arrive mid-job on a fast machine as on a slow one.
   */
  constructor(private readonly pauseMs = 0) {}

  /** Starts `work` after the current call returns; the returned id is for getJob and cancel. */
  start<K extends JobKind>(kind: K, work: (context: JobContext) => Promise<JobResult<K>>): string {
    const id = `${kind}-${this.nextId++}`;
    const entry: JobEntry = {
      status: {
        id,
        kind,
        state: 'running',
        phase: 'starting',
        done: 0,
        total: 0,
        message: '',
        result: null,
        error: null,
      },
      cancelled: false,
      done: Promise.resolve(),
    };
    const context = directContext(
      (phase, done, total, message = '') => {
        Object.assign(entry.status, { phase, done, total, message });
      },
      () => entry.cancelled,
      this.pauseMs,
    );
    entry.done = (async () => {
      try {
        await yieldToEventLoop();
        // Cancelled (or its project closed) before it began: it must not touch the store at all.
        context.throwIfCancelled();
        const result = await work(context);
        entry.status = { ...entry.status, state: 'done', phase: 'finished', result } as JobStatus;
      } catch (error) {
        if (error instanceof JobCancelled) {
          entry.status = { ...entry.status, state: 'cancelled', phase: 'finished', message: 'cancelled' };
        } else {
          if (!(error instanceof UserError)) console.error(`[marginalia] job ${id} failed`, error);
          entry.status = {
            ...entry.status,
            state: 'failed',
            phase: 'finished',
            error: (error as Error).message,
          };
        }
      }
    })();
    this.jobs.set(id, entry);
    this.forgetOldJobs();
    return id;
  }

  get(id: string): JobStatus {
    const entry = this.jobs.get(id);
    if (!entry) throw new UserError(`no job ${id}`);
    return { ...entry.status };
  }

  /** Asks a running job to stop at its next checkpoint; a finished job stays as it ended. */
  cancel(id: string): JobStatus {
    const entry = this.jobs.get(id);
    if (!entry) throw new UserError(`no job ${id}`);
    if (entry.status.state === 'running') entry.cancelled = true;
    return { ...entry.status };
  }

  /** Cancels every running job and waits until each has stopped (before its project closes). */
  async cancelAll(): Promise<void> {
    const running = [...this.jobs.values()].filter((e) => e.status.state === 'running');
    for (const entry of running) entry.cancelled = true;
    await Promise.all(running.map((e) => e.done));
  }

  /** Resolves when the job has finished, whatever the outcome (tests, CLI). */
  async settled(id: string): Promise<JobStatus> {
    const entry = this.jobs.get(id);
    if (!entry) throw new UserError(`no job ${id}`);
    await entry.done;
    return { ...entry.status };
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.entries()].filter(([, e]) => e.status.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id);
  }
}
