/** Benchmarks of the Node side alone: one span write, the export of a large project, a large import. */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_SCHEMA } from '../electron/core/schema';
import { runExport } from '../electron/services/exporter';
import { runImport, sha256 } from '../electron/services/importer';
import { directContext } from '../electron/services/jobs';
import { ProjectStore } from '../electron/store/projectStore';
import { buildProject, generate, GENERATOR, type GeneratedDocument } from './corpus';
import { summarize } from './report';

const LABELS = DEFAULT_SCHEMA.labels.map((l) => l.key);

export interface SpanWriteResult {
  medianUs: number;
  p95Us: number;
  n: number;
}

/**
 * Times `addSpan` (one transaction, as the app commits one tag) on a fresh project with one
 * document. `synchronous` other than the shipped FULL is set on the store's own connection, reached
 * past `private`: the store's code and behaviour stay as shipped; null when that is impossible.
 */
export function spanWrite(
  dir: string,
  document: GeneratedDocument,
  options: { writes: number; warmup: number; synchronous?: 'NORMAL' },
): SpanWriteResult | null {
  const store = ProjectStore.create(
    join(dir, `span-write-${options.synchronous ?? 'FULL'}.marginalia`),
    'w',
    DEFAULT_SCHEMA,
  );
  try {
    if (options.synchronous) {
      const db = connectionOf(store);
      if (!db) return null;
      db.pragma(`synchronous = ${options.synchronous}`);
      if (db.pragma('synchronous', { simple: true }) !== 1) return null;
    }
    const annotatorId = store.ensureAnnotator('bench');
    const { text } = document;
    const documentId = store.insertDocuments(
      [{ externalId: 'w', title: 'w', text, sha256: sha256(text), source: {}, newlinePolicy: 'none' }],
      annotatorId,
    ).inserted[0]!.id;
    const samples: number[] = [];
    for (let i = 0; i < options.warmup + options.writes; i++) {
      // Word-sized ranges spread over the text, labels in turn: what a session of tagging writes.
      const start = (i * 7919) % (text.length - 40);
      const span = { start, end: start + 3 + (i % 17), label: LABELS[i % LABELS.length]! };
      const t0 = process.hrtime.bigint();
      store.addSpan(annotatorId, documentId, span);
      const elapsed = Number(process.hrtime.bigint() - t0) / 1000;
      if (i >= options.warmup) samples.push(elapsed);
    }
    const { median, p95 } = summarize(samples);
    return { medianUs: median, p95Us: p95, n: samples.length };
  } finally {
    store.close();
  }
}

function connectionOf(store: ProjectStore): Database.Database | null {
  const db = (store as unknown as { db?: { connection?: unknown } }).db?.connection;
  return db instanceof Database ? db : null;
}

export interface ExportResult {
  documents: number;
  spans: number;
  medianMs: number;
  runs: number;
  megabytes: number;
}

/** Times the export service (native JSONL) of a project of `documents × spansPerDocument` generated spans. */
export async function exportProject(
  dir: string,
  options: { documents: number; chars: number; spansPerDocument: number; runs: number },
): Promise<ExportResult> {
  const corpus = generate(dir, { docs: options.documents, chars: options.chars, seed: 3 });
  const project = buildProject(join(dir, 'export.marginalia'), 'bench', corpus, options.spansPerDocument);
  const store = ProjectStore.open(project.path);
  try {
    const samples: number[] = [];
    let megabytes = 0;
    for (let run = 0; run < options.runs; run++) {
      const target = join(dir, `export-${run}.jsonl`);
      const t0 = process.hrtime.bigint();
      const result = await runExport(
        store,
        { format: 'jsonl', path: target, offsetUnit: 'utf16' },
        directContext(() => {}),
      );
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (result.spans !== project.spans)
        throw new Error(`exported ${result.spans} of ${project.spans} spans`);
      megabytes = statSync(target).size / 2 ** 20;
    }
    return {
      documents: project.documents,
      spans: project.spans,
      medianMs: summarize(samples).median,
      runs: samples.length,
      megabytes,
    };
  } finally {
    store.close();
  }
}

export interface ImportResult {
  documents: number;
  megabytes: number;
  ms: number;
}

/** Times the import service on a folder of `docs` generated .txt articles into a new project. */
export async function importFolder(
  dir: string,
  options: { docs: number; seed: number },
): Promise<ImportResult> {
  const folder = join(dir, `articles-${options.docs}`);
  execFileSync(process.execPath, [
    GENERATOR,
    ...['--docs', String(options.docs), '--seed', String(options.seed), '--format', 'txt', '--out', folder],
  ]);
  const megabytes =
    readdirSync(folder)
      .filter((name) => name.endsWith('.txt'))
      .reduce((sum, name) => sum + statSync(join(folder, name)).size, 0) /
    2 ** 20;
  const store = ProjectStore.create(join(dir, 'import.marginalia'), 'bench', DEFAULT_SCHEMA);
  try {
    const t0 = process.hrtime.bigint();
    const report = await runImport(
      store,
      { paths: [folder], format: 'txt', localUser: 'bench', importerId: store.ensureAnnotator('bench') },
      directContext(() => {}),
    );
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!report.written || report.imported.length !== options.docs)
      throw new Error(
        `imported ${report.imported.length} of ${options.docs} documents: ${JSON.stringify(report.problems.slice(0, 3))}`,
      );
    return { documents: report.imported.length, megabytes, ms };
  } finally {
    store.close();
  }
}
