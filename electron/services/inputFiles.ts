/**
 * The files of an import: the paths the user named, expanded (folders: every file a reader takes,
 * sorted so imports are reproducible), each with its format, and read as strict UTF-8.
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { FirstLineOutline } from '../core/formats/detect';
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

/**
 * The largest file an import reads (256 MiB, stated in the README): more is refused before reading,
 * so a huge or endless file (`/dev/zero`) cannot fill memory.
 */
export const MAX_IMPORT_FILE_BYTES = 256 * 1024 * 1024;

/** Expands the named paths into the files to read, each with its format. */
export function collectFiles(paths: readonly string[], format: ImportFormat): CollectedFiles {
  const result: CollectedFiles = { files: [], skipped: [], problems: [] };
  const seen = new Set<string>();
  // Names in each folder, read once per folder: a .txt is brat's when its .ann sits beside it.
  const folders = new Map<string, Set<string>>();
  const siblingsOf = (path: string) => {
    const folder = dirname(path);
    let names = folders.get(folder);
    if (!names) folders.set(folder, (names = new Set(namesIn(folder))));
    return names;
  };
  const add = (path: string, id: FormatId) => {
    if (seen.has(path)) return;
    seen.add(path);
    result.files.push({ path, format: id });
  };
  const classify = (path: string, named: boolean) => {
    let id: FormatId | null = format === 'auto' ? null : format;
    if (format === 'auto') {
      const head = headOf(path);
      if (typeof head !== 'string') return void result.problems.push(head);
      id = detectFormat(path, () => head, siblingsOf(path));
    }
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
    } catch (error) {
      result.problems.push({ file: path, message: unreadable(error) });
      continue;
    }
    if (stats.isDirectory()) {
      for (const found of filesUnder(path)) {
        if ('message' in found) result.problems.push(found);
        else if ('reason' in found) result.skipped.push(found);
        else classify(found.path, false);
      }
    } else if (!stats.isFile()) result.problems.push({ file: path, message: NOT_REGULAR });
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

const NOT_REGULAR = 'not a regular file (a device, pipe or socket): only files and folders are imported';

/** Why a path could not be opened or listed, as a sentence (never a raw error code). */
function unreadable(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: it cannot be read';
    case 'ELOOP':
      return 'a symbolic link that loops';
    default:
      return `it cannot be read (${(error as Error).message.replace(/^[A-Z]+: /, '')})`;
  }
}

type FolderEntry = { path: string } | { file: string; reason: string } | ImportProblem;

/** The names in a folder (for brat's .txt beside .ann); none when it cannot be listed. */
function namesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

const utf8Name = (name: Buffer): string | null => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(name);
  } catch {
    return null;
  }
};

/** The files under a folder, sorted; unreadable folders and odd names are problems, other entries skipped. */
function filesUnder(folder: string): FolderEntry[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    return [{ file: folder, message: unreadable(error) }];
  }
  const found: FolderEntry[] = [];
  const named = entries.map((entry) => ({ entry, name: utf8Name(entry.name) }));
  named.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  for (const { entry, name } of named) {
    if (name === null) {
      found.push({
        file: join(folder, entry.name.toString('utf8')),
        message: 'the file name is not valid UTF-8, so it cannot be imported; rename it',
      });
      continue;
    }
    if (name.startsWith('.')) continue;
    const path = join(folder, name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else if (entry.isFile()) found.push({ path });
    else if (entry.isSymbolicLink()) found.push(linkedFile(path));
    else found.push({ file: path, reason: NOT_REGULAR });
  }
  return found;
}

/** A link in a folder: followed to a regular file; links to folders are not (they may loop). */
function linkedFile(path: string): FolderEntry {
  try {
    if (statSync(path).isFile()) return { path };
    return { file: path, reason: 'a link to a folder or device, not followed; name its target to import it' };
  } catch (error) {
    return { file: path, reason: `a link whose target cannot be read: ${unreadable(error)}` };
  }
}

/** Bytes of a file read before detection decides from what it has (a long first line streams on). */
const HEAD_BYTES = 65536;

/**
 * Opens a path for reading only when it is a regular file within the size limit. Non-blocking, so a
 * pipe named like a file cannot hang the open; checked on the open descriptor, so no swap in between.
 */
function openRegular(path: string): { fd: number; size: number } | ImportProblem {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { file: path, message: unreadable(error) };
  }
  const stats = fstatSync(fd);
  const refusal = !stats.isFile()
    ? NOT_REGULAR
    : stats.size > MAX_IMPORT_FILE_BYTES
      ? `the file is ${megabytes(stats.size)}, over the import limit of ${megabytes(MAX_IMPORT_FILE_BYTES)}; split it`
      : null;
  if (refusal === null) return { fd, size: stats.size };
  closeSync(fd);
  return { file: path, message: refusal };
}

const megabytes = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MiB`;

/**
 * What a format's `detect` looks at: the first 64 KiB, or, when the first line runs on past them (a
 * long JSONL record), that line's outline read through to its end in chunks.
 */
function headOf(path: string): string | ImportProblem {
  const opened = openRegular(path);
  if ('message' in opened) return opened;
  const buffer = Buffer.alloc(HEAD_BYTES);
  const decoder = new TextDecoder('utf-8');
  try {
    let read = readSync(opened.fd, buffer, 0, buffer.length, null);
    const head = decoder.decode(buffer.subarray(0, read), { stream: true });
    if (read < buffer.length || head.indexOf('\n', head.search(/\S/)) !== -1) return head;
    const outline = new FirstLineOutline();
    let done = outline.feed(head);
    while (!done && (read = readSync(opened.fd, buffer, 0, buffer.length, null)) > 0)
      done = outline.feed(decoder.decode(buffer.subarray(0, read), { stream: true }));
    return outline.text();
  } catch (error) {
    return { file: path, message: unreadable(error) };
  } finally {
    closeSync(opened.fd);
  }
}

const BINARY_SNIFF_BYTES = 8000;

/**
 * Reads a file as UTF-8 (a byte-order mark is dropped), without touching its line ends: readers
 * that count offsets in the raw text (brat) need them. Returns the problem instead when it is not text.
 */
export function readInputFile(path: string): InputFile | ImportProblem {
  const opened = openRegular(path);
  if ('message' in opened) return opened;
  let bytes: Buffer;
  try {
    bytes = readFileSync(opened.fd);
  } catch (error) {
    return { file: path, message: unreadable(error) };
  } finally {
    closeSync(opened.fd);
  }
  // The file may have grown since it was opened.
  if (bytes.length > MAX_IMPORT_FILE_BYTES)
    return {
      file: path,
      message: `the file is over the import limit of ${megabytes(MAX_IMPORT_FILE_BYTES)}; split it`,
    };
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
