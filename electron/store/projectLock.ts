/**
 * One writer per project file. Each process caches the highest span and relation ids, the last
 * action id and the label ids, so two processes writing one project would silently corrupt each
 * other's work. The holder
 * keeps a write transaction open on a small SQLite file beside the project (`PATH.lock`): SQLite's
 * file lock, which the operating system releases when the process ends, however it ends. The file
 * also names the holder, so a refusal can say who has the project open.
 *
 * The lock file is never deleted: removing a file another process has just opened would let the
 * two lock different files and both write.
 */
import { hostname, userInfo } from 'node:os';
import Database from 'better-sqlite3';
import { UserError } from '../core/errors';
import { canonical, lockPathOf } from './projectFile';

interface Holder {
  program: string;
  pid: number;
  host: string;
  user: string;
  since: string;
}

export class ProjectLock {
  private constructor(private readonly db: Database.Database) {}

  /** Takes the project's lock for this process, or refuses naming the process that holds it. */
  static acquire(projectPath: string, program: string, driver: Database.Options): ProjectLock {
    // One lock per file, however it is named (a link to the project locks the project).
    const lockPath = lockPathOf(canonical(projectPath));
    let db: Database.Database;
    try {
      // No busy wait: a holder keeps the lock for as long as it has the project open.
      // A rollback journal (the default): a holder killed while writing its row leaves a file the next
      // opener repairs, never a damaged one.
      db = new Database(lockPath, { ...driver, timeout: 0 });
    } catch (error) {
      throw new UserError(
        `cannot open ${projectPath}: its lock file ${lockPath} cannot be written ` +
          `(${(error as Error).message}). Nothing was changed; open it from a folder you can write to.`,
      );
    }
    const me: Holder = {
      program,
      pid: process.pid,
      host: hostname(),
      user: safeUserName(),
      since: new Date().toISOString(),
    };
    try {
      // The holder row is written and committed, then the lock is taken again and kept. A process
      // that slips into the gap between the two wins, and this one refuses with its name.
      if (!tryBegin(db)) throw refusal(projectPath, readHolder(db));
      db.exec(
        `CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), program TEXT NOT NULL,
           pid INTEGER NOT NULL, host TEXT NOT NULL, user TEXT NOT NULL, since TEXT NOT NULL)`,
      );
      db.prepare(
        `INSERT OR REPLACE INTO holder (id, program, pid, host, user, since)
         VALUES (1, @program, @pid, @host, @user, @since)`,
      ).run(me);
      // A refused process may be reading the holder row: wait for it rather than fail the commit.
      db.pragma('busy_timeout = 1000');
      db.exec('COMMIT');
      db.pragma('busy_timeout = 0');
      if (!tryBegin(db)) throw refusal(projectPath, readHolder(db));
      return new ProjectLock(db);
    } catch (error) {
      db.close();
      if (error instanceof UserError) throw error;
      throw new UserError(
        `cannot open ${projectPath}: its lock file ${lockPath} is unusable (${(error as Error).message}). ` +
          'Nothing was changed; if no Marginalia has the project open, delete that file and open the project again.',
      );
    }
  }

  /** Lets the next process in (the row it leaves is overwritten by the next holder). */
  release(): void {
    if (this.db.open) this.db.close();
  }
}

/** BEGIN IMMEDIATE takes SQLite's write lock at once; false when another process holds it. */
function tryBegin(db: Database.Database): boolean {
  try {
    db.exec('BEGIN IMMEDIATE');
    return true;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false;
    throw error;
  }
}

function readHolder(db: Database.Database): Holder | null {
  try {
    return db.prepare<[], Holder>('SELECT program, pid, host, user, since FROM holder').get() ?? null;
  } catch {
    return null; // the holder is between its first lock and its first commit
  }
}

function refusal(projectPath: string, holder: Holder | null): UserError {
  const who = holder
    ? `${holder.program} (process ${holder.pid} of ${holder.user} on ${holder.host}, since ${holder.since})`
    : 'another Marginalia process';
  return new UserError(
    `${projectPath} is open in ${who}, and only one program may write to a project at a time. ` +
      'Nothing was changed; close it there and try again.',
  );
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown user';
  }
}
