import { describe, expect, it } from 'vitest';
import { describeAction, describeEvent, groupByAction, undoStacks } from './history';
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
