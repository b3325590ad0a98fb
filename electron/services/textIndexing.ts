/**
 * Catching the text index up (store/textIndex.ts) off the user's path: after an import job and when
 * a project opens, the documents not yet indexed are indexed a batch at a time, one short
 * transaction each, with the event loop served between batches, so a tag waits for one batch at most.
 * Search is exact meanwhile, only slower (it reads the documents not yet indexed).
 */
import type { ProjectStore } from '../store/projectStore';
import { indexPending } from '../store/textIndex';
import { backgroundTurn } from './jobs';

/**
 * Documents per batch: 0.1–0.4 ms each to index (1.5–3 KB texts; the scale bench measures it), so a
 * batch holds the write lock some 20–80 ms of CPU.
 */
export const INDEX_BATCH = 200;

const running = new WeakMap<ProjectStore, Promise<number>>();

/**
 * Indexes every pending document of `store` in the background and resolves with how many it
 * indexed; a second call while one runs joins it. It stops when the store closes, and skips a turn
 * while another write's transaction is open (the CLI's import writes across awaits).
 */
export function catchUpTextIndex(store: ProjectStore, batch = INDEX_BATCH): Promise<number> {
  const current = running.get(store);
  if (current) return current;
  const run = (async () => {
    let indexed = 0;
    try {
      while (await backgroundTurn(store.database.connection)) {
        const done = indexPending(store.database, batch);
        if (done === 0) break;
        indexed += done;
      }
      return indexed;
    } finally {
      running.delete(store);
    }
  })();
  running.set(store, run);
  return run;
}

/** Starts a catch-up nobody waits for: a failure is logged, and search stays exact without it. */
export function catchUpInBackground(store: ProjectStore): void {
  catchUpTextIndex(store).catch((error: unknown) => {
    console.error('[marginalia] the text index could not catch up', error);
  });
}
