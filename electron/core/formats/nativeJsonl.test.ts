import { describe, expect, it } from 'vitest';
import { nativeJsonlFormat, nativeRecord } from './nativeJsonl';
import { HARD_TEXT, makeDoc, spanOver, writeAll } from './testkit';

const read = (content: string, path = 'corpus.jsonl') =>
  nativeJsonlFormat.read!([{ path, content }], { defaultAnnotator: 'me' });

describe('native JSONL writer', () => {
  const doc = makeDoc(
    'karachi',
    HARD_TEXT,
    [
      spanOver(HARD_TEXT, 'کراچی', 'Location', {
        key: '7',
        attributes: { normalized: 'Karachi' },
        note: 'city',
      }),
      spanOver(HARD_TEXT, 'families...owners', 'Claim', { key: '8', origin: 'suggested' }),
    ],
    { status: 'done', sha256: 'abc' },
  );
  doc.relations = [{ type: 'attributed_to', from: '8', to: '7', annotator: 'alice' }];

  it('writes one /2 line per document stating its unit, with covered text for spans and split fragments', () => {
    const { files, loss } = writeAll(nativeJsonlFormat, [doc], { offsetUnit: 'utf8' });
    const line = JSON.parse(files.get('')!.trim());
    expect(line).toMatchObject({
      format: 'marginalia-jsonl/2',
      offset_unit: 'utf8-bytes',
      id: 'karachi',
      status: 'done',
      sha256: 'abc',
    });
    const bytes = new TextEncoder().encode(HARD_TEXT);
    const location = line.spans[0];
    expect(new TextDecoder().decode(bytes.slice(location.start, location.end))).toBe('کراچی');
    expect(location).toMatchObject({
      id: '7',
      text: 'کراچی',
      attributes: { normalized: 'Karachi' },
      note: 'city',
    });
    expect(location.fragments).toEqual([{ start: location.start, end: location.end }]);
    expect(line.spans[1].fragments.map((f: { text: string }) => f.text)).toEqual(['families', 'owners']);
    expect(line.relations).toEqual([{ type: 'attributed_to', from: '8', to: '7', annotator: 'alice' }]);
    expect(loss.isEmpty).toBe(true);
  });

  it('reads back the /1 lines the first exporter wrote', () => {
    const v1 = {
      format: 'marginalia-jsonl/1',
      offset_unit: 'utf16-code-units',
      id: 'a',
      title: 'A',
      text: 'At least 47 people',
      sha256: 'x',
      source: { file: 'a.txt' },
      spans: [
        {
          id: 3,
          start: 9,
          end: 11,
          label: 'Figure',
          text: '47',
          annotator: 'Alice',
          attributes: {},
          note: null,
          origin: 'manual',
        },
      ],
    };
    const { documents, problems } = read(JSON.stringify(v1) + '\n');
    expect(problems).toEqual([]);
    expect(documents[0]).toMatchObject({
      id: 'a',
      status: 'todo',
      sha256: 'x',
      spans: [{ key: '3', label: 'Figure', fragments: [{ start: 9, end: 11 }], annotator: 'Alice' }],
    });
  });

  it('reads continuous spans with or without text on their one fragment (earlier /2 lines have it)', () => {
    const line = nativeRecord(
      makeDoc('f', 'At least 47 people', [spanOver('At least 47 people', '47', 'Figure')]),
      'utf16',
    );
    const span = (line.spans as { fragments: object[] }[])[0]!;
    const older = { ...line, spans: [{ ...span, fragments: [{ start: 9, end: 11, text: '47' }] }] };
    const wrongSpanText = { ...line, spans: [{ ...span, text: '48' }] };
    const { documents, problems } = read(
      [line, older, wrongSpanText].map((l) => JSON.stringify(l)).join('\n'),
    );
    expect(documents.map((d) => d.spans.map((s) => s.fragments))).toEqual([
      [[{ start: 9, end: 11 }]],
      [[{ start: 9, end: 11 }]],
      [],
    ]);
    expect(problems).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringMatching(/its text "48" differs/) }),
    ]);
  });

  it('moves offsets of a CRLF text onto the normalised text and drops the now wrong sha256', () => {
    const record = {
      ...nativeRecord(makeDoc('c', 'a\nb 47'), 'utf16'),
      text: 'a\r\nb 47',
      sha256: 'old',
      spans: [{ id: 1, label: 'Figure', start: 5, end: 7, text: '47' }],
    };
    const { documents, problems } = read(JSON.stringify(record));
    expect(problems).toEqual([]);
    expect(documents[0]!.text).toBe('a\nb 47');
    expect(documents[0]!.sha256).toBeUndefined();
    expect(documents[0]!.spans[0]!.fragments).toEqual([{ start: 4, end: 6 }]);
  });
});

describe('native JSONL reader problems', () => {
  const base = { format: 'marginalia-jsonl/2', offset_unit: 'code-points', id: 'd', text: 'Toll 😀 47 dead' };
  const lines = [
    '{not json',
    JSON.stringify({ ...base, format: 'other/9' }),
    JSON.stringify({ ...base, spans: [{ id: 1, label: 'Figure', start: 7, end: 9, text: '47' }] }), // right: code points
    JSON.stringify({ ...base, spans: [{ id: 1, label: 'Figure', start: 8, end: 10, text: '47' }] }), // UTF-16 offsets stated as code points
    JSON.stringify({
      ...base,
      offset_unit: 'utf8-bytes',
      spans: [{ id: 1, label: 'Figure', start: 6, end: 8 }],
    }), // inside the emoji
    JSON.stringify({ ...base, spans: [{ id: 1, label: 'Figure', start: 7, end: 60 }] }),
    JSON.stringify({
      ...base,
      spans: [{ id: 1, label: 'Figure', start: 7, end: 9 }],
      relations: [{ type: 'in', from: 1, to: 2 }],
    }),
    JSON.stringify({ ...base, status: 'finished' }),
    JSON.stringify({
      ...base,
      spans: [{ id: 1, label: 'Figure', start: 0, end: 9, fragments: [{ start: 7, end: 9 }] }],
    }),
    JSON.stringify({ ...base, spans: [{ id: 1, label: 'Figure', start: 7, end: 9, origin: 'guessed' }] }),
  ];
  const { documents, problems } = read(lines.join('\n'), 'bad.jsonl');

  it('names file and line for each bad line and keeps the good one', () => {
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      ['bad.jsonl', 1],
      ['bad.jsonl', 2],
      ['bad.jsonl', 4],
      ['bad.jsonl', 5],
      ['bad.jsonl', 6],
      ['bad.jsonl', 7],
      ['bad.jsonl', 8],
      ['bad.jsonl', 9],
      ['bad.jsonl', 10],
    ]);
    expect(problems[2]!.message).toMatch(/differs from the text at its offsets/);
    expect(problems[3]!.message).toMatch(/splits a character/);
    expect(problems[4]!.message).toMatch(/outside the text/);
    expect(problems[5]!.message).toMatch(/refers to span 2/);
    expect(problems.slice(6).map((p) => p.message)).toEqual([
      expect.stringMatching(/status "finished"/),
      expect.stringMatching(/not the bounds of its fragments/),
      expect.stringMatching(/origin "guessed"/),
    ]);
    expect(documents[0]!.spans[0]!.fragments).toEqual([{ start: 8, end: 10 }]);
  });
});
