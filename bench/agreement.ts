/**
 * Agreement over a generated project of N documents × 3 annotators (the corpus generator's ann1–3,
 * gold left out): every figure computed from nothing, then again after one edit (only the edited
 * document is recomputed; the rest comes from the cache, as when the Agreement view reopens).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
  coldMs: number;
  /** CPU time of the cold computation: on a shared, loaded machine the wall clock says little. */
  coldCpuMs: number;
  afterEditMs: number;
  recomputed: number;
}

/** Builds the project, then times a full computation and one after a single edit. */
export function agreementBench(dir: string, docs: number, seed: number): AgreementFigure {
  const out = join(dir, `agreement-${docs}-${seed}.jsonl`);
  execFileSync(process.execPath, [
    GENERATOR,
    ...['--docs', String(docs), '--chars', '3000', '--seed', String(seed), '--annotators', '3', '--out', out],
  ]);
  const documents = readFileSync(out, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Annotated);
  const store = ProjectStore.create(join(dir, `agreement-${docs}.marginalia`), 'agreement', DEFAULT_SCHEMA);
  try {
    const written = importGenerated(
      store,
      'bench',
      documents.map((doc) => ({
        doc,
        spans: Object.entries(doc.annotators).flatMap(([annotator, spans]) =>
          spans.map((s) => ({ ...s, annotator })),
        ),
      })),
    );
    const spans = Object.values(written.spansAdded).reduce((a, b) => a + b, 0);
    progress(
      `agreement-${docs}: ${written.documents.length} documents, ${spans} spans; computing every figure`,
    );
    let t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const cold = computeAgreement(store, { gold: false }, (done, total) => {
      if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0)
        progress(`agreement-${docs}: ${done} of ${total} documents`);
    });
    const coldMs = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    const coldCpuMs = (used.user + used.system) / 1000;
    const first = written.documents[0]!.id;
    store.addSpan(store.ensureAnnotator('ann1'), first, { label: 'Hedge', start: 0, end: 1 });
    t0 = performance.now();
    const warm = computeAgreement(store, { gold: false });
    const afterEditMs = performance.now() - t0;
    if (cold.per_document.length !== warm.per_document.length)
      throw new Error('agreement: documents differ after an edit');
    return {
      documents: written.documents.length,
      spans,
      coldMs,
      coldCpuMs,
      afterEditMs,
      recomputed: warm.computed,
    };
  } finally {
    store.close();
  }
}
