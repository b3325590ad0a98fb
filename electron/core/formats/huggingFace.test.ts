import { describe, expect, it } from 'vitest';
import { HF_FEATURES, huggingFaceFormat, splitSizes, type HfFeature } from './huggingFace';
import { makeDoc, spanOver, writeAll } from './testkit';

const docs = Array.from({ length: 20 }, (_, i) => {
  const text = `Report ${i}: 47 😀 people in کراچی.`;
  return makeDoc(`doc-${i}`, text, [
    spanOver(text, '47', 'Figure', { attributes: i % 2 ? { approximate: true } : {} }),
    spanOver(text, 'کراچی', 'Location'),
  ]);
});

// One document links its spans, so most splits have only empty `relations` lists.
docs[0]!.relations = [
  { type: 'in', from: docs[0]!.spans[0]!.key, to: docs[0]!.spans[1]!.key, annotator: 'alice' },
];

/** Where `value` departs from the declared feature, or null when it fits. */
function misfit(value: unknown, feature: HfFeature, at: string): string | null {
  if (feature === 'string') return typeof value === 'string' ? null : `${at} is not a string`;
  if (feature === 'int64') return Number.isInteger(value) ? null : `${at} is not an integer`;
  if (!Array.isArray(value)) return `${at} is not a list`;
  for (const [i, item] of value.entries()) {
    const problem = misfitRecord(item, feature.list, `${at}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

function misfitRecord(
  value: unknown,
  features: Readonly<Record<string, HfFeature>>,
  at: string,
): string | null {
  const record = value as Record<string, unknown>;
  if (JSON.stringify(Object.keys(record)) !== JSON.stringify(Object.keys(features)))
    return `${at} has columns ${Object.keys(record).join(', ')}`;
  for (const [name, feature] of Object.entries(features)) {
    const problem = misfit(record[name], feature, `${at}.${name}`);
    if (problem) return problem;
  }
  return null;
}

describe('Hugging Face folder', () => {
  const split = { train: 0.7, dev: 0.2, test: 0.1, seed: 7 };
  // Written inside each test, not once here: mutation testing credits a test only with code it runs.
  const written = () =>
    writeAll(huggingFaceFormat, docs, {
      split,
      offsetUnit: 'utf8',
      provenance: ['project: demo', 'gold only'],
    });
  const rows = (name: string) =>
    written()
      .files.get(name)!
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));

  it('writes train/validation/test by ratio, every document once', () => {
    const { files } = written();
    expect([...files.keys()].sort()).toEqual(['README.md', 'test.jsonl', 'train.jsonl', 'validation.jsonl']);
    const ids = ['train', 'validation', 'test'].map((s) => rows(`${s}.jsonl`).map((r) => r.id));
    expect(ids.map((list) => list.length)).toEqual([14, 4, 2]);
    expect(new Set(ids.flat()).size).toBe(20);
  });

  it('gives the same split for the same seed and another for another seed', () => {
    const { files } = written();
    expect(writeAll(huggingFaceFormat, docs, { split, offsetUnit: 'utf8' }).files.get('test.jsonl')).toBe(
      files.get('test.jsonl'),
    );
    expect(
      writeAll(huggingFaceFormat, docs, { split: { ...split, seed: 8 }, offsetUnit: 'utf8' }).files.get(
        'test.jsonl',
      ),
    ).not.toBe(files.get('test.jsonl'));
  });

  it('writes every row of every split with exactly the columns and types the card declares', () => {
    const { files, loss } = written();
    const all = ['train', 'validation', 'test'].flatMap((s) => rows(`${s}.jsonl`));
    for (const [i, row] of all.entries()) expect(misfitRecord(row, HF_FEATURES, `row ${i}`)).toBeNull();
    expect(all.filter((row) => row.relations.length > 0)).toHaveLength(1);
    const card = files.get('README.md')!;
    expect(card).toMatch(/^---\ndataset_info:\n {2}features:\n {2}- name: id\n {4}dtype: string\n/);
    expect(card).toContain(
      [
        '  - name: relations',
        '    list:',
        '    - name: type',
        '      dtype: string',
        '    - name: from',
        '      dtype: string',
        '    - name: to',
        '      dtype: string',
        '    - name: annotator',
        '      dtype: string',
        'configs:',
      ].join('\n'),
    );
    const figure = all[0].spans[0];
    expect(
      new TextDecoder().decode(new TextEncoder().encode(all[0].text).slice(figure.start, figure.end)),
    ).toBe('47');
    expect(loss.isEmpty).toBe(true);
  });

  it('writes a dataset card with splits, label counts, unit and how it was made', () => {
    const { files } = written();
    const card = files.get('README.md')!;
    expect(card).toMatch(
      /\nconfigs:\n- config_name: default\n {2}data_files:\n {2}- split: train\n {4}path: train.jsonl/,
    );
    expect(card).toContain('| split | documents | Claim | Figure | Location | Hedge |');
    expect(card).toContain('| train | 14 | 0 | 14 | 14 | 0 |');
    expect(card).toContain('**utf8-bytes**');
    expect(card).toContain('seed 7');
    expect(card).toContain('- gold only');
  });

  it('rounds split sizes and gives the rest to test', () => {
    expect(splitSizes(3, { train: 0.8, dev: 0.1 })).toEqual({ train: 2, validation: 0, test: 1 });
    expect(splitSizes(0, { train: 0.8, dev: 0.1 })).toEqual({ train: 0, validation: 0, test: 0 });
  });
});
