/** The Hugging Face dataset card a person reads beside the splits: counts, labels, fields, provenance. */
import { describe, expect, it } from 'vitest';
import { HF_FEATURES, huggingFaceFormat } from './huggingFace';
import { makeDoc, spanOver, writeAll } from './testkit';

const docs = [0, 1, 2].map((i) => {
  const text = `Report ${i}: 47 people in کراچی.`;
  const spans = [spanOver(text, '47', 'Figure'), ...(i ? [spanOver(text, 'کراچی', 'Location')] : [])];
  return makeDoc(`doc-${i}`, text, spans);
});

const card = () =>
  writeAll(huggingFaceFormat, docs, {
    split: { train: 0.67, dev: 0.33, test: 0, seed: 3 },
    offsetUnit: 'codepoint',
    provenance: ['project: demo'],
  }).files.get('README.md')!;

describe('Hugging Face dataset card', () => {
  it('declares every feature, and only the splits written, in its YAML header', () => {
    const header = card().split('\n---\n')[0]!;
    for (const name of Object.keys(HF_FEATURES)) expect(header).toContain(`\n  - name: ${name}\n`);
    expect(header).toContain('    - name: start\n      dtype: int64\n');
    expect(header).toContain(
      '  - split: train\n    path: train.jsonl\n  - split: validation\n    path: validation.jsonl',
    );
    expect(header).not.toContain('split: test');
    expect(header).toMatch(/\ntask_categories:\n- token-classification$/);
  });

  it('counts documents and spans per split and label, and names the empty splits', () => {
    const text = card();
    expect(text).toContain(
      [
        '## Splits',
        '',
        '| split | documents | Claim | Figure | Location | Hedge |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        '| train | 2 | 0 | 2 | 1 | 0 |',
        '| validation | 1 | 0 | 1 | 1 | 0 |',
        '| test | 0 | 0 | 0 | 0 | 0 |',
        '',
        'Empty splits are not written: test.',
      ].join('\n'),
    );
    expect(
      writeAll(huggingFaceFormat, docs, { split: { train: 0.34, dev: 0.33, test: 0.33, seed: 3 } }).files.get(
        'README.md',
      ),
    ).not.toContain('Empty splits');
  });

  it('lists each label with its attributes, the offset unit, and how the split was made', () => {
    const text = card();
    expect(text).toContain(
      '- **Figure** — attributes: value (number); approximate (bool); category (enum: casualties, captives, property, vehicles, money, other)',
    );
    expect(text).toContain('Offsets (`start`, `end`, `fragments`) are **code-points**, end-exclusive');
    expect(text).toContain('seeded PRNG (mulberry32, seed 3)');
    expect(text).toContain('by the ratios 0.67/0.33/0');
    expect(text).toMatch(/\n\n- project: demo\n/);
  });
});
