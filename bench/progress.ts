/**
 * The progress dashboard at team scale (issue 12): 100,000 documents × 3 annotators, 2 per document
 * (assigned as bench/assignment.ts does, through the handler), each annotator with three spans and
 * an event per span on two thirds of their documents, spread over working days, a third of those
 * done. Times the service call the Progress screen and `marginalia progress` make, cold and again.
 * Spans, events and statuses go in with plain INSERTs on the store's connection (an edit per span
 * through the API would take an hour here); the dashboard reads only those rows.
 */
import { join } from 'node:path';
import { createProjectFile, HeadlessProject } from '../electron/services/headless';
import { ProjectStore } from '../electron/store/projectStore';
import { progress } from './report';

export interface ProgressFigures {
  documents: number;
  spans: number;
  events: number;
  setupMs: number;
  coldMs: number;
  /** CPU time of the cold call: on a shared, loaded machine the wall clock says little. */
  coldCpuMs: number;
  /** Median of the calls after the first, nothing changed between them (the screen opened again). */
  warmMs: number;
  /**
   * The call after one new tag, the first in its document (its status changes, so statuses are
   * added up again); only the new event is read into the sessions.
   */
  afterEditMs: number;
  afterEditCpuMs: number;
  /** The call after a second tag in that document: no status changed. */
  afterTagMs: number;
  afterTagCpuMs: number;
  /** The report's size as JSON, what the screen receives. */
  bytes: number;
}

export async function progressAtScale(dir: string, documents: number, runs = 5): Promise<ProgressFigures> {
  const t0 = performance.now();
  const path = join(dir, 'progress.marginalia');
  const { spans, events } = await buildProgressProject(path, documents);
  const setupMs = performance.now() - t0;
  progress(
    `progress-100k: ${documents} documents, ${spans} spans, ${events} events in ${(setupMs / 1000).toFixed(1)} s`,
  );
  return { documents, spans, events, setupMs, ...(await timeProgress(path, runs)) };
}

/** The project the figures are read from, written at `path`: how many spans and events it holds. */
export async function buildProgressProject(
  path: string,
  documents: number,
): Promise<{ spans: number; events: number }> {
  const created = createProjectFile(path, 'progress', {}, 'owner');
  created.insertDocuments(
    Array.from({ length: documents }, (_, i) => ({
      externalId: `doc-${i}`,
      title: `Article ${i}`,
      text: `Officials said ${i} people were evacuated from the flooded district.`,
      sha256: `sha-${i}`,
      source: {},
      newlinePolicy: 'none',
    })),
    null,
  );
  created.close();
  const owner = HeadlessProject.open(path, 'owner', { program: 'bench' });
  await owner.call('assignDocuments', {
    annotators: ['ann1', 'ann2', 'ann3'],
    perDocument: 2,
    strategy: 'round-robin',
  });
  owner.close();

  const store = ProjectStore.open(path);
  let spans = 0;
  let events = 0;
  try {
    const db = store.database;
    const labels = db.prepare<[], { id: number }>('SELECT id FROM label ORDER BY position').all();
    const rows = db
      .prepare<[], { documentId: number; annotatorId: number; uid: string }>(
        `SELECT s.document_id AS documentId, s.annotator_id AS annotatorId, a.uid
         FROM assignment s JOIN annotator a ON a.id = s.annotator_id WHERE s.assigned = 1 ORDER BY s.document_id`,
      )
      .all();
    const span = db.prepare(
      `INSERT INTO span (document_id, annotator_id, label_id, start, "end", created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const event = db.prepare(
      `INSERT INTO event (at, annotator_id, document_id, op, entity, entity_id, action, layer)
       VALUES (?, ?, ?, 'add', 'span', ?, ?, ?)`,
    );
    const status = db.prepare(
      `UPDATE assignment SET status = ?, started_at = ? WHERE document_id = ? AND annotator_id = ?`,
    );
    // Each annotator's clock: about 40 s between tags, a break now and then.
    const clocks = new Map<number, number>();
    db.connection.transaction(() => {
      rows.forEach((row, i) => {
        if (i % 3 === 2) return;
        let clock = clocks.get(row.annotatorId) ?? Date.UTC(2026, 10, 1, 8);
        for (let k = 0; k < 3; k++) {
          clock += (i + k) % 50 === 0 ? 20 * 60_000 : 40_000;
          const at = new Date(clock).toISOString();
          const id = Number(
            span.run(row.documentId, row.annotatorId, labels[k]!.id, k * 10, k * 10 + 8, at, at)
              .lastInsertRowid,
          );
          event.run(at, row.annotatorId, row.documentId, id, ++events, `annotator:${row.uid}`);
          spans++;
        }
        clocks.set(row.annotatorId, clock);
        status.run(
          i % 3 === 0 ? 'done' : 'in_progress',
          new Date(clock).toISOString(),
          row.documentId,
          row.annotatorId,
        );
      });
    })();
  } finally {
    store.close();
  }
  return { spans, events };
}

/** Times the calls on a project `buildProgressProject` wrote (opened afresh, so the first is cold). */
export async function timeProgress(
  path: string,
  runs = 5,
): Promise<Omit<ProgressFigures, 'documents' | 'spans' | 'events' | 'setupMs'>> {
  const project = HeadlessProject.open(path, 'owner', { program: 'bench' });
  /** One read of the first page: its wall and CPU time, and the report's size as JSON. */
  const read = async () => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const report = await project.call('getProgress', { offset: 0, limit: 50 });
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000, bytes: JSON.stringify(report).length };
  };
  try {
    const reads = [];
    for (let i = 0; i < runs; i++) reads.push(await read());
    const warm = reads
      .slice(1)
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    await project.call('addSpan', { documentId: 1, start: 0, end: 9, label: 'Claim' });
    const edit = await read();
    await project.call('addSpan', { documentId: 1, start: 15, end: 20, label: 'Claim' });
    const tag = await read();
    return {
      coldMs: reads[0]!.ms,
      coldCpuMs: reads[0]!.cpuMs,
      warmMs: warm[Math.floor(warm.length / 2)]!,
      afterEditMs: edit.ms,
      afterEditCpuMs: edit.cpuMs,
      afterTagMs: tag.ms,
      afterTagCpuMs: tag.cpuMs,
      bytes: reads[0]!.bytes,
    };
  } finally {
    project.close();
  }
}
