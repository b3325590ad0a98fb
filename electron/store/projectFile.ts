/**
 * The project file on disk: the pragmas it runs with, the checks before it is used, upgrades (after
 * a backup), the names of the files that belong to it, and the plain-language account of what the
 * disk or SQLite refused.
 */
import { closeSync, existsSync, fsyncSync, openSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { UserError } from '../core/errors';
import { MIGRATIONS } from './migrations';

/** The lock file of a project (see projectLock.ts). */
export const lockPathOf = (projectPath: string) => `${projectPath}.lock`;

/** Marks a SQLite file as a Marginalia project ("MRGN"). */
export const APPLICATION_ID = 0x4d52474e;

export function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: each commit is fsynced, so an acknowledged edit survives a power cut, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

export function refuseNewerSchema(db: Database.Database, path: string): number {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > MIGRATIONS.length) {
    throw new UserError(
      `${path} was made by a newer Marginalia (schema ${version}); update the app to open it`,
    );
  }
  return version;
}

/** SQLite's quick check of the whole file: 'ok', or the first problem it found. */
export function quickCheck(db: Database.Database): string {
  try {
    return String(db.pragma('quick_check(1)', { simple: true }))
      .replace(/\*\*\* in database \w+ \*\*\*\s*/, '')
      .trim();
  } catch (error) {
    return (error as Error).message;
  }
}

/** The refusal of a file SQLite's check found damaged (`verdict`: what it said). */
export const damagedFile = (path: string, verdict: string) =>
  new UserError(
    `${path} is damaged (SQLite's check says: ${verdict}). It was left untouched; ` +
      'restore it from a copy or a backup beside it (PROJECT.vN.bak).',
  );

/**
 * SQLite's quick check, before anything is written: a damaged file is refused (and left as it is)
 * rather than opened to take edits while its lists fail.
 */
export function refuseDamaged(db: Database.Database, path: string): void {
  const verdict = quickCheck(db);
  if (verdict !== 'ok') throw damagedFile(path, verdict);
}

/** Upgrades an older project to the current schema, after copying it aside. */
export function migrate(db: Database.Database, path: string): void {
  const version = refuseNewerSchema(db, path);
  if (version === MIGRATIONS.length) return;
  const backup = version > 0 ? backUp(db, path, version) : null;
  try {
    db.transaction(() => {
      for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${MIGRATIONS.length}`);
    })();
  } catch (error) {
    if (!backup) throw error;
    throw new UserError(
      `cannot upgrade ${path} from version ${version}: ${sentenceFor(error, path) ?? (error as Error).message}. ` +
        `The project was left as it was (version ${version}), and a copy is in ${backup}.`,
    );
  }
}

/**
 * Copies the project to `PATH.vN.bak` (or `PATH.vN.2.bak`, … when an earlier backup is there: it is
 * kept) through a temporary file, synced before it is renamed, so a backup on disk is always whole.
 */
function backUp(db: Database.Database, path: string, version: number): string {
  const temp = `${path}.v${version}.bak-partial`;
  let written = false;
  try {
    rmSync(temp, { force: true });
    written = true;
    db.exec(`VACUUM INTO '${temp.replaceAll("'", "''")}'`);
    syncFile(temp);
  } catch (error) {
    // Only what this attempt wrote goes (a half backup, as a full disk leaves); nothing else.
    if (written) rmSync(temp, { force: true });
    throw new UserError(
      `cannot upgrade ${path} from version ${version}: the backup made first could not be written ` +
        `(${sentenceFor(error, temp) ?? (error as Error).message}). The project was left untouched.`,
    );
  }
  let backup = `${path}.v${version}.bak`;
  for (let n = 2; existsSync(backup); n++) backup = `${path}.v${version}.${n}.bak`;
  renameSync(temp, backup);
  syncFolder(dirname(backup));
  return backup;
}

/**
 * Whether `candidate` (an absolute path) is one of the project's own files: the database, its
 * SQLite journals, its lock or a backup. An export there would destroy the project.
 */
export function isProjectFile(projectPath: string, candidate: string): boolean {
  if (dirname(candidate) !== dirname(projectPath)) return false;
  const name = basename(candidate);
  const project = basename(projectPath);
  if (!name.startsWith(project)) return false;
  const rest = name.slice(project.length);
  return (
    [
      '',
      '-wal',
      '-shm',
      '-journal',
      basename(lockPathOf('')),
      `${basename(lockPathOf(''))}-journal`,
    ].includes(rest) || /^\.v\d+(\.\d+)?\.bak(-partial)?$/.test(rest)
  );
}

/** The path with links followed as far as it exists, so two names of one file compare equal. */
export function canonical(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(canonical(parent), basename(absolute));
}

/** Flushes a file's data to the disk (so a rename after it never exposes an empty file). */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename into it), where the system allows it (not on Windows). */
export function syncFolder(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Windows cannot fsync a folder; its renames are journaled by NTFS.
  } finally {
    closeSync(fd);
  }
}

/**
 * What a SQLite or file-system failure means for the user, as a sentence (no codes, no stack), or
 * null for an error that is a bug.
 */
export function sentenceFor(error: unknown, path: string): string | null {
  const { code, path: errorPath } = (error ?? {}) as { code?: unknown; path?: unknown };
  if (typeof code !== 'string') return null;
  // A file-system error names its own file (an export target, a backup), not always the project.
  if (typeof errorPath === 'string') path = errorPath;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT')
    return `the disk holding ${path} is full; free some space and try again`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return `${path} is busy: another program is writing to it; try again when it has finished`;
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return `${path} cannot be written (the file or its folder is read-only, or you lack permission)`;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return `${path} is damaged; restore it from a copy or a backup beside it (PROJECT.vN.bak)`;
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO')
    return `the disk failed reading or writing ${path}; check the drive and try again`;
  if (code.startsWith('SQLITE_CANTOPEN'))
    return `${path} cannot be opened (is its folder still there, and can you write to it?)`;
  return null;
}
