/**
 * The program of the reading thread (services/placesReader.ts starts it): on a read-only connection
 * of its own, it reads the layers of the documents asked for, a page at a time, and compares them
 * (core/conflicts.ts), handing over each document's places as soon as they are made, while the
 * thread that started it writes the places before. As JSON: the writer parses it in half the time a
 * structured clone of the same objects took to read. Every message also counts up the shared signal
 * the writer waits on: it cannot take events while it holds its transaction. Where the writer has
 * not checked the file yet (ProjectStore.open, checkBeforeWriting), the thread runs SQLite's check
 * last, and the writer takes its verdict before committing. Given auto-accept's rule, it also plans
 * the documents nothing was decided in yet (autoAcceptPlan.ts), so the writer only writes.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { conflictsAmong } from '../core/conflicts';
import { UserError } from '../core/errors';
import { ProjectStore } from '../store/projectStore';
import { encodePlaces, type Place } from '../core/queuedPlaces';
import {
  noCounts,
  packRows,
  planDocument,
  planRows,
  reasonMaker,
  type AutoAcceptRule,
} from './autoAcceptPlan';
import { compareLayers, layersByPage, type ComparedDocument } from './conflictLayers';
import type { PlacesRequest, PlannedDocument, ThreadMessage } from './placesReader';
import { queueEntry } from './projectPlaces';

const { path, nativeBinding, ids, check, plan, port, signal } = workerData as PlacesRequest & {
  port: MessagePort;
};
const sent = new Int32Array(signal);

function send(message: ThreadMessage): void {
  port.postMessage(message);
  Atomics.add(sent, 0, 1);
  Atomics.notify(sent, 0);
}

/** What the writer needs of a document with nothing in gold or decided: rows, counts, queue entry. */
function plannedDocument(
  { documentId, places, annotators }: ComparedDocument,
  rule: AutoAcceptRule,
  reason: (place: Place) => string,
): PlannedDocument {
  const counts = noCounts();
  const none = new Set<string>();
  const accepted = planDocument(documentId, places, none, null, rule, counts);
  const { bulk, rest } = planRows(accepted, none, reason);
  const conflicts = conflictsAmong(places);
  return {
    documentId,
    planned: { counts, bulk: packRows(bulk), rest },
    queue: { ...queueEntry(conflicts, annotators), encodedPlaces: encodePlaces(conflicts) },
  };
}

try {
  // The writer checked the file as it opened it, or asks for the check below.
  const store = ProjectStore.open(path, { readOnly: true, checkBeforeWriting: true, nativeBinding });
  try {
    const decided = new Set(plan?.decidedDocuments);
    const reason = reasonMaker();
    for (const [documentId, layers] of layersByPage(store.database, ids)) {
      const compared = compareLayers(documentId, layers);
      // Planned here where nothing is in gold or decided yet: nearly every document of a first run.
      if (plan && !compared.goldSpans.length && !decided.has(documentId))
        send({ planned: JSON.stringify(plannedDocument(compared, plan.rule, reason)) });
      else send({ compared: JSON.stringify(compared) });
    }
    // Last, so the writer had the documents first: it needs the verdict only before it commits.
    if (check) send({ checked: store.database.checkFile() });
  } finally {
    store.close();
  }
  send({ done: true });
} catch (error) {
  send({ failed: (error as Error).message, userError: error instanceof UserError });
}
