/**
 * The project file: one SQLite database per project. This module (with migrations.ts) is the only
 * place that speaks SQL. Every user action is one transaction, and every change to annotations
 * appends a row to the event log in that same transaction.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { UserError } from '../core/errors';
import type { AttributeType, LabelDef, ProjectSchema } from '../core/schema';
import type { Fragment, Relation, Span, SpanOrigin } from '../core/spans';
import { writeImportBatch, type ImportBatch, type ImportBatchResult } from './importBatch';
import { MIGRATIONS } from './migrations';

export type { ImportBatch, ImportBatchResult, ImportDocument } from './importBatch';

/** Marks a SQLite file as a Marginalia project ("MRGN"). */
const APPLICATION_ID = 0x4d52474e;

export interface StoreOptions {
  /** Path of a better-sqlite3 addon built for the running runtime (Electron ships its own ABI). */
  nativeBinding?: string;
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
}

/** A span row as a tuple: id, document, annotator id, label id, start, end, fragments, attributes, note, origin. */
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
];

const SPAN_SELECT = `
  SELECT s.id, s.document_id AS documentId, a.name AS annotator, l.key AS label, s.start, s."end" AS "end",
         s.fragments, s.attributes, s.note, s.origin
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
});

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

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.statements = {
      spanById: db.prepare<[number], SpanRow>(`${SPAN_SELECT} WHERE s.id = ?`),
      spansOfAnnotator: db.prepare<[number, number], SpanRow>(
        `${SPAN_SELECT} WHERE s.document_id = ? AND s.annotator_id = ? ORDER BY s.start, s."end" DESC, s.id`,
      ),
      spansOfDocument: db.prepare<[number], SpanRow>(
        `${SPAN_SELECT} WHERE s.document_id = ? ORDER BY s.start, s."end" DESC, s.id`,
      ),
      insertSpan: db.prepare(
        `INSERT INTO span (document_id, annotator_id, label_id, start, "end", fragments, attributes, note, origin,
                           created_at, updated_at)
         VALUES (@documentId, @annotatorId, @labelId, @start, @end, @fragments, @attributes, @note, @origin, @at, @at)`,
      ),
      setSpanLabel: db.prepare(`UPDATE span SET label_id = ?, updated_at = ? WHERE id = ?`),
      deleteSpan: db.prepare(`DELETE FROM span WHERE id = ?`),
      spanOwner: db.prepare<[number], { annotatorId: number }>(
        `SELECT annotator_id AS annotatorId FROM span WHERE id = ?`,
      ),
      insertEvent: db.prepare(
        `INSERT INTO event (at, annotator_id, document_id, op, entity, entity_id, before, after)
         VALUES (@at, @annotatorId, @documentId, @op, @entity, @entityId, @before, @after)`,
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
                    s.note, s.origin
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
    const db = new Database(path, driverOptions(options));
    configure(db);
    migrate(db, path);
    db.transaction(() => {
      db.prepare('INSERT INTO project (id, name, created_at) VALUES (1, ?, ?)').run(name, now());
      writeSchema(db, schema);
    })();
    return new ProjectStore(db, path);
  }

  /** Opens an existing project file, migrating it (after a backup) when it is from an older version. */
  static open(path: string, options: StoreOptions = {}): ProjectStore {
    if (!existsSync(path)) throw new UserError(`${path} does not exist`);
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { ...driverOptions(options), fileMustExist: true });
      // Checked before any pragma writes to the file: another program's database is left untouched.
      if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID)
        throw new UserError(`${path} is not a Marginalia project`);
    } catch (error) {
      db?.close();
      if (error instanceof UserError) throw error;
      throw new UserError(`${path} is not a Marginalia project (${(error as Error).message})`);
    }
    try {
      // Also before any pragma writes: a newer version's project is neither converted nor held open.
      refuseNewerSchema(db, path);
      configure(db);
      migrate(db, path);
      return new ProjectStore(db, path);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    this.db.close();
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
    this.db.prepare('INSERT INTO annotator (name) VALUES (?) ON CONFLICT (name) DO NOTHING').run(name);
    return this.db.prepare<[string], { id: number }>('SELECT id FROM annotator WHERE name = ?').get(name)!.id;
  }

  /** Everyone who has annotated in this project (or imported into it), by name. */
  annotators(): AnnotatorRow[] {
    return this.db.prepare<[], AnnotatorRow>('SELECT id, name, role FROM annotator ORDER BY name').all();
  }

  /**
   * Writes an import batch (documents, spans, relations, new labels) as one transaction with its
   * event rows; a failure leaves the project as it was.
   */
  importBatch(batch: ImportBatch): ImportBatchResult {
    const result = this.db.transaction(() =>
      writeImportBatch(this.db, batch, (event) => this.logEvent(event), now()),
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
    const rows =
      annotatorId === undefined
        ? this.statements.spansOfDocument.all(documentId)
        : this.statements.spansOfAnnotator.all(documentId, annotatorId);
    return rows.map(toSpan);
  }

  getSpan(spanId: number): Span | undefined {
    const row = this.statements.spanById.get(spanId);
    return row && toSpan(row);
  }

  /** Adds one span; the caller has checked the range against the text and the label against the schema. */
  addSpan(annotatorId: number, documentId: number, span: NewSpan, origin: SpanOrigin = 'manual'): Span {
    return this.db.transaction(() => {
      const at = now();
      const created = this.insertOneSpan(annotatorId, documentId, span, origin, at, 'add');
      this.statements.touchAssignment.run(documentId, annotatorId, at);
      return created;
    })();
  }

  /**
   * Adds many spans of one document in one transaction (imports, benchmarks), with one event per
   * span as addSpan writes. The caller has checked the ranges; an unknown label rolls back them all.
   * Returns the new spans in the order given.
   */
  insertSpans(
    annotatorId: number,
    documentId: number,
    spans: readonly NewSpan[],
    origin: SpanOrigin = 'imported',
  ): Span[] {
    if (spans.length === 0) return [];
    return this.db.transaction(() => {
      const at = now();
      const created = spans.map((span) =>
        this.insertOneSpan(annotatorId, documentId, span, origin, at, 'import'),
      );
      this.statements.touchAssignment.run(documentId, annotatorId, at);
      return created;
    })();
  }

  private insertOneSpan(
    annotatorId: number,
    documentId: number,
    span: NewSpan,
    origin: SpanOrigin,
    at: string,
    op: 'add' | 'import',
  ): Span {
    const id = Number(
      this.statements.insertSpan.run({
        documentId,
        annotatorId,
        labelId: this.labelId(span.label),
        start: span.start,
        end: span.end,
        fragments: fragmentsColumn(span),
        attributes: JSON.stringify(span.attributes ?? {}),
        note: span.note ?? null,
        origin,
        at,
      }).lastInsertRowid,
    );
    const created = this.getSpan(id)!;
    this.logEvent({ at, annotatorId, documentId, op, entity: 'span', entityId: id, after: created });
    return created;
  }

  setSpanLabel(annotatorId: number, spanId: number, label: string): Span {
    return this.db.transaction(() => {
      const before = this.ownSpan(annotatorId, spanId);
      const at = now();
      this.statements.setSpanLabel.run(this.labelId(label), at, spanId);
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
            'INSERT INTO relation (type_id, from_span_id, to_span_id, annotator_id) VALUES (?, ?, ?, ?)',
          )
          .run(type.id, from.id, to.id, annotatorId).lastInsertRowid,
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
        .prepare<[number], { documentId: number; annotatorId: number }>(
          `SELECT s.document_id AS documentId, r.annotator_id AS annotatorId
           FROM relation r JOIN span s ON s.id = r.from_span_id WHERE r.id = ?`,
        )
        .get(relationId);
      if (!relation) throw new UserError(`relation ${relationId} does not exist`);
      if (relation.annotatorId !== annotatorId)
        throw new UserError(`relation ${relationId} belongs to another annotator`);
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

  private deleteRelationRow(annotatorId: number, relation: Relation, at: string): void {
    this.db.prepare('DELETE FROM relation WHERE id = ?').run(relation.id);
    this.logEvent({
      at,
      annotatorId,
      documentId: relation.documentId,
      op: 'delete',
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

  integrityCheck(): string {
    return String(this.db.pragma('integrity_check', { simple: true }));
  }

  private labelId(key: string): number {
    const id = this.labelIds.get(key);
    if (id === undefined) throw new UserError(`unknown label "${key}"`);
    return id;
  }

  private ownSpan(annotatorId: number, spanId: number): Span {
    const owner = this.statements.spanOwner.get(spanId);
    if (!owner) throw new UserError(`span ${spanId} does not exist`);
    if (owner.annotatorId !== annotatorId) throw new UserError(`span ${spanId} belongs to another annotator`);
    return this.getSpan(spanId)!;
  }

  private logEvent(event: {
    at: string;
    annotatorId: number | null;
    /** `null` for changes to the schema. */
    documentId: number | null;
    op: string;
    entity: string;
    entityId: number;
    before?: unknown;
    after?: unknown;
  }): void {
    this.statements.insertEvent.run({
      ...event,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    });
  }
}

const driverOptions = (options: StoreOptions): Database.Options =>
  options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: each commit is fsynced, so an acknowledged edit survives a power cut, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function refuseNewerSchema(db: Database.Database, path: string): number {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > MIGRATIONS.length) {
    throw new UserError(
      `${path} was made by a newer Marginalia (schema ${version}); update the app to open it`,
    );
  }
  return version;
}

function migrate(db: Database.Database, path: string): void {
  const version = refuseNewerSchema(db, path);
  if (version === MIGRATIONS.length) return;
  // An existing project is copied aside before its schema changes, so a failed migration loses nothing.
  if (version > 0) db.exec(`VACUUM INTO '${`${path}.v${version}.bak`.replaceAll("'", "''")}'`);
  db.transaction(() => {
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
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
