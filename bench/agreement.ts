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
import { GENERATOR, importGenerated, type GeneratedDocument } from './corpus';
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
 * A new project of `docs` generated documents with ann1–3's spans, written through the store's import
 * batch 500 documents at a time (one batch of 10,000 held the whole corpus and one huge transaction).
 */
export function agreementProject(dir: string, docs: number, seed: number, path: string) {
  const out = join(dir, `agreement-${docs}-${seed}.jsonl`);
  execFileSync(process.execPath, [
    GENERATOR,
    ...['--docs', String(docs), '--chars', '3000', '--seed', String(seed), '--annotators', '3', '--out', out],
  ]);
  const store = ProjectStore.create(path, 'agreement', DEFAULT_SCHEMA);
  let documents = 0;
  let spans = 0;
  let firstId = 0;
  const chunk: Annotated[] = [];
  const flush = () => {
    const written = importGenerated(
      store,
      'bench',
      chunk.splice(0).map((doc) => ({
        doc,
        spans: Object.entries(doc.annotators).flatMap(([annotator, list]) =>
          list.map((s) => ({ ...s, annotator })),
        ),
      })),
    );
    firstId ||= written.documents[0]?.id ?? 0;
    documents += written.documents.length;
    spans += Object.values(written.spansAdded).reduce((a, b) => a + b, 0);
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
