import { describe, expect, it } from 'vitest';
import { wholeNumber } from './wholeNumber';

const refusal = (...args: Parameters<typeof wholeNumber>) => {
  try {
    return `took ${wholeNumber(...args)}`;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('wholeNumber', () => {
  it('reads digits, spaces around them allowed', () => {
    expect(wholeNumber('--limit', '50')).toBe(50);
    expect(wholeNumber('--seed', ' 7 ')).toBe(7);
    expect(wholeNumber('--offset', '0')).toBe(0);
  });

  it('refuses what is not a whole number, naming the option, what was typed and what was left', () => {
    expect(refusal('--limit', 'ten', { untouched: 'nothing was read' })).toBe(
      '--limit takes a whole number, not "ten"; nothing was read',
    );
    for (const raw of ['1.5', '-1', '1e3', '', '0x10', '99999999999999999999'])
      expect(refusal('--seed', raw)).toBe(`--seed takes a whole number, not "${raw}"`);
  });

  it('keeps to a range and says it', () => {
    expect(refusal('--auto-accept', '0', { min: 1, of: 'of annotators' })).toBe(
      '--auto-accept takes a whole number of annotators (1 or more), not "0"',
    );
    expect(wholeNumber('--auto-accept', '1', { min: 1 })).toBe(1);
    expect(refusal('--port', '70000', { max: 65535 })).toBe(
      '--port takes a whole number from 0 to 65535, not "70000"',
    );
    expect(wholeNumber('--port', '65535', { max: 65535 })).toBe(65535);
  });
});
