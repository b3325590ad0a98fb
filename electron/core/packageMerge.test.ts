import { describe, expect, it } from 'vitest';
import { planIsEmpty, planLayerMerge, resolveLabels, schemaGaps, type LayerSpan } from './packageMerge';
import { DEFAULT_SCHEMA } from './schema';

const span = (uid: string, label: string, updatedAt: string, extra: Partial<LayerSpan> = {}): LayerSpan => ({
  uid,
  label,
  start: 0,
  end: 5,
  fragments: [{ start: 0, end: 5 }],
  attributes: {},
  note: null,
  updatedAt,
  ...extra,
});
const OUT = '2026-12-01T10:00:00.000Z';
const uids = (spans: readonly LayerSpan[]) => spans.map((s) => s.uid);

describe('planLayerMerge', () => {
  it('adds new spans, replaces edited ones by id and removes the ones the package deleted', () => {
    const plan = planLayerMerge(
      { spans: [span('a', 'Claim', '09'), span('b', 'Figure', '09')], relations: [] },
      { spans: [span('a', 'Hedge', '11'), span('c', 'Location', '11')], relations: [] },
      OUT,
    );
    expect(uids(plan.add)).toEqual(['c']);
    expect(plan.change.map((c) => [c.before.label, c.after.label])).toEqual([['Claim', 'Hedge']]);
    expect(uids(plan.remove)).toEqual(['b']);
    expect(plan.keptNewer).toEqual([]);
  });

  it('plans nothing for the same content, whatever the key order of attributes or the times', () => {
    const a = span('a', 'Figure', '09', { attributes: { value: 12, approximate: true } });
    const b = span('a', 'Figure', '12', { attributes: { approximate: true, value: 12 } });
    const plan = planLayerMerge({ spans: [a], relations: [] }, { spans: [b], relations: [] }, OUT);
    expect([plan.add, plan.change, plan.remove, plan.keptNewer]).toEqual([[], [], [], []]);
  });

  it('keeps project work newer than the package: a later edit, and a span made after it went out', () => {
    const plan = planLayerMerge(
      { spans: [span('a', 'Claim', '2026-12-02'), span('n', 'Claim', '2026-12-02')], relations: [] },
      { spans: [span('a', 'Hedge', '2026-12-01T11')], relations: [] },
      OUT,
    );
    expect(uids(plan.keptNewer)).toEqual(['a', 'n']);
    expect([plan.change, plan.remove]).toEqual([[], []]);
  });

  it("adds the package's new links and removes the ones it dropped, leaving links of removed spans to the cascade", () => {
    const link = (uid: string, from: string, to: string) => ({ uid, type: 'in', from, to });
    const plan = planLayerMerge(
      {
        spans: [span('a', 'Figure', '09'), span('b', 'Claim', '09'), span('c', 'Claim', '09')],
        relations: [link('r1', 'a', 'b'), link('r2', 'a', 'c')],
      },
      { spans: [span('a', 'Figure', '09'), span('b', 'Claim', '09')], relations: [link('r3', 'b', 'a')] },
      OUT,
    );
    expect(plan.removeRelations.map((r) => r.uid)).toEqual(['r1']);
    expect(plan.addRelations.map((r) => r.uid)).toEqual(['r3']);
  });
});

describe('planLayerMerge, deletions (tombstones)', () => {
  const gone = (uid: string, deletedAt: string) => ({ uid, deletedAt });

  it('does not bring back a span the project deleted after the package went out', () => {
    const plan = planLayerMerge(
      { spans: [], relations: [], deleted: [gone('a', '2026-12-01T12')] },
      { spans: [span('a', 'Claim', '09')], relations: [] },
      OUT,
    );
    expect(plan.add).toEqual([]);
    expect(uids(plan.keptNewer)).toEqual(['a']);
  });

  it('brings it back when the annotator edited it in the package after the project deleted it', () => {
    const plan = planLayerMerge(
      { spans: [], relations: [], deleted: [gone('a', '2026-12-01T12')] },
      { spans: [span('a', 'Hedge', '2026-12-01T13')], relations: [] },
      OUT,
    );
    expect(uids(plan.add)).toEqual(['a']);
  });

  it("removes a span the package deleted after the project's last edit of it, even one edited after it went out", () => {
    const plan = planLayerMerge(
      { spans: [span('a', 'Claim', '2026-12-01T11'), span('b', 'Claim', '2026-12-01T14')], relations: [] },
      { spans: [], relations: [], deleted: [gone('a', '2026-12-01T12'), gone('b', '2026-12-01T13')] },
      OUT,
    );
    // a: edited here at 11, deleted there at 12 — the deletion is later. b: edited here after it.
    expect(uids(plan.remove)).toEqual(['a']);
    expect(uids(plan.keptNewer)).toEqual(['b']);
  });

  it('plans nothing when both sides deleted the span (a merge run again)', () => {
    const plan = planLayerMerge(
      { spans: [], relations: [], deleted: [gone('a', '2026-12-01T12')] },
      { spans: [], relations: [], deleted: [gone('a', '2026-12-01T11')] },
      OUT,
    );
    expect(planIsEmpty(plan)).toBe(true);
  });
});

describe('schemaGaps', () => {
  it('lists labels, attributes and relation types the project lacks, by their names', () => {
    // Their Figure's value became text, and they added a label Person.
    const theirs = {
      ...DEFAULT_SCHEMA,
      labels: [
        ...DEFAULT_SCHEMA.labels.map((l) =>
          l.key === 'Figure'
            ? {
                ...l,
                attributes: l.attributes.map((a) =>
                  a.name === 'value' ? { ...a, type: 'string' as const } : a,
                ),
              }
            : l,
        ),
        { key: 'P', name: 'Person', color: '#000000', hotkey: '', kind: 'span' as const, attributes: [] },
      ],
    };
    const gaps = schemaGaps(
      DEFAULT_SCHEMA,
      theirs,
      [span('a', 'P', '09'), span('b', 'Figure', '09', { attributes: { value: 'twelve', mood: 'calm' } })],
      [{ uid: 'r', type: 'quotes', from: 'b', to: 'a', fromLabel: 'Figure' }],
    );
    expect(gaps).toEqual([
      'label "Person"',
      'attribute "value" of Figure as string (the project has number)',
      'attribute "mood" (string) of Figure',
      'relation type "quotes" from Figure',
    ]);
    expect(
      schemaGaps(
        DEFAULT_SCHEMA,
        DEFAULT_SCHEMA,
        [span('b', 'Figure', '09', { attributes: { value: 3 } })],
        [],
      ),
    ).toEqual([]);
  });
});

describe('resolveLabels', () => {
  const person = {
    key: 'P',
    name: 'Person',
    color: '#2b8a3e',
    hotkey: '1',
    kind: 'span' as const,
    attributes: [],
  };
  const theirs = { ...DEFAULT_SCHEMA, labels: [...DEFAULT_SCHEMA.labels, person] };

  it('keeps shared keys, maps by name or key, and adds what is left only when asked', () => {
    const used = new Set(['Claim', 'P']);
    expect(resolveLabels(DEFAULT_SCHEMA, theirs, used, {}).keys).toEqual(new Map([['Claim', 'Claim']]));
    const mapped = resolveLabels(DEFAULT_SCHEMA, theirs, used, { labelMap: { Person: 'Location' } });
    expect(mapped.keys.get('P')).toBe('Location');
    const added = resolveLabels(DEFAULT_SCHEMA, theirs, used, { addLabels: true });
    expect(added.added).toEqual(['Person']);
    // Its hotkey 1 is Claim's in the project: the added label gets none.
    expect(added.schema.labels.at(-1)).toEqual({ ...person, hotkey: '' });
    expect(resolveLabels(DEFAULT_SCHEMA, theirs, used, { labelMap: { P: 'Nobody' } }).problems).toEqual([
      '--map-label Person=Nobody: the project has no label "Nobody"',
    ]);
  });
});
