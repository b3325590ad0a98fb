/**
 * The editor's keyboard commands: which key does what, in one table that both the key handler and
 * the help overlay (`?`) read, so the help can never disagree with the keys.
 */
import type { Direction, Unit } from '../../../electron/core/boundaries';
import { BOUNDARY_KEY_CODES, COMMAND_KEYS } from '../../../electron/core/keys';

export type Command =
  | { kind: 'move'; unit: Unit; direction: Direction; extend: boolean }
  | { kind: 'cycleSpan'; direction: Direction }
  | { kind: 'moveBoundary'; edge: 'start' | 'end'; direction: Direction; unit: Unit }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'toggleDone' }
  | { kind: 'otherDocument'; direction: Direction }
  | { kind: 'labelAll' }
  | { kind: 'help' }
  | { kind: 'delete' }
  | { kind: 'deselect' }
  | { kind: 'link' }
  | { kind: 'addFragment' }
  | { kind: 'editFields' };

/** The keys of a keydown event that commands look at. */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Arrows as seen: → is forward in left-to-right text (useFlowCommands flips them in right-to-left paragraphs). */
const ARROWS: Record<string, Direction> = { ArrowRight: 'forward', ArrowLeft: 'backward' };

/**
 * The command a key press means in the text, or null. Words are the default unit, Alt gives
 * character precision and Ctrl whole sentences; Shift extends the selection instead of moving.
 */
export function commandFor(press: KeyPress): Command | null {
  const ctrl = press.ctrlKey || press.metaKey;
  const arrow = ARROWS[press.key];
  if (arrow) {
    const unit: Unit = ctrl ? 'sentence' : press.altKey ? 'character' : 'word';
    return { kind: 'move', unit, direction: arrow, extend: press.shiftKey };
  }
  if (ctrl && press.key.toLowerCase() === 'z') return { kind: press.shiftKey ? 'redo' : 'undo' };
  if (ctrl && press.key.toLowerCase() === 'y') return { kind: 'redo' };
  if (ctrl && press.key === 'Enter') return { kind: 'toggleDone' };
  if (ctrl && press.shiftKey && press.key.toLowerCase() === 'l') return { kind: 'labelAll' };
  if (press.altKey && (press.key === 'PageDown' || press.key === 'PageUp'))
    return { kind: 'otherDocument', direction: press.key === 'PageDown' ? 'forward' : 'backward' };
  if (ctrl) return null;
  if (press.key === 'Tab') return { kind: 'cycleSpan', direction: press.shiftKey ? 'backward' : 'forward' };
  if (press.code in BOUNDARY_KEY_CODES) {
    return {
      kind: 'moveBoundary',
      edge: press.shiftKey ? 'end' : 'start',
      direction: press.code === 'BracketRight' ? 'forward' : 'backward',
      unit: press.altKey ? 'character' : 'word',
    };
  }
  if (press.altKey) return null;
  const is = (keys: readonly string[]) => keys.includes(press.key);
  if (is(COMMAND_KEYS.help)) return { kind: 'help' };
  if (press.key === 'Delete' || press.key === 'Backspace') return { kind: 'delete' };
  if (press.key === 'Escape') return { kind: 'deselect' };
  if (is(COMMAND_KEYS.link)) return { kind: 'link' };
  if (is(COMMAND_KEYS.addFragment)) return { kind: 'addFragment' };
  if (press.key === 'Enter') return { kind: 'editFields' };
  return null;
}

/** The keys as the help overlay lists them, grouped. */
export const KEY_HELP: { group: string; keys: [string, string][] }[] = [
  {
    group: 'Select text',
    keys: [
      ['← →', 'move the caret by word'],
      ['Alt + ← →', 'by character'],
      ['Ctrl + ← →', 'by sentence'],
      ['Shift + any of these', 'extend the selection'],
      ['Mouse drag', 'select, snapped to whole words; hold Alt for exact characters'],
    ],
  },
  {
    group: 'Spans',
    keys: [
      ['label key (1, 2, …)', 'tag the selection, or relabel the selected span'],
      ['Tab / Shift + Tab', 'select the next / previous span'],
      ['[ ]', 'move the start of the selected span left / right by a word'],
      ['{ }  (Shift + [ ])', 'move its end left / right by a word'],
      ['Alt + [ ] or { }', 'move a boundary by one character'],
      ['Delete', 'delete the selected span'],
      ['Enter', "edit the selected span's attributes and note (Esc returns)"],
      ['L', 'link the selected span to another (Tab picks, Enter links)'],
      ['+', 'add the selected text as another fragment of the selected span'],
      ['Esc', 'deselect'],
      ['Ctrl + Shift + L', 'label all occurrences of the selected text'],
    ],
  },
  {
    group: 'Edits and documents',
    keys: [
      ['Ctrl + Z', 'undo'],
      ['Ctrl + Shift + Z or Ctrl + Y', 'redo'],
      ['Ctrl + Enter', 'mark the document done (again: in progress)'],
      ['Alt + PageDown / PageUp', 'next / previous document in the list'],
      ['Ctrl + F / Ctrl + Shift + F', 'search this document / the project'],
      ['Ctrl + Shift + H', 'history of this document'],
      ['Ctrl + Shift + G', 'guidelines'],
      ['?', 'this help'],
    ],
  },
];
