/**
 * A second thread that reads and compares the layers of many documents (placesThread.ts) while this
 * one writes what they decide: auto-accept's pass over a project (projectPlaces.ts,
 * eachDocumentPlaces), which on one thread spent a third of its time reading and comparing.
 *
 * The writer holds one SQLite transaction for the whole pass and takes no events meanwhile, so it
 * waits on a counter the thread shares with it (Atomics.wait) and takes each message off the port
 * synchronously. The program is found beside this module: each bundle builds it beside its own
 * file (scripts/build-cli.mjs, tests/testBundles.ts, electron.vite.config.ts), and from the
 * TypeScript source (tsx, Vitest) tsx compiles it as the thread loads it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { UserError } from '../core/errors';
import type { ProjectStore } from '../store/projectStore';
import type { AutoAcceptCounts } from '../contract/review';
import type { Place } from '../core/queuedPlaces';
import type { AutoAcceptRule, PackedRows } from './autoAcceptPlan';
import { compareLayers, layersByPage, type ComparedDocument } from './conflictLayers';
import type { QueuedDocument } from './conflictQueue';

/** What the thread is started with (besides its port). */
export interface PlacesRequest {
  path: string;
  nativeBinding: string | undefined;
  /** The documents to compare, ascending. */
  ids: number[];
  /** Whether to run SQLite's check of the file after the documents (the writer's is still to come). */
  check: boolean;
  /** Auto-accept's rule, for the thread to plan the documents nothing was decided in yet. */
  plan: ThreadPlan | undefined;
  /** One Int32: how many messages the thread has sent. */
  signal: SharedArrayBuffer;
}

/** What the thread plans with: the rule, and the documents that have decisions (it plans none of those). */
export interface ThreadPlan {
  rule: AutoAcceptRule;
  decidedDocuments: number[];
}

/**
 * A document the thread compared and planned (nothing in its gold layer, no decision): the rows to
 * write (autoAcceptPlan.ts planRows), what they count, and its part of the queue, encoded.
 */
export interface PlannedDocument {
  documentId: number;
  planned: { counts: AutoAcceptCounts; bulk: PackedRows; rest: Place[] };
  queue: Omit<QueuedDocument, 'documentId' | 'title'> & { encodedPlaces: string };
}

/**
 * From the thread: each document (a ComparedDocument, or a PlannedDocument, as JSON), the check's
 * verdict if asked, then done; or what failed.
 */
export type ThreadMessage =
  | { compared: string }
  | { planned: string }
  | { checked: string }
  | { done: true }
  | { failed: string; userError: boolean };

/**
 * From this many documents to compare, a pass has them compared on the reading thread. Starting it
 * costs about what it saves at 100 and 200 documents (0.46–0.51 s and 0.69–0.71 s for an
 * auto-accept either way); at 400 it saves a tenth (1.06–1.09 s against 1.16–1.19 s).
 */
export const THREAD_FROM = 300;

/**
 * MARGINALIA_READING_THREAD: unset, the thread is used where it can start; `off`, never (all on one
 * thread, as before it existed); `on`, always, and a thread that cannot start is an error.
 */
const threadSetting = () => process.env.MARGINALIA_READING_THREAD;

/**
 * Each of `ids` (ascending) compared: on the reading thread from `threadFrom` documents, else (or
 * where the thread cannot start, or fails before its first document) on this thread. With `plan`,
 * the thread hands over the documents it could plan as PlannedDocuments.
 */
export function* comparedDocuments(
  store: ProjectStore,
  ids: number[],
  threadFrom = THREAD_FROM,
  plan?: ThreadPlan,
): Generator<ComparedDocument | PlannedDocument> {
  const thread =
    ids.length >= threadFrom || threadSetting() === 'on' ? comparedOnThread(store, ids, plan) : null;
  let first: IteratorResult<ComparedDocument | PlannedDocument> | null = null;
  try {
    first = thread?.next() ?? null;
  } catch (error) {
    // Its program did not load (a packaged app, say), or could not open the file: this thread reads.
    if (threadSetting() === 'on') throw error;
  }
  if (thread && first) {
    if (first.done) return;
    yield first.value;
    yield* thread;
    return;
  }
  if (threadSetting() === 'on')
    throw new Error('MARGINALIA_READING_THREAD=on, but the reading thread cannot start here');
  for (const [documentId, layers] of layersByPage(store.database, ids))
    yield compareLayers(documentId, layers);
}

/** Built beside a bundle (first two), or the source beside this file. */
const PROGRAM_NAMES = ['placesThread.mjs', 'placesThread.js', 'placesThread.ts'];

/** No message for this long: the thread is gone (a crash cannot be heard while this one waits). */
const STALL_MS = 60_000;

function programUrl(): URL | null {
  for (const name of PROGRAM_NAMES) {
    // A name, not a literal path: bundlers would otherwise take the URL for an asset of their own.
    const url = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/** What the thread runs first: loads the program (through tsx for the source), or says why not. */
const loaderOf = (program: URL) => `
  const ready = ${program.pathname.endsWith('.ts') ? "import('tsx/esm/api').then((tsx) => tsx.register())" : 'Promise.resolve()'};
  ready.then(() => import(${JSON.stringify(program.href)})).catch((error) => {
    const { workerData } = require('node:worker_threads');
    workerData.port.postMessage({ failed: String((error && error.message) || error), userError: false });
    const sent = new Int32Array(workerData.signal);
    Atomics.add(sent, 0, 1);
    Atomics.notify(sent, 0);
  });`;

/**
 * The places of `ids` (ascending) as the file holds them now, compared on a second thread and
 * handed over one document at a time (with `plan`, planned where nothing was decided yet); null where no thread can be started here, or where
 * MARGINALIA_READING_THREAD=off says not to (everything then runs on one thread, as before). Leaving
 * the loop early stops the thread.
 */
export function comparedOnThread(
  store: ProjectStore,
  ids: number[],
  plan?: ThreadPlan,
): Generator<ComparedDocument | PlannedDocument> | null {
  if (process.env.MARGINALIA_READING_THREAD === 'off') return null;
  const program = programUrl();
  if (!program) return null;
  const signal = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const { port1, port2 } = new MessageChannel();
  const check = store.database.checkPending;
  const { path, nativeBinding } = store;
  const request: PlacesRequest = { path, nativeBinding, ids, check, plan, signal };
  try {
    const worker = new Worker(loaderOf(program), {
      eval: true,
      workerData: { ...request, port: port2 },
      transferList: [port2],
    });
    return receive(store, worker, port1, new Int32Array(signal));
  } catch {
    port1.close();
    return null;
  }
}

function* receive(
  store: ProjectStore,
  worker: Worker,
  port: MessagePort,
  sent: Int32Array,
): Generator<ComparedDocument | PlannedDocument> {
  try {
    for (let taken = 0; ; taken++) {
      const message = next(port, sent, taken);
      if ('failed' in message)
        throw message.userError
          ? new UserError(message.failed)
          : new Error(`the reading thread failed: ${message.failed}`);
      if ('checked' in message) store.database.settleCheck(message.checked);
      else if ('done' in message) return;
      else if ('planned' in message) yield JSON.parse(message.planned) as PlannedDocument;
      else yield JSON.parse(message.compared) as ComparedDocument;
    }
  } finally {
    port.close();
    void worker.terminate();
  }
}

/** Waits until the thread has sent more than `taken` messages, and takes the next. */
function next(port: MessagePort, sent: Int32Array, taken: number): ThreadMessage {
  for (;;) {
    if (Atomics.load(sent, 0) === taken && Atomics.wait(sent, 0, taken, STALL_MS) === 'timed-out')
      throw new Error('the reading thread stopped answering');
    // Our own program's messages, typed by it (placesThread.ts).
    const received = receiveMessageOnPort(port);
    if (received) return received.message as ThreadMessage;
  }
}
