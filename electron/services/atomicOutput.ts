/**
 * Where an export writes: a temporary file (or folder) beside the target, synced and renamed into
 * place only when complete, so a reader never sees half an export and a cancel, failure or power
 * cut leaves the target as it was. Chunks are encoded at once into a reused byte buffer and written in
 * large pieces (the writers emit one line at a time): lines held as strings until a flush lived long
 * enough to be copied by the garbage collector, and the joined string was copied again to encode it.
 *
 * The temporary is a hidden name no user picks (`.NAME.PID-RANDOM.marginalia-partial`); one left by
 * a process that was killed is removed by the next export to the same target, and by the app's next
 * start (the workbench keeps the targets of exports in flight in its settings).
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, normalize, sep } from 'node:path';
import type { OutputSink } from '../core/formats/model';
import { UserError } from '../core/errors';
import { sentenceFor, syncFile, syncFolder } from '../store/projectFile';

const BUFFER_BYTES = 1 << 22;
/** A UTF-16 code unit is at most 3 bytes of UTF-8. */
const MAX_BYTES_PER_UNIT = 3;
const TEMP_SUFFIX = '.marginalia-partial';

interface OpenFile {
  fd: number;
  bytes: Buffer;
  used: number;
  /** A high surrogate that ended the last chunk: encoded with the next one, so a pair split across writes stays whole. */
  pending: string;
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
    removeLeftovers(target);
    this.temp = tempPathFor(target);
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
    let text = file.pending === '' ? chunk : file.pending + chunk;
    file.pending = '';
    const lastUnit = text.charCodeAt(text.length - 1);
    if (lastUnit >= 0xd800 && lastUnit <= 0xdbff) {
      file.pending = text.slice(-1);
      text = text.slice(0, -1);
    }
    if (file.used + text.length * MAX_BYTES_PER_UNIT > file.bytes.length) {
      this.flush(file);
      if (text.length * MAX_BYTES_PER_UNIT > file.bytes.length) {
        this.guarded(() => writeSync(file.fd, text));
        return;
      }
    }
    file.used += file.bytes.write(text, file.used);
  }

  private flush(file: OpenFile): void {
    this.guarded(() => {
      for (let done = 0; done < file.used;) done += writeSync(file.fd, file.bytes, done, file.used - done);
    });
    file.used = 0;
  }

  /** A full disk or a lost drive while writing: the temporary goes, and the user reads why. */
  private guarded<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      const sentence = sentenceFor(error, this.target);
      if (!sentence) throw error;
      this.abort();
      throw new UserError(
        `cannot write ${this.target}: ${sentence}. Nothing was exported; the project is untouched.`,
      );
    }
  }

  /** Flushes, syncs, closes and renames the export into place. */
  commit(): void {
    for (const file of this.files.values()) {
      this.flush(file);
      // A lone high surrogate at the very end is written as before (as U+FFFD by the encoder).
      if (file.pending !== '') this.guarded(() => writeSync(file.fd, file.pending));
      this.guarded(() => fsyncSync(file.fd));
    }
    for (const file of this.files.values()) closeSync(file.fd);
    this.files.clear();
    if (this.layout === 'folder') syncFolders(this.temp);
    // An empty folder the user picked (or the save dialog created) is replaced, and only while it
    // is still empty: rmdir refuses a folder that something was written into during the export.
    if (this.layout === 'folder' && existsSync(this.target)) {
      try {
        rmdirSync(this.target);
      } catch {
        this.abort();
        throw new UserError(
          `cannot write ${this.target}: files appeared in the folder during the export. They were left ` +
            'as they are and nothing was exported; export again to a new or empty folder.',
        );
      }
    }
    renameSync(this.temp, this.target);
    syncFolder(dirname(this.target));
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
    const file = { fd: openSync(path, 'w'), bytes: Buffer.allocUnsafe(BUFFER_BYTES), used: 0, pending: '' };
    this.files.set(relativePath, file);
    return file;
  }
}

/** The hidden temporary beside `target` that an output is written under until it is whole. */
const tempPathFor = (target: string) =>
  join(
    dirname(target),
    `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`,
  );

/**
 * A file another writer makes whole (SQLite writing a work package): `produce` writes the temporary,
 * which is synced and renamed into place; on any failure it goes and the target is as it was.
 */
export function produceAtomically(target: string, produce: (temp: string) => void): void {
  checkTarget(target, 'file');
  removeLeftovers(target);
  const temp = tempPathFor(target);
  try {
    produce(temp);
    syncFile(temp);
    renameSync(temp, target);
    syncFolder(dirname(target));
  } catch (error) {
    for (const leftover of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`])
      rmSync(leftover, { force: true });
    const sentence = error instanceof UserError ? null : sentenceFor(error, target);
    if (sentence) throw new UserError(`cannot write ${target}: ${sentence}. Nothing was written.`);
    throw error;
  }
}

/** Fsyncs a folder export's subfolders and itself, so the renamed folder holds its entries. */
function syncFolders(folder: string): void {
  for (const entry of readdirSync(folder, { withFileTypes: true }))
    if (entry.isDirectory()) syncFolders(join(folder, entry.name));
  syncFolder(folder);
}

/** Removes the temporaries of earlier exports to `target` whose process has ended (killed mid-write). */
/** Removes the temporaries of exports to `target` whose process is gone (killed mid-write). */
export function removeLeftovers(target: string): void {
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(/^(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length, -TEMP_SUFFIX.length))?.[1]);
    if (pid && !isRunning(pid)) rmSync(join(dirname(target), name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
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
