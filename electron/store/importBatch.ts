/**
 * Writing one import batch: new labels and relation types, documents (or the existing document with
 * the same text), and each annotator's spans and relations, in the caller's single transaction with
 * one event row per change. Spans and relations identical to ones the same annotator already has on
 * that document are skipped, which is what makes importing the same file twice change nothing.
 */
import type { CorpusRelation, CorpusSpan } from '../core/formats/model';
import type { LabelDef, RelationTypeDef } from '../core/schema';
import type { Relation, Span } from '../core/spans';
import type { ProjectDatabase } from './database';
import {
  FIND_DOCUMENT_BY_HASH,
  fragmentsColumn,
  fragmentsOf,
  INSERT_DOCUMENT,
  INSERT_LABEL,
  INSERT_RELATION,
  INSERT_RELATION_TYPE,
  INSERT_SPAN,
  RELATION_SELECT,
  SPAN_SELECT,
  type DocumentStatus,
  type NewDocument,
  type SpanRow,
} from './rows';

export interface ImportDocument {
  document: NewDocument;
  status: DocumentStatus;
  /** Offsets checked against the text and labels known to the schema (or in `newLabels`). */
  spans: readonly CorpusSpan[];
  relations: readonly CorpusRelation[];
}

export interface ImportBatch {
  /** Who runs the import: recorded on document and schema events. */
  importerId: number | null;
  /** Who runs the import by name instead: their annotator row is made in the same transaction. */
  importer?: string;
  newLabels: readonly LabelDef[];
  newRelationTypes: readonly RelationTypeDef[];
  documents: readonly ImportDocument[];
}

export interface ImportBatchResult {
  /** Per batch document: its id, and whether it was already in the project (same text). */
  documents: { id: number; merged: boolean }[];
  spansAdded: Record<string, number>;
  spansSkipped: number;
  relationsAdded: number;
  relationsSkipped: number;
}

const spanKey = (label: string, fragments: readonly { start: number; end: number }[]) =>
  `${label}\u0000${fragments.map((f) => `${f.start}-${f.end}`).join(',')}`;

/** Whose layer a span is in, for "identical span" checks: gold is one layer whoever wrote it. */
const layerOwner = (span: { gold?: boolean | number; annotator: string }) =>
  span.gold ? '\u0001gold' : span.annotator;

/** Runs inside the caller's action; throws (rolling everything back) on anything inconsistent. */
export function writeImportBatch(db: ProjectDatabase, batch: ImportBatch, at: string): ImportBatchResult {
  const steps = importBatchSteps(db, batch, at);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** writeImportBatch one document at a time: it yields after each, for a caller that pauses between. */
export function* importBatchSteps(
  db: ProjectDatabase,
  named: ImportBatch,
  at: string,
): Generator<void, ImportBatchResult> {
  const batch =
    named.importer === undefined ? named : { ...named, importerId: annotatorRow(db, named.importer) };
  // Ids counted up from above every id the table or the event log has seen, so an undo that brings
  // back a deleted span never meets its id taken.
  let nextSpanId = db.nextId('span');
  let nextRelationId = db.nextId('relation');
  const labelIds = insertLabels(db, batch, at);
  const relationTypeIds = new Map(
    db
      .prepare<[], { id: number; name: string; fromLabel: string }>(
        'SELECT r.id, r.name, f.key AS fromLabel FROM relation_type r JOIN label f ON f.id = r.from_label_id',
      )
      .all()
      .map((r) => [`${r.name}\u0000${r.fromLabel}`, r.id]),
  );
  const statements = {
    findDocument: db.prepare<[string], { id: number }>(FIND_DOCUMENT_BY_HASH),
    insertDocument: db.prepare(INSERT_DOCUMENT),
    annotatorId: db.prepare<[string], { id: number }>('SELECT id FROM annotator WHERE name = ?'),
    annotatorByUid: db.prepare<[string], { id: number }>('SELECT id FROM annotator WHERE uid = ?'),
    insertAnnotator: db.prepare('INSERT INTO annotator (name, uid) VALUES (?, ?)'),
    spanByUid: db.prepare<[string], { id: number; documentId: number }>(
      'SELECT id, document_id AS documentId FROM span WHERE uid = ?',
    ),
    relationByUid: db.prepare<[string], { id: number }>('SELECT id FROM relation WHERE uid = ?'),
    setSpanUid: db.prepare('UPDATE span SET uid = ? WHERE id = ?'),
    setRelationUid: db.prepare('UPDATE relation SET uid = ? WHERE id = ?'),
    existingSpans: db.prepare<[number], SpanRow>(`${SPAN_SELECT} WHERE s.document_id = ?`),
    existingRelations: db.prepare<[number], Relation>(`${RELATION_SELECT} WHERE s.document_id = ?`),
    insertSpan: db.prepare(INSERT_SPAN),
    insertRelation: db.prepare(INSERT_RELATION),
    setStatus: db.prepare(
      `INSERT INTO assignment (document_id, annotator_id, status, started_at, done_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status,
         started_at = coalesce(started_at, excluded.started_at), done_at = excluded.done_at
       WHERE status = 'todo' OR excluded.status = 'done'`,
    ),
  };

  const annotatorIds = new Map<string, number>();
  /** By stable id first (a copy's annotator, maybe renamed since), then by name; a new one keeps `uid`. */
  const annotatorOf = (name: string, uid?: string): number => {
    const byUid = uid === undefined ? undefined : statements.annotatorByUid.get(uid)?.id;
    if (byUid !== undefined) {
      // Their relations name them as the file does: the same row.
      annotatorIds.set(name, byUid);
      return byUid;
    }
    let id = annotatorIds.get(name) ?? statements.annotatorId.get(name)?.id;
    if (id === undefined) id = Number(statements.insertAnnotator.run(name, uid ?? null).lastInsertRowid);
    annotatorIds.set(name, id);
    return id;
  };

  // A Map, not an object: an annotator may be called `__proto__` or `constructor`.
  const spansAdded = new Map<string, number>();
  const result: ImportBatchResult = {
    documents: [],
    spansAdded: {},
    spansSkipped: 0,
    relationsAdded: 0,
    relationsSkipped: 0,
  };
  for (const item of batch.documents) {
    const existing = statements.findDocument.get(item.document.sha256);
    let documentId: number;
    if (existing) documentId = existing.id;
    else {
      documentId = Number(
        statements.insertDocument.run({ ...item.document, source: JSON.stringify(item.document.source), at })
          .lastInsertRowid,
      );
      db.logEvent({
        at,
        annotatorId: batch.importerId,
        documentId,
        op: 'import',
        entity: 'document',
        entityId: documentId,
        after: item.document.externalId,
      });
    }
    result.documents.push({ id: documentId, merged: existing !== undefined });

    // What each annotator already has here, so identical spans and relations are not added twice.
    const known = new Map<string, number>();
    for (const row of existing ? statements.existingSpans.all(documentId) : []) {
      const fragments = fragmentsOf(row.fragments, row.start, row.end);
      known.set(`${layerOwner(row)}\u0000${spanKey(row.label, fragments)}`, row.id);
    }
    const knownRelations = new Set(
      (existing ? statements.existingRelations.all(documentId) : []).map(
        (r) => `${r.annotator}\u0000${r.type}\u0000${r.fromSpan}\u0000${r.toSpan}`,
      ),
    );

    const idOfKey = new Map<string, number>();
    const labelOfKey = new Map<string, string>();
    const annotatorsHere = new Set<number>();
    for (const span of item.spans) {
      const identity = `${layerOwner(span)}\u0000${spanKey(span.label, span.fragments)}`;
      labelOfKey.set(span.key, span.label);
      // A span this project already holds under its stable id (an earlier import of the same file).
      const byUid = span.uid === undefined ? undefined : statements.spanByUid.get(span.uid);
      const same = byUid?.documentId === documentId ? byUid.id : known.get(identity);
      if (same !== undefined) {
        idOfKey.set(span.key, same);
        result.spansSkipped++;
        continue;
      }
      const annotatorId = annotatorOf(span.annotator, span.annotatorUid);
      annotatorsHere.add(annotatorId);
      const labelId = labelIds.get(span.label);
      if (labelId === undefined) throw new Error(`import batch uses unknown label "${span.label}"`);
      const start = span.fragments[0]!.start;
      const end = span.fragments[span.fragments.length - 1]!.end;
      const id = nextSpanId++;
      statements.insertSpan.run({
        id,
        documentId,
        annotatorId,
        gold: span.gold ? 1 : 0,
        labelId,
        start,
        end,
        fragments: fragmentsColumn(span.fragments),
        attributes: JSON.stringify(span.attributes),
        note: span.note,
        origin: span.origin,
        at,
      });
      // The file's id, unless another document of this project already has it.
      if (span.uid !== undefined && byUid === undefined) statements.setSpanUid.run(span.uid, id);
      const created: Span = {
        id,
        documentId,
        annotator: span.annotator,
        label: span.label,
        start,
        end,
        fragments: span.fragments.map(({ start: s, end: e }) => ({ start: s, end: e })),
        attributes: span.attributes,
        note: span.note,
        origin: span.origin,
        ...(span.gold ? { gold: true as const } : {}),
      };
      db.logEvent({
        at,
        annotatorId,
        documentId,
        op: 'import',
        entity: 'span',
        entityId: id,
        after: created,
      });
      known.set(identity, id);
      idOfKey.set(span.key, id);
      spansAdded.set(span.annotator, (spansAdded.get(span.annotator) ?? 0) + 1);
    }

    for (const relation of item.relations) {
      const fromSpan = idOfKey.get(relation.from);
      const toSpan = idOfKey.get(relation.to);
      if (fromSpan === undefined || toSpan === undefined)
        throw new Error(`import batch relation refers to a missing span`);
      const identity = `${relation.annotator}\u0000${relation.type}\u0000${fromSpan}\u0000${toSpan}`;
      const byUid = relation.uid === undefined ? undefined : statements.relationByUid.get(relation.uid);
      if (knownRelations.has(identity) || byUid !== undefined) {
        result.relationsSkipped++;
        continue;
      }
      const typeId = relationTypeIds.get(`${relation.type}\u0000${labelOfKey.get(relation.from)}`);
      if (typeId === undefined) throw new Error(`import batch uses unknown relation type "${relation.type}"`);
      const annotatorId = annotatorOf(relation.annotator);
      const id = nextRelationId++;
      statements.insertRelation.run(id, typeId, fromSpan, toSpan, annotatorId);
      if (relation.uid !== undefined) statements.setRelationUid.run(relation.uid, id);
      const created: Relation = {
        id,
        documentId,
        type: relation.type,
        fromSpan,
        toSpan,
        annotator: relation.annotator,
      };
      db.logEvent({
        at,
        annotatorId,
        documentId,
        op: 'import',
        entity: 'relation',
        entityId: id,
        after: created,
      });
      knownRelations.add(identity);
      result.relationsAdded++;
    }

    const status = item.status === 'done' ? 'done' : 'in_progress';
    for (const annotatorId of annotatorsHere) {
      statements.setStatus.run(documentId, annotatorId, status, at, status === 'done' ? at : null);
    }
    yield;
  }
  // fromEntries makes own keys, whatever the names.
  return { ...result, spansAdded: Object.fromEntries(spansAdded) };
}

function annotatorRow(db: ProjectDatabase, name: string): number {
  db.prepare('INSERT INTO annotator (name) VALUES (?) ON CONFLICT (name) DO NOTHING').run(name);
  return db.prepare<[string], { id: number }>('SELECT id FROM annotator WHERE name = ?').get(name)!.id;
}

/** Adds the batch's new labels and relation types to the schema; returns every label's id by key. */
function insertLabels(db: ProjectDatabase, batch: ImportBatch, at: string): Map<string, number> {
  const position = db
    .prepare<[], { next: number }>('SELECT coalesce(max(position) + 1, 0) AS next FROM label')
    .get()!.next;
  const insertLabel = db.prepare(INSERT_LABEL);
  batch.newLabels.forEach((label, index) => {
    const id = Number(insertLabel.run({ ...label, position: position + index }).lastInsertRowid);
    db.logEvent({
      at,
      annotatorId: batch.importerId,
      documentId: null,
      op: 'add',
      entity: 'label',
      entityId: id,
      after: label,
    });
  });
  const labelIds = new Map(
    db
      .prepare<[], { id: number; key: string }>('SELECT id, key FROM label')
      .all()
      .map((row) => [row.key, row.id]),
  );
  const insertType = db.prepare(INSERT_RELATION_TYPE);
  for (const type of batch.newRelationTypes) {
    const id = Number(
      insertType.run(
        type.name,
        labelIds.get(type.fromLabel),
        type.toLabel === null ? null : labelIds.get(type.toLabel),
      ).lastInsertRowid,
    );
    db.logEvent({
      at,
      annotatorId: batch.importerId,
      documentId: null,
      op: 'add',
      entity: 'relation_type',
      entityId: id,
      after: type,
    });
  }
  return labelIds;
}
