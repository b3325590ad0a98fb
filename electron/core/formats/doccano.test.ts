import { describe, expect, it } from 'vitest';
import { doccanoFormat } from './doccano';
import { lossCounts, makeDoc, spanOver, writeAll } from './testkit';

const read = (content: string, offsetUnit?: 'utf16' | 'codepoint' | 'utf8') =>
  doccanoFormat.read!([{ path: 'admin.jsonl', content }], {
    defaultAnnotator: 'me',
    ...(offsetUnit ? { offsetUnit } : {}),
  });

describe('doccano reader', () => {
  it('reads the label form, offsets in code points by default', () => {
    const line = {
      id: 12,
      text: 'Toll 😀 rises to 47 in کراچی',
      label: [
        [16, 18, 'Figure'],
        [22, 27, 'Location'],
      ],
      Comments: [],
    };
    const { documents, problems } = read(JSON.stringify(line));
    expect(problems).toEqual([]);
    const doc = documents[0]!;
    expect(doc.id).toBe('12');
    expect(doc.spans.map((s) => doc.text.slice(s.fragments[0]!.start, s.fragments[0]!.end))).toEqual([
      '47',
      'کراچی',
    ]);
  });

  it('reads the entities/relations form and checks entity text', () => {
    const line = {
      id: 1,
      text: 'Police said 47 died.',
      entities: [
        { id: 10, label: 'Hedge', start_offset: 7, end_offset: 11 },
        { id: 11, label: 'Figure', start_offset: 12, end_offset: 14, text: '47' },
      ],
      relations: [{ id: 3, from_id: 10, to_id: 11, type: 'scopes' }],
    };
    const { documents, problems } = read(JSON.stringify(line));
    expect(problems).toEqual([]);
    expect(documents[0]!.relations).toEqual([{ type: 'scopes', from: '1:10', to: '1:11', annotator: 'me' }]);
  });

  it('takes the unit from ReadOptions and refuses offsets that split a character, by line', () => {
    const lines = [
      JSON.stringify({ text: 'a😀b', label: [[1, 3, 'X']] }),
      JSON.stringify({ text: 'a😀b', label: [[2, 3, 'X']] }),
      'nope',
    ];
    const utf16 = read(lines.join('\n'), 'utf16');
    expect(
      utf16.problems.map((p) => [p.line, /splits a character/.test(p.message) || /JSON/.test(p.message)]),
    ).toEqual([
      [2, true],
      [3, true],
    ]);
    expect(utf16.documents[0]!.spans[0]!.fragments).toEqual([{ start: 1, end: 3 }]);
  });
});

describe('doccano reader on duplicate ids', () => {
  it('refuses an entity id used twice in a line', () => {
    const entities = [0, 1].map((i) => ({ id: 5, label: 'X', start_offset: i, end_offset: i + 1 }));
    const { problems } = read(JSON.stringify({ text: 'ab', entities }));
    expect(problems).toEqual([
      { file: 'admin.jsonl', line: 1, message: 'span 2 (X): entity id 5 is used twice' },
    ]);
  });
});

describe('doccano reader on CRLF text', () => {
  it('counts offsets in the text as the line holds it and moves them onto the LF text', () => {
    const { documents, problems } = read(
      JSON.stringify({ text: 'Dam\r\nAt least 47', label: [[14, 16, 'Figure']] }),
    );
    expect(problems).toEqual([]);
    expect(documents[0]!.text).toBe('Dam\nAt least 47');
    expect(documents[0]!.spans[0]!.fragments).toEqual([{ start: 13, end: 15 }]);
  });
});

describe('doccano writer', () => {
  const text = 'Police said 47 😀 died in Kervadi.';
  const doc = makeDoc('d1', text, [
    spanOver(text, 'said', 'Hedge', { key: 'h' }),
    spanOver(text, '47 😀 died', 'Claim', { key: 'c' }),
    spanOver(text, '47', 'Figure', { key: 'f', annotator: 'bob' }),
    spanOver(text, 'Police said...Kervadi', 'Claim', { key: 'd' }),
  ]);
  doc.relations = [{ type: 'scopes', from: 'h', to: 'c', annotator: 'alice' }];

  it('writes one line per annotator in code points with the unit stated', () => {
    const { files, loss } = writeAll(doccanoFormat, [doc], { offsetUnit: 'codepoint' });
    const lines = files
      .get('')!
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.annotator)).toEqual(['alice', 'bob']);
    expect(lines[0].label).toContainEqual([12, 21, 'Claim']);
    expect(lines[0].offset_unit).toBe('code-points');
    expect(lossCounts(loss)).toEqual({ overlap: 1, discontinuous: 1, relations: 1 });
  });

  it('keeps relations in the entities form', () => {
    const { files, loss } = writeAll(doccanoFormat, [doc], { doccanoForm: 'entities' });
    const first = JSON.parse(files.get('')!.split('\n')[0]!);
    expect(first.entities[0]).toEqual({
      id: 1,
      label: 'Hedge',
      start_offset: 7,
      end_offset: 11,
      text: 'said',
    });
    expect(first.relations).toEqual([{ id: 1, from_id: 1, to_id: 2, type: 'scopes' }]);
    expect(lossCounts(loss).relations).toBeUndefined();
  });
});
