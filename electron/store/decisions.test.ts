import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEvent } from '../core/history';
import { DecisionStore } from './decisions';
import { ProjectStore } from './projectStore';
import { reviewedProject, tableDump, thrown } from './testing';

describe('decisions of adjudication', () => {
  let dir: string;
  let path: string;
  let store: ProjectStore;
  let decisions: DecisionStore;
  let rita: number;
  let ann1: number;
  let documentId: number;
  const conflict = { kind: 'label', conflictKey: 'span:15-24' };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-decisions-'));
    path = join(dir, 'p.marginalia');
    let ids: Record<string, number>;
    ({ store, ids, documentId } = reviewedProject(path, 'Officials said 12 people died.'));
    [ann1, rita] = [ids.ann1!, ids.rita!];
    decisions = new DecisionStore(store.database);
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const events = () =>
    store.database.connection
      .prepare<[], { op: string; entity: string; who: number }>(
        "SELECT op, entity, annotator_id AS who FROM event WHERE entity = 'decision' ORDER BY id",
      )
      .all();

  it("records a reviewer's decision with its versions and reason, logged, and lists it", () => {
    const decided = decisions.record(rita, {
      documentId,
      ...conflict,
      outcome: 'accept',
      chosen: ['uid-a'],
      reason: 'the wire says 12',
    });
    expect(decided).toMatchObject({
      documentId,
      conflictKey: 'span:15-24',
      kind: 'label',
      outcome: 'accept',
      chosen: ['uid-a'],
      reason: 'the wire says 12',
      reviewer: 'rita',
      auto: false,
    });
    expect(decisions.list(documentId)).toEqual([decided]);
    expect(events()).toEqual([{ op: 'decide', entity: 'decision', who: rita }]);
  });

  it('replaces a decision on the same conflict, but an automatic one never replaces a reviewer\u2019s', () => {
    decisions.record(rita, { documentId, ...conflict, outcome: 'accept', chosen: ['uid-a'] });
    const auto = decisions.record(rita, { documentId, ...conflict, outcome: 'reject', auto: true });
    expect(auto).toMatchObject({ outcome: 'accept', auto: false });
    const again = decisions.record(rita, {
      documentId,
      ...conflict,
      outcome: 'merge',
      chosen: ['uid-a', 'uid-b'],
    });
    expect(decisions.list()).toEqual([again]);
    expect(again).toMatchObject({ outcome: 'merge', chosen: ['uid-a', 'uid-b'] });
    expect(events().map((e) => e.op)).toEqual(['decide', 'redecide']);
  });

  it('auto-accepts in bulk with one log row, leaving a reviewer\u2019s decision and its place alone', () => {
    decisions.record(rita, { documentId, ...conflict, outcome: 'reject', reason: 'by hand' });
    const accepted = decisions.acceptInBulk(rita, documentId, [
      {
        span: { label: 'Figure', start: 15, end: 24 },
        decision: { ...conflict, outcome: 'accept', chosen: ['Figure@15-24'], reason: 'auto' },
      },
      {
        span: { label: 'Claim', start: 0, end: 9 },
        decision: {
          conflictKey: 'span:0-9:Claim',
          kind: 'missing',
          outcome: 'accept',
          chosen: ['Claim@0-9'],
        },
      },
      {
        span: { label: 'Location', start: 25, end: 29 },
        decision: { conflictKey: 'span:25-29:Location', kind: 'agreed', outcome: 'accept' },
      },
    ]);
    expect(accepted).toBe(2);
    expect(decisions.list().map((d) => [d.conflictKey, d.outcome, d.reason, d.auto])).toEqual([
      ['span:15-24', 'reject', 'by hand', false],
      ['span:0-9:Claim', 'accept', '', true],
      ['span:25-29:Location', 'accept', '', true],
    ]);
    const gold = () =>
      store.layerSpans(documentId, { kind: 'gold' }).map((s) => `${s.label}@${s.start}-${s.end}`);
    expect(gold()).toEqual(['Claim@0-9', 'Location@25-29']);
    expect(store.layerSpans(documentId, { kind: 'gold' }).every((s) => s.origin === 'adjudicated')).toBe(
      true,
    );
    // One row logs the document's whole auto-accept (a row a span made 1,000 documents take seconds).
    expect(events().map((e) => e.op)).toEqual(['decide', 'auto-accept']);
    const [logged] = store.historyOf(documentId, 1, { kind: 'gold' });
    expect(store.historyOf(documentId, 1, { kind: 'gold' })).toHaveLength(1);
    expect(describeEvent(logged!, '')).toBe('auto-accepted 2 places into gold');

    // Undo takes the spans and decisions back as one step; redo brings them back as they were.
    const made = decisions.list();
    expect(store.revertAction(rita, documentId, 'undo', { kind: 'gold' })?.removedSpanIds).toHaveLength(2);
    expect(gold()).toEqual([]);
    expect(decisions.list().map((d) => d.conflictKey)).toEqual(['span:15-24']);
    store.revertAction(rita, documentId, 'redo', { kind: 'gold' });
    expect(gold()).toEqual(['Claim@0-9', 'Location@25-29']);
    expect(decisions.list()).toEqual(made);

    const before = tableDump(path);
    const figure = {
      span: { label: 'Figure', start: 1, end: 2 },
      decision: { ...conflict, conflictKey: 'x', outcome: 'accept' },
    };
    expect(thrown(() => decisions.acceptInBulk(ann1, documentId, [figure])).message).toBe(
      'cannot record a decision: it belongs to the gold layer, which only reviewers edit',
    );
    expect(
      thrown(() =>
        decisions.acceptInBulk(rita, documentId, [{ ...figure, span: { ...figure.span, label: 'Nope' } }]),
      ).message,
    ).toBe('this project has no label "Nope"; nothing was accepted');
    expect(tableDump(path)).toBe(before);
  });

  it('refuses an annotator and an unknown document in words, writing nothing', () => {
    const before = tableDump(path);
    expect(thrown(() => decisions.record(ann1, { documentId, ...conflict, outcome: 'accept' })).message).toBe(
      'cannot record a decision: it belongs to the gold layer, which only reviewers edit',
    );
    expect(
      thrown(() => decisions.record(rita, { documentId: 99, ...conflict, outcome: 'accept' })).message,
    ).toBe('document 99 does not exist; no decision was recorded');
    expect(tableDump(path)).toBe(before);
  });

  it('withdraws a decision and brings it back from its logged snapshot', () => {
    const decided = decisions.record(rita, { documentId, ...conflict, outcome: 'accept', reason: 'agreed' });
    decisions.withdraw(rita, decided.id);
    expect(decisions.list()).toEqual([]);
    const snapshot = JSON.parse(
      store.database.connection
        .prepare<[], { before: string }>("SELECT before FROM event WHERE op = 'withdraw'")
        .get()!.before,
    ) as typeof decided;
    store.database.action(() =>
      decisions.restore(decided.id, snapshot, {
        at: new Date().toISOString(),
        annotatorId: rita,
        documentId,
        op: 'undo',
        undoes: 2,
        layer: 'gold',
      }),
    );
    expect(decisions.list()).toEqual([decided]);
  });
});
