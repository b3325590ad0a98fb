/**
 * The files of an import: the paths the user named, expanded (folders: every file a reader takes,
 * sorted so imports are reproducible), each with its format, and read as strict UTF-8.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { FormatId, InputFile } from '../core/formats/model';
import { decodeTextFile, TextDecodeError } from '../core/text';
import type { ImportFormat, ImportProblem } from '../contract/types';
import { detectFormat, takesExtension } from './formats';

export interface SourceFile {
  path: string;
  format: FormatId;
}

export interface CollectedFiles {
  files: SourceFile[];
  /** Files in folders that no reader takes; they do not stop the batch. */
  skipped: { file: string; reason: string }[];
  /** Named paths that are missing or unreadable as a format: these stop the batch. */
  problems: ImportProblem[];
}

/** Expands the named paths into the files to read, each with its format. */
export function collectFiles(paths: readonly string[], format: ImportFormat): CollectedFiles {
  const result: CollectedFiles = { files: [], skipped: [], problems: [] };
  const seen = new Set<string>();
  // Names in each folder, read once per folder: a .txt is brat's when its .ann sits beside it.
  const folders = new Map<string, Set<string>>();
  const siblingsOf = (path: string) => {
    const folder = dirname(path);
    let names = folders.get(folder);
    if (!names) folders.set(folder, (names = new Set(readdirSync(folder))));
    return names;
  };
  const add = (path: string, id: FormatId) => {
    if (seen.has(path)) return;
    seen.add(path);
    result.files.push({ path, format: id });
  };
  const classify = (path: string, named: boolean) => {
    const id = format === 'auto' ? detectFormat(path, () => headOf(path), siblingsOf(path)) : format;
    if (id && (named || format === 'auto' || takesExtension(id, path))) add(path, id);
    else if (named)
      result.problems.push({
        file: path,
        message:
          format === 'auto'
            ? 'no import format takes this file; choose its format explicitly'
            : `not a ${format} file`,
      });
    else
      result.skipped.push({ file: path, reason: id ? `not a ${format} file` : 'no import format takes it' });
  };
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      result.problems.push({ file: path, message: 'no such file or folder' });
      continue;
    }
    if (stats.isDirectory()) for (const file of filesUnder(path)) classify(file, false);
    else classify(path, true);
  }
  // brat reads a .ann with its .txt and the annotation.conf of its folder (or the one above).
  for (const file of [...result.files]) {
    if (file.format !== 'brat') continue;
    const folder = dirname(file.path);
    const stem = basename(file.path, extname(file.path));
    for (const companion of [
      join(folder, `${stem}.txt`),
      join(folder, `${stem}.ann`),
      join(folder, 'annotation.conf'),
      join(dirname(folder), 'annotation.conf'),
    ]) {
      if (!seen.has(companion) && existsSync(companion)) add(companion, 'brat');
    }
  }
  return result;
}

function filesUnder(folder: string): string[] {
  const found: string[] = [];
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/** The first 64 kB of a file, which is all a format's `detect` looks at. */
function headOf(path: string): string {
  const buffer = Buffer.alloc(65536);
  const fd = openSync(path, 'r');
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

const BINARY_SNIFF_BYTES = 8000;

/**
 * Reads a file as UTF-8 (a byte-order mark is dropped), without touching its line ends: readers
 * that count offsets in the raw text (brat) need them. Returns the problem instead when it is not text.
 */
export function readInputFile(path: string): InputFile | ImportProblem {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { file: path, message: code === 'EACCES' ? 'permission denied' : (error as Error).message };
  }
  // An empty .ann is a brat document nobody annotated yet; any other empty file is a mistake.
  if (bytes.length === 0 && extname(path).toLowerCase() !== '.ann')
    return { file: path, message: 'the file is empty' };
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0))
    return { file: path, message: 'the file is binary, not text' };
  try {
    const content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (extname(path).toLowerCase() === '.txt' && content.trim() === '')
      return { file: path, message: 'the file holds only white space' };
    return { path, content };
  } catch {
    return { file: path, message: decodeProblem(bytes) };
  }
}

/** The text module's wording of why bytes are not UTF-8 (it names the first bad byte). */
function decodeProblem(bytes: Uint8Array): string {
  try {
    decodeTextFile(bytes);
  } catch (error) {
    if (error instanceof TextDecodeError) return error.message;
  }
  return 'the file is not valid UTF-8';
}
