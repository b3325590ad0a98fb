/**
 * The Label Studio export as Label Studio imports it: tasks.json as one JSON array (task, annotation
 * and prediction ids, regions in UTF-16 code units, relations inside one annotation), the labeling
 * config naming every label and relation used, and what the loss report says.
 */
import { describe, expect, it } from 'vitest';
import type { ProjectSchema } from '../schema';
import { labelStudioFormat } from './labelStudio';
import type { CorpusDocument } from './model';
import { lossDetails, makeDoc, spanLabel, spanOver, unexplainedLosses, writeAll } from './testkit';

const SCHEMA: ProjectSchema = {
  labels: [spanLabel('Claim', '#d9480f'), spanLabel('Hedge', '#a61e4d')],
  relationTypes: [{ name: 'scopes', fromLabel: 'Hedge', toLabel: 'Claim' }],
};
const write = (docs: CorpusDocument[]) => writeAll(labelStudioFormat, docs, { schema: SCHEMA });

const TEXT = 'Police 😀 said 47 died.';

describe('Label Studio writer: tasks.json', () => {
  it('is a JSON array with one task per document, each on its own line', () => {
    const content = write([makeDoc('a', 'One.'), makeDoc('b', 'Two.')]).files.get('tasks.json')!;
    expect(content).toMatch(/^\[\n\{"id":1,.*\},\n\{"id":2,.*\}\n\]\n$/);
    expect(JSON.parse(content)).toHaveLength(2);
  });

  it('is an empty JSON array when there is nothing to export', () => {
    expect(write([]).files.get('tasks.json')).toBe('[]\n');
  });

  it('writes a task with its data, an annotation per annotator and a prediction per suggester', () => {
    const doc = makeDoc(
      'flood',
      TEXT,
      [
        spanOver(TEXT, 'said', 'Hedge', { key: 'h' }),
        spanOver(TEXT, '47 died', 'Claim', { key: 'c' }),
        spanOver(TEXT, '47', 'Figure', { key: 'f', annotator: 'ner', origin: 'suggested' }),
        spanOver(TEXT, 'Police', 'Claim', { key: 'p', annotator: 'bob' }),
      ],
      { title: 'Flood', status: 'done' },
    );
    doc.relations = [{ type: 'scopes', from: 'h', to: 'c', annotator: 'alice' }];
    const [task] = JSON.parse(write([doc]).files.get('tasks.json')!);
    const labels = (id: string, start: number, end: number, text: string, label: string) => ({
      id,
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      value: { start, end, text, labels: [label] },
    });
    expect(task).toEqual({
      id: 1,
      data: { text: TEXT, id: 'flood', title: 'Flood', status: 'done', offset_unit: 'utf16-code-units' },
      annotations: [
        {
          id: 1,
          created_username: 'alice',
          result: [
            labels('h', 10, 14, 'said', 'Hedge'),
            labels('c', 15, 22, '47 died', 'Claim'),
            { from_id: 'h', to_id: 'c', type: 'relation', direction: 'right', labels: ['scopes'] },
          ],
        },
        { id: 2, created_username: 'bob', result: [labels('p', 0, 6, 'Police', 'Claim')] },
      ],
      predictions: [{ id: 1, model_version: 'ner', result: [labels('f', 15, 17, '47', 'Figure')] }],
    });
  });

  it('writes a discontinuous span as one region per piece: KEY, KEY.2, ...', () => {
    const doc = makeDoc('d', TEXT, [spanOver(TEXT, 'Police...said...died', 'Claim', { key: 'k' })]);
    const [task] = JSON.parse(write([doc]).files.get('tasks.json')!);
    expect(
      task.annotations[0].result.map((r: { id: string; value: { start: number; text: string } }) => [
        r.id,
        r.value.start,
        r.value.text,
      ]),
    ).toEqual([
      ['k', 0, 'Police'],
      ['k.2', 10, 'said'],
      ['k.3', 18, 'died'],
    ]);
  });
});

describe('Label Studio writer: label_config.xml', () => {
  it('names the schema labels with their colours, labels used but not in the schema in grey, and every relation type used', () => {
    const doc = makeDoc('d', TEXT, [
      spanOver(TEXT, 'said', 'Hedge', { key: 'h' }),
      spanOver(TEXT, '47', 'Rumour', { key: 'r' }),
    ]);
    doc.relations = [{ type: 'echoes', from: 'h', to: 'r', annotator: 'alice' }];
    expect(write([doc]).files.get('label_config.xml')).toBe(
      [
        '<View>',
        '  <Labels name="label" toName="text">',
        '    <Label value="Claim" background="#d9480f"/>',
        '    <Label value="Hedge" background="#a61e4d"/>',
        '    <Label value="Rumour" background="#888888"/>',
        '  </Labels>',
        '  <Text name="text" value="$text"/>',
        '  <Relations>',
        '    <Relation value="scopes"/>',
        '    <Relation value="echoes"/>',
        '  </Relations>',
        '</View>',
        '',
      ].join('\n'),
    );
  });

  it('leaves labels of whole documents (not spans) out of the Labels tag', () => {
    const schema: ProjectSchema = {
      labels: [...SCHEMA.labels, { ...spanLabel('Link', '#000000'), kind: 'document' }],
      relationTypes: [],
    };
    const config = writeAll(labelStudioFormat, [], { schema }).files.get('label_config.xml')!;
    expect(config).not.toContain('Link');
    expect(config).not.toContain('<Relations>');
  });
});

describe('Label Studio writer: the loss report', () => {
  it('names relations across annotators, discontinuous spans, notes and attributes, and the fixed unit', () => {
    const doc = makeDoc('d', TEXT, [
      spanOver(TEXT, 'said', 'Hedge', { key: 'h', note: 'why?' }),
      spanOver(TEXT, 'Police...died', 'Claim', {
        key: 'c',
        annotator: 'bob',
        attributes: { verified: 'yes' },
      }),
    ]);
    doc.relations = [{ type: 'scopes', from: 'h', to: 'c', annotator: 'alice' }];
    const { loss } = writeAll(labelStudioFormat, [doc], { schema: SCHEMA, offsetUnit: 'utf8' });
    expect(lossDetails(loss)).toEqual([
      ['relations', 1, ['d: scopes: Hedge "said" -> Claim "Police died" (alice)']],
      ['discontinuous', 1, ['d: Claim "Police died" at 0-22 (bob)']],
      ['notes', 1, ['d: Hedge "said" at 10-14 (alice): "why?"']],
      ['attributes', 1, ['d: Claim "Police died" at 0-22 (bob): {"verified":"yes"}']],
      ['offset-unit', 1, ['(all): asked utf8, wrote utf16']],
    ]);
    expect(unexplainedLosses(loss)).toEqual([]);
  });

  it('reports nothing for continuous spans, several annotators, suggestions, a status and relations within one annotation, in UTF-16', () => {
    const doc = makeDoc('d', TEXT, [
      spanOver(TEXT, 'said', 'Hedge', { key: 'h' }),
      spanOver(TEXT, '47', 'Claim', { key: 'c' }),
      spanOver(TEXT, 'died', 'Claim', { key: 'b', annotator: 'bob' }),
      spanOver(TEXT, 'Police', 'Claim', { key: 'n', annotator: 'ner', origin: 'suggested' }),
    ]);
    doc.relations = [
      { type: 'scopes', from: 'h', to: 'c', annotator: 'alice' },
      { type: 'in', from: 'c', to: 'h', annotator: 'alice' },
    ];
    expect(write([{ ...doc, status: 'done' }]).loss.list()).toEqual([]);
  });
});

describe('Label Studio format: which files it recognises', () => {
  const detect = (path: string, content: string) => labelStudioFormat.detect!({ path, content });

  it('recognises a .json array or object naming data, annotations or predictions near its start', () => {
    expect(detect('export.json', '[\n  {\n    "data": {"text": "a"}\n  }\n]')).toBe(true);
    expect(detect('task.JSON', '\uFEFF\n  {"annotations" : []}')).toBe(true);
    expect(detect('p.json', '{"predictions":[]}')).toBe(true);
  });

  it('does not take other JSON, other extensions, or a file whose first line is no array or object', () => {
    expect(detect('doccano.json', '[{"text": "a", "label": []}]')).toBe(false);
    expect(detect('export.jsonl', '{"data": {"text": "a"}}')).toBe(false);
    expect(detect('odd.json', '"data": {"text": "a"}')).toBe(false);
    expect(detect('late.json', `[${' '.repeat(70000)}{"data": {"text": "a"}}]`)).toBe(false);
  });
});
