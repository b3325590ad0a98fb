/**
 * A folder `datasets.load_dataset(folder)` reads as is: train.jsonl, validation.jsonl and test.jsonl
 * (the split names it looks for), every row with the same columns and the same value types (so Arrow
 * infers one schema for all splits: attributes go in as a JSON string), and a README.md dataset card.
 * Documents are shuffled by a seeded PRNG and cut by the ratios; within a split they keep export order.
 */
import { OFFSET_UNIT_NAMES, type OffsetUnit } from '../offsets';
import type { CorpusDocument, FormatDefinition, FormatWriter, OutputSink, WriteOptions } from './model';
import { shuffledIndices } from './prng';
import { coveredText, extent, UnitText } from './writerSupport';

export const HF_SPLITS = ['train', 'validation', 'test'] as const;
export type HfSplit = (typeof HF_SPLITS)[number];

export const DEFAULT_SPLIT = { train: 0.8, dev: 0.1, test: 0.1, seed: 42 };

/** A column type as the dataset card declares it: an Arrow scalar, or a list of records. */
export type HfFeature = 'string' | 'int64' | { list: Readonly<Record<string, HfFeature>> };

/**
 * The columns of every row, in order, declared in the card's `dataset_info.features` so that every
 * split loads with the same types, also one whose rows all have empty `relations`.
 */
export const HF_FEATURES: Readonly<Record<string, HfFeature>> = {
  id: 'string',
  title: 'string',
  status: 'string',
  text: 'string',
  offset_unit: 'string',
  spans: {
    list: {
      id: 'string',
      start: 'int64',
      end: 'int64',
      label: 'string',
      text: 'string',
      fragments: { list: { start: 'int64', end: 'int64' } },
      annotator: 'string',
      attributes: 'string',
      note: 'string',
      origin: 'string',
    },
  },
  relations: { list: { type: 'string', from: 'string', to: 'string', annotator: 'string' } },
};

/** `features` as the YAML list `datasets` writes: `- name: x` with `dtype`, or `list` of the fields. */
function featuresYaml(features: Readonly<Record<string, HfFeature>>, indent: string): string[] {
  return Object.entries(features).flatMap(([name, feature]) => [
    `${indent}- name: ${name}`,
    ...(typeof feature === 'string'
      ? [`${indent}  dtype: ${feature}`]
      : [`${indent}  list:`, ...featuresYaml(feature.list, `${indent}  `)]),
  ]);
}

interface Row {
  line: string;
  labels: string[];
}

/** One row: the document and its spans, offsets in `unit`. */
export function hfRow(doc: CorpusDocument, unit: OffsetUnit): string {
  const at = new UnitText(doc.text, unit);
  return JSON.stringify({
    id: doc.id,
    title: doc.title,
    status: doc.status,
    text: doc.text,
    offset_unit: OFFSET_UNIT_NAMES[unit],
    spans: doc.spans.map((s) => {
      const { start, end } = extent(s);
      return {
        id: s.key,
        start: at.at(start),
        end: at.at(end),
        label: s.label,
        text: coveredText(doc.text, s),
        fragments: s.fragments.map((f) => ({ start: at.at(f.start), end: at.at(f.end) })),
        annotator: s.annotator,
        attributes: JSON.stringify(s.attributes),
        note: s.note ?? '',
        origin: s.origin,
      };
    }),
    relations: doc.relations.map((r) => ({ type: r.type, from: r.from, to: r.to, annotator: r.annotator })),
  });
}

/** How many of `n` documents go to each split: rounded, the rest to test. */
export function splitSizes(n: number, split: { train: number; dev: number }): Record<HfSplit, number> {
  const train = Math.min(n, Math.round(n * split.train));
  const validation = Math.min(n - train, Math.round(n * split.dev));
  return { train, validation, test: n - train - validation };
}

function createWriter(options: WriteOptions): FormatWriter {
  const split = options.split ?? DEFAULT_SPLIT;
  const rows: Row[] = [];
  return {
    document(doc) {
      rows.push({ line: hfRow(doc, options.offsetUnit), labels: doc.spans.map((s) => s.label) });
    },
    finish(out) {
      const sizes = splitSizes(rows.length, split);
      const order = shuffledIndices(rows.length, split.seed);
      const assigned = new Map<number, HfSplit>();
      let k = 0;
      for (const name of HF_SPLITS) for (let i = 0; i < sizes[name]; i++) assigned.set(order[k++]!, name);
      const counts = new Map<HfSplit, Map<string, number>>(HF_SPLITS.map((s) => [s, new Map()]));
      const bodies: Record<HfSplit, string[]> = { train: [], validation: [], test: [] };
      rows.forEach((row, index) => {
        const name = assigned.get(index)!;
        bodies[name].push(row.line);
        const labelCounts = counts.get(name)!;
        for (const label of row.labels) labelCounts.set(label, (labelCounts.get(label) ?? 0) + 1);
      });
      for (const name of HF_SPLITS)
        if (sizes[name] > 0) out.write(`${name}.jsonl`, bodies[name].join('\n') + '\n');
      writeCard(out, options, split, sizes, counts);
    },
  };
}

function writeCard(
  out: OutputSink,
  options: WriteOptions,
  split: typeof DEFAULT_SPLIT,
  sizes: Record<HfSplit, number>,
  counts: Map<HfSplit, Map<string, number>>,
): void {
  const present = HF_SPLITS.filter((s) => sizes[s] > 0);
  const labels = [
    ...new Set([
      ...options.schema.labels.map((l) => l.key),
      ...[...counts.values()].flatMap((m) => [...m.keys()]),
    ]),
  ];
  const unit = OFFSET_UNIT_NAMES[options.offsetUnit];
  const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  const lines = [
    '---',
    'dataset_info:',
    '  features:',
    ...featuresYaml(HF_FEATURES, '  '),
    'configs:',
    '- config_name: default',
    '  data_files:',
    ...present.flatMap((s) => [`  - split: ${s}`, `    path: ${s}.jsonl`]),
    'task_categories:',
    '- token-classification',
    '---',
    '',
    '# Span annotations exported from Marginalia',
    '',
    'Load with `datasets.load_dataset("json", data_dir=...)` or `load_dataset(<this folder>)`.',
    '',
    '## Splits',
    '',
    row(['split', 'documents', ...labels]),
    row(['---', '---:', ...labels.map(() => '---:')]),
    ...HF_SPLITS.map((s) => row([s, sizes[s], ...labels.map((l) => counts.get(s)!.get(l) ?? 0)])),
    '',
    ...(present.length < HF_SPLITS.length
      ? [`Empty splits are not written: ${HF_SPLITS.filter((s) => sizes[s] === 0).join(', ')}.`, '']
      : []),
    '## Labels',
    '',
    ...labels.map((l) => {
      const def = options.schema.labels.find((d) => d.key === l);
      const attributes = def?.attributes.map(
        (a) => `${a.name} (${a.type}${a.options.length ? `: ${a.options.join(', ')}` : ''})`,
      );
      return `- **${l}**${attributes?.length ? ` — attributes: ${attributes.join('; ')}` : ''}`;
    }),
    '',
    '## Fields',
    '',
    `Offsets (\`start\`, \`end\`, \`fragments\`) are **${unit}**, end-exclusive, into \`text\`; \`offset_unit\` repeats this on every row.`,
    '`text` is the document as annotated: line breaks normalised to LF, no Unicode normalisation.',
    'Each span has `id`, `start`, `end` (outer bounds), `label`, `text` (covered text; pieces of a discontinuous span joined by a space),',
    '`fragments` (the pieces), `annotator`, `attributes` (a JSON object as a string, so every split has one schema), `note` ("" when none) and `origin`.',
    '`relations` link spans by their `id`: `type`, `from`, `to`, `annotator`.',
    '',
    '## How it was made',
    '',
    `Documents were shuffled with a seeded PRNG (mulberry32, seed ${split.seed}) and cut into train/validation/test by the ratios ${split.train}/${split.dev}/${split.test} (sizes rounded, remainder to test); rows keep export order within a split.`,
    ...(options.provenance?.length ? ['', ...options.provenance.map((p) => `- ${p}`)] : []),
    '',
  ];
  out.write('README.md', lines.join('\n'));
}

export const huggingFaceFormat: FormatDefinition = {
  id: 'hf',
  name: 'Hugging Face dataset folder',
  layout: 'folder',
  extension: 'jsonl',
  createWriter,
};
