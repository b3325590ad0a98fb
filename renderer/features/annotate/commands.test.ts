import { describe, expect, it } from 'vitest';
import { BOUNDARY_KEY_CODES, reservedKeyUse } from '../../../electron/core/keys';
import { commandFor, KEY_HELP, type KeyPress } from './commands';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: key === '[' ? 'BracketLeft' : key === ']' ? 'BracketRight' : '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('commandFor', () => {
  it('moves by word by default, by character with Alt, by sentence with Ctrl; Shift extends', () => {
    expect(commandFor(press('ArrowRight'))).toEqual({
      kind: 'move',
      unit: 'word',
      direction: 'forward',
      extend: false,
    });
    expect(commandFor(press('ArrowLeft', { altKey: true, shiftKey: true }))).toEqual({
      kind: 'move',
      unit: 'character',
      direction: 'backward',
      extend: true,
    });
    expect(commandFor(press('ArrowRight', { ctrlKey: true }))).toMatchObject({ unit: 'sentence' });
  });
  it('maps undo and redo, with Cmd on macOS too', () => {
    expect(commandFor(press('z', { ctrlKey: true }))).toEqual({ kind: 'undo' });
    expect(commandFor(press('Z', { metaKey: true, shiftKey: true }))).toEqual({ kind: 'redo' });
    expect(commandFor(press('y', { ctrlKey: true }))).toEqual({ kind: 'redo' });
  });
  it('moves boundaries by the key position, whatever character Shift or Alt makes of it', () => {
    expect(commandFor(press('[', {}))).toMatchObject({ edge: 'start', direction: 'backward', unit: 'word' });
    expect(commandFor({ ...press(']'), key: '}', shiftKey: true })).toMatchObject({
      edge: 'end',
      direction: 'forward',
    });
    expect(commandFor({ ...press('['), key: '“', altKey: true })).toMatchObject({ unit: 'character' });
  });
  it('leaves label hotkeys and browser keys alone', () => {
    expect(commandFor(press('1'))).toBeNull();
    expect(commandFor(press('f', { ctrlKey: true }))).toBeNull();
    expect(commandFor(press('Tab', { ctrlKey: true }))).toBeNull();
  });
  it('lists in the help (?) each key it runs a command for, and no group without keys', () => {
    const helpKeys = KEY_HELP.flatMap((g) => g.keys.map(([key]) => key));
    const handled: [KeyPress, string][] = [
      [press('ArrowRight'), '← →'],
      [press('ArrowLeft', { altKey: true }), 'Alt + ← →'],
      [press('ArrowRight', { ctrlKey: true }), 'Ctrl + ← →'],
      [press('['), '[ ]'],
      [{ ...press(']'), key: '}', shiftKey: true }, '{ }  (Shift + [ ])'],
      [{ ...press('['), key: '“', altKey: true }, 'Alt + [ ] or { }'],
      [press('z', { ctrlKey: true }), 'Ctrl + Z'],
      [press('y', { ctrlKey: true }), 'Ctrl + Shift + Z or Ctrl + Y'],
    ];
    for (const [keyPress, help] of handled) {
      expect(commandFor(keyPress), help).not.toBeNull();
      expect(helpKeys).toContain(help);
    }
    for (const { group, keys } of KEY_HELP) {
      expect(keys.length, group).toBeGreaterThan(0);
      for (const [key, what] of keys) expect([key.trim(), what.trim()].every(Boolean), group).toBe(true);
    }
  });

  it('reserves, for label hotkeys, exactly the printable keys that run a command', () => {
    const codeOf = (key: string) =>
      Object.entries(BOUNDARY_KEY_CODES).find(([, keys]) => (keys as readonly string[]).includes(key))?.[0] ??
      '';
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    for (const key of printable) {
      const command = commandFor({ ...press(key), code: codeOf(key), shiftKey: '{}'.includes(key) });
      expect([key, command !== null]).toEqual([key, reservedKeyUse(key) !== null]);
    }
  });
});
