import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSpans } from '../../electron/core/spans';
import type { Span } from '../../electron/contract/types';
import { withSpan } from './spanList';

const span = (id: number, start: number, end: number): Span => ({
  id,
  documentId: 1,
  annotator: 'a',
  label: 'Claim',
  start,
  end,
  fragments: [{ start, end }],
  attributes: {},
  note: null,
  origin: 'manual',
});

describe('withSpan', () => {
  it('inserts where a full sort would put it, without changing the given list', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(50), fc.integer({ min: 1, max: 20 })), { maxLength: 40 }),
        (ranges) => {
          let list: Span[] = [];
          ranges.forEach(([start, length], id) => {
            const before = list;
            list = withSpan(list, span(id, start, start + length));
            expect(before).toHaveLength(id);
          });
          expect(list).toEqual([...list].sort(compareSpans));
        },
      ),
    );
  });

  it('puts an enclosing span before the spans it holds', () => {
    const inner = span(1, 5, 8);
    expect(withSpan([inner], span(2, 5, 20)).map((s) => s.id)).toEqual([2, 1]);
  });
});
