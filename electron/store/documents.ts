/**
 * Documents and the project row: texts (added once per distinct text), titles, each annotator's
 * status, the guidelines, counts, and the paged read of every document with its annotations (exports).
 */
import type { Relation, Span } from '../core/spans';
import type { ProjectDatabase } from './database';
import { now } from './database';
import type { RelationStore } from './relations';
import {
  FIND_DOCUMENT_BY_HASH,
  groupBy,
  INSERT_DOCUMENT,
  nameMaps,
  readSpanPage,
  spanFromTuple,
  type DocumentRow,
  type DocumentStatus,
  type NewDocument,
  type SpanTuple,
  type StoredDocument,
} from './rows';

type DocumentColumns = Omit<StoredDocument, 'source'> & { source: string };
const DOCUMENT_SELECT = 'SELECT id, external_id AS externalId, title, text, sha256, source FROM document';
const DOCUMENT_BY_ID = `${DOCUMENT_SELECT} WHERE id = ?`;
const DOCUMENT_PAGE = `${DOCUMENT_SELECT} WHERE id > ? ORDER BY id LIMIT ?`;
const parsed = (row: DocumentColumns): StoredDocument => ({
  ...row,
  source: JSON.parse(row.source) as Record<string, unknown>,
});

export class DocumentStore {
  constructor(
    private readonly db: ProjectDatabase,
    private readonly relations: RelationStore,
  ) {}

  info(): { name: string; offsetUnit: string; createdAt: string } {
    return this.db
      .prepare<[], { name: string; offsetUnit: string; createdAt: string }>(
        'SELECT name, offset_unit AS offsetUnit, created_at AS createdAt FROM project',
      )
      .get()!;
  }

  /** The project row of a new project, in the caller's action. */
  writeProject(name: string): void {
    this.db.prepare('INSERT INTO project (id, name, created_at) VALUES (1, ?, ?)').run(name, now());
  }

  /**
   * Adds documents in one action. A text already in the project (same hash) is not added again;
   * its existing id is returned under `duplicates`.
   */
  insert(docs: readonly NewDocument[], annotatorId: number | null) {
    const inserted: { index: number; id: number }[] = [];
    const duplicates: { index: number; id: number }[] = [];
    const findByHash = this.db.prepare<[string], { id: number }>(FIND_DOCUMENT_BY_HASH);
    this.db.action(() => {
      const at = now();
      docs.forEach((doc, index) => {
        const existing = findByHash.get(doc.sha256);
        if (existing) {
          duplicates.push({ index, id: existing.id });
          return;
        }
        const id = Number(
          this.db.prepare(INSERT_DOCUMENT).run({ ...doc, source: JSON.stringify(doc.source), at })
            .lastInsertRowid,
        );
        this.db.logEvent({
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
    });
    return { inserted, duplicates };
  }

  /**
   * Every document with the given annotator's status and span count, in import order; with
   * `onlyAssigned`, only those assigned to them (blind annotation, core/teams.ts).
   */
  list(annotatorId: number, onlyAssigned = false): DocumentRow[] {
    return this.db
      .prepare<[number, number, number], DocumentRow>(
        `SELECT d.id, d.external_id AS externalId, d.title, length(d.text) AS chars,
                coalesce(a.status, 'todo') AS status,
                (SELECT count(*) FROM span s WHERE s.document_id = d.id AND s.annotator_id = ?) AS spanCount
         FROM document d LEFT JOIN assignment a ON a.document_id = d.id AND a.annotator_id = ?
         WHERE ? = 0 OR a.assigned = 1
         ORDER BY d.id`,
      )
      .all(annotatorId, annotatorId, onlyAssigned ? 1 : 0);
  }

  /** Number and title of the documents with an external id (a file name can repeat across folders). */
  withExternalId(externalId: string): { id: number; title: string }[] {
    return this.db
      .prepare<[string], { id: number; title: string }>(
        'SELECT id, title FROM document WHERE external_id = ? ORDER BY id',
      )
      .all(externalId);
  }

  get(id: number): StoredDocument | undefined {
    const row = this.db.prepare<[number], DocumentColumns>(DOCUMENT_BY_ID).get(id);
    return row && parsed(row);
  }

  /** Ids and titles of every document, in import order (search reads their texts one by one). */
  ids(): { id: number; title: string }[] {
    return this.db
      .prepare<[], { id: number; title: string }>('SELECT id, title FROM document ORDER BY id')
      .all();
  }

  status(documentId: number, annotatorId: number): DocumentStatus {
    const row = this.db
      .prepare<[number, number], { status: DocumentStatus }>(
        'SELECT status FROM assignment WHERE document_id = ? AND annotator_id = ?',
      )
      .get(documentId, annotatorId);
    return row?.status ?? 'todo';
  }

  /** Sets the user's status of a document; logged (entity `assignment`) for the history, not undone. */
  setStatus(documentId: number, annotatorId: number, status: DocumentStatus): void {
    this.db.action(() => {
      const before = this.status(documentId, annotatorId);
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
      this.db.logEvent({
        at,
        annotatorId,
        documentId,
        op: 'status',
        entity: 'assignment',
        entityId: documentId,
        before,
        after: status,
      });
    });
  }

  /**
   * Renames a document in one action, logged (entity `document`, op `rename`, titles before and
   * after) for the history; not undone by Ctrl+Z, which is for annotations. The same title logs nothing.
   */
  rename(documentId: number, annotatorId: number, title: string): void {
    this.db.action(() => {
      const row = this.db
        .prepare<[number], { title: string }>('SELECT title FROM document WHERE id = ?')
        .get(documentId);
      if (!row) throw new Error(`renameDocument: no document ${documentId}`);
      if (row.title === title) return;
      this.db.prepare('UPDATE document SET title = ? WHERE id = ?').run(title, documentId);
      this.db.logEvent({
        at: now(),
        annotatorId,
        documentId,
        op: 'rename',
        entity: 'document',
        entityId: documentId,
        before: row.title,
        after: title,
      });
    });
  }

  /** The project's annotation guidelines, Markdown. */
  guidelines(): string {
    return this.db.prepare<[], { guidelines: string }>('SELECT guidelines FROM project').get()!.guidelines;
  }

  setGuidelines(markdown: string): void {
    this.db.action(() => this.db.prepare('UPDATE project SET guidelines = ?').run(markdown));
  }

  counts(): { documents: number; spans: number; annotators: number; events: number } {
    return this.db
      .prepare<[], { documents: number; spans: number; annotators: number; events: number }>(
        `SELECT (SELECT count(*) FROM document) AS documents, (SELECT count(*) FROM span) AS spans,
                (SELECT count(*) FROM annotator) AS annotators, (SELECT count(*) FROM event) AS events`,
      )
      .get()!;
  }

  /**
   * Every document with all its spans, relations and each annotator's status, in import order.
   * Streams: documents are read a page at a time (a few queries per page, not per document;
   * 16 documents, as a page's rows live until its last document is written),
   * and no statement stays open between pages, so other calls can run while a caller awaits.
   */
  *withAnnotations(pageSize = 16): Generator<{
    document: StoredDocument;
    spans: Span[];
    relations: Relation[];
    statuses: Map<string, DocumentStatus>;
  }> {
    for (const { document, rows, names, relations, statuses } of this.withSpanRows(pageSize))
      yield {
        document,
        spans: rows.map((t) => spanFromTuple(t, names.annotators, names.labels)),
        relations,
        statuses,
      };
  }

  /**
   * withAnnotations with each span as its raw row (SpanTuple), for exports: 500,000 spans need no
   * Span object on their way to a line. With `identities`, each row ends with the span's stable id
   * and the page's relations come with theirs.
   */
  *withSpanRows(
    pageSize = 16,
    identities = false,
  ): Generator<{
    document: StoredDocument;
    rows: SpanTuple[];
    /** Annotator names and label keys by row id (the rows hold ids). */
    names: { annotators: ReadonlyMap<number, string>; labels: ReadonlyMap<number, string> };
    relations: Relation[];
    statuses: Map<string, DocumentStatus>;
    /** The stable ids of the page's relations, by row id (read with the page). */
    relationUids?: ReadonlyMap<number, string>;
  }> {
    const page = this.db.prepare<[number, number], DocumentColumns>(DOCUMENT_PAGE);
    const relationUids = this.db.prepare<[number, number], [number, string]>(
      `SELECT r.id, r.uid FROM relation r JOIN span s ON s.id = r.from_span_id
       WHERE s.document_id BETWEEN ? AND ?`,
    );
    const statusRows = this.db.prepare<
      [number, number],
      { documentId: number; name: string; status: DocumentStatus }
    >(
      `SELECT s.document_id AS documentId, a.name, s.status FROM assignment s
       JOIN annotator a ON a.id = s.annotator_id WHERE s.document_id BETWEEN ? AND ?`,
    );
    for (let after = 0; ;) {
      const documents = page.all(after, pageSize);
      if (documents.length === 0) return;
      const first = documents[0]!.id;
      const last = documents[documents.length - 1]!.id;
      const names = nameMaps(this.db);
      // In document order already: each document's rows are the next run, no Map of groups needed.
      const tuples = readSpanPage(this.db, first, last, identities);
      let next = 0;
      const relations = groupBy(this.relations.relationsOfRange(first, last), (r) => r.documentId);
      const statuses = groupBy(statusRows.all(first, last), (r) => r.documentId);
      const relationIds = identities ? new Map(relationUids.raw().all(first, last)) : undefined;
      for (const row of documents) {
        const from = next;
        while (next < tuples.length && tuples[next]![1] === row.id) next++;
        yield {
          document: parsed(row),
          rows: tuples.slice(from, next),
          names,
          relations: relations.get(row.id) ?? [],
          statuses: new Map((statuses.get(row.id) ?? []).map((r) => [r.name, r.status])),
          ...(relationIds && { relationUids: relationIds }),
        };
      }
      after = last;
    }
  }
}
