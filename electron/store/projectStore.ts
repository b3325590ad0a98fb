/**
 * The project file: one SQLite database per project. This module (with migrations.ts) is the only
 * place that speaks SQL. Every user action is one transaction, and every change to annotations
 * appends a row to the event log in that same transaction.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../core/errors';
import { fittingAttributes, type AttributeValue } from '../core/attributes';
import { isUndoable, NOT_UNDONE_OPS, undoStacks, type LoggedEvent } from '../core/history';
import type { AttributeType, LabelDef, ProjectSchema } from '../core/schema';
import {
  NO_RENAMES,
  relationUnderRenames,
  renamedAttributes,
  renamedRelationType,
  renamesProblem,
  spanUnderSchema,
  type SchemaRenames,
} from '../core/schemaRenames';
import { relationTypesBetween, schemaProblem, type SchemaImpact } from '../core/schemaRules';
import type { Fragment, Relation, Span, SpanOrigin } from '../core/spans';
import { writeImportBatch, type ImportBatch, type ImportBatchResult } from './importBatch';
import {
  APPLICATION_ID,
  configure,
  migrate,
  refuseDamaged,
  refuseNewerSchema,
  sentenceFor,
} from './projectFile';
import { ProjectLock } from './projectLock';
import { layerCondition, requireEditable, requireLayer, spanOwner } from './layers';
import type { LayerRef } from '../core/layers';
import { MIGRATIONS } from './migrations';

export type { ImportBatch, ImportBatchResult, ImportDocument } from './importBatch';

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
}

export type DocumentStatus = 'todo' | 'in_progress' | 'done';

export interface NewDocument {
  externalId: string;
  title: string;
  text: string;
  sha256: string;
  source: Record<string, unknown>;
  newlinePolicy: string;
}

export interface StoredDocument {
  id: number;
  externalId: string;
  title: string;
  text: string;
  sha256: string;
  source: Record<string, unknown>;
}

export interface AnnotatorRow {
  id: number;
  name: string;
  role: 'annotator' | 'reviewer';
}

export interface DocumentRow {
  id: number;
  externalId: string;
  title: string;
  chars: number;
  status: DocumentStatus;
  spanCount: number;
}

interface SpanRow {
  id: number;
  documentId: number;
  annotator: string;
  fragments: string | null;
  label: string;
  start: number;
  end: number;
  attributes: string;
  note: string | null;
  origin: SpanOrigin;
  gold: number;
}

/** A span row as a tuple: id, document, annotator id, label id, start, end, fragments, attributes, note, origin, gold. */
type SpanTuple = [
  number,
  number,
  number,
  number,
  number,
  number,
  string | null,
  string,
  string | null,
  SpanOrigin,
  number,
];

const SPAN_SELECT = `
  SELECT s.id, s.document_id AS documentId, a.name AS annotator, l.key AS label, s.start, s."end" AS "end",
         s.fragments, s.attributes, s.note, s.origin, s.gold
  FROM span s JOIN annotator a ON a.id = s.annotator_id JOIN label l ON l.id = s.label_id`;

/** A span row as a Span, built field by field: exports map hundreds of thousands of these. */
const toSpan = (row: SpanRow): Span => ({
  id: row.id,
  documentId: row.documentId,
  annotator: row.annotator,
  label: row.label,
  start: row.start,
  end: row.end,
  // Continuous spans store no fragment list: their one fragment is start-end.
  fragments: row.fragments ? (JSON.parse(row.fragments) as Fragment[]) : [{ start: row.start, end: row.end }],
  attributes: row.attributes === '{}' ? {} : (JSON.parse(row.attributes) as Span['attributes']),
  note: row.note,
  origin: row.origin,
  ...(row.gold ? { gold: true as const } : {}), // layers: gold spans say so
});

/** A raw span row as a Span, with the annotator's name and the label's key looked up. */
const spanFromTuple = (t: SpanTuple, annotators: Map<number, string>, labels: Map<number, string>): Span => ({
  id: t[0],
  documentId: t[1],
  annotator: annotators.get(t[2])!,
  label: labels.get(t[3])!,
  start: t[4],
  end: t[5],
  fragments: t[6] ? (JSON.parse(t[6]) as Fragment[]) : [{ start: t[4], end: t[5] }],
  attributes: t[7] === '{}' ? {} : (JSON.parse(t[7]) as Span['attributes']),
  note: t[8],
  origin: t[9],
  ...(t[10] ? { gold: true as const } : {}), // layers: gold spans say so
});

interface EventRow {
  action: number;
  at: string;
  annotator: string | null;
  op: string;
  entity: string;
  entityId: number | null;
  before: string | null;
  after: string | null;
  undoes: number | null;
}

const EVENT_SELECT = `
  SELECT e.action, e.at, a.name AS annotator, e.op, e.entity, e.entity_id AS entityId, e.before, e.after, e.undoes
  FROM event e LEFT JOIN annotator a ON a.id = e.annotator_id`;

const toLoggedEvent = (row: EventRow): LoggedEvent => ({
  ...row,
  before: row.before === null ? undefined : (JSON.parse(row.before) as unknown),
  after: row.after === null ? undefined : (JSON.parse(row.after) as unknown),
});

/** Who, when and why of the rows an undo or redo writes. */
interface RestoreLog {
  at: string;
  annotatorId: number;
  documentId: number;
  op: 'undo' | 'redo';
  undoes: number;
}

/** What a new span needs; fragments default to the one range start-end. */
export interface NewSpan {
  label: string;
  start: number;
  end: number;
  fragments?: readonly Fragment[];
  attributes?: Span['attributes'];
  note?: string | null;
}

/** The stored form of a span's fragments: null for a continuous span. */
const fragmentsColumn = (span: NewSpan) =>
  span.fragments && span.fragments.length > 1 ? JSON.stringify(span.fragments) : null;
const now = () => new Date().toISOString();

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

export class ProjectStore {
  private readonly labelIds = new Map<string, number>();
  private readonly statements;
  /** Depth of nested transactions and the action id the outermost one logs its events under. */
  private transactionDepth = 0;
  private currentAction: number | null = null;
  /** Highest span and relation ids the event log names, kept current by logEvent (see nextId). */
  private readonly loggedMaxId = { span: 0, relation: 0 };

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly lock: ProjectLock | null,
  ) {
    this.statements = {
      spanById: db.prepare<[number], SpanRow>(`${SPAN_SELECT} WHERE s.id = ?`),
      insertSpan: db.prepare(
        `INSERT INTO span (id, document_id, annotator_id, gold, label_id, start, "end", fragments, attributes, note,
                           origin, created_at, updated_at)
         VALUES (@id, @documentId, @annotatorId, @gold, @labelId, @start, @end, @fragments, @attributes, @note,
                 @origin, @at, @at)`,
      ),
      updateSpan: db.prepare(
        `UPDATE span SET label_id = @labelId, start = @start, "end" = @end, fragments = @fragments,
           attributes = @attributes, note = @note, origin = @origin, updated_at = @at WHERE id = @id`,
      ),
      // An id once used, even by an entity since deleted, is never given again: undo brings deleted
      // spans and relations back under their old ids, and the log names them by id.
      maxLoggedId: db.prepare<[string], { id: number | null }>(
        'SELECT max(entity_id) AS id FROM event WHERE entity = ?',
      ),
      maxSpanId: db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM span'),
      maxRelationId: db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM relation'),
      nextAction: db.prepare<[], { action: number }>(
        'SELECT coalesce(max(action), 0) + 1 AS action FROM event',
      ),
      setSpanLabel: db.prepare(`UPDATE span SET label_id = ?, updated_at = ? WHERE id = ?`),
      deleteSpan: db.prepare(`DELETE FROM span WHERE id = ?`),
      insertEvent: db.prepare(
        `INSERT INTO event (at, annotator_id, document_id, op, entity, entity_id, before, after, action, undoes)
         VALUES (@at, @annotatorId, @documentId, @op, @entity, @entityId, @before, @after, @action, @undoes)`,
      ),
      documentPage: {
        documents: db.prepare<[number, number], Omit<StoredDocument, 'source'> & { source: string }>(
          `SELECT id, external_id AS externalId, title, text, sha256, source FROM document
           WHERE id > ? ORDER BY id LIMIT ?`,
        ),
        // Raw rows with ids, names looked up in JS: the fastest read of the largest table (exports).
        spans: db
          .prepare<[number, number], SpanTuple>(
            `SELECT s.id, s.document_id, s.annotator_id, s.label_id, s.start, s."end", s.fragments, s.attributes,
                    s.note, s.origin, s.gold
             FROM span s WHERE s.document_id BETWEEN ? AND ? ORDER BY s.document_id, s.start, s."end" DESC, s.id`,
          )
          .raw(true),
        names: db.prepare<[], { id: number; name: string }>('SELECT id, name FROM annotator'),
        labelKeys: db.prepare<[], { id: number; key: string }>('SELECT id, key FROM label'),
        relations: db.prepare<[number, number], Relation>(
          `SELECT r.id, s.document_id AS documentId, t.name AS type, r.from_span_id AS fromSpan,
                  r.to_span_id AS toSpan, a.name AS annotator
           FROM relation r JOIN span s ON s.id = r.from_span_id JOIN relation_type t ON t.id = r.type_id
           JOIN annotator a ON a.id = r.annotator_id
           WHERE s.document_id BETWEEN ? AND ? ORDER BY r.id`,
        ),
        statuses: db.prepare<[number, number], { documentId: number; name: string; status: DocumentStatus }>(
          `SELECT s.document_id AS documentId, a.name, s.status FROM assignment s
           JOIN annotator a ON a.id = s.annotator_id WHERE s.document_id BETWEEN ? AND ?`,
        ),
      },
      touchAssignment: db.prepare(
        `INSERT INTO assignment (document_id, annotator_id, status, started_at) VALUES (?, ?, 'in_progress', ?)
         ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = 'in_progress',
           started_at = coalesce(started_at, excluded.started_at)
         WHERE status = 'todo'`,
      ),
    };
    this.loadLabelIds();
    for (const entity of ['span', 'relation'] as const)
      this.loggedMaxId[entity] = this.statements.maxLoggedId.get(entity)!.id ?? 0;
    // Every outermost transaction is one user action: logEvent tags its rows with one action id, so
    // undo reverts all rows of an action together (a span deleted with its relations, a label-all).
    // Wrapping the connection's transaction() gives this to every store method without extra code.
    // Each one starts with BEGIN IMMEDIATE: a deferred transaction reads first and then cannot wait
    // for the write lock (SQLite skips busy_timeout for it), so a busy file failed the edit at once.
    const transaction = db.transaction.bind(db);
    db.transaction = ((fn: (...args: unknown[]) => unknown) => {
      const run = transaction((...args: unknown[]) => {
        if (this.transactionDepth++ === 0) this.currentAction = null;
        try {
          return fn(...args);
        } finally {
          this.transactionDepth--;
        }
      });
      return (...args: unknown[]) => {
        try {
          return run.immediate(...args);
        } catch (error) {
          const sentence = sentenceFor(error, path);
          if (sentence) throw new UserError(`the change was not saved: ${sentence}`);
          throw error;
        }
      };
    }) as typeof db.transaction;
  }

  private loadLabelIds(): void {
    for (const row of this.db.prepare<[], { id: number; key: string }>('SELECT id, key FROM label').all()) {
      this.labelIds.set(row.key, row.id);
    }
  }

  /** Creates a new project file; refuses to overwrite an existing one. */
  static create(path: string, name: string, schema: ProjectSchema, options: StoreOptions = {}): ProjectStore {
    if (existsSync(path))
      throw new UserError(`${path} already exists; open it instead, or choose another name`);
    const lock = ProjectLock.acquire(path, programOf(options), driverOptions(options));
    try {
      const db = new Database(path, driverOptions(options));
      configure(db);
      migrate(db, path);
      db.transaction(() => {
        db.prepare('INSERT INTO project (id, name, created_at) VALUES (1, ?, ?)').run(name, now());
        writeSchema(db, schema);
      })();
      return new ProjectStore(db, path, lock);
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
        refuseDamaged(db, path);
        db.pragma('busy_timeout = 5000');
        return new ProjectStore(db, path, null);
      }
      lock = ProjectLock.acquire(path, programOf(options), driverOptions(options));
      refuseDamaged(db, path);
      configure(db);
      migrate(db, path);
      return new ProjectStore(db, path, lock);
    } catch (error) {
      db.close();
      lock?.release();
      const sentence = error instanceof UserError ? null : sentenceFor(error, path);
      if (sentence) throw new UserError(`cannot open ${path}: ${sentence}. Nothing was changed.`);
      throw error;
    }
  }

  close(): void {
    this.db.close();
    this.lock?.release();
  }

  info(): { name: string; offsetUnit: string; createdAt: string } {
    return this.db
      .prepare<[], { name: string; offsetUnit: string; createdAt: string }>(
        'SELECT name, offset_unit AS offsetUnit, created_at AS createdAt FROM project',
      )
      .get()!;
  }

  schema(): ProjectSchema {
    const labels = this.db
      .prepare<
        [],
        { id: number; key: string; name: string; color: string; hotkey: string; kind: LabelDef['kind'] }
      >('SELECT id, key, name, color, hotkey, kind FROM label ORDER BY position')
      .all();
    const attributes = this.db
      .prepare<[], { labelId: number; name: string; type: AttributeType; options: string }>(
        'SELECT label_id AS labelId, name, type, options FROM attribute_def ORDER BY id',
      )
      .all();
    const relationTypes = this.db
      .prepare<[], { name: string; fromLabel: string; toLabel: string | null }>(
        `SELECT r.name, f.key AS fromLabel, t.key AS toLabel
         FROM relation_type r JOIN label f ON f.id = r.from_label_id LEFT JOIN label t ON t.id = r.to_label_id
         ORDER BY r.id`,
      )
      .all();
    return {
      labels: labels.map(({ id, ...label }) => ({
        ...label,
        attributes: attributes
          .filter((a) => a.labelId === id)
          .map((a) => ({ name: a.name, type: a.type, options: JSON.parse(a.options) as string[] })),
      })),
      relationTypes,
    };
  }

  /** The annotator row of a person, created on first use. */
  ensureAnnotator(name: string): number {
    const known = this.db.prepare<[string], { id: number }>('SELECT id FROM annotator WHERE name = ?');
    // Read first, so a reader (or a full disk) can look up a known name; a new one is one transaction.
    return (
      known.get(name)?.id ??
      this.db.transaction(() => {
        this.db.prepare('INSERT INTO annotator (name) VALUES (?) ON CONFLICT (name) DO NOTHING').run(name);
        return known.get(name)!.id;
      })()
    );
  }

  /** Everyone who has annotated in this project (or imported into it), by name. */
  annotators(): AnnotatorRow[] {
    return this.db.prepare<[], AnnotatorRow>('SELECT id, name, role FROM annotator ORDER BY name').all();
  }

  /** The annotators, by name, with how many spans each holds. */
  annotatorSpanCounts(): (AnnotatorRow & { spans: number })[] {
    return this.db
      .prepare<[], AnnotatorRow & { spans: number }>(
        `SELECT a.id, a.name, a.role, (SELECT count(*) FROM span s WHERE s.annotator_id = a.id) AS spans
         FROM annotator a ORDER BY a.name`,
      )
      .all();
  }

  /**
   * Gives an annotator a role (reviewers may write the gold layer). Logged (entity `annotator`,
   * before and after the row) as `by`'s action, not undone; setting the role it already has changes nothing.
   */
  setAnnotatorRole(name: string, role: AnnotatorRow['role'], by: number | null): AnnotatorRow {
    return this.db.transaction(() => {
      const before = this.db
        .prepare<[string], AnnotatorRow>('SELECT id, name, role FROM annotator WHERE name = ?')
        .get(name);
      if (!before)
        throw new UserError(
          `no annotator "${name}" in this project; it has ${
            this.annotators()
              .map((a) => a.name)
              .join(', ') || 'none'
          }`,
        );
      if (before.role === role) return before;
      this.db.prepare('UPDATE annotator SET role = ? WHERE id = ?').run(role, before.id);
      const after = { ...before, role };
      this.logEvent({
        at: now(),
        annotatorId: by,
        documentId: null,
        op: 'role',
        entity: 'annotator',
        entityId: before.id,
        before,
        after,
      });
      return after;
    })();
  }

  /**
   * Writes an import batch (documents, spans, relations, new labels) as one transaction with its
   * event rows; a failure leaves the project as it was.
   */
  importBatch(batch: ImportBatch): ImportBatchResult {
    const result = this.db.transaction(() =>
      writeImportBatch(this.db, batch, (event) => this.logEvent(event), now(), {
        span: this.nextId('span'),
        relation: this.nextId('relation'),
      }),
    )();
    if (batch.newLabels.length) this.loadLabelIds();
    return result;
  }

  /**
   * Adds documents in one transaction. A text already in the project (same hash) is not added
   * again; its existing id is returned under `duplicates`.
   */
  insertDocuments(docs: readonly NewDocument[], annotatorId: number | null) {
    const inserted: { index: number; id: number }[] = [];
    const duplicates: { index: number; id: number }[] = [];
    const findByHash = this.db.prepare<[string], { id: number }>('SELECT id FROM document WHERE sha256 = ?');
    const insert = this.db.prepare(
      `INSERT INTO document (external_id, title, text, sha256, source, newline_policy, imported_at)
       VALUES (@externalId, @title, @text, @sha256, @source, @newlinePolicy, @at)`,
    );
    this.db.transaction(() => {
      const at = now();
      docs.forEach((doc, index) => {
        const existing = findByHash.get(doc.sha256);
        if (existing) {
          duplicates.push({ index, id: existing.id });
          return;
        }
        const id = Number(insert.run({ ...doc, source: JSON.stringify(doc.source), at }).lastInsertRowid);
        this.logEvent({
          at,
          annotatorId,
          documentId: id,
          op: 'import',
          entity: 'document',
          entityId: id,
          after: doc.externalId,
        });
        inserted.push({ index, id });
      });
    })();
    return { inserted, duplicates };
  }

  /** Every document with the given annotator's status and span count, in import order. */
  listDocuments(annotatorId: number): DocumentRow[] {
    return this.db
      .prepare<[number, number], DocumentRow>(
        `SELECT d.id, d.external_id AS externalId, d.title, length(d.text) AS chars,
                coalesce(a.status, 'todo') AS status,
                (SELECT count(*) FROM span s WHERE s.document_id = d.id AND s.annotator_id = ?) AS spanCount
         FROM document d LEFT JOIN assignment a ON a.document_id = d.id AND a.annotator_id = ?
         ORDER BY d.id`,
      )
      .all(annotatorId, annotatorId);
  }

  /** Number and title of the documents with an external id (a file name can repeat across folders). */
  documentsWithExternalId(externalId: string): { id: number; title: string }[] {
    return this.db
      .prepare<[string], { id: number; title: string }>(
        'SELECT id, title FROM document WHERE external_id = ? ORDER BY id',
      )
      .all(externalId);
  }

  getDocument(id: number): StoredDocument | undefined {
    const row = this.db
      .prepare<[number], Omit<StoredDocument, 'source'> & { source: string }>(
        'SELECT id, external_id AS externalId, title, text, sha256, source FROM document WHERE id = ?',
      )
      .get(id);
    return row && { ...row, source: JSON.parse(row.source) as Record<string, unknown> };
  }

  documentStatus(documentId: number, annotatorId: number): DocumentStatus {
    const row = this.db
      .prepare<[number, number], { status: DocumentStatus }>(
        'SELECT status FROM assignment WHERE document_id = ? AND annotator_id = ?',
      )
      .get(documentId, annotatorId);
    return row?.status ?? 'todo';
  }

  /** Spans of one document, of one annotator or of all, in document order. */
  spansOf(documentId: number, annotatorId?: number): Span[] {
    // The raw read of exports: a long article's 10,000 rows in 60% of the time joined objects take.
    const page = this.statements.documentPage;
    const annotators = new Map(page.names.all().map((a) => [a.id, a.name]));
    const labels = new Map(page.labelKeys.all().map((l) => [l.id, l.key]));
    const rows = page.spans.all(documentId, documentId);
    return (annotatorId === undefined ? rows : rows.filter((t) => t[2] === annotatorId && !t[10])).map((t) =>
      spanFromTuple(t, annotators, labels),
    );
  }

  /** Layers: the spans of one layer of a document, in document order, read by the layer in SQL. */
  layerSpans(documentId: number, layer: LayerRef): Span[] {
    const where = layerCondition(layer);
    const annotators = new Map(this.statements.documentPage.names.all().map((a) => [a.id, a.name]));
    const labels = new Map(this.statements.documentPage.labelKeys.all().map((l) => [l.id, l.key]));
    return this.db
      .prepare<(string | number)[], SpanTuple>(
        `SELECT s.id, s.document_id, s.annotator_id, s.label_id, s.start, s."end", s.fragments, s.attributes,
                s.note, s.origin, s.gold
         FROM span s WHERE s.document_id = ? AND ${where.sql} ORDER BY s.start, s."end" DESC, s.id`,
      )
      .raw(true)
      .all(documentId, ...where.params)
      .map((t) => spanFromTuple(t, annotators, labels));
  }

  /** Layers: the relations of one layer (the layer of their spans) of a document. */
  layerRelations(documentId: number, layer: LayerRef): Relation[] {
    const ids = new Set(this.layerSpans(documentId, layer).map((s) => s.id));
    return this.relationsOf(documentId).filter((r) => ids.has(r.fromSpan));
  }

  /** Layers: the connection, for the layer functions of layers.ts (the only SQL outside this file). */
  get database(): Database.Database {
    return this.db;
  }

  getSpan(spanId: number): Span | undefined {
    const row = this.statements.spanById.get(spanId);
    return row && toSpan(row);
  }

  /**
   * Adds spans by hand in one transaction (the caller has checked the ranges against the text), so several (label all occurrences) are one undo step; an
   * unknown label rolls back them all. Returns the new spans in the order given.
   */
  addSpans(annotatorId: number, documentId: number, spans: readonly NewSpan[], layer?: LayerRef): Span[] {
    return this.db.transaction(() => {
      const at = now();
      // Layers: the user's own layer unless another is named, and only one the edit rule allows.
      if (layer) requireLayer(this.db, annotatorId, layer, 'cannot add a span there: that layer');
      const owner = spanOwner(this.db, annotatorId, layer);
      const created = spans.map((span) => this.insertOneSpan(annotatorId, documentId, span, at, owner));
      if (created.length) this.statements.touchAssignment.run(documentId, annotatorId, at);
      return created;
    })();
  }

  /** Adds one span by hand, as addSpans does. */
  addSpan(annotatorId: number, documentId: number, span: NewSpan, layer?: LayerRef): Span {
    return this.addSpans(annotatorId, documentId, [span], layer)[0]!;
  }

  private insertOneSpan(
    annotatorId: number,
    documentId: number,
    span: NewSpan,
    at: string,
    owner: { annotatorId: number; gold: 0 | 1 } = { annotatorId, gold: 0 },
  ): Span {
    const id = Number(
      this.statements.insertSpan.run({
        id: this.nextId('span'),
        documentId,
        ...owner,
        labelId: this.labelId(span.label),
        start: span.start,
        end: span.end,
        fragments: fragmentsColumn(span),
        attributes: JSON.stringify(span.attributes ?? {}),
        note: span.note ?? null,
        origin: 'manual',
        at,
      }).lastInsertRowid,
    );
    const created = this.getSpan(id)!;
    this.logEvent({ at, annotatorId, documentId, op: 'add', entity: 'span', entityId: id, after: created });
    return created;
  }

  setSpanLabel(annotatorId: number, spanId: number, label: string): Span {
    return this.db.transaction(() => {
      const before = this.ownSpan(annotatorId, spanId);
      const at = now();
      this.statements.setSpanLabel.run(this.labelId(label), at, spanId);
      // Values the new label does not define would sit hidden in the row: drop them (undo restores them).
      const schema = this.schema();
      const attributes = fittingAttributes(
        schema.labels.find((l) => l.key === label),
        before.attributes,
      );
      if (Object.keys(attributes).length !== Object.keys(before.attributes).length) {
        this.db
          .prepare('UPDATE span SET attributes = ? WHERE id = ?')
          .run(JSON.stringify(attributes), spanId);
      }
      const after = this.getSpan(spanId)!;
      this.logEvent({
        at,
        annotatorId,
        documentId: before.documentId,
        op: 'relabel',
        entity: 'span',
        entityId: spanId,
        before,
        after,
      });
      this.deleteUnfitRelations(annotatorId, schema, after, at);
      return after;
    })();
  }

  /** Deletes a span and the relations that use it, logging each so undo can bring them back. */
  deleteSpan(annotatorId: number, spanId: number): void {
    this.db.transaction(() => {
      const before = this.ownSpan(annotatorId, spanId);
      const at = now();
      for (const relation of this.relationsOf(before.documentId).filter(
        (r) => r.fromSpan === spanId || r.toSpan === spanId,
      )) {
        this.deleteRelationRow(annotatorId, relation, at);
      }
      this.statements.deleteSpan.run(spanId);
      this.logEvent({
        at,
        annotatorId,
        documentId: before.documentId,
        op: 'delete',
        entity: 'span',
        entityId: spanId,
        before,
      });
    })();
  }

  /**
   * Links two spans of the same annotator and document with a relation type of the schema whose
   * source label is the `from` span's label and whose target label (if it names one) is the `to` span's.
   */
  addRelation(annotatorId: number, relation: { type: string; fromSpan: number; toSpan: number }): Relation {
    return this.db.transaction(() => {
      const from = this.ownSpan(annotatorId, relation.fromSpan);
      const to = this.ownSpan(annotatorId, relation.toSpan);
      if (from.documentId !== to.documentId) throw new UserError('a relation links spans of one document');
      if (from.id === to.id) throw new UserError('a relation links two different spans');
      if (from.annotator !== to.annotator || !from.gold !== !to.gold)
        throw new UserError('a relation links two spans of one layer'); // layers
      const type = this.db
        .prepare<[string, string], { id: number; toLabel: string | null }>(
          `SELECT r.id, t.key AS toLabel FROM relation_type r JOIN label f ON f.id = r.from_label_id
           LEFT JOIN label t ON t.id = r.to_label_id WHERE r.name = ? AND f.key = ?`,
        )
        .get(relation.type, from.label);
      if (!type) throw new UserError(`the schema has no relation "${relation.type}" from ${from.label}`);
      if (type.toLabel !== null && type.toLabel !== to.label) {
        throw new UserError(`"${relation.type}" links ${from.label} to ${type.toLabel}, not to ${to.label}`);
      }
      const at = now();
      const id = Number(
        this.db
          .prepare(
            'INSERT INTO relation (id, type_id, from_span_id, to_span_id, annotator_id) VALUES (?, ?, ?, ?, ?)',
          )
          .run(this.nextId('relation'), type.id, from.id, to.id, annotatorId).lastInsertRowid,
      );
      const created = this.relationsOf(from.documentId).find((r) => r.id === id)!;
      this.logEvent({
        at,
        annotatorId,
        documentId: from.documentId,
        op: 'add',
        entity: 'relation',
        entityId: id,
        after: created,
      });
      return created;
    })();
  }

  deleteRelation(annotatorId: number, relationId: number): void {
    this.db.transaction(() => {
      const relation = this.db
        .prepare<[number], { documentId: number; fromSpan: number }>(
          `SELECT s.document_id AS documentId, r.from_span_id AS fromSpan
           FROM relation r JOIN span s ON s.id = r.from_span_id WHERE r.id = ?`,
        )
        .get(relationId);
      if (!relation) throw new UserError(`relation ${relationId} does not exist`);
      // Layers: a relation is in its spans' layer, edited by whoever may edit that layer.
      const { fromSpan } = relation;
      try {
        requireEditable(this.db, annotatorId, fromSpan);
      } catch (error) {
        throw new UserError((error as Error).message.replace(`span ${fromSpan}`, `relation ${relationId}`));
      }
      const before = this.relationsOf(relation.documentId).find((r) => r.id === relationId)!;
      this.deleteRelationRow(annotatorId, before, now());
    })();
  }

  /** Relations of one document, of one annotator or of all. */
  relationsOf(documentId: number, annotatorId?: number): Relation[] {
    const rows = this.db
      .prepare<[number], Relation & { annotatorId: number }>(
        `SELECT r.id, s.document_id AS documentId, t.name AS type, r.from_span_id AS fromSpan,
                r.to_span_id AS toSpan, a.name AS annotator, r.annotator_id AS annotatorId
         FROM relation r JOIN span s ON s.id = r.from_span_id JOIN relation_type t ON t.id = r.type_id
         JOIN annotator a ON a.id = r.annotator_id
         WHERE s.document_id = ? ORDER BY r.id`,
      )
      .all(documentId);
    return rows
      .filter((r) => annotatorId === undefined || r.annotatorId === annotatorId)
      .map(({ annotatorId: _owner, ...relation }) => relation);
  }

  private deleteRelationRow(annotatorId: number, relation: Relation, at: string, op = 'delete'): void {
    this.db.prepare('DELETE FROM relation WHERE id = ?').run(relation.id);
    this.logEvent({
      at,
      annotatorId,
      documentId: relation.documentId,
      op,
      entity: 'relation',
      entityId: relation.id,
      before: relation,
    });
  }

  /**
   * Every document with all its spans, relations and each annotator's status, in import order, for
   * exports. Streams: documents are read a page at a time (a few queries per page, not per document),
   * and no statement stays open between pages, so other calls can run while a caller awaits.
   */
  *documentsWithSpans(pageSize = 64): Generator<{
    document: StoredDocument;
    spans: Span[];
    relations: Relation[];
    statuses: Map<string, DocumentStatus>;
  }> {
    const page = this.statements.documentPage;
    for (let after = 0; ;) {
      const documents = page.documents.all(after, pageSize);
      if (documents.length === 0) return;
      const first = documents[0]!.id;
      const last = documents[documents.length - 1]!.id;
      const annotators = new Map(page.names.all().map((a) => [a.id, a.name]));
      const labels = new Map(page.labelKeys.all().map((l) => [l.id, l.key]));
      const spans = groupBy(
        page.spans.all(first, last).map((t) => spanFromTuple(t, annotators, labels)),
        (s) => s.documentId,
      );
      const relations = groupBy(page.relations.all(first, last), (r) => r.documentId);
      const statuses = groupBy(page.statuses.all(first, last), (r) => r.documentId);
      for (const row of documents) {
        yield {
          document: { ...row, source: JSON.parse(row.source) as Record<string, unknown> },
          spans: spans.get(row.id) ?? [],
          relations: relations.get(row.id) ?? [],
          statuses: new Map((statuses.get(row.id) ?? []).map((r) => [r.name, r.status])),
        };
      }
      after = last;
    }
  }

  counts(): { documents: number; spans: number; annotators: number; events: number } {
    return this.db
      .prepare<[], { documents: number; spans: number; annotators: number; events: number }>(
        `SELECT (SELECT count(*) FROM document) AS documents, (SELECT count(*) FROM span) AS spans,
                (SELECT count(*) FROM annotator) AS annotators, (SELECT count(*) FROM event) AS events`,
      )
      .get()!;
  }

  /** The event log of a document, oldest first. */
  eventsOf(
    documentId: number,
  ): { op: string; entity: string; entityId: number | null; annotator: string | null }[] {
    return this.db
      .prepare<[number], { op: string; entity: string; entityId: number | null; annotator: string | null }>(
        `SELECT e.op, e.entity, e.entity_id AS entityId, a.name AS annotator
         FROM event e LEFT JOIN annotator a ON a.id = e.annotator_id WHERE e.document_id = ? ORDER BY e.id`,
      )
      .all(documentId);
  }

  // ── Editor flow: undo/redo, history, boundary edits, label-all, status, search, guidelines ──

  /**
   * Undoes (restores the `before` snapshots of) or redoes (restores the `after` snapshots of) the
   * user's latest undoable action in a document, as one new logged action. Returns the spans it
   * changed and removed, or null when there is nothing to undo or redo.
   */
  revertAction(
    annotatorId: number,
    documentId: number,
    direction: 'undo' | 'redo',
  ): { action: number; spans: Span[]; removedSpanIds: number[] } | null {
    return this.db.transaction(() => {
      const stacks = undoStacks(
        this.db
          .prepare<[number, number, string], Pick<LoggedEvent, 'action' | 'op' | 'undoes'>>(
            `SELECT action, op, undoes FROM event
             WHERE document_id = ? AND annotator_id = ? AND entity IN ('span', 'relation')
               AND op NOT IN (SELECT value FROM json_each(?))
             GROUP BY action ORDER BY action`,
          )
          .all(documentId, annotatorId, JSON.stringify(NOT_UNDONE_OPS)),
      );
      // The latest action that can still be restored: one whose spans or relations name a label or
      // relation type a later schema change removed is passed over, so undo never gets stuck on it.
      const schema = this.schema();
      const stack = direction === 'undo' ? stacks.undo : stacks.redo;
      let target: number | undefined;
      let events: LoggedEvent[] = [];
      let later: SchemaRenames[] = [];
      for (let i = stack.length - 1; i >= 0 && target === undefined; i--) {
        events = this.eventsOfAction(stack[i]!).filter(isUndoable);
        later = this.renamesAfter(stack[i]!);
        if (events.every((event) => fitsSchema(event, direction, later, schema))) target = stack[i];
      }
      if (target === undefined) return null;
      if (direction === 'undo') events.reverse();
      const at = now();
      const touched = new Set<number>();
      for (const event of events) {
        const snapshot = (direction === 'undo' ? event.before : event.after) ?? null;
        const log = { at, annotatorId, documentId, op: direction, undoes: target };
        if (event.entity === 'span') {
          const span = snapshot as Span | null;
          this.restoreSpan(event.entityId!, span && spanUnderSchema(span, later, schema), log);
          touched.add(event.entityId!);
        } else {
          const relation = snapshot as Relation | null;
          const fromLabel = relation && this.getSpan(relation.fromSpan)?.label;
          this.restoreRelation(
            event.entityId!,
            relation && fromLabel ? relationUnderRenames(relation, fromLabel, later) : relation,
            log,
          );
        }
      }
      const spans = [...touched].map((id) => this.getSpan(id)).filter((s): s is Span => !!s);
      return { action: target, spans, removedSpanIds: [...touched].filter((id) => !this.getSpan(id)) };
    })();
  }

  /** The renames of the schema changes made after `action`, oldest first. */
  private renamesAfter(action: number): SchemaRenames[] {
    return this.db
      .prepare<[number], { after: string }>(
        `SELECT after FROM event WHERE entity = 'schema' AND op = 'rename' AND action > ? ORDER BY id`,
      )
      .all(action)
      .map((row) => JSON.parse(row.after) as SchemaRenames);
  }

  /** The rows of one action, in the order they were written. */
  eventsOfAction(action: number): LoggedEvent[] {
    return this.db
      .prepare<[number], EventRow>(`${EVENT_SELECT} WHERE e.action = ? ORDER BY e.id`)
      .all(action)
      .map(toLoggedEvent);
  }

  /** The latest `limit` actions on a document's annotations (every annotator), oldest first. */
  historyOf(documentId: number, limit: number): LoggedEvent[] {
    return this.db
      .prepare<[number, number, number], EventRow>(
        `${EVENT_SELECT} WHERE e.document_id = ? AND e.action IN (
           SELECT action FROM event WHERE document_id = ? AND (entity != 'document' OR op = 'rename')
           GROUP BY action ORDER BY action DESC LIMIT ?)
         ORDER BY e.id`,
      )
      .all(documentId, documentId, limit)
      .map(toLoggedEvent);
  }

  // Span details and the schema editor: attributes, notes, fragments, schema changes.

  /** Sets (or with `null` clears) one attribute of a span; the service has checked it against the schema. */
  setSpanAttribute(annotatorId: number, spanId: number, name: string, value: AttributeValue | null): Span {
    return this.updateSpan(annotatorId, spanId, 'attributes', (before, at) => {
      const attributes = Object.fromEntries(
        Object.entries(before.attributes).filter(([key]) => key !== name),
      );
      if (value !== null) attributes[name] = value;
      this.db
        .prepare('UPDATE span SET attributes = ?, updated_at = ? WHERE id = ?')
        .run(JSON.stringify(attributes), at, spanId);
    });
  }

  /** Sets a span's free-text note; `null` removes it. */
  setSpanNote(annotatorId: number, spanId: number, note: string | null): Span {
    return this.updateSpan(annotatorId, spanId, 'note', (_before, at) => {
      this.db.prepare('UPDATE span SET note = ?, updated_at = ? WHERE id = ?').run(note, at, spanId);
    });
  }

  /** Replaces a span's fragments; the caller has checked them with fragmentsProblem. */
  setSpanFragments(annotatorId: number, spanId: number, fragments: readonly Fragment[]): Span {
    return this.updateSpan(annotatorId, spanId, 'fragments', (_before, at) => {
      this.db
        .prepare('UPDATE span SET start = ?, "end" = ?, fragments = ?, updated_at = ? WHERE id = ?')
        .run(
          fragments[0]!.start,
          fragments[fragments.length - 1]!.end,
          fragmentsColumn({ label: '', start: 0, end: 0, fragments }),
          at,
          spanId,
        );
    });
  }

  /** One logged change to one of the annotator's spans, with the full span before and after. */
  private updateSpan(
    annotatorId: number,
    spanId: number,
    op: string,
    write: (before: Span, at: string) => void,
  ): Span {
    return this.db.transaction(() => {
      const before = this.ownSpan(annotatorId, spanId);
      const at = now();
      write(before, at);
      const after = this.getSpan(spanId)!;
      this.logEvent({
        at,
        annotatorId,
        documentId: before.documentId,
        op,
        entity: 'span',
        entityId: spanId,
        before,
        after,
      });
      return after;
    })();
  }

  /**
   * After a relabel, the span's relations whose type no longer links the two labels (a Claim
   * scoped by a Hedge relabelled to Figure) are deleted with their events, as a schema change does.
   */
  private deleteUnfitRelations(annotatorId: number, schema: ProjectSchema, span: Span, at: string): void {
    const mine = this.relationsOf(span.documentId).filter(
      (r) => r.fromSpan === span.id || r.toSpan === span.id,
    );
    if (mine.length === 0) return;
    for (const relation of mine) {
      const from = relation.fromSpan === span.id ? span : this.getSpan(relation.fromSpan)!;
      const to = relation.toSpan === span.id ? span : this.getSpan(relation.toSpan)!;
      if (!relationTypesBetween(schema, from.label, to.label).some((t) => t.name === relation.type))
        this.deleteRelationRow(annotatorId, relation, at);
    }
  }

  /** What replacing the schema with `next` would remove from every annotator's annotations. */
  schemaImpact(next: ProjectSchema, renames: SchemaRenames = NO_RENAMES): SchemaImpact {
    return this.planSchemaChange(next, renames).impact;
  }

  /**
   * Replaces the project schema in one transaction. Labels are matched by key, so a renamed label
   * keeps its spans; renamed attributes and relation types (`renames`) keep their values and
   * relations. Spans of removed labels, relations that no longer fit and attribute values that no
   * longer fit are removed first, each with its event, so nothing points at a missing row.
   */
  replaceSchema(annotatorId: number, next: ProjectSchema, renames: SchemaRenames = NO_RENAMES): SchemaImpact {
    const problem = schemaProblem(next) ?? renamesProblem(this.schema(), next, renames);
    if (problem) throw new UserError(`cannot change the schema: ${problem}`);
    return this.db.transaction(() => {
      const before = this.schema();
      const plan = this.planSchemaChange(next, renames);
      const at = now();
      // Every row is logged with op `schema`: undo skips the whole action (a span of a removed label
      // cannot come back), and goes on to the edit before it.
      for (const relation of plan.doomedRelations)
        this.deleteRelationRow(annotatorId, relation, at, 'schema');
      for (const span of plan.doomedSpans) {
        this.statements.deleteSpan.run(span.id);
        this.logEvent({
          at,
          annotatorId,
          documentId: span.documentId,
          op: 'schema',
          entity: 'span',
          entityId: span.id,
          before: span,
        });
      }
      const setAttributes = this.db.prepare('UPDATE span SET attributes = ?, updated_at = ? WHERE id = ?');
      for (const { span, attributes } of plan.trimmedSpans) {
        setAttributes.run(JSON.stringify(attributes), at, span.id);
        this.logEvent({
          at,
          annotatorId,
          documentId: span.documentId,
          op: 'schema',
          entity: 'span',
          entityId: span.id,
          before: span,
          after: this.getSpan(span.id),
        });
      }
      this.writeSchemaChange(before, next, renames);
      // The relation rows follow their renamed type row; logged so history and exports see the change.
      for (const { before: relation, after } of plan.renamedRelations) {
        this.logEvent({
          at,
          annotatorId,
          documentId: relation.documentId,
          op: 'schema',
          entity: 'relation',
          entityId: relation.id,
          before: relation,
          after,
        });
      }
      this.logEvent({
        at,
        annotatorId,
        documentId: null,
        op: 'schema',
        entity: 'schema',
        entityId: null,
        before,
        after: this.schema(),
      });
      // Kept so undo can bring older snapshots to the new names (see renamesAfter).
      if (renames.attributes.length + renames.relationTypes.length > 0)
        this.logEvent({
          at,
          annotatorId,
          documentId: null,
          op: 'rename',
          entity: 'schema',
          entityId: null,
          after: renames,
        });
      return plan.impact;
    })();
  }

  private planSchemaChange(next: ProjectSchema, renames: SchemaRenames) {
    const current = this.schema();
    const nextLabels = new Map(next.labels.map((l) => [l.key, l]));
    const removed = current.labels.filter((l) => !nextLabels.has(l.key));
    const removedKeys = JSON.stringify(removed.map((l) => l.key));
    const doomedSpans = this.db
      .prepare<[string], SpanRow>(`${SPAN_SELECT} WHERE l.key IN (SELECT value FROM json_each(?))`)
      .all(removedKeys)
      .map(toSpan);
    const doomedSpanIds = new Set(doomedSpans.map((s) => s.id));

    const trimmedSpans: { span: Span; attributes: Span['attributes'] }[] = [];
    const strippedCounts = new Map<string, { label: string; attribute: string; spans: number }>();
    const withAttributes = this.db
      .prepare<[string], SpanRow>(
        `${SPAN_SELECT} WHERE s.attributes <> '{}' AND l.key NOT IN (SELECT value FROM json_each(?))`,
      )
      .all(removedKeys)
      .map(toSpan);
    for (const span of withAttributes) {
      const label = nextLabels.get(span.label);
      const renamed = renamedAttributes(renames, span.label, span.attributes);
      const attributes = fittingAttributes(label, renamed);
      const dropped = Object.keys(renamed).filter((name) => !(name in attributes));
      if (JSON.stringify(attributes) === JSON.stringify(span.attributes)) continue;
      trimmedSpans.push({ span, attributes });
      for (const attribute of dropped) {
        const key = `${span.label}\u0000${attribute}`;
        const entry = strippedCounts.get(key) ?? { label: label?.name ?? span.label, attribute, spans: 0 };
        entry.spans++;
        strippedCounts.set(key, entry);
      }
    }

    const labelOf = new Map<number, string>();
    const relations = this.db
      .prepare<[], Relation & { fromLabel: string; toLabel: string }>(
        `SELECT r.id, s.document_id AS documentId, t.name AS type, r.from_span_id AS fromSpan,
                r.to_span_id AS toSpan, a.name AS annotator, fl.key AS fromLabel, tl.key AS toLabel
         FROM relation r JOIN relation_type t ON t.id = r.type_id JOIN annotator a ON a.id = r.annotator_id
         JOIN span s ON s.id = r.from_span_id JOIN label fl ON fl.id = s.label_id
         JOIN span ts ON ts.id = r.to_span_id JOIN label tl ON tl.id = ts.label_id
         ORDER BY r.id`,
      )
      .all();
    const doomedRelations: Relation[] = [];
    const renamedRelations: { before: Relation; after: Relation }[] = [];
    const labelRelations = new Map<string, number>();
    const typeRelations = new Map<string, { name: string; fromLabel: string; relations: number }>();
    for (const { fromLabel, toLabel, ...relation } of relations) {
      labelOf.set(relation.fromSpan, fromLabel);
      labelOf.set(relation.toSpan, toLabel);
      const goneEnds = [relation.fromSpan, relation.toSpan].filter((id) => doomedSpanIds.has(id));
      if (goneEnds.length > 0) {
        doomedRelations.push(relation);
        for (const key of new Set(goneEnds.map((id) => labelOf.get(id)!)))
          labelRelations.set(key, (labelRelations.get(key) ?? 0) + 1);
      } else if (
        !relationTypesBetween(next, fromLabel, toLabel).some(
          (t) => t.name === renamedRelationType(renames, fromLabel, relation.type),
        )
      ) {
        doomedRelations.push(relation);
        const key = `${relation.type}\u0000${fromLabel}`;
        const entry = typeRelations.get(key) ?? {
          name: relation.type,
          fromLabel: nextLabels.get(fromLabel)?.name ?? fromLabel,
          relations: 0,
        };
        entry.relations++;
        typeRelations.set(key, entry);
      } else {
        const type = renamedRelationType(renames, fromLabel, relation.type);
        if (type !== relation.type) renamedRelations.push({ before: relation, after: { ...relation, type } });
      }
    }

    const impact: SchemaImpact = {
      labels: removed
        .map((l) => ({
          key: l.key,
          name: l.name,
          spans: doomedSpans.filter((s) => s.label === l.key).length,
          relations: labelRelations.get(l.key) ?? 0,
        }))
        .filter((l) => l.spans > 0),
      attributes: [...strippedCounts.values()],
      relationTypes: [...typeRelations.values()],
    };
    return { impact, doomedSpans, doomedRelations, trimmedSpans, renamedRelations };
  }

  /** Rewrites the label, attribute and relation type rows from `before` to `next`, keeping label ids. */
  private writeSchemaChange(before: ProjectSchema, next: ProjectSchema, renames: SchemaRenames): void {
    const nextKeys = new Set(next.labels.map((l) => l.key));
    const deleteLabel = this.db.prepare('DELETE FROM label WHERE key = ?');
    for (const label of before.labels) if (!nextKeys.has(label.key)) deleteLabel.run(label.key);
    const updateLabel = this.db.prepare(
      'UPDATE label SET name = @name, color = @color, hotkey = @hotkey, kind = @kind, position = @position WHERE key = @key',
    );
    const insertLabel = this.db.prepare(
      'INSERT INTO label (key, name, color, hotkey, kind, position) VALUES (@key, @name, @color, @hotkey, @kind, @position)',
    );
    const insertAttribute = this.db.prepare(
      'INSERT INTO attribute_def (label_id, name, type, options) VALUES (?, ?, ?, ?)',
    );
    this.db.prepare('DELETE FROM attribute_def').run();
    this.labelIds.clear();
    next.labels.forEach((label, position) => {
      const row = {
        key: label.key,
        name: label.name.trim(),
        color: label.color,
        hotkey: label.hotkey,
        kind: label.kind,
        position,
      };
      if (updateLabel.run(row).changes === 0) insertLabel.run(row);
      const id = this.db
        .prepare<[string], { id: number }>('SELECT id FROM label WHERE key = ?')
        .get(label.key)!.id;
      this.labelIds.set(label.key, id);
      for (const a of label.attributes)
        insertAttribute.run(id, a.name.trim(), a.type, JSON.stringify(a.type === 'enum' ? a.options : []));
    });
    // Relation types keep their rows (relations point at them); ones no longer named go, with no relations left.
    const existing = this.db
      .prepare<[], { id: number; name: string; fromLabelId: number }>(
        'SELECT id, name, from_label_id AS fromLabelId FROM relation_type',
      )
      .all();
    const kept = new Set<number>();
    for (const type of next.relationTypes) {
      const fromId = this.labelIds.get(type.fromLabel)!;
      const toId = type.toLabel === null ? null : this.labelIds.get(type.toLabel)!;
      const name = type.name.trim();
      const oldName = renames.relationTypes.find(
        (r) => r.fromLabel === type.fromLabel && r.to === name,
      )?.from;
      const row = existing.find((r) => r.name === (oldName ?? name) && r.fromLabelId === fromId);
      if (row) {
        this.db
          .prepare('UPDATE relation_type SET name = ?, to_label_id = ? WHERE id = ?')
          .run(name, toId, row.id);
        kept.add(row.id);
      } else {
        this.db
          .prepare('INSERT INTO relation_type (name, from_label_id, to_label_id) VALUES (?, ?, ?)')
          .run(name, fromId, toId);
      }
    }
    const deleteType = this.db.prepare('DELETE FROM relation_type WHERE id = ?');
    for (const row of existing) if (!kept.has(row.id)) deleteType.run(row.id);
  }

  /** Sets the user's status of a document; logged (entity `assignment`) for the history, not undone. */
  setDocumentStatus(documentId: number, annotatorId: number, status: DocumentStatus): void {
    this.db.transaction(() => {
      const before = this.documentStatus(documentId, annotatorId);
      if (before === status) return;
      const at = now();
      this.db
        .prepare(
          `INSERT INTO assignment (document_id, annotator_id, status, started_at, done_at)
           VALUES (@documentId, @annotatorId, @status, @started, @done)
           ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status,
             started_at = coalesce(started_at, excluded.started_at), done_at = excluded.done_at`,
        )
        .run({
          documentId,
          annotatorId,
          status,
          started: status === 'todo' ? null : at,
          done: status === 'done' ? at : null,
        });
      this.logEvent({
        at,
        annotatorId,
        documentId,
        op: 'status',
        entity: 'assignment',
        entityId: documentId,
        before,
        after: status,
      });
    })();
  }

  /**
   * Renames a document in one transaction, logged (entity `document`, op `rename`, titles before and
   * after) for the history; not undone by Ctrl+Z, which is for annotations. The same title logs nothing.
   */
  renameDocument(documentId: number, annotatorId: number, title: string): void {
    this.db.transaction(() => {
      const row = this.db
        .prepare<[number], { title: string }>('SELECT title FROM document WHERE id = ?')
        .get(documentId);
      if (!row) throw new Error(`renameDocument: no document ${documentId}`);
      if (row.title === title) return;
      this.db.prepare('UPDATE document SET title = ? WHERE id = ?').run(title, documentId);
      this.logEvent({
        at: now(),
        annotatorId,
        documentId,
        op: 'rename',
        entity: 'document',
        entityId: documentId,
        before: row.title,
        after: title,
      });
    })();
  }

  /** Ids and titles of every document, in import order (search reads their texts one by one). */
  documentIds(): { id: number; title: string }[] {
    return this.db
      .prepare<[], { id: number; title: string }>('SELECT id, title FROM document ORDER BY id')
      .all();
  }

  /** One annotator's spans across the project, optionally of one label, in document order. */
  spansOfAnnotator(annotatorId: number, label: string | null): Span[] {
    return this.db
      .prepare<[number, string | null, string | null], SpanRow>(
        // Layers: their own layer, not the gold spans a reviewer wrote.
        `${SPAN_SELECT} WHERE s.annotator_id = ? AND s.gold = 0 AND (? IS NULL OR l.key = ?) ORDER BY s.document_id, s.start, s.id`,
      )
      .all(annotatorId, label, label)
      .map(toSpan);
  }

  /** The project's annotation guidelines, Markdown. */
  guidelines(): string {
    return this.db.prepare<[], { guidelines: string }>('SELECT guidelines FROM project').get()!.guidelines;
  }

  setGuidelines(markdown: string): void {
    this.db.transaction(() => this.db.prepare('UPDATE project SET guidelines = ?').run(markdown))();
  }

  /** Brings a span to a snapshot (null: deleted), logging the change as an undo or redo row. */
  private restoreSpan(spanId: number, snapshot: Span | null, log: RestoreLog): void {
    const current = this.getSpan(spanId);
    if (snapshot === null) {
      // Already gone (a schema change removed its label): still logged below, so the stacks move on.
      if (current) {
        for (const relation of this.relationsOf(current.documentId).filter(
          (r) => r.fromSpan === spanId || r.toSpan === spanId,
        )) {
          this.restoreRelation(relation.id, null, log);
        }
        this.statements.deleteSpan.run(spanId);
      }
    } else if (current) {
      this.writeSpan(spanId, snapshot, log.at);
    } else {
      this.statements.insertSpan.run({
        ...this.spanColumns(snapshot),
        id: spanId,
        documentId: snapshot.documentId,
        // Layers: back in the layer it was in, under the annotator who held it.
        annotatorId:
          this.db
            .prepare<[string], { id: number }>('SELECT id FROM annotator WHERE name = ?')
            .get(snapshot.annotator)?.id ?? log.annotatorId,
        gold: snapshot.gold ? 1 : 0,
        at: log.at,
      });
    }
    this.logEvent({
      ...log,
      entity: 'span',
      entityId: spanId,
      before: current,
      after: snapshot === null ? undefined : this.getSpan(spanId),
    });
  }

  /** Brings a relation to a snapshot (null: deleted), logging the change as an undo or redo row. */
  private restoreRelation(relationId: number, snapshot: Relation | null, log: RestoreLog): void {
    const current = this.relationsOf(log.documentId).find((r) => r.id === relationId);
    if (current) this.db.prepare('DELETE FROM relation WHERE id = ?').run(relationId);
    if (snapshot) {
      const from = this.getSpan(snapshot.fromSpan);
      const type =
        from &&
        this.db
          .prepare<[string, string], { id: number }>(
            `SELECT r.id FROM relation_type r JOIN label f ON f.id = r.from_label_id WHERE r.name = ? AND f.key = ?`,
          )
          .get(snapshot.type, from.label);
      if (!type || !this.getSpan(snapshot.toSpan))
        throw new UserError(`cannot restore the ${snapshot.type} link: its spans or its type are gone`);
      this.db
        .prepare(
          'INSERT INTO relation (id, type_id, from_span_id, to_span_id, annotator_id) VALUES (?, ?, ?, ?, ?)',
        )
        .run(relationId, type.id, snapshot.fromSpan, snapshot.toSpan, log.annotatorId);
    }
    // Logged even when there was nothing to change, so the undo is recorded and the stacks move on.
    this.logEvent({
      ...log,
      entity: 'relation',
      entityId: relationId,
      before: current,
      after: snapshot ?? undefined,
    });
  }

  private spanColumns(span: Omit<NewSpan, 'label'> & Pick<Span, 'label' | 'origin'>) {
    return {
      labelId: this.labelId(span.label),
      start: span.fragments?.[0]?.start ?? span.start,
      end: span.fragments?.at(-1)?.end ?? span.end,
      fragments: fragmentsColumn(span),
      attributes: JSON.stringify(span.attributes ?? {}),
      note: span.note ?? null,
      origin: span.origin,
    };
  }

  private writeSpan(spanId: number, span: Span, at: string): void {
    this.statements.updateSpan.run({ ...this.spanColumns(span), id: spanId, at });
  }

  /** The durability settings this connection runs with (journal, fsync, foreign keys, busy wait). */
  pragmas(): { journalMode: string; synchronous: number; foreignKeys: number; busyTimeout: number } {
    const read = (name: string) => this.db.pragma(name, { simple: true }) as string | number;
    return {
      journalMode: String(read('journal_mode')),
      synchronous: Number(read('synchronous')),
      foreignKeys: Number(read('foreign_keys')),
      busyTimeout: Number(read('busy_timeout')),
    };
  }

  integrityCheck(): string {
    return String(this.db.pragma('integrity_check', { simple: true }));
  }

  private labelId(key: string): number {
    const id = this.labelIds.get(key);
    if (id === undefined) throw new UserError(`unknown label "${key}"`);
    return id;
  }

  /** The span, when the edit rule (core/layers.ts) lets this annotator edit its layer. */
  private ownSpan(annotatorId: number, spanId: number): Span {
    requireEditable(this.db, annotatorId, spanId);
    return this.getSpan(spanId)!;
  }

  private logEvent(event: {
    at: string;
    annotatorId: number | null;
    /** `null` for project-wide changes (the schema). */
    documentId: number | null;
    op: string;
    entity: string;
    entityId: number | null;
    before?: unknown;
    after?: unknown;
    undoes?: number;
  }): void {
    const fresh = () => this.statements.nextAction.get()!.action;
    const action = this.transactionDepth === 0 ? fresh() : (this.currentAction ??= fresh());
    this.statements.insertEvent.run({
      ...event,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
      action,
      undoes: event.undoes ?? null,
    });
    const { entity, entityId } = event;
    if (
      (entity === 'span' || entity === 'relation') &&
      entityId !== null &&
      entityId > this.loggedMaxId[entity]
    )
      this.loggedMaxId[entity] = entityId;
  }

  /** The id for a new span or relation: above every id the table or the log has seen. */
  private nextId(entity: 'span' | 'relation'): number {
    const inTable = (entity === 'span' ? this.statements.maxSpanId : this.statements.maxRelationId).get()!.id;
    return Math.max(inTable ?? 0, this.loggedMaxId[entity]) + 1;
  }
}

/** Whether the snapshot an undo or redo would restore still names a label and relation type of the schema. */
function fitsSchema(
  event: LoggedEvent,
  direction: 'undo' | 'redo',
  later: readonly SchemaRenames[],
  schema: ProjectSchema,
): boolean {
  const snapshot = direction === 'undo' ? event.before : event.after;
  if (!snapshot) return true;
  if (event.entity === 'span') return schema.labels.some((l) => l.key === (snapshot as Span).label);
  const relation = snapshot as Relation;
  return schema.relationTypes.some(
    (t) =>
      later.reduce((name, renames) => renamedRelationType(renames, t.fromLabel, name), relation.type) ===
      t.name,
  );
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

function writeSchema(db: Database.Database, schema: ProjectSchema): void {
  const insertLabel = db.prepare(
    'INSERT INTO label (key, name, color, hotkey, kind, position) VALUES (@key, @name, @color, @hotkey, @kind, @position)',
  );
  const insertAttribute = db.prepare(
    'INSERT INTO attribute_def (label_id, name, type, options) VALUES (?, ?, ?, ?)',
  );
  const labelIds = new Map<string, number>();
  schema.labels.forEach((label, position) => {
    const id = Number(insertLabel.run({ ...label, position }).lastInsertRowid);
    labelIds.set(label.key, id);
    for (const a of label.attributes) insertAttribute.run(id, a.name, a.type, JSON.stringify(a.options));
  });
  const insertRelation = db.prepare(
    'INSERT INTO relation_type (name, from_label_id, to_label_id) VALUES (?, ?, ?)',
  );
  for (const r of schema.relationTypes) {
    insertRelation.run(
      r.name,
      labelIds.get(r.fromLabel),
      r.toLabel === null ? null : labelIds.get(r.toLabel),
    );
  }
}
