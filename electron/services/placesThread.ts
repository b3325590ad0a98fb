/**
 * The program of the reading thread (services/placesReader.ts starts it): on a read-only connection
 * of its own, it reads the layers of the documents asked for, a page at a time, and compares them
 * (core/conflicts.ts), handing over each document's places as soon as they are made, while the
 * thread that started it writes the places before. As JSON: the writer parses it in half the time a
 * structured clone of the same objects took to read. Every message also counts up the shared signal
 * the writer waits on: it cannot take events while it holds its transaction. Where the writer has
 * not checked the file yet (ProjectStore.open, checkBeforeWriting), the thread runs SQLite's check
 * last, and the writer takes its verdict before committing.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { UserError } from '../core/errors';
import { ProjectStore } from '../store/projectStore';
import { compareLayers, layersByPage } from './conflictLayers';
import type { PlacesRequest, ThreadMessage } from './placesReader';

const { path, nativeBinding, ids, check, port, signal } = workerData as PlacesRequest & { port: MessagePort };
const sent = new Int32Array(signal);

function send(message: ThreadMessage): void {
  port.postMessage(message);
  Atomics.add(sent, 0, 1);
  Atomics.notify(sent, 0);
}

try {
  // The writer checked the file as it opened it, or asks for the check below.
  const store = ProjectStore.open(path, { readOnly: true, checkBeforeWriting: true, nativeBinding });
  try {
    for (const [documentId, layers] of layersByPage(store.database, ids))
      send({ compared: JSON.stringify(compareLayers(documentId, layers)) });
    // Last, so the writer had the documents first: it needs the verdict only before it commits.
    if (check) send({ checked: store.database.checkFile() });
  } finally {
    store.close();
  }
  send({ done: true });
} catch (error) {
  send({ failed: (error as Error).message, userError: error instanceof UserError });
}
