/**
 * Decisions adjudication records: what a reviewer (or an auto-accept rule) decided about one
 * conflict of a document — its kind, the outcome, the versions chosen, the reason. One decision per
 * conflict (document, conflict key); deciding again replaces it, except that an automatic decision
 * never replaces a reviewer's. Every write is one action with its event (entity `decision`, the row
 * before and after), so the history shows it and `restore` can take it back for undo.
 */
import type { Decision } from '../core/decisions';
import { UserError } from '../core/errors';
import { GOLD } from '../core/layers';
import type { ProjectDatabase } from './database';
import { now, timeOrderedUid } from './database';
import { AUTO_ACCEPT_OP, AutoAcceptLog } from './autoAcceptLog';
import { editorOf, requireLayer } from './layers';
import type { RestoreLog } from './relations';
import { fragmentsColumn, INSERT_SPAN_VALUES, type NewSpan } from './rows';

export type { Decision };

export type NewDecision = Pick<Decision, 'documentId' | 'conflictKey' | 'kind' | 'outcome'> &
  Partial<Pick<Decision, 'chosen' | 'reason' | 'auto'>>;

/** One place auto-accept puts in gold: the span and its decision. */
export interface AutoAccepted {
  span: NewSpan;
  decision: Omit<NewDecision, 'documentId' | 'auto'>;
  /** The gold span's uid, where it was made beforehand (on the reading thread); else made here. */
  uid?: string;
}

interface DecisionRow {
  id: number;
  documentId: number;
  conflictKey: string;
  kind: string;
  outcome: string;
  chosen: string;
  reason: string;
  reviewer: string;
  decidedAt: string;
  auto: number;
}

const SELECT = `
  SELECT d.id, d.document_id AS documentId, d.conflict_key AS conflictKey, d.kind, d.outcome, d.chosen,
         d.reason, a.name AS reviewer, d.decided_at AS decidedAt, d.auto
  FROM decision d JOIN annotator a ON a.id = d.reviewer_id`;

const toDecision = (row: DecisionRow): Decision => ({
  ...row,
  chosen: JSON.parse(row.chosen) as string[],
  auto: row.auto === 1,
});

export class DecisionStore {
  constructor(private readonly db: ProjectDatabase) {}

  /** The decisions of one document (or of the project), in the order they were made. */
  list(documentId?: number): Decision[] {
    const rows =
      documentId === undefined
        ? this.db.prepare<[], DecisionRow>(`${SELECT} ORDER BY d.id`).all()
        : this.db
            .prepare<[number], DecisionRow>(`${SELECT} WHERE d.document_id = ? ORDER BY d.id`)
            .all(documentId);
    return rows.map(toDecision);
  }

  get(documentId: number, conflictKey: string): Decision | undefined {
    const row = this.db
      .prepare<[number, string], DecisionRow>(`${SELECT} WHERE d.document_id = ? AND d.conflict_key = ?`)
      .get(documentId, conflictKey);
    return row && toDecision(row);
  }

  /**
   * Records `reviewerId`'s decision, replacing an earlier one on the same conflict; an automatic
   * decision leaves a reviewer's in place (and returns it). Refused, with nothing written, to
   * anyone the edit rule does not let write the gold layer.
   */
  record(reviewerId: number, decision: NewDecision): Decision {
    return this.db.action(() => {
      requireLayer(this.db, reviewerId, GOLD, 'cannot record a decision: it');
      if (
        !this.db
          .prepare<[number], { id: number }>('SELECT id FROM document WHERE id = ?')
          .get(decision.documentId)
      )
        throw new UserError(`document ${decision.documentId} does not exist; no decision was recorded`);
      const before = this.get(decision.documentId, decision.conflictKey);
      if (before && decision.auto && !before.auto) return before;
      const at = now();
      const values = {
        documentId: decision.documentId,
        conflictKey: decision.conflictKey,
        kind: decision.kind,
        outcome: decision.outcome,
        chosen: JSON.stringify(decision.chosen ?? []),
        reason: decision.reason ?? '',
        reviewerId,
        at,
        auto: decision.auto ? 1 : 0,
      };
      if (before)
        this.db
          .prepare(
            `UPDATE decision SET kind = @kind, outcome = @outcome, chosen = @chosen, reason = @reason,
               reviewer_id = @reviewerId, decided_at = @at, auto = @auto WHERE id = @id`,
          )
          .run({ ...values, id: before.id });
      else
        this.db
          .prepare(
            `INSERT INTO decision (document_id, conflict_key, kind, outcome, chosen, reason, reviewer_id, decided_at, auto)
             VALUES (@documentId, @conflictKey, @kind, @outcome, @chosen, @reason, @reviewerId, @at, @auto)`,
          )
          .run(values);
      const after = this.get(decision.documentId, decision.conflictKey)!;
      this.log(reviewerId, before ? 'redecide' : 'decide', after.id, before, after, at);
      return after;
    });
  }

  /**
   * Auto-accept's writes for one document, in bulk inside the caller's action: each place's gold span
   * and its automatic decision, with one event row for them all (op `auto-accept`, the spans and
   * decisions packed as its `after`), so undo takes the document's part back as one step and redo
   * brings it back. A conflict that already has a decision keeps it, and its span is not written.
   * Returns how many were accepted.
   */
  acceptInBulk(reviewerId: number, documentId: number, accepted: readonly AutoAccepted[]): number {
    return this.db.action(() => {
      requireLayer(this.db, reviewerId, GOLD, 'cannot record a decision: it');
      const reviewer = editorOf(this.db, reviewerId).name;
      const labelIds = new Map(
        this.db
          .prepare<[], { id: number; key: string }>('SELECT id, key FROM label')
          .all()
          .map((l) => [l.key, l.id]),
      );
      // Positional parameters: a parameter object per row cost as much as the row's insert.
      const insertDecision = this.db.prepare<unknown[]>(
        `INSERT INTO decision (document_id, conflict_key, kind, outcome, chosen, reason, reviewer_id, decided_at, auto)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (document_id, conflict_key) DO NOTHING`,
      );
      const insertSpan = this.db.prepare<unknown[]>(INSERT_SPAN_VALUES);
      const at = now();
      let spanId = this.db.nextId('span');
      const log = new AutoAcceptLog(reviewer, at);
      for (const { span, decision, uid } of accepted) {
        const chosen = decision.chosen ?? [];
        const reason = decision.reason ?? '';
        const { conflictKey, kind, outcome } = decision;
        const run = insertDecision.run(
          documentId,
          conflictKey,
          kind,
          outcome,
          JSON.stringify(chosen),
          reason,
          reviewerId,
          at,
        );
        if (run.changes === 0) continue;
        const labelId = labelIds.get(span.label);
        if (labelId === undefined)
          throw new UserError(`this project has no label "${span.label}"; nothing was accepted`);
        const fragments = fragmentsColumn(span.fragments);
        const attributes = span.attributes ?? {};
        const note = span.note ?? null;
        const origin = span.origin ?? 'adjudicated';
        insertSpan.run(
          spanId,
          documentId,
          reviewerId,
          1,
          labelId,
          span.start,
          span.end,
          fragments,
          JSON.stringify(attributes),
          note,
          origin,
          at,
          at,
          uid ?? timeOrderedUid(),
        );
        // The row as written, so nothing is read back: undo needs its id, redo the rest.
        const pieces =
          fragments === null ? null : span.fragments!.map((f) => ({ start: f.start, end: f.end }));
        log.add(
          {
            id: spanId++,
            label: span.label,
            start: span.start,
            end: span.end,
            fragments: pieces,
            attributes,
            note,
            origin,
          },
          { id: Number(run.lastInsertRowid), conflictKey, kind, outcome, chosen, reason },
        );
      }
      if (!log.size) return 0;
      this.db.logEvent({
        at,
        annotatorId: reviewerId,
        documentId,
        op: AUTO_ACCEPT_OP,
        entity: 'decision',
        entityId: null,
        after: log.packed(),
      });
      return log.size;
    });
  }

  /** Withdraws a decision (the conflict is open again), as one logged action. */
  withdraw(reviewerId: number, decisionId: number): void {
    this.db.action(() => {
      requireLayer(this.db, reviewerId, GOLD, 'cannot withdraw a decision: it');
      const before = this.byId(decisionId);
      if (!before) throw new UserError(`decision ${decisionId} does not exist`);
      this.db.prepare('DELETE FROM decision WHERE id = ?').run(decisionId);
      this.log(reviewerId, 'withdraw', decisionId, before, undefined, now());
    });
  }

  /** Brings a decision to a snapshot (null: withdrawn) inside an undo or redo, logging it as one. */
  restore(decisionId: number, snapshot: Decision | null, log: RestoreLog): void {
    const current = this.byId(decisionId);
    this.db.prepare('DELETE FROM decision WHERE id = ?').run(decisionId);
    if (snapshot) {
      const reviewer = this.db
        .prepare<[string], { id: number }>('SELECT id FROM annotator WHERE name = ?')
        .get(snapshot.reviewer)?.id;
      this.db
        .prepare(
          `INSERT INTO decision (id, document_id, conflict_key, kind, outcome, chosen, reason, reviewer_id, decided_at, auto)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          decisionId,
          snapshot.documentId,
          snapshot.conflictKey,
          snapshot.kind,
          snapshot.outcome,
          JSON.stringify(snapshot.chosen),
          snapshot.reason,
          reviewer ?? log.annotatorId,
          snapshot.decidedAt,
          snapshot.auto ? 1 : 0,
        );
    }
    this.db.logEvent({
      ...log,
      entity: 'decision',
      entityId: decisionId,
      before: current,
      after: snapshot ?? undefined,
    });
  }

  private byId(decisionId: number): Decision | undefined {
    const row = this.db.prepare<[number], DecisionRow>(`${SELECT} WHERE d.id = ?`).get(decisionId);
    return row && toDecision(row);
  }

  private log(
    reviewerId: number,
    op: string,
    decisionId: number,
    before: Decision | undefined,
    after: Decision | undefined,
    at: string,
  ): void {
    this.db.logEvent({
      at,
      annotatorId: reviewerId,
      documentId: (after ?? before)!.documentId,
      op,
      entity: 'decision',
      entityId: decisionId,
      before,
      after,
    });
  }
}
