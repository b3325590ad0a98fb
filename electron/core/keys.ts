/**
 * The single keys the annotation editor takes for its own commands. They live in core, not in the
 * renderer's key table, because schema validation must refuse them as label hotkeys: a label on
 * `l` would never fire, since the editor reads the key as "link" first. The key table
 * (renderer/features/annotate/commands.ts) reads these lists, so the two cannot drift apart.
 */

/** Keys, as `KeyboardEvent.key` reports them, of the editor commands typed without a modifier. */
export const COMMAND_KEYS = {
  help: ['?'],
  link: ['l', 'L'],
  addFragment: ['+'],
} as const;

/**
 * Boundary moves go by physical key (`KeyboardEvent.code`), since Shift turns [ into { and Alt
 * into other characters on many layouts; listed with the characters each key types.
 */
export const BOUNDARY_KEY_CODES = {
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
} as const;

const USES: Record<keyof typeof COMMAND_KEYS, string> = {
  help: 'shows the key help',
  link: 'links spans',
  addFragment: 'adds a fragment',
};

/** What the editor does with the one-character `key`, or null when a label may take it as hotkey. */
export function reservedKeyUse(key: string): string | null {
  for (const [command, keys] of Object.entries(COMMAND_KEYS) as [
    keyof typeof COMMAND_KEYS,
    readonly string[],
  ][])
    if (keys.includes(key)) return USES[command];
  for (const keys of Object.values(BOUNDARY_KEY_CODES) as readonly (readonly string[])[])
    if (keys.includes(key)) return 'moves a span boundary';
  return null;
}
