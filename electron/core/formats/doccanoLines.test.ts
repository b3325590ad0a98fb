import { describe, expect, it } from 'vitest';
import { doccanoFormat } from './doccano';
import { makeDoc, spanOver, writeAll } from './testkit';

const read = (content: string) =>
  doccanoFormat.read!([{ path: 'exports/admin.jsonl', content }], {
    defaultAnnotator: 'me',
    offsetUnit: 'utf16',
  });
const jsonl = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');
const TEXT = 'Police said 47 died.';

describe('doccano lines the reader refuses, by line', () => {
  it.each([
    ['a line that is no object', ['x'], 'a line must be a JSON object'],
    ['a line without text', { label: [] }, '"text" must be a non-empty string'],
    ['an empty text', { text: '', label: [] }, '"text" must be a non-empty string'],
    [
      'an unknown unit',
      { text: TEXT, offset_unit: 'words', label: [] },
      'offset_unit "words" is not a known unit',
    ],
    [
      'labels that are no list',
      { text: TEXT, label: 'Figure' },
      '"label" must be a list of [start, end, label]',
    ],
    [
      'a label of two items',
      { text: TEXT, label: [[12, 14]] },
      'label 1 must be [start, end, label] with whole-number offsets',
    ],
    [
      'a label that is no list',
      { text: TEXT, label: [{ start: 12 }] },
      'label 1 must be [start, end, label] with whole-number offsets',
    ],
    [
      'a label at a fractional start',
      { text: TEXT, label: [[12.5, 14, 'Figure']] },
      'label 1 must be [start, end, label] with whole-number offsets',
    ],
    [
      'a label at a fractional end',
      { text: TEXT, label: [[12, 14.5, 'Figure']] },
      'label 1 must be [start, end, label] with whole-number offsets',
    ],
    [
      'a label without a name',
      { text: TEXT, label: [[12, 14, 3]] },
      'label 1 must be [start, end, label] with whole-number offsets',
    ],
    [
      'an entity without an end',
      { text: TEXT, entities: [{ id: 1, label: 'Figure', start_offset: 12 }] },
      'entity 1 needs whole-number start_offset, end_offset and a label',
    ],
    [
      'an entity without a start',
      { text: TEXT, entities: [{ id: 1, label: 'Figure', end_offset: 14 }] },
      'entity 1 needs whole-number start_offset, end_offset and a label',
    ],
    [
      'an entity without a label',
      { text: TEXT, entities: [{ id: 1, start_offset: 12, end_offset: 14 }] },
      'entity 1 needs whole-number start_offset, end_offset and a label',
    ],
    [
      'an entity that is no object',
      { text: TEXT, entities: [7] },
      'entity 1 needs whole-number start_offset, end_offset and a label',
    ],
    [
      'a span outside the text',
      { text: TEXT, label: [[12, 40, 'Figure']] },
      'span 1 (Figure): range 12-40 is outside the text (length 20 UTF-16 code units)',
    ],
    [
      'an entity whose text differs',
      { text: TEXT, entities: [{ id: 1, label: 'Figure', start_offset: 12, end_offset: 14, text: '48' }] },
      'span 1 (Figure): its text "48" differs from the text at its offsets "47"',
    ],
    [
      'a relation without a type',
      {
        text: TEXT,
        entities: [{ id: 1, label: 'Figure', start_offset: 12, end_offset: 14 }],
        relations: [{ from_id: 1, to_id: 1 }],
      },
      'relation 1 needs from_id, to_id and type',
    ],
    [
      'a relation that is no object',
      {
        text: TEXT,
        entities: [{ id: 1, label: 'Figure', start_offset: 12, end_offset: 14 }],
        relations: ['in'],
      },
      'relation 1 needs from_id, to_id and type',
    ],
    [
      'a relation without a start',
      {
        text: TEXT,
        entities: [{ id: 1, label: 'Figure', start_offset: 12, end_offset: 14 }],
        relations: [{ to_id: 1, type: 'in' }],
      },
      'relation 1 needs from_id, to_id and type',
    ],
    [
      'a relation without an end',
      {
        text: TEXT,
        entities: [{ id: 1, label: 'Figure', start_offset: 12, end_offset: 14 }],
        relations: [{ from_id: 1, type: 'in' }],
      },
      'relation 1 needs from_id, to_id and type',
    ],
    [
      'a relation to an entity not in the line',
      {
        text: TEXT,
        entities: [{ id: 1, label: 'Figure', start_offset: 12, end_offset: 14 }],
        relations: [{ from_id: 1, to_id: 2, type: 'in' }],
      },
      'relation 1 (in) refers to an entity that is not in the line',
    ],
    [
      'a relation from an entity not in the line',
      {
        text: TEXT,
        entities: [{ id: 1, label: 'Figure', start_offset: 12, end_offset: 14 }],
        relations: [{ from_id: 2, to_id: 1, type: 'in' }],
      },
      'relation 1 (in) refers to an entity that is not in the line',
    ],
  ])('%s', (_what, record, message) => {
    const { problems } = read(`\n${JSON.stringify(record)}`);
    expect(problems).toEqual([{ file: 'exports/admin.jsonl', line: 2, message }]);
  });

  it('lists the problems of a file in line order', () => {
    const { problems } = read(jsonl({ text: TEXT, label: [[12, 40, 'Figure']] }, 'x', { label: [] }));
    expect(problems.map((p) => p.line)).toEqual([1, 2, 3]);
  });
});

describe('what the doccano reader keeps', () => {
  it('fills in id, title, status and source from the file and line', () => {
    const { documents } = read(
      jsonl({ text: 'Other text', label: [] }, { text: TEXT, status: 'done', labels: [[12, 14, 'Figure']] }),
    );
    expect(documents.map((d) => [d.id, d.title, d.status, d.source])).toEqual([
      ['admin-1', 'Other text', 'todo', { file: 'admin.jsonl', line: 1 }],
      ['admin-2', TEXT, 'done', { file: 'admin.jsonl', line: 2 }],
    ]);
    expect(documents[1]!.spans).toEqual([
      {
        key: '2:1',
        label: 'Figure',
        fragments: [{ start: 12, end: 14 }],
        annotator: 'me',
        attributes: {},
        note: null,
        origin: 'imported',
      },
    ]);
  });

  it('reads "data" as the text, and joins lines of one text as one document with each annotator', () => {
    const { documents, problems } = read(
      jsonl(
        { id: 'a', data: TEXT, label: [[12, 14, 'Figure']], annotator: 'alice' },
        { id: 'b', text: TEXT, label: [[7, 11, 'Hedge']], user: 'bob' },
        {
          text: TEXT,
          entities: [{ id: 5, label: 'Figure', start_offset: 12, end_offset: 14 }],
          relations: [{ from_id: 5, to_id: 5, label: 'self' }],
        },
      ),
    );
    expect(problems).toEqual([]);
    expect(documents).toHaveLength(1);
    expect(documents[0]!.id).toBe('a');
    expect(documents[0]!.spans.map((s) => [s.key, s.label, s.annotator])).toEqual([
      ['1:1', 'Figure', 'alice'],
      ['2:1', 'Hedge', 'bob'],
      ['3:5', 'Figure', 'me'],
    ]);
    expect(documents[0]!.relations).toEqual([{ type: 'self', from: '3:5', to: '3:5', annotator: 'me' }]);
  });

  it('numbers entities without ids by their place', () => {
    const { documents } = read(
      jsonl({ text: TEXT, entities: [{ label: 'Hedge', start_offset: 7, end_offset: 11 }] }),
    );
    expect(documents[0]!.spans[0]!.key).toBe('1:e1');
  });

  it('is recognised by a text and a label, labels or entities list on its first line', () => {
    const detect = (first: unknown) =>
      doccanoFormat.detect!({ path: 'a.jsonl', content: `${JSON.stringify(first)}\n` });
    expect(detect({ text: 'a', label: [] })).toBe(true);
    expect(detect({ text: 'a', labels: [] })).toBe(true);
    expect(detect({ text: 'a', entities: [] })).toBe(true);
    expect(detect({ text: 'a' })).toBe(false);
    expect(detect({ text: 3, label: [] })).toBe(false);
    expect(detect([{ text: 'a', label: [] }])).toBe(false);
  });
});

describe('what the doccano writer writes', () => {
  it('writes a document without spans as one line with no annotator, in the label form', () => {
    const { files } = writeAll(doccanoFormat, [makeDoc('d', TEXT, [], { status: 'in_progress' })], {
      offsetUnit: 'utf8',
    });
    expect(files.get('')).toBe(
      `${JSON.stringify({ id: 'd', text: TEXT, label: [], status: 'in_progress', offset_unit: 'utf8-bytes' })}\n`,
    );
  });

  it('numbers entities per line and links only relations whose ends are both on it', () => {
    const doc = makeDoc('d', TEXT, [
      spanOver(TEXT, 'said', 'Hedge', { key: 'h' }),
      spanOver(TEXT, '47', 'Figure', { key: 'f' }),
      spanOver(TEXT, 'died', 'Claim', { key: 'c', annotator: 'bob' }),
    ]);
    doc.relations = [
      { type: 'scopes', from: 'h', to: 'f', annotator: 'alice' },
      { type: 'in', from: 'f', to: 'c', annotator: 'alice' },
    ];
    const { files, loss } = writeAll(doccanoFormat, [doc], { offsetUnit: 'utf16', doccanoForm: 'entities' });
    const lines = files
      .get('')!
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.annotator, l.entities, l.relations])).toEqual([
      [
        'alice',
        [
          { id: 1, label: 'Hedge', start_offset: 7, end_offset: 11, text: 'said' },
          { id: 2, label: 'Figure', start_offset: 12, end_offset: 14, text: '47' },
        ],
        [{ id: 1, from_id: 1, to_id: 2, type: 'scopes' }],
      ],
      ['bob', [{ id: 1, label: 'Claim', start_offset: 15, end_offset: 19, text: 'died' }], []],
    ]);
    expect(loss.list().find((e) => e.kind === 'relations')).toMatchObject({
      count: 1,
      message:
        'doccano relations link entities of one line; a relation between spans of different annotators is left out',
    });
  });

  it('counts a relation the label form cannot hold once, whoever wrote its spans', () => {
    const doc = makeDoc('d', TEXT, [
      spanOver(TEXT, 'said', 'Hedge', { key: 'h' }),
      spanOver(TEXT, '47', 'Figure', { key: 'f', annotator: 'bob' }),
    ]);
    doc.relations = [{ type: 'scopes', from: 'h', to: 'f', annotator: 'alice' }];
    const entries = writeAll(doccanoFormat, [doc], { offsetUnit: 'utf16' }).loss.list();
    expect(entries.filter((e) => e.kind === 'relations').map((e) => e.count)).toEqual([1]);
  });

  it('says which span overlaps another', () => {
    const doc = makeDoc('d', TEXT, [spanOver(TEXT, 'said 47', 'Claim'), spanOver(TEXT, '47', 'Figure')]);
    const entry = writeAll(doccanoFormat, [doc], { offsetUnit: 'utf16' })
      .loss.list()
      .find((e) => e.kind === 'overlap');
    expect(entry).toMatchObject({
      count: 1,
      message:
        'doccano keeps overlapping spans only in a project that allows overlap; these overlap another span',
    });
  });
});
