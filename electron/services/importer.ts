/** Import of plain-text files and folders of them, as one all-or-nothing batch per call. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { decodeTextFile, TextDecodeError, titleFromText } from '../core/text';
import type { ImportProblem, ImportReport } from '../contract/types';
import type { NewDocument, ProjectStore } from '../store/projectStore';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface Candidate {
  file: string;
  document: NewDocument;
}

/**
 * Reads every file (folders: every .txt below them), then writes all readable ones in one
 * transaction. A file that cannot be read is reported with its reason and nothing of it is written;
 * the rest of the batch still goes in.
 */
export function importTextFiles(
  store: ProjectStore,
  annotatorId: number | null,
  paths: readonly string[],
): ImportReport {
  const failed: ImportProblem[] = [];
  const candidates: Candidate[] = [];
  for (const file of expandPaths(paths, failed)) {
    try {
      candidates.push({ file, document: readTextDocument(file) });
    } catch (error) {
      failed.push({ file, reason: reasonOf(error) });
    }
  }
  const { inserted, duplicates } = store.insertDocuments(
    candidates.map((c) => c.document),
    annotatorId,
  );
  return {
    imported: inserted.map(({ index, id }) => ({
      file: candidates[index]!.file,
      documentId: id,
      title: candidates[index]!.document.title,
    })),
    duplicates: duplicates.map(({ index, id }) => ({ file: candidates[index]!.file, documentId: id })),
    failed,
  };
}

function readTextDocument(file: string): NewDocument {
  const { text, newlines } = decodeTextFile(readFileSync(file));
  const externalId = basename(file, extname(file));
  return {
    externalId,
    title: titleFromText(text, externalId),
    text,
    sha256: sha256(text),
    source: { file: basename(file), newlines },
    newlinePolicy: newlines === 'lf' || newlines === 'none' ? 'none' : `${newlines}-to-lf`,
  };
}

/** Files named directly, and the .txt files under folders (sorted, so imports are reproducible). */
function expandPaths(paths: readonly string[], failed: ImportProblem[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      failed.push({ file: path, reason: 'no such file or folder' });
      continue;
    }
    if (stats.isDirectory()) files.push(...textFilesUnder(path, failed));
    else files.push(path);
  }
  return files;
}

function textFilesUnder(folder: string, failed: ImportProblem[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(folder, entry.name);
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) found.push(...textFilesUnder(path, failed));
    else if (extname(entry.name).toLowerCase() === '.txt') found.push(path);
    else failed.push({ file: path, reason: 'skipped: not a .txt file' });
  }
  return found;
}

function reasonOf(error: unknown): string {
  if (error instanceof TextDecodeError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return String((error as Error).message ?? error);
}
