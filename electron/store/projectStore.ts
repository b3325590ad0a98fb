/**
 * The project file: one SQLite database per project, opened (checked, locked, upgraded) here and
 * written through one ProjectDatabase by the store modules of each aggregate: documents.ts,
 * annotators.ts, schema.ts and schemaChange.ts, spans.ts, relations.ts, history.ts (undo and the log),
 * importBatch.ts. Every user action is one transaction that also writes its event rows
 * (docs/architecture.md). ProjectStore keeps the method names the services call, each one line.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AttributeValue } from '../core/attributes';
import { UserError } from '../core/errors';
import type { LoggedEvent } from '../core/history';
import type { LayerRef } from '../core/layers';
import type { ProjectSchema } from '../core/schema';
import type { SchemaRenames } from '../core/schemaRenames';
import type { SchemaImpact } from '../core/schemaRules';
import type { Fragment, Relation, Span } from '../core/spans';
import { AnnotatorStore, type TeamMemberRow } from './annotators';
import { now, ProjectDatabase } from './database';
import { DocumentStore } from './documents';
import { HistoryStore } from './history';
import { DecisionStore } from './decisions';
import { importBatchSteps, writeImportBatch, type ImportBatch, type ImportBatchResult } from './importBatch';
import { MIGRATIONS } from './migrations';
import {
  APPLICATION_ID,
  configure,
  damagedFile,
  migrate,
  quickCheck,
  refuseDamaged,
  refuseNewerSchema,
  sentenceFor,
} from './projectFile';
import { ProjectLock } from './projectLock';
import { RelationStore } from './relations';
import type { AnnotatorRow, DocumentRow, DocumentStatus, NewDocument, NewSpan, StoredDocument } from './rows';
import { SchemaStore } from './schema';
import { SchemaChanges } from './schemaChange';
import { SpanStore } from './spans';
import { TeamStore } from './team';

export type { ImportBatch, ImportBatchResult, ImportDocument } from './importBatch';
export type { AnnotatorRow, DocumentRow, DocumentStatus, NewDocument, NewSpan, StoredDocument } from './rows';

export interface StoreOptions {
  /** Path of a better-sqlite3 addon built for the running runtime (Electron ships its own ABI). */
  nativeBinding?: string;
  /** Who holds the project while it is open, as a refusal names it to a second program. */
  program?: string;
  /**
   * Read without taking the project's lock (exports, counts): works while another program has it
   * open for writing; any write is refused.
   */
  readOnly?: boolean;
  /**
   * SQLite's check of the file (0.3 s at 60 MB) runs before the first commit instead of at open: a
   * command that reads a while before it writes has its reading thread check the file meanwhile
   * (services/placesReader.ts). A file to upgrade is still checked at open. With readOnly, the one who
   * opens it runs the check (the reading thread, when asked).
   */
  checkBeforeWriting?: boolean;
}

export class ProjectStore {
  private readonly db: ProjectDatabase;
  private readonly schemaRows: SchemaStore;
  private readonly documents: DocumentStore;
  private readonly people: AnnotatorStore;
  private readonly spans: SpanStore;
  private readonly relations: RelationStore;
  private readonly history: HistoryStore;
  private readonly schemaChanges: SchemaChanges;
  /** Assignments and the team policy (store/team.ts). */
  readonly team: TeamStore;
  /** Adjudication decisions (store/decisions.ts). */
  readonly decisions: DecisionStore;

  private constructor(
    connection: Database.Database,
    readonly path: string,
    private readonly lock: ProjectLock | null,
    /** The addon it was opened with, for a second connection of this process (services/placesReader.ts). */
    readonly nativeBinding: string | undefined,
  ) {
    this.db = new ProjectDatabase(connection, path);
    this.schemaRows = new SchemaStore(this.db);
    this.relations = new RelationStore(this.db, this.schemaRows);
    this.spans = new SpanStore(this.db, this.schemaRows, this.relations);
    this.documents = new DocumentStore(this.db, this.relations);
    this.people = new AnnotatorStore(this.db);
    this.decisions = new DecisionStore(this.db);
    this.history = new HistoryStore(this.db, this.schemaRows, this.spans, this.relations, this.decisions);
    this.schemaChanges = new SchemaChanges(this.db, this.schemaRows, this.spans, this.relations);
    this.team = new TeamStore(this.db);
  }

  /** Creates a new project file, `owner` (its creator) its owner; refuses to overwrite an existing one. */
  static create(
    path: string,
    name: string,
    schema: ProjectSchema,
    options: StoreOptions = {},
    owner?: string,
  ): ProjectStore {
    if (existsSync(path))
      throw new UserError(`${path} already exists; open it instead, or choose another name`);
    const lock = ProjectLock.acquire(path, programOf(options), driverOptions(options));
    try {
      const db = new Database(path, driverOptions(options));
      configure(db);
      migrate(db, path);
      const store = new ProjectStore(db, path, lock, options.nativeBinding);
      store.db.action(() => {
        store.documents.writeProject(name);
        store.schemaRows.writeInitial(schema);
        if (owner) store.people.makeOwner(owner);
      });
      return store;
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** Opens an existing project file, migrating it (after a backup) when it is from an older version. */
  static open(path: string, options: StoreOptions = {}): ProjectStore {
    if (!existsSync(path)) throw new UserError(`${path} does not exist`);
    const readOnly = options.readOnly === true;
    if (!readOnly) refuseUnwritable(path);
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { ...driverOptions(options), fileMustExist: true, readonly: readOnly });
      // Checked before any pragma writes to the file: another program's database is left untouched.
      if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID)
        throw new UserError(`${path} is not a Marginalia project`);
    } catch (error) {
      db?.close();
      if (error instanceof UserError) throw error;
      throw new UserError(`${path} is not a Marginalia project (${(error as Error).message})`);
    }
    let lock: ProjectLock | undefined;
    try {
      // Also before any pragma writes: a newer version's project is neither converted nor held open,
      // one held by another process is not touched, and a damaged one is not written to.
      const version = refuseNewerSchema(db, path);
      if (readOnly) {
        if (version < MIGRATIONS.length)
          throw new UserError(
            `${path} is from an older Marginalia (schema ${version}) and is only read here; open it once in the ` +
              'app (or with a command that changes it) to upgrade it. Nothing was changed.',
          );
        if (!options.checkBeforeWriting) refuseDamaged(db, path);
        db.pragma('busy_timeout = 5000');
        return new ProjectStore(db, path, null, options.nativeBinding);
      }
      lock = ProjectLock.acquire(path, programOf(options), driverOptions(options));
      const checkLater = options.checkBeforeWriting === true && version === MIGRATIONS.length;
      if (!checkLater) refuseDamaged(db, path);
      configure(db);
      migrate(db, path);
      const store = new ProjectStore(db, path, lock, options.nativeBinding);
      if (checkLater) store.db.checkBeforeWriting(options.nativeBinding);
      return store;
    } catch (error) {
      // Reading a file not yet checked can fail where the check would have: say what that finds.
      const verdict = options.checkBeforeWriting && !(error instanceof UserError) ? quickCheck(db) : 'ok';
      db.close();
      lock?.release();
      if (verdict !== 'ok') throw damagedFile(path, verdict);
      const sentence = error instanceof UserError ? null : sentenceFor(error, path);
      if (sentence) throw new UserError(`cannot open ${path}: ${sentence}. Nothing was changed.`);
      throw error;
    }
  }

  close(): void {
    this.db.close();
    this.lock?.release();
  }

  /** Layers: the project's database, for the layer functions of store/layers.ts. */
  get database(): ProjectDatabase {
    return this.db;
  }

  // ── Project, schema and people ──
  info(): { name: string; offsetUnit: string; createdAt: string } {
    return this.documents.info();
  }
  schema(): ProjectSchema {
    return this.schemaRows.read();
  }
  ensureAnnotator(name: string): number {
    return this.people.ensure(name);
  }
  annotators(): AnnotatorRow[] {
    return this.people.list();
  }
  annotatorSpanCounts(): TeamMemberRow[] {
    return this.people.withSpanCounts();
  }
  setAnnotatorRole(name: string, role: AnnotatorRow['role'], by: number | null): AnnotatorRow {
    return this.people.setRole(name, role, by);
  }
  annotatorIdentities(): { id: number; uid: string; name: string }[] {
    return this.people.identities();
  }
  annotatorRole(id: number): AnnotatorRow['role'] {
    return this.people.roleOf(id);
  }
  owners(): number {
    return this.people.owners();
  }
  renameAnnotator(id: number, name: string): AnnotatorRow {
    return this.people.rename(id, name);
  }
  /** See SchemaChanges.impact. */
  schemaImpact(next: ProjectSchema, renames?: SchemaRenames): SchemaImpact {
    return this.schemaChanges.impact(next, renames);
  }
  /** See SchemaChanges.replace: `accept` may refuse the impact, planned once inside the action. */
  replaceSchema(
    annotatorId: number,
    next: ProjectSchema,
    renames?: SchemaRenames,
    accept?: (impact: SchemaImpact) => void,
  ): SchemaImpact {
    return this.schemaChanges.replace(annotatorId, next, renames, accept);
  }

  // ── Documents ──
  /** Writes an import batch as one action with its event rows; a failure leaves the project as it was. */
  importBatch(batch: ImportBatch): ImportBatchResult {
    const result = this.db.action(() => writeImportBatch(this.db, batch, now()));
    if (batch.newLabels.length) this.schemaRows.loadLabelIds();
    return result;
  }

  /**
   * importBatch for a caller that must hear a Ctrl-C while it writes (the CLI): the same single
   * action, with `pause` awaited between documents and before the commit; if it throws, nothing is
   * written.
   */
  async importBatchPausing(batch: ImportBatch, pause: () => Promise<void>): Promise<ImportBatchResult> {
    const result = await this.db.pausingAction(() => importBatchSteps(this.db, batch, now()), pause);
    if (batch.newLabels.length) this.schemaRows.loadLabelIds();
    return result;
  }
  insertDocuments(docs: readonly NewDocument[], annotatorId: number | null) {
    return this.documents.insert(docs, annotatorId);
  }
  listDocuments(annotatorId: number, onlyAssigned = false): DocumentRow[] {
    return this.documents.list(annotatorId, onlyAssigned);
  }
  documentsWithExternalId(externalId: string): { id: number; title: string }[] {
    return this.documents.withExternalId(externalId);
  }
  getDocument(id: number): StoredDocument | undefined {
    return this.documents.get(id);
  }
  documentIds(): { id: number; title: string }[] {
    return this.documents.ids();
  }
  documentStatus(documentId: number, annotatorId: number): DocumentStatus {
    return this.documents.status(documentId, annotatorId);
  }
  setDocumentStatus(documentId: number, annotatorId: number, status: DocumentStatus): void {
    this.documents.setStatus(documentId, annotatorId, status);
  }
  renameDocument(documentId: number, annotatorId: number, title: string): void {
    this.documents.rename(documentId, annotatorId, title);
  }
  guidelines(): string {
    return this.documents.guidelines();
  }
  setGuidelines(markdown: string): void {
    this.documents.setGuidelines(markdown);
  }
  counts(): { documents: number; spans: number; annotators: number; events: number } {
    return this.documents.counts();
  }
  documentsWithSpans(pageSize?: number) {
    return this.documents.withAnnotations(pageSize);
  }
  /** documentsWithSpans with raw span rows, for exports (see DocumentStore.withSpanRows). */
  documentsWithSpanRows(pageSize?: number, identities = false) {
    return this.documents.withSpanRows(pageSize, identities);
  }

  // ── Spans and relations ──
  spansOf(documentId: number, annotatorId?: number): Span[] {
    return this.spans.spansOf(documentId, annotatorId);
  }
  spansOfAnnotator(annotatorId: number | null, label: string | null): Span[] {
    return this.spans.spansOfAnnotator(annotatorId, label);
  }
  getSpan(spanId: number): Span | undefined {
    return this.spans.getSpan(spanId);
  }
  /** Layers: the spans of one layer of a document, in document order. */
  layerSpans(documentId: number, layer: LayerRef): Span[] {
    return this.spans.layerSpans(documentId, layer);
  }
  /** Layers: the relations of one layer (the layer of their spans) of a document. */
  layerRelations(documentId: number, layer: LayerRef): Relation[] {
    return this.relations.layerRelations(documentId, layer);
  }
  /** Into the writer's own layer, or `layer` when the edit rule lets them write it (see SpanStore.add). */
  addSpans(annotatorId: number, documentId: number, spans: readonly NewSpan[], layer?: LayerRef): Span[] {
    return this.spans.add(annotatorId, documentId, spans, layer);
  }
  addSpan(annotatorId: number, documentId: number, span: NewSpan, layer?: LayerRef): Span {
    return this.spans.add(annotatorId, documentId, [span], layer)[0]!;
  }
  setSpanLabel(annotatorId: number, spanId: number, label: string): Span {
    return this.spans.setLabel(annotatorId, spanId, label);
  }
  deleteSpan(annotatorId: number, spanId: number): void {
    this.spans.delete(annotatorId, spanId);
  }
  setSpanAttribute(annotatorId: number, spanId: number, name: string, value: AttributeValue | null): Span {
    return this.spans.setAttribute(annotatorId, spanId, name, value);
  }
  setSpanNote(annotatorId: number, spanId: number, note: string | null): Span {
    return this.spans.setNote(annotatorId, spanId, note);
  }
  setSpanFragments(annotatorId: number, spanId: number, fragments: readonly Fragment[]): Span {
    return this.spans.setFragments(annotatorId, spanId, fragments);
  }
  relationsOf(documentId: number, annotatorId?: number): Relation[] {
    return this.relations.relationsOf(documentId, annotatorId);
  }
  addRelation(annotatorId: number, relation: { type: string; fromSpan: number; toSpan: number }): Relation {
    return this.relations.add(annotatorId, relation);
  }
  deleteRelation(annotatorId: number, relationId: number): void {
    this.relations.delete(annotatorId, relationId);
  }

  // ── History and undo ──
  revertAction(annotatorId: number, documentId: number, direction: 'undo' | 'redo', layer?: LayerRef) {
    return this.history.revertAction(annotatorId, documentId, direction, layer);
  }
  eventsOfAction(action: number, documentId: number): LoggedEvent[] {
    return this.history.eventsOfAction(action, documentId);
  }
  historyOf(documentId: number, limit: number, layer?: LayerRef): LoggedEvent[] {
    return this.history.historyOf(documentId, limit, layer);
  }
  eventsOf(documentId: number) {
    return this.history.eventsOf(documentId);
  }

  // ── The file ──
  /** The durability settings this connection runs with (journal, fsync, foreign keys, busy wait). */
  pragmas(): { journalMode: string; synchronous: number; foreignKeys: number; busyTimeout: number } {
    const read = (name: string) => this.db.connection.pragma(name, { simple: true }) as string | number;
    return {
      journalMode: String(read('journal_mode')),
      synchronous: Number(read('synchronous')),
      foreignKeys: Number(read('foreign_keys')),
      busyTimeout: Number(read('busy_timeout')),
    };
  }

  integrityCheck(): string {
    return String(this.db.connection.pragma('integrity_check', { simple: true }));
  }
}

const driverOptions = (options: StoreOptions): Database.Options =>
  options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};

const programOf = (options: StoreOptions) => options.program ?? 'Marginalia';

/**
 * SQLite writes its journal beside the project and the project itself on every edit: a read-only
 * file or folder is said plainly, before anything is opened.
 */
function refuseUnwritable(path: string): void {
  for (const [target, what] of [
    [path, 'the file'],
    [dirname(path), 'its folder'],
  ] as const) {
    try {
      accessSync(target, constants.W_OK);
    } catch {
      throw new UserError(
        `cannot open ${path}: ${what} is read-only for you, and Marginalia writes every edit (and its ` +
          'journal beside the file) at once. Nothing was changed; make it writable or copy the project elsewhere.',
      );
    }
  }
}
