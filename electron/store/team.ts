/**
 * Assignments and the team policy in the project file. An assignment is a flag on the `assignment`
 * row an annotator's status of a document also lives in, so status and assignment of one pair are
 * one row. Bulk assignment is one action with one event (what was asked); a single cell is one event.
 */
import type { TeamPolicy } from '../core/teams';
import type { ProjectDatabase } from './database';
import { now } from './database';

/** One document as the assignment table shows it: the annotators (row ids) it is assigned to. */
export interface AssignmentRow {
  id: number;
  title: string;
  assigned: number[];
}

/** What a bulk assignment records in the event log. */
export interface AssignRecord {
  strategy: string;
  seed: number | null;
  perDocument: number;
  annotators: string[];
  documents: number;
}

export class TeamStore {
  constructor(private readonly db: ProjectDatabase) {}

  policy(): TeamPolicy {
    const row = this.db
      .prepare<[], { see: number }>('SELECT annotators_see_others AS see FROM project')
      .get()!;
    return { annotatorsSeeOthers: row.see === 1 };
  }

  /** Sets what annotators may see; logged (entity `project`) as `by`'s action. */
  setPolicy(policy: TeamPolicy, by: number): void {
    this.db.action(() => {
      const before = this.policy();
      if (before.annotatorsSeeOthers === policy.annotatorsSeeOthers) return;
      this.db.prepare('UPDATE project SET annotators_see_others = ?').run(policy.annotatorsSeeOthers ? 1 : 0);
      this.db.logEvent({
        at: now(),
        annotatorId: by,
        documentId: null,
        op: 'team-policy',
        entity: 'project',
        entityId: null,
        before,
        after: policy,
      });
    });
  }

  /** Whether any document is assigned to anyone: blind annotation applies only then. */
  hasAssignments(): boolean {
    return (
      this.db
        .prepare<[], { any: number }>('SELECT EXISTS (SELECT 1 FROM assignment WHERE assigned = 1) AS any')
        .get()!.any === 1
    );
  }

  isAssigned(documentId: number, annotatorId: number): boolean {
    return (
      this.db
        .prepare<[number, number], { assigned: number }>(
          'SELECT assigned FROM assignment WHERE document_id = ? AND annotator_id = ?',
        )
        .get(documentId, annotatorId)?.assigned === 1
    );
  }

  /**
   * Replaces the assignments of each planned document with its planned annotators (row ids), as one
   * action: statuses stay, an annotator taken off a document keeps the work they did on it.
   */
  assign(
    plan: readonly { documentId: number; annotatorIds: readonly number[] }[],
    by: number | null,
    record: AssignRecord,
  ): void {
    this.db.action(() => {
      const at = now();
      // Set-based: the plan goes into a temporary table and two statements apply it, so 200,000
      // assignments are two passes over the table instead of 300,000 single-row statements.
      this.db.connection.exec(
        'CREATE TEMP TABLE IF NOT EXISTS assign_plan (document_id INTEGER NOT NULL, annotator_id INTEGER NOT NULL)',
      );
      this.db.connection.exec('DELETE FROM temp.assign_plan');
      const add = this.db.connection.prepare('INSERT INTO temp.assign_plan VALUES (?, ?)');
      for (const { documentId, annotatorIds } of plan)
        for (const annotatorId of annotatorIds) add.run(documentId, annotatorId);
      this.db.connection.exec(
        `UPDATE assignment SET assigned = 0
         WHERE assigned = 1 AND document_id IN (SELECT document_id FROM temp.assign_plan)`,
      );
      this.db.connection
        .prepare(
          `INSERT INTO assignment (document_id, annotator_id, assigned, assigned_at)
           SELECT document_id, annotator_id, 1, ? FROM temp.assign_plan WHERE true
           ON CONFLICT (document_id, annotator_id) DO UPDATE SET assigned = 1, assigned_at = excluded.assigned_at`,
        )
        .run(at);
      this.db.connection.exec('DELETE FROM temp.assign_plan');
      this.db.logEvent({
        at,
        annotatorId: by,
        documentId: null,
        op: 'assign',
        entity: 'assignment',
        entityId: null,
        before: null,
        after: record,
      });
    });
  }

  /**
   * Takes documents off annotators: `documentIds` and `annotatorIds` narrow it (null: all). Returns
   * how many assignments went; statuses and spans stay.
   */
  unassign(
    documentIds: readonly number[] | null,
    annotatorIds: readonly number[] | null,
    by: number | null,
  ): number {
    return this.db.action(() => {
      const who = annotatorIds ? ` AND annotator_id IN (${annotatorIds.map(() => '?').join(',')})` : '';
      let removed = 0;
      if (documentIds === null) {
        removed = this.db.connection
          .prepare(`UPDATE assignment SET assigned = 0 WHERE assigned = 1${who}`)
          .run(...(annotatorIds ?? [])).changes;
      } else {
        const one = this.db.connection.prepare(
          `UPDATE assignment SET assigned = 0 WHERE assigned = 1 AND document_id = ?${who}`,
        );
        for (const documentId of documentIds) removed += one.run(documentId, ...(annotatorIds ?? [])).changes;
      }
      if (removed)
        this.db.logEvent({
          at: now(),
          annotatorId: by,
          documentId: null,
          op: 'unassign',
          entity: 'assignment',
          entityId: null,
          before: { documents: documentIds?.length ?? 'all', annotators: annotatorIds?.length ?? 'all' },
          after: { removed },
        });
      return removed;
    });
  }

  /** One cell of the table (manual override): assigns or unassigns one document to one annotator. */
  setAssigned(documentId: number, annotatorId: number, assigned: boolean, by: number): void {
    this.db.action(() => {
      if (this.isAssigned(documentId, annotatorId) === assigned) return;
      const at = now();
      if (assigned) this.setStatement().run(documentId, annotatorId, at);
      else
        this.db
          .prepare('UPDATE assignment SET assigned = 0 WHERE document_id = ? AND annotator_id = ?')
          .run(documentId, annotatorId);
      const annotator = this.db
        .prepare<[number], { name: string }>('SELECT name FROM annotator WHERE id = ?')
        .get(annotatorId)!.name;
      this.db.logEvent({
        at,
        annotatorId: by,
        documentId,
        op: assigned ? 'assign' : 'unassign',
        entity: 'assignment',
        entityId: annotatorId,
        before: { annotator, assigned: !assigned },
        after: { annotator, assigned },
      });
    });
  }

  /** A page of the assignment table, in import order, and how many documents there are. */
  page(offset: number, limit: number): { total: number; rows: AssignmentRow[] } {
    const total = this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM document').get()!.n;
    const docs = this.db
      .prepare<[number, number], { id: number; title: string }>(
        'SELECT id, title FROM document ORDER BY id LIMIT ? OFFSET ?',
      )
      .all(limit, offset);
    if (docs.length === 0) return { total, rows: [] };
    const cells = this.db
      .prepare<[number, number], { documentId: number; annotatorId: number }>(
        `SELECT document_id AS documentId, annotator_id AS annotatorId FROM assignment
         WHERE assigned = 1 AND document_id BETWEEN ? AND ? ORDER BY document_id, annotator_id`,
      )
      .all(docs[0]!.id, docs.at(-1)!.id);
    const byDocument = new Map(docs.map((d) => [d.id, [] as number[]]));
    for (const cell of cells) byDocument.get(cell.documentId)?.push(cell.annotatorId);
    return { total, rows: docs.map((d) => ({ ...d, assigned: byDocument.get(d.id)! })) };
  }

  /** The annotators (row ids) a document is assigned to. */
  assignedTo(documentId: number): number[] {
    return this.db
      .prepare<[number], { annotatorId: number }>(
        'SELECT annotator_id AS annotatorId FROM assignment WHERE document_id = ? AND assigned = 1 ORDER BY annotator_id',
      )
      .all(documentId)
      .map((r) => r.annotatorId);
  }

  /** How many documents each annotator (row id) is assigned. */
  counts(): Map<number, number> {
    const rows = this.db
      .prepare<[], { annotatorId: number; n: number }>(
        'SELECT annotator_id AS annotatorId, count(*) AS n FROM assignment WHERE assigned = 1 GROUP BY annotator_id',
      )
      .all();
    return new Map(rows.map((r) => [r.annotatorId, r.n]));
  }

  private setStatement() {
    return this.db.prepare<[number, number, string]>(
      `INSERT INTO assignment (document_id, annotator_id, assigned, assigned_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (document_id, annotator_id) DO UPDATE SET assigned = 1, assigned_at = excluded.assigned_at`,
    );
  }
}
