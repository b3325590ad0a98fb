/**
 * Agreement over a generated project of N documents × 3 annotators (the corpus generator's ann1–3,
 * gold left out): every figure computed from nothing, then again after one edit (only the edited
 * document is recomputed; the rest comes from the cache, as when the Agreement view reopens).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCHEMA } from '../electron/core/schema';
import { computeAgreement } from '../electron/services/agreement';
import { ProjectStore } from '../electron/store/projectStore';
import { generatedRow, GENERATOR, type GeneratedDocument } from './corpus';
import { progress } from './report';

type Annotated = GeneratedDocument & {
  annotators: Record<string, { start: number; end: number; label: string }[]>;
};

export interface AgreementFigure {
  documents: number;
  spans: number;
  /** Generating and importing the corpus, which is not what the budget is about. */
  setupMs: number;
  coldMs: number;
  /** CPU time of the cold computation: on a shared, loaded machine the wall clock says little. */
  coldCpuMs: number;
  afterEditMs: number;
  recomputed: number;
}

/** Lines of a JSONL file, read a megabyte at a time: the 10,000-document file is over 400 MB. */
function* jsonLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    let rest = '';
    for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0;) {
      const lines = (rest + buffer.toString('utf8', 0, read)).split('\n');
      rest = lines.pop()!;
      yield* lines.filter((line) => line.trim() !== '');
    }
    if (rest.trim() !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}

/**
 * A new project of `docs` generated documents with ann1–3's spans. Documents go in through the store
 * (500 at a time); spans through one plain INSERT each on the store's own connection, without the
 * event row and JSON an import writes for every span: the import batch took 16 s for 1,000
 * documents (386,000 spans) on a loaded machine, so 10,000 would have taken minutes. Agreement reads
 * only the span rows, which are the same either way.
 */
export function agreementProject(dir: string, docs: number, seed: number, path: string) {
  const out = join(dir, `agreement-${docs}-${seed}.jsonl`);
  execFileSync(process.execPath, [
    GENERATOR,
    ...['--docs', String(docs), '--chars', '3000', '--seed', String(seed), '--annotators', '3', '--out', out],
  ]);
  const store = ProjectStore.create(path, 'agreement', DEFAULT_SCHEMA);
  const db = store.database;
  const importer = store.ensureAnnotator('bench');
  const annotators = new Map<string, number>();
  const labels = new Map(
    db
      .prepare<[], { id: number; key: string }>('SELECT id, key FROM label')
      .all()
      .map((l) => [l.key, l.id]),
  );
  const insert = db.prepare(
    `INSERT INTO span (uid, document_id, annotator_id, label_id, start, "end", origin, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'imported', ?, ?)`,
  );
  const at = new Date().toISOString();
  let documents = 0;
  let spans = 0;
  let firstId = 0;
  const chunk: Annotated[] = [];
  const flush = () => {
    const batch = chunk.splice(0);
    const { inserted } = store.insertDocuments(batch.map(generatedRow), importer);
    db.connection.transaction(() => {
      for (const { index, id } of inserted)
        for (const [name, list] of Object.entries(batch[index]!.annotators)) {
          let annotator = annotators.get(name);
          if (annotator === undefined) annotators.set(name, (annotator = store.ensureAnnotator(name)));
          // An import skips a span its annotator already has there; so does this.
          const seen = new Set<string>();
          for (const s of list) {
            const key = `${s.label} ${s.start} ${s.end}`;
            if (seen.has(key)) continue;
            seen.add(key);
            insert.run(`bench-${++spans}`, id, annotator, labels.get(s.label)!, s.start, s.end, at, at);
          }
        }
    })();
    firstId ||= inserted[0]?.id ?? 0;
    documents += inserted.length;
  };
  try {
    for (const line of jsonLines(out)) {
      chunk.push(JSON.parse(line) as Annotated);
      if (chunk.length === 500) flush();
    }
    if (chunk.length) flush();
  } finally {
    store.close();
  }
  return { documents, spans, firstId };
}

/** Builds the project, then times a full computation and one after a single edit. */
export function agreementBench(dir: string, docs: number, seed: number): AgreementFigure {
  const setup0 = performance.now();
  const path = join(dir, `agreement-${docs}.marginalia`);
  const built = agreementProject(dir, docs, seed, path);
  const setupMs = performance.now() - setup0;
  progress(
    `agreement-${docs}: ${built.documents} documents, ${built.spans} spans in ${(setupMs / 1000).toFixed(1)} s; computing every figure`,
  );
  const store = ProjectStore.open(path);
  try {
    let t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const cold = computeAgreement(store, { gold: false }, (done, total) => {
      if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0)
        progress(`agreement-${docs}: ${done} of ${total} documents`);
    });
    const coldMs = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    const coldCpuMs = (used.user + used.system) / 1000;
    store.addSpan(store.ensureAnnotator('ann1'), built.firstId, { label: 'Hedge', start: 0, end: 1 });
    t0 = performance.now();
    const warm = computeAgreement(store, { gold: false });
    const afterEditMs = performance.now() - t0;
    if (cold.per_document.length !== warm.per_document.length)
      throw new Error('agreement: documents differ after an edit');
    return {
      documents: built.documents,
      spans: built.spans,
      setupMs,
      coldMs,
      coldCpuMs,
      afterEditMs,
      recomputed: warm.computed,
    };
  } finally {
    store.close();
  }
}
