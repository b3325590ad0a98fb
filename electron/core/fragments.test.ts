import { describe, expect, it } from 'vitest';
import { fragmentsText, withFragment, withoutFragment } from './fragments';
import { fragmentsProblem } from './spans';

const TEXT = 'Officials said 12 people were killed in Kervadi and in Halvik.';

describe('fragments of a discontinuous span', () => {
  it('adds a fragment in text order', () => {
    const fragments = withFragment([{ start: 40, end: 47 }], { start: 15, end: 36 });
    expect(fragments).toEqual([
      { start: 15, end: 36 },
      { start: 40, end: 47 },
    ]);
    expect(fragmentsProblem(TEXT, fragments)).toBeNull();
    expect(fragmentsText(TEXT, fragments)).toBe('12 people were killed … Kervadi');
  });

  it('merges a fragment that overlaps or touches others', () => {
    expect(
      withFragment(
        [
          { start: 0, end: 9 },
          { start: 15, end: 17 },
          { start: 40, end: 47 },
        ],
        { start: 9, end: 16 },
      ),
    ).toEqual([
      { start: 0, end: 17 },
      { start: 40, end: 47 },
    ]);
  });

  it('removes a fragment but never the last one', () => {
    const two = [
      { start: 0, end: 9 },
      { start: 15, end: 17 },
    ];
    expect(withoutFragment(two, 0)).toEqual([{ start: 15, end: 17 }]);
    expect(withoutFragment([{ start: 0, end: 9 }], 0)).toBeNull();
  });
});
