/**
 * The review screen's queue keys and filters, in one table the key handler and the key line read
 * (so what the screen says is what the keys do). The document below the queue has the editor's
 * own keys (renderer/features/annotate/commands.ts) once E puts the focus there.
 */
import type { ApiArgs } from '../../../electron/contract/api';
import type { ConflictKind } from '../../../electron/core/conflicts';

export type ReviewCommand =
  | { kind: 'accept'; version: number }
  | { kind: 'reject' }
  | { kind: 'reason' }
  | { kind: 'edit' }
  | { kind: 'move'; by: 1 | -1 }
  | { kind: 'point'; by: 1 | -1 }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'filters' }
  | { kind: 'autoAccept' };

/** The keys of a keydown the queue looks at. */
export interface QueueKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** What a key pressed in the queue means, or null (it is left to the browser). */
export function reviewCommandFor(press: QueueKey): ReviewCommand | null {
  const ctrl = press.ctrlKey || press.metaKey;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (ctrl && !press.altKey) {
    if (key === 'z') return { kind: press.shiftKey ? 'redo' : 'undo' };
    if (key === 'y') return { kind: 'redo' };
    return null;
  }
  if (ctrl || press.altKey) return null;
  if (/^[1-9]$/.test(key)) return { kind: 'accept', version: Number(key) - 1 };
  if (key === 'x') return { kind: 'reject' };
  if (key === 'r') return { kind: 'reason' };
  if (key === 'e') return { kind: 'edit' };
  if (key === 'f') return { kind: 'filters' };
  if (key === 'a') return { kind: 'autoAccept' };
  if (key === 'ArrowRight' || key === 'ArrowLeft')
    return { kind: 'point', by: key === 'ArrowRight' ? 1 : -1 };
  if (key === 'ArrowDown' || key === 'j') return { kind: 'move', by: 1 };
  if (key === 'ArrowUp' || key === 'k') return { kind: 'move', by: -1 };
  return null;
}

/** The key line under the current conflict (A and its words held together: the line wraps between keys). */
export const queueKeyLine = (versions: number) =>
  `1–${versions} accept · X reject · ←/→ version · E edit it in gold · R reason · ↓/J next · ↑/K previous · Ctrl+Z undo · Ctrl+Y redo · F filters · A\u00a0auto\u2011accept…`;

/** The keys while editing gold in the document (the editor's own keys, and these two). */
export const EDIT_KEY_LINE =
  'Editing gold: select or adjust with the usual keys, a label key tags · Enter records “edited” · Esc back to the queue';

/** What the queue is narrowed to; the Agreement view opens the screen with some of these set. */
export interface ReviewFilter {
  kind?: ConflictKind;
  label?: string;
  document?: number;
  /** Conflicts any of these take part in (a pair from the Agreement view, or one annotator). */
  annotators?: string[];
  sort?: 'document' | 'kind' | 'label';
}

/** The queue page the filter asks for, from the `offset`-th conflict on. */
export function queueArgs(filter: ReviewFilter, limit: number, offset = 0): ApiArgs<'listConflicts'> {
  return {
    ...(filter.kind ? { kinds: [filter.kind] } : {}),
    ...(filter.label ? { labels: [filter.label] } : {}),
    ...(filter.document ? { documents: [filter.document] } : {}),
    ...(filter.annotators?.length ? { annotators: filter.annotators } : {}),
    sort: filter.sort ?? 'document',
    limit,
    ...(offset ? { offset } : {}),
  };
}

/** Where the screen is in the queue: the conflicts read start at `offset`; the shown one is `at` of them. */
export interface QueuePosition {
  offset: number;
  at: number;
  /** Conflicts read, and in the queue as filtered. */
  read: number;
  total: number;
}

/** Conflicts kept before the shown one when the queue is read again past an end, for ↑ right after. */
export const KEPT_BEFORE = 50;

/**
 * The move of ↓ or ↑: within the conflicts read, the new `at`; past either end of them (the queue
 * holds more), the queue is read again from `offset`, the target then `at` of them. At the queue's own
 * ends, it stays.
 */
export function moveInQueue(
  { offset, at, read, total }: QueuePosition,
  by: number,
): { at: number } | { read: { offset: number; at: number } } {
  const target = at + by;
  if (target >= 0 && target < read) return { at: target };
  const absolute = offset + target;
  if (absolute < 0 || absolute >= total) return { at: Math.max(0, Math.min(at, read - 1)) };
  const from = Math.max(0, absolute - KEPT_BEFORE);
  return { read: { offset: from, at: absolute - from } };
}
