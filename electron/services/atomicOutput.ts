/**
 * Where an export writes: a temporary file (or folder) beside the target, renamed into place only
 * when complete, so a reader never sees half an export and a cancel or failure leaves the target
 * as it was. Chunks are buffered and written in large pieces (the writers emit one line at a time).
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import type { OutputSink } from '../core/formats/model';
import { UserError } from '../core/errors';

const FLUSH_CHARS = 1 << 20;

interface OpenFile {
  fd: number;
  buffer: string;
}

export class AtomicOutput implements OutputSink {
  private readonly temp: string;
  private readonly files = new Map<string, OpenFile>();
  private finished = false;

  constructor(
    readonly target: string,
    readonly layout: 'file' | 'folder',
  ) {
    checkTarget(target, layout);
    this.temp = `${target}.partial`;
    rmSync(this.temp, { recursive: true, force: true });
    try {
      if (layout === 'folder') mkdirSync(this.temp);
      else this.open('');
    } catch (error) {
      this.abort();
      throw new UserError(`cannot write ${target}: ${(error as Error).message}`);
    }
  }

  write(relativePath: string, chunk: string): void {
    const file = this.files.get(relativePath) ?? this.open(relativePath);
    file.buffer += chunk;
    if (file.buffer.length >= FLUSH_CHARS) {
      writeSync(file.fd, file.buffer);
      file.buffer = '';
    }
  }

  /** Flushes, closes and renames the export into place. */
  commit(): void {
    for (const file of this.files.values()) {
      writeSync(file.fd, file.buffer);
      closeSync(file.fd);
    }
    this.files.clear();
    // An empty folder the user picked (or the save dialog created) is replaced; checkTarget refused others.
    if (this.layout === 'folder' && existsSync(this.target)) rmSync(this.target, { recursive: true });
    renameSync(this.temp, this.target);
    this.finished = true;
  }

  /** Removes the temporary output; the target is untouched. */
  abort(): void {
    if (this.finished) return;
    for (const file of this.files.values()) closeSync(file.fd);
    this.files.clear();
    rmSync(this.temp, { recursive: true, force: true });
    this.finished = true;
  }

  private open(relativePath: string): OpenFile {
    if (this.layout === 'file' && relativePath !== '')
      throw new Error(`a single-file export cannot write ${relativePath}`);
    let path = this.temp;
    if (this.layout === 'folder') {
      const inside = normalize(relativePath);
      if (inside === '' || inside.startsWith('..') || inside.startsWith(sep))
        throw new Error(`an export may not write outside its folder: ${relativePath}`);
      path = join(this.temp, inside);
      mkdirSync(dirname(path), { recursive: true });
    }
    const file = { fd: openSync(path, 'w'), buffer: '' };
    this.files.set(relativePath, file);
    return file;
  }
}

/** Refuses a target that would lose someone's data: a folder for a file export, a non-empty folder. */
function checkTarget(target: string, layout: 'file' | 'folder'): void {
  if (!existsSync(target)) return;
  const isFolder = statSync(target).isDirectory();
  if (layout === 'file' && isFolder) throw new UserError(`cannot write ${target}: it is a folder`);
  if (layout === 'folder' && !isFolder)
    throw new UserError(`cannot write ${target}: this format writes a folder, and a file has that name`);
  if (layout === 'folder' && readdirSync(target).length > 0)
    throw new UserError(`cannot write ${target}: the folder is not empty; choose a new or empty folder`);
}

/** Writes a small file atomically (temp + rename). */
export function writeFileAtomically(path: string, content: string): void {
  const output = new AtomicOutput(path, 'file');
  try {
    output.write('', content);
    output.commit();
  } catch (error) {
    output.abort();
    throw error;
  }
}
