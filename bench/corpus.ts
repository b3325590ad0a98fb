/**
 * Benchmark data: documents from the shared corpus generator (deterministic, gold spans with
 * UTF-16 offsets), written into fresh projects through the store's own methods.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_SCHEMA } from '../electron/core/schema';
import { sha256 } from '../electron/services/importer';
import { ProjectStore } from '../electron/store/projectStore';

/** The shared corpus generator, which sits beside this repository (../shared). */
export const GENERATOR =
  process.env.MARGINALIA_CORPUS_GENERATOR ?? resolve(import.meta.dirname, '../../shared/corpus/generate.mjs');

export interface GeneratedDocument {
  id: string;
  title: string;
  text: string;
  gold: { start: number; end: number; label: string }[];
}

/** Temporary folders, removed by `removeAll` (also after a failure). */
export class TempDirs {
  private readonly dirs: string[] = [];

  make(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), `marginalia-bench-${prefix}-`));
    this.dirs.push(dir);
    return dir;
  }

  removeAll(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

export function generate(
  work: string,
  options: { docs: number; chars: number; seed: number },
): GeneratedDocument[] {
  if (!existsSync(GENERATOR))
    throw new Error(`corpus generator not found at ${GENERATOR} (set MARGINALIA_CORPUS_GENERATOR)`);
  const out = join(work, `corpus-${options.docs}x${options.chars}-${options.seed}.jsonl`);
  execFileSync(process.execPath, [
    GENERATOR,
    ...['--docs', String(options.docs), '--chars', String(options.chars), '--seed', String(options.seed)],
    ...['--annotators', '0', '--out', out],
  ]);
  return readFileSync(out, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GeneratedDocument);
}

/**
 * A new project holding the documents, each with its gold spans (at most `spansPerDocument`)
 * stored under `annotator`. Returns the project path; the store is closed.
 */
export function buildProject(
  path: string,
  annotator: string,
  documents: readonly GeneratedDocument[],
  spansPerDocument = Infinity,
): { path: string; documents: number; spans: number } {
  const store = ProjectStore.create(path, 'bench', DEFAULT_SCHEMA);
  try {
    const written = importGenerated(
      store,
      annotator,
      documents.map((doc) => ({
        doc,
        spans: doc.gold.slice(0, spansPerDocument).map((g) => ({ ...g, annotator })),
      })),
    );
    const spans = Object.values(written.spansAdded).reduce((a, b) => a + b, 0);
    return { path, documents: written.documents.length, spans };
  } finally {
    store.close();
  }
}

/** A generated document as the store's new-document row. */
export const generatedRow = (doc: GeneratedDocument) => ({
  externalId: doc.id,
  title: doc.title,
  text: doc.text,
  sha256: sha256(doc.text),
  source: { generator: 'corpus/generate.mjs' },
  newlinePolicy: 'none',
});

/**
 * Writes generated documents with their spans (each naming its annotator) through the import batch
 * writer, as one batch: the benches measure reading and drawing, not per-span building.
 */
export function importGenerated(
  store: ProjectStore,
  importer: string,
  documents: readonly {
    doc: GeneratedDocument;
    spans: readonly { start: number; end: number; label: string; annotator: string }[];
  }[],
) {
  return store.importBatch({
    importerId: store.ensureAnnotator(importer),
    newLabels: [],
    newRelationTypes: [],
    documents: documents.map(({ doc, spans }) => ({
      document: generatedRow(doc),
      status: 'in_progress',
      spans: spans.map(({ start, end, label, annotator }, index) => ({
        key: String(index),
        label,
        fragments: [{ start, end }],
        annotator,
        attributes: {},
        note: null,
        origin: 'imported' as const,
      })),
      relations: [],
    })),
  });
}
