import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import {
  chipInk,
  closestPair,
  colourDistance,
  contrastRatio,
  distinctColour,
  LABEL_CANDIDATES,
  linePattern,
} from './colours';

/** Well above the ~0.02 OKLab difference an eye just notices: labels told apart at a glance. */
const APART = 0.1;

describe('label colours', () => {
  it('keeps the default labels apart for normal vision, protanopia and deuteranopia', () => {
    const colours = DEFAULT_SCHEMA.labels.map((l) => l.color);
    expect(colours).toHaveLength(4);
    expect(closestPair(colours)).toBeGreaterThan(APART);
  });

  it('gives a new label a colour far from those in use, not a neighbour of one', () => {
    const inUse = DEFAULT_SCHEMA.labels.map((l) => l.color);
    const next = distinctColour(inUse);
    expect(inUse).not.toContain(next);
    expect(closestPair([...inUse, next])).toBeGreaterThan(APART / 2);
    // The reported neighbour: #2b8a3e beside #2f9e44 is no new colour at all.
    expect(distinctColour(['#2f9e44'], ['#2b8a3e', '#1971c2'])).toBe('#1971c2');
    // Labels added one after another each take a candidate no one has yet.
    const added: string[] = [...inUse];
    for (let i = 0; i < 6; i++) added.push(distinctColour(added));
    expect(new Set(added).size).toBe(added.length);
    expect(LABEL_CANDIDATES).toContain(added.at(-1));
  });

  it('sees red and green as close under deuteranopia, as the simulation should', () => {
    expect(colourDistance('#d9480f', '#2f9e44', 'deuteranopia')).toBeLessThan(
      colourDistance('#d9480f', '#2f9e44') / 3,
    );
    expect(colourDistance('#123456', '#123456', 'protanopia')).toBe(0);
  });

  it('ignores a stored colour that is not #rrggbb, and names a bad one it must read', () => {
    expect(distinctColour(['red', '#zzzzzz'], ['#d9480f'])).toBe('#d9480f');
    expect(() => colourDistance('red', '#000000')).toThrow('not a colour like #1a2b3c: "red"');
  });

  it('writes a chip in the ink that reads on its label colour, at least 4:1 for the defaults (white was 2.6:1 on Location)', () => {
    expect(chipInk('#15aabf')).toBe('#1a1b1e');
    expect(chipInk('#1971c2')).toBe('#ffffff');
    for (const { color } of DEFAULT_SCHEMA.labels)
      expect(contrastRatio(color, chipInk(color))).toBeGreaterThanOrEqual(4);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
  });

  it('gives the first four labels four different underline patterns', () => {
    const styles = [0, 1, 2, 3].map((i) => linePattern(i).style);
    expect(new Set(styles).size).toBe(4);
    expect(linePattern(4)).toEqual(linePattern(0));
    expect(linePattern(3)).toEqual({ style: 'double', width: '4px' });
  });
});
