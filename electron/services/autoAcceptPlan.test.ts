import { describe, expect, it } from 'vitest';
import type { SpanPlace } from '../core/conflicts';
import { packRows, planRows, reasonMaker, unpackRows } from './autoAcceptPlan';

const place = (
  key: string,
  version: SpanPlace['versions'][number],
  kind: SpanPlace['kind'] = null,
): SpanPlace => ({
  key,
  kind,
  versions: [version],
  none: [],
  gold: null,
  summary: `${version.annotators.length} of 3: ${version.annotators.join(', ')}`,
});

describe('the rows auto-accept writes, as they cross from the reading thread', () => {
  it('come back from their packed JSON exactly as planned: discontinuous, with attributes, agreed or not', () => {
    const plan = [
      place('span:0-57:Claim', {
        label: 'Claim',
        fragments: [{ start: 0, end: 57 }],
        attributes: {},
        annotators: ['ann1', 'ann2', 'ann3'],
      }),
      place(
        'span:15-17,22-28:Figure',
        {
          label: 'Figure',
          fragments: [
            { start: 15, end: 17 },
            { start: 22, end: 28 },
          ],
          attributes: { category: 'count', exact: true, value: 12 },
          annotators: ['ann1', 'ann2'],
        },
        'missing',
      ),
    ];
    const { bulk, rest } = planRows(plan, new Set(), reasonMaker());
    expect(rest).toEqual([]);
    expect(bulk).toHaveLength(2);
    const unpacked = unpackRows(JSON.parse(JSON.stringify(packRows(bulk))));
    expect(unpacked.map(({ span, decision }) => ({ span, decision }))).toEqual(bulk);
    // Each with a uid of its own, in the form every span's uid has.
    expect(new Set(unpacked.map((a) => a.uid)).size).toBe(2);
    for (const { uid } of unpacked)
      expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
