import { describe, expect, it } from 'vitest';
import {
  KEPT_BEFORE,
  moveInQueue,
  queueArgs,
  queueKeyLine,
  reviewCommandFor,
  type QueueKey,
} from './reviewKeys';

const press = (key: string, mods: Partial<QueueKey> = {}): QueueKey => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('the review queue keys', () => {
  it('decide, move, edit and undo as the key line says, with Caps Lock on too', () => {
    expect(reviewCommandFor(press('3'))).toEqual({ kind: 'accept', version: 2 });
    expect(reviewCommandFor(press('X', { shiftKey: true }))).toEqual({ kind: 'reject' });
    expect(reviewCommandFor(press('E'))).toEqual({ kind: 'edit' });
    expect(reviewCommandFor(press('j'))).toEqual({ kind: 'move', by: 1 });
    expect(reviewCommandFor(press('ArrowUp'))).toEqual({ kind: 'move', by: -1 });
    expect(reviewCommandFor(press('ArrowRight'))).toEqual({ kind: 'point', by: 1 });
    expect(reviewCommandFor(press('z', { ctrlKey: true }))).toEqual({ kind: 'undo' });
    expect(reviewCommandFor(press('Z', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'redo' });
    expect(reviewCommandFor(press('y', { metaKey: true }))).toEqual({ kind: 'redo' });
  });

  it('open auto-accept with A, and leave Ctrl+A (select all) alone', () => {
    expect(reviewCommandFor(press('a'))).toEqual({ kind: 'autoAccept' });
    expect(reviewCommandFor(press('A', { shiftKey: true }))).toEqual({ kind: 'autoAccept' });
    expect(reviewCommandFor(press('a', { ctrlKey: true }))).toBeNull();
    expect(queueKeyLine(2)).toContain('A\u00a0auto\u2011accept…');
  });

  it('leave other keys to the browser: Tab, 0, Alt and Ctrl with letters that are not undo', () => {
    for (const key of [press('Tab'), press('0'), press('x', { altKey: true }), press('x', { ctrlKey: true })])
      expect(reviewCommandFor(key)).toBeNull();
  });

  it('ask the queue for exactly the filters set', () => {
    expect(queueArgs({}, 500)).toEqual({ sort: 'document', limit: 500 });
    expect(
      queueArgs({ kind: 'label', label: 'Claim', document: 4, annotators: ['a', 'b'], sort: 'kind' }, 9),
    ).toEqual({
      kinds: ['label'],
      labels: ['Claim'],
      documents: [4],
      annotators: ['a', 'b'],
      sort: 'kind',
      limit: 9,
    });
  });

  it('ask for the queue from an offset once past the first page', () => {
    expect(queueArgs({}, 500, 0)).toEqual({ sort: 'document', limit: 500 });
    expect(queueArgs({ kind: 'missing' }, 500, 450)).toEqual({
      kinds: ['missing'],
      sort: 'document',
      limit: 500,
      offset: 450,
    });
  });
});

describe('moving through a queue longer than what was read', () => {
  const at = (offset: number, index: number) => ({ offset, at: index, read: 500, total: 21_818 });

  it('moves within the conflicts read without reading', () => {
    expect(moveInQueue(at(0, 0), 1)).toEqual({ at: 1 });
    expect(moveInQueue(at(450, 10), -1)).toEqual({ at: 9 });
  });

  it('reads on past the last conflict read, keeping some before it for ↑', () => {
    // The 501st conflict of the queue: read from the 451st, so it is the 51st of those.
    expect(moveInQueue(at(0, 499), 1)).toEqual({ read: { offset: 500 - KEPT_BEFORE, at: KEPT_BEFORE } });
    // And back before the first read.
    expect(moveInQueue(at(450, 0), -1)).toEqual({ read: { offset: 449 - KEPT_BEFORE, at: KEPT_BEFORE } });
    expect(moveInQueue(at(30, 0), -1)).toEqual({ read: { offset: 0, at: 29 } });
  });

  it("stays at the queue's own ends", () => {
    expect(moveInQueue(at(0, 0), -1)).toEqual({ at: 0 });
    expect(moveInQueue({ offset: 21_500, at: 317, read: 318, total: 21_818 }, 1)).toEqual({ at: 317 });
    expect(moveInQueue({ offset: 0, at: 0, read: 0, total: 0 }, 1)).toEqual({ at: 0 });
  });
});
