import { describe, expect, it } from 'vitest';
import { describeAction, describeEvent, groupByAction, isUndoable, undoStacks } from './history';
import type { Span } from './spans';

const edit = (action: number) => ({ action, op: 'add', undoes: null });
const undo = (action: number, undoes: number) => ({ action, op: 'undo', undoes });
const redo = (action: number, undoes: number) => ({ action, op: 'redo', undoes });

describe('undoStacks', () => {
  it('undoes newest first and redoes what was undone, newest undo first', () => {
    expect(undoStacks([edit(1), edit(2), undo(3, 2), undo(4, 1)])).toEqual({ undo: [], redo: [2, 1] });
    expect(undoStacks([edit(1), edit(2), undo(3, 2), undo(4, 1), redo(5, 1)])).toEqual({
      undo: [1],
      redo: [2],
    });
  });
  it('clears redo when a new edit follows an undo', () => {
    expect(undoStacks([edit(1), edit(2), undo(3, 2), edit(4)])).toEqual({ undo: [1, 4], redo: [] });
  });
});

const TEXT = 'Officials said 12 people died.';
const span = (over: Partial<Span>): Span => ({
  id: 1,
  documentId: 1,
  annotator: 'a',
  label: 'Figure',
  start: 15,
  end: 24,
  fragments: [{ start: 15, end: 24 }],
  attributes: {},
  note: null,
  origin: 'manual',
  ...over,
});

describe('describing actions', () => {
  it('describes a decision of adjudication and its withdrawal', () => {
    const decision = {
      id: 1,
      documentId: 1,
      conflictKey: 'span:0-9:Claim+Hedge',
      kind: 'label',
      outcome: 'reject',
      chosen: [],
      reason: 'a date',
      reviewer: 'rita',
      decidedAt: '2026-01-01T00:00:00.000Z',
      auto: false,
    };
    expect(describeEvent({ op: 'decide', before: undefined, after: decision }, TEXT)).toBe(
      'decided a label conflict: reject (a date)',
    );
    expect(
      describeEvent(
        { op: 'decide', before: undefined, after: { ...decision, auto: true, reason: '' } },
        TEXT,
      ),
    ).toBe('auto-decided a label conflict: reject');
    expect(describeEvent({ op: 'withdraw', before: decision, after: undefined }, TEXT)).toBe(
      'withdrew the decision on a label conflict',
    );
  });

  it('names what an edit did to a span', () => {
    expect(describeEvent({ op: 'add', before: undefined, after: span({}) }, TEXT)).toBe(
      "added Figure '12 people'",
    );
    expect(describeEvent({ op: 'relabel', before: span({}), after: span({ label: 'Claim' }) }, TEXT)).toBe(
      "relabelled Figure → Claim '12 people'",
    );
    const longer = span({ end: 29, fragments: [{ start: 15, end: 29 }] });
    expect(describeEvent({ op: 'resize', before: span({}), after: longer }, TEXT)).toBe(
      "resized Figure '12 people' to '12 people died'",
    );
    expect(describeEvent({ op: 'status', before: 'todo', after: 'in_progress' }, TEXT)).toBe(
      'marked in progress',
    );
  });
  it('sums up an action of many rows by its spans', () => {
    const added = [1, 2, 3].map((id) => ({
      op: 'add',
      entity: 'span',
      before: undefined,
      after: span({ id }),
    }));
    expect(describeAction(added, TEXT)).toBe("added 3 × Figure '12 people'");
    const relation = { id: 9, documentId: 1, type: 'in', fromSpan: 1, toSpan: 2, annotator: 'a' };
    const deletion = [
      { op: 'delete', entity: 'relation', before: relation, after: undefined },
      { op: 'delete', entity: 'span', before: span({}), after: undefined },
    ];
    expect(describeAction(deletion, TEXT)).toBe("deleted Figure '12 people'");
  });
  it('adding or removing a fragment is said so, quoting what the span covers, not a resize', () => {
    const pieces = span({
      start: 0,
      end: 24,
      fragments: [
        { start: 0, end: 9 },
        { start: 15, end: 24 },
      ],
    });
    expect(describeEvent({ op: 'fragments', before: span({}), after: pieces }, TEXT)).toBe(
      "added a fragment to Figure '12 people': now 'Officials … 12 people'",
    );
    expect(describeEvent({ op: 'fragments', before: pieces, after: span({}) }, TEXT)).toBe(
      "removed a fragment of Figure 'Officials … 12 people': now '12 people'",
    );
  });
  it('an import of mixed labels is counted by label, and different texts are not quoted as one', () => {
    const imported = (label: string, start: number, end: number) => ({
      op: 'import',
      entity: 'span',
      before: undefined,
      after: span({ label, start, end, fragments: [{ start, end }] }),
    });
    const mixed = [
      imported('Claim', 0, 14),
      imported('Figure', 15, 24),
      imported('Figure', 15, 17),
      imported('Claim', 0, 29),
    ];
    expect(describeAction(mixed, TEXT)).toBe('imported 4 spans: 2 × Claim, 2 × Figure');
    expect(describeAction([imported('Figure', 15, 24), imported('Figure', 15, 17)], TEXT)).toBe(
      'imported 2 × Figure',
    );
  });
  it('groups rows by action in log order', () => {
    expect(groupByAction([{ action: 1 }, { action: 2 }, { action: 1 }]).map((g) => g.length)).toEqual([2, 1]);
  });
});

describe('which log rows undo acts on', () => {
  it('undoes span and relation edits, but not imports, schema changes or document rows', () => {
    expect(isUndoable({ entity: 'span', op: 'add' })).toBe(true);
    expect(isUndoable({ entity: 'relation', op: 'delete' })).toBe(true);
    expect(isUndoable({ entity: 'span', op: 'import' })).toBe(false);
    expect(isUndoable({ entity: 'relation', op: 'schema' })).toBe(false);
    expect(isUndoable({ entity: 'document', op: 'status' })).toBe(false);
    expect(isUndoable({ entity: 'document', op: 'rename' })).toBe(false);
  });
  it('has nothing to undo or redo before any edit', () => {
    expect(undoStacks([])).toEqual({ undo: [], redo: [] });
    expect(undoStacks([edit(1), undo(2, 1)])).toEqual({ undo: [], redo: [1] });
  });
  it('an undo or redo row that names no action counts as a new edit', () => {
    expect(undoStacks([edit(1), { action: 2, op: 'undo', undoes: null }])).toEqual({
      undo: [1, 2],
      redo: [],
    });
    expect(undoStacks([edit(1), undo(2, 1), { action: 3, op: 'redo', undoes: null }])).toEqual({
      undo: [3],
      redo: [],
    });
  });
  it('an edit row that carries an undone action is still an edit', () => {
    expect(undoStacks([edit(1), { action: 2, op: 'add', undoes: 1 }])).toEqual({ undo: [1, 2], redo: [] });
  });
  it('undoing the older of two edits takes exactly that one off the undo stack', () => {
    expect(undoStacks([edit(1), edit(2), edit(3), undo(4, 2)])).toEqual({ undo: [1, 3], redo: [2] });
    expect(undoStacks([edit(1), undo(2, 1), edit(3), undo(4, 3), redo(5, 3)])).toEqual({
      undo: [3],
      redo: [],
    });
  });
});

describe('history wording of each kind of row', () => {
  const say = (op: string, before: unknown, after: unknown) => describeEvent({ op, before, after }, TEXT);

  it('says an imported span was imported and a removed one deleted', () => {
    expect(say('import', undefined, span({}))).toBe("imported Figure '12 people'");
    expect(say('delete', span({}), undefined)).toBe("deleted Figure '12 people'");
    expect(say('delete', span({}), null)).toBe("deleted Figure '12 people'");
  });
  it('quotes the relabelled span by where it is after the change', () => {
    const moved = span({ label: 'Claim', start: 0, end: 9, fragments: [{ start: 0, end: 9 }] });
    expect(say('relabel', span({}), moved)).toBe("relabelled Figure → Claim 'Officials'");
  });
  it('says a note or attribute change, and a change it cannot tell', () => {
    expect(say('note', span({}), span({ note: 'check' }))).toBe("changed the note of Figure '12 people'");
    expect(say('attributes', span({}), span({ attributes: { value: 12 } }))).toBe(
      "changed attributes of Figure '12 people'",
    );
    expect(say('edit', span({}), span({ origin: 'imported' }))).toBe("changed Figure '12 people'");
  });
  it('quotes the text after a note change, and a resize that keeps the fragment count', () => {
    const moved = span({ start: 0, end: 9, fragments: [{ start: 0, end: 9 }], note: 'x' });
    expect(say('note', span({ start: 0, end: 9, fragments: [{ start: 0, end: 9 }] }), moved)).toBe(
      "changed the note of Figure 'Officials'",
    );
    const attrs = span({ start: 0, end: 9, fragments: [{ start: 0, end: 9 }], attributes: { value: 1 } });
    expect(say('attributes', span({ start: 0, end: 9, fragments: [{ start: 0, end: 9 }] }), attrs)).toBe(
      "changed attributes of Figure 'Officials'",
    );
    const shifted = span({ start: 16, end: 24, fragments: [{ start: 16, end: 24 }] });
    expect(say('resize', span({}), shifted)).toBe("resized Figure '12 people' to '2 people'");
  });
  it('names links by their type', () => {
    const relation = { id: 9, documentId: 1, type: 'scopes', fromSpan: 1, toSpan: 2, annotator: 'a' };
    expect(say('add', undefined, relation)).toBe('linked scopes');
    expect(say('delete', relation, undefined)).toBe('unlinked scopes');
    expect(say('retype', relation, { ...relation, type: 'cites' })).toBe('changed cites link');
  });
  it('renames and status changes of the document', () => {
    expect(say('rename', 'Draft', 'Floods in the north')).toBe(
      "renamed the document 'Draft' → 'Floods in the north'",
    );
    expect(say('status', 'in_progress', 'todo')).toBe('marked to do');
    expect(say('status', 'todo', 'done')).toBe('marked done');
    expect(say('status', 'todo', 'in_review')).toBe('marked in review');
  });
  it('falls back to the operation when the row holds nothing it can name', () => {
    expect(say('rename', 'Draft', null)).toBe('rename');
    expect(say('rename', null, 'Draft')).toBe('rename');
    expect(say('status', 'todo', 3)).toBe('status');
    expect(say('schema', null, null)).toBe('schema');
    expect(say('rename', { label: 'Figure' }, { label: 'Claim' })).toBe('rename');
    expect(say('add', undefined, { type: 'scopes' })).toBe('add');
    expect(say('add', undefined, { fromSpan: 1 })).toBe('add');
    expect(say('add', undefined, 'Figure')).toBe('add');
  });
  it('quotes up to 40 characters whole and cuts longer text to 39 and an ellipsis', () => {
    const forty = 'a'.repeat(40);
    expect(say('rename', 'x', forty)).toBe(`renamed the document 'x' → '${forty}'`);
    expect(say('rename', 'x', `${forty}b`)).toBe(`renamed the document 'x' → '${'a'.repeat(39)}…'`);
  });
});

describe('history wording of whole actions', () => {
  const row = (op: string, entity: string, before: unknown, after: unknown) => ({
    op,
    entity,
    before,
    after,
  });

  it('an action with no rows says nothing', () => {
    expect(describeAction([], TEXT)).toBe('');
  });
  it('a schema change says so before what it removed', () => {
    expect(describeAction([row('schema', 'span', span({}), undefined)], TEXT)).toBe(
      "schema change: deleted Figure '12 people'",
    );
  });
  it('a relation-only action is described by its relation', () => {
    const relation = { id: 9, documentId: 1, type: 'scopes', fromSpan: 1, toSpan: 2, annotator: 'a' };
    expect(describeAction([row('add', 'relation', undefined, relation)], TEXT)).toBe('linked scopes');
  });
  it('rows of different kinds are the first and a count of the rest', () => {
    const other = span({ label: 'Claim', start: 0, end: 9, fragments: [{ start: 0, end: 9 }] });
    expect(
      describeAction(
        [
          row('add', 'span', undefined, span({})),
          row('delete', 'span', other, undefined),
          row('delete', 'span', other, undefined),
        ],
        TEXT,
      ),
    ).toBe("added Figure '12 people' and 2 more");
  });
  it('alike rows whose spans cannot be read are the first and a count of the rest', () => {
    const relation = { id: 9, documentId: 1, type: 'scopes', fromSpan: 1, toSpan: 2, annotator: 'a' };
    const rows = [
      row('add', 'relation', undefined, relation),
      row('add', 'relation', undefined, { ...relation, type: 'cites' }),
    ];
    expect(describeAction(rows, TEXT)).toBe('linked scopes and 1 more');
  });
  it('deleted spans of two texts are counted by the label of what was deleted', () => {
    const claim = span({ label: 'Claim', start: 0, end: 9, fragments: [{ start: 0, end: 9 }] });
    expect(
      describeAction(
        [row('delete', 'span', span({}), undefined), row('delete', 'span', claim, undefined)],
        TEXT,
      ),
    ).toBe('deleted 2 spans: 1 × Figure, 1 × Claim');
  });
});
