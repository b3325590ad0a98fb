/**
 * The one database object of an open project: its connection, a cache of prepared statements, and
 * the explicit "one user action" transaction that tags every event row it writes with one action id
 * (docs/architecture.md, "Actions and the event log"). Store modules write only through it.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { UserError } from '../core/errors';
import { NOT_UNDONE_OPS } from '../core/history';
import { layerKey } from '../core/layers';
import { damagedFile, quickCheck, sentenceFor } from './projectFile';

/** One row of the event log, as a store module hands it over. */
export interface EventInput {
  at: string;
  annotatorId: number | null;
  /** `null` for project-wide changes (the schema, labels, roles). */
  documentId: number | null;
  op: string;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
  undoes?: number;
  /** The layer (`layerKey`) of a span or relation edit when the caller knows it (undo, redo); else found. */
  layer?: string;
}

export const now = () => new Date().toISOString();

/**
 * A new stable id as a time-ordered UUID (version 7: the time in ms, then 74 random bits), for rows
 * written in bulk: consecutive ids land at the end of the table's unique index, where random ones
 * (the SQL default, version 4) each dirty a page of their own, a third of auto-accept's span inserts.
 */
export function timeOrderedUid(): string {
  const ms = Date.now();
  if (ms !== uidTime.ms) {
    const hex = ms.toString(16).padStart(12, '0');
    uidTime.ms = ms;
    uidTime.prefix = `${hex.slice(0, 8)}-${hex.slice(8)}-7`;
  }
  return uidTime.prefix + randomUUID().slice(15);
}
/** The last time a uid was made for, as its first characters: a bulk write makes thousands a ms. */
const uidTime = { ms: -1, prefix: '' };

export class ProjectDatabase {
  private readonly cache = new Map<string, Database.Statement>();
  /** Depth of nested actions and the action id the outermost one logs its events under. */
  private depth = 0;
  private currentAction: number | null = null;
  /**
   * Highest span and relation ids that may be gone from their tables (migration 12's high-water
   * marks, raised on delete), kept current by logEvent (see nextId).
   */
  private readonly loggedMaxId = { span: 0, relation: 0 };
  /**
   * The last action id given, kept here like loggedMaxId (one writer per file, projectLock.ts): a
   * tag's write asked the log for it each time. An action rolled back leaves its id unused.
   */
  private lastAction: number;
  /**
   * Whether SQLite's check of the file is still to come (ProjectStore.open with checkBeforeWriting):
   * it then runs before the first commit, or its verdict comes from the reading thread
   * (services/placesReader.ts), which checks the file while this thread writes. A damaged verdict
   * stays, and refuses every commit.
   */
  private check: 'pending' | 'ok' | { damaged: string } = 'ok';
  private checkBinding: string | undefined;
  /** Runs a function in a transaction; `.immediate` is taken per call (see action). */
  private readonly runInTransaction: Database.Transaction<(fn: () => unknown) => unknown>;

  constructor(
    readonly connection: Database.Database,
    private readonly path: string,
  ) {
    this.runInTransaction = connection.transaction((fn: () => unknown) => {
      if (this.depth++ === 0) this.currentAction = null;
      try {
        return fn();
      } finally {
        this.depth--;
      }
    });
    // The log is in action order (see logEvent): its last row holds the highest action.
    this.lastAction =
      this.prepare<[], { action: number }>('SELECT action FROM event ORDER BY id DESC LIMIT 1').get()
        ?.action ?? 0;
    for (const { entity, high } of this.prepare<[], { entity: 'span' | 'relation'; high: number }>(
      'SELECT entity, high FROM id_high_water',
    ).all())
      this.loggedMaxId[entity] = high;
  }

  /** A prepared statement, compiled once per connection and reused (the hot paths run thousands). */
  prepare<P extends unknown[] | object = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }

  /**
   * Runs `fn` as one user action: one transaction (nested calls join it), every event row it logs
   * under one action id, so undo reverts them together. It starts with BEGIN IMMEDIATE: a deferred
   * transaction reads first and then cannot wait for the write lock (SQLite skips busy_timeout for
   * it), so a busy file failed the edit at once. What the disk refuses comes back as a sentence.
   */
  action<T>(fn: () => T): T {
    try {
      return this.runInTransaction.immediate(this.checkedBeforeCommit(fn)) as T;
    } catch (error) {
      throw this.notSaved(error);
    }
  }

  /**
   * Several actions in one transaction, synced once: each action() inside keeps its own action id
   * (undo takes back one at a time) and all of them commit or none (auto-accept over a project).
   */
  actions<T>(fn: () => T): T {
    try {
      return this.connection.transaction(this.checkedBeforeCommit(fn)).immediate();
    } catch (error) {
      throw this.notSaved(error);
    }
  }

  /**
   * One action written step by step, with `pause` awaited between steps and before the commit, for a
   * caller that must hear a Ctrl-C while it writes (the CLI's import). If a step or `pause` throws,
   * nothing is written. Nothing else may write meanwhile: it would join this transaction.
   */
  async pausingAction<T>(steps: () => Generator<void, T>, pause: () => Promise<void>): Promise<T> {
    try {
      this.connection.exec('BEGIN IMMEDIATE');
    } catch (error) {
      const sentence = sentenceFor(error, this.path);
      throw sentence ? new UserError(`${sentence}. Nothing was written.`) : error;
    }
    if (this.depth++ === 0) this.currentAction = null;
    try {
      const running = steps();
      let step = running.next();
      while (!step.done) {
        await pause();
        step = running.next();
      }
      await pause();
      this.settleCheck();
      this.connection.exec('COMMIT');
      return step.value;
    } catch (error) {
      if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
      throw error;
    } finally {
      this.depth--;
    }
  }

  /**
   * Appends one row to the event log, under the current action's id. One writer per file
   * (projectLock.ts) and an action's rows written in its one transaction keep the log in action
   * order: an action's rows are consecutive ids, and a later action's come after them. history.ts
   * finds an action's rows by it, without an index by action (migration 13).
   */
  logEvent(event: EventInput): void {
    const action = this.depth === 0 ? ++this.lastAction : (this.currentAction ??= ++this.lastAction);
    this.prepare(
      `INSERT INTO event (at, annotator_id, document_id, op, entity, entity_id, before, after, action, undoes, layer)
       VALUES (@at, @annotatorId, @documentId, @op, @entity, @entityId, @before, @after, @action, @undoes, @layer)`,
    ).run({
      ...event,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
      action,
      undoes: event.undoes ?? null,
      layer: this.layerOfEvent(event),
    });
    const { entity, entityId } = event;
    if (
      (entity === 'span' || entity === 'relation') &&
      entityId !== null &&
      entityId > this.loggedMaxId[entity]
    )
      this.loggedMaxId[entity] = entityId;
  }

  /**
   * The layer (core/layers.ts `layerKey`) an undoable span or relation edit is in, so undo and the
   * history follow one layer: a reviewer's gold edits and their own are separate stacks. A relation
   * is in its `from` span's layer; a span deleted before its row is logged is placed by its snapshot.
   * Imports and schema changes are never undone and get none (they are written in bulk).
   */
  private layerOfEvent(event: EventInput): string | null {
    if (event.layer !== undefined) return event.layer;
    // A decision is part of the gold layer: undone and redone with the gold edits it made.
    if (event.entity === 'decision') return layerKey({ kind: 'gold' });
    if ((event.entity !== 'span' && event.entity !== 'relation') || NOT_UNDONE_OPS.includes(event.op))
      return null;
    const snapshot = (event.after ?? event.before) as
      { fromSpan?: number; gold?: boolean; annotator?: string } | undefined;
    const spanId = event.entity === 'span' ? event.entityId : snapshot?.fromSpan;
    const row =
      spanId == null
        ? undefined
        : this.prepare<[number], { gold: number; uid: string }>(
            'SELECT s.gold, a.uid FROM span s JOIN annotator a ON a.id = s.annotator_id WHERE s.id = ?',
          ).get(spanId);
    if (row) return layerKey(row.gold ? { kind: 'gold' } : { kind: 'annotator', annotator: row.uid });
    if (event.entity !== 'span' || !snapshot) return null;
    if (snapshot.gold) return layerKey({ kind: 'gold' });
    const uid = this.prepare<[string], { uid: string }>('SELECT uid FROM annotator WHERE name = ?').get(
      snapshot.annotator ?? '',
    )?.uid;
    return uid === undefined ? null : layerKey({ kind: 'annotator', annotator: uid });
  }

  /**
   * The id for a new span or relation: above every id the table has held. An id once used, even by
   * an entity since deleted, is never given again: undo brings deleted spans and relations back
   * under their old ids, and the log names them by id.
   */
  nextId(entity: 'span' | 'relation'): number {
    const inTable = this.prepare<[], { id: number | null }>(
      entity === 'span' ? 'SELECT max(id) AS id FROM span' : 'SELECT max(id) AS id FROM relation',
    ).get()!.id;
    return Math.max(inTable ?? 0, this.loggedMaxId[entity]) + 1;
  }

  /**
   * What to throw for a change that failed: what the disk refused as a sentence; where the file is
   * not checked yet, SQLite's check first, since reading a damaged file fails in its own words.
   */
  private notSaved(error: unknown): unknown {
    // Rolled back, this connection reads the file as committed.
    if (this.check === 'pending' && !(error instanceof UserError))
      try {
        this.settleCheck(this.checkFile());
      } catch (damaged) {
        return damaged;
      }
    const sentence = sentenceFor(error, this.path);
    return sentence ? new UserError(`the change was not saved: ${sentence}`) : error;
  }

  /** Whether the file's check is still to come (see `check`). */
  get checkPending(): boolean {
    return this.check === 'pending';
  }

  /** SQLite's quick check of the file as committed: 'ok', or the first problem it found. */
  checkFile(): string {
    return quickCheck(this.connection);
  }

  /**
   * From now on, the file is checked before the first commit instead of having been at open;
   * `nativeBinding`, the addon this file was opened with, for the check's own connection.
   */
  checkBeforeWriting(nativeBinding: string | undefined): void {
    this.check = 'pending';
    this.checkBinding = nativeBinding;
  }

  /**
   * SQLite's check of the file as committed, on a connection of its own: this one may hold a
   * transaction's pages, twice the file to check at the end of an auto-accept.
   */
  private checkCommitted(): string {
    const reader = new Database(this.path, {
      readonly: true,
      fileMustExist: true,
      ...(this.checkBinding ? { nativeBinding: this.checkBinding } : {}),
    });
    try {
      return quickCheck(reader);
    } finally {
      reader.close();
    }
  }

  /**
   * Settles the file's check, if it is still to come: with the reading thread's `verdict` on the file
   * as committed, or by running it now. Throws the refusal if the file is damaged.
   */
  settleCheck(verdict?: string): void {
    if (this.check === 'pending') {
      const found = verdict ?? this.checkCommitted();
      this.check = found === 'ok' ? 'ok' : { damaged: found };
    }
    if (this.check !== 'ok') throw damagedFile(this.path, this.check.damaged);
  }

  /** `fn`, followed by the file's check if this is the outermost transaction and it is still to come. */
  private checkedBeforeCommit<T>(fn: () => T): () => T {
    if (this.check === 'ok' || this.connection.inTransaction) return fn;
    return () => {
      const result = fn();
      this.settleCheck();
      return result;
    };
  }

  close(): void {
    this.cache.clear();
    this.connection.close();
  }
}
