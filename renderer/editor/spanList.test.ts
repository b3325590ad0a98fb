import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSpans } from '../../electron/core/spans';
import type { Span } from '../../electron/contract/types';
import { spanListChange, withSpan } from './spanList';

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

describe('spanListChange', () => {
  it('repaints only the spans a layer read again added, removed or changed', () => {
    const kept = span(1, 0, 4);
    const gone = span(2, 5, 9);
    const moved = span(3, 10, 14);
    const after = [{ ...kept }, { ...moved, end: 16, fragments: [{ start: 10, end: 16 }] }, span(4, 20, 24)];
    const change = spanListChange([kept, gone, moved], after);
    expect(change.removed.sort()).toEqual([2, 3]);
    expect(change.added.map((s) => [s.id, s.end])).toEqual([
      [3, 16],
      [4, 24],
    ]);
  });

  it('changes nothing when the layer read again is the same', () => {
    const spans = [span(1, 0, 4), span(2, 5, 9)];
    expect(spanListChange(spans, structuredClone(spans))).toEqual({ removed: [], added: [] });
  });
});
