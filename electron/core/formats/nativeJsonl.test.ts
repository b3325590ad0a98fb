import { describe, expect, it } from 'vitest';
import { nativeJsonlFormat } from './nativeJsonl';
import { nativeRecord } from './nativeJsonl.testkit';
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

  it('names file and line for each bad line and keeps the good one', () => {
    // Read inside the test: Stryker credits a mutant only to tests that run the code in their body.
    const { documents, problems } = read(lines.join('\n'), 'bad.jsonl');
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

const jsonLinesOf = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

describe('native JSONL reader sentences', () => {
  const base = {
    format: 'marginalia-jsonl/2',
    offset_unit: 'utf16-code-units',
    id: 'd',
    text: 'At least 47 people',
  };
  const figure = { id: 1, label: 'Figure', start: 9, end: 11 };
  /** The one problem a single line gives, as "line: message". */
  const problemsOf = (record: unknown) =>
    read(JSON.stringify(record), 'in.jsonl').problems.map((p) => `${p.file}:${p.line}: ${p.message}`);

  it.each([
    ['a line that is no object', [1, 2], 'a line must be a JSON object'],
    [
      'an unknown format',
      { ...base, format: 'marginalia-jsonl/3' },
      'format "marginalia-jsonl/3" is not marginalia-jsonl/2 or marginalia-jsonl/1',
    ],
    ['an unknown offset unit', { ...base, offset_unit: 'words' }, 'offset_unit "words" is not a known unit'],
    ['no offset unit', { ...base, offset_unit: undefined }, 'offset_unit undefined is not a known unit'],
    ['an empty text', { ...base, text: '' }, '"text" must be a non-empty string'],
    ['a text that is no string', { ...base, text: 47 }, '"text" must be a non-empty string'],
    ['no id', { ...base, id: null }, '"id" must be a string or number'],
    ['spans that are no list', { ...base, spans: { 1: figure } }, '"spans" must be a list'],
    ['a span that is no object', { ...base, spans: [figure, 'Figure'] }, 'span 2 must be an object'],
    ['a span without a label', { ...base, spans: [{ ...figure, label: '' }] }, 'span 1 has no label'],
    [
      'a span id used twice',
      { ...base, spans: [figure, { ...figure, start: 0, end: 2 }] },
      'span 2: id 1 is used twice',
    ],
    [
      'a fragment without an end after a whole one',
      { ...base, spans: [{ id: 1, label: 'Figure', fragments: [{ start: 0, end: 2 }, { start: 9 }] }] },
      'span 1 (Figure) needs whole-number start and end, or fragments',
    ],
    [
      'an unknown status',
      { ...base, status: 'finished' },
      'status "finished" is not one of todo, in_progress, done',
    ],
    [
      'an unknown origin',
      { ...base, spans: [{ ...figure, origin: 'guessed' }] },
      'span 1 (Figure): origin "guessed" is not one of manual, suggested, imported, adjudicated',
    ],
    [
      'a span without offsets',
      { ...base, spans: [{ id: 1, label: 'Figure', start: 9 }] },
      'span 1 (Figure) needs whole-number start and end, or fragments',
    ],
    [
      'a span at a fractional offset',
      { ...base, spans: [{ ...figure, end: 10.5 }] },
      'span 1 (Figure) needs whole-number start and end, or fragments',
    ],
    [
      'a span with an empty fragment list',
      { ...base, spans: [{ id: 1, label: 'Figure', fragments: [] }] },
      'span 1 (Figure) needs whole-number start and end, or fragments',
    ],
    [
      'a fragment that is no object',
      { ...base, spans: [{ id: 1, label: 'Figure', fragments: [{ start: 9, end: 11 }, null] }] },
      'span 1 (Figure) needs whole-number start and end, or fragments',
    ],
    [
      'a fragment without an end',
      { ...base, spans: [{ id: 1, label: 'Figure', fragments: [{ start: 9 }] }] },
      'span 1 (Figure) needs whole-number start and end, or fragments',
    ],
    [
      'a fragment without a start',
      { ...base, spans: [{ id: 1, label: 'Figure', fragments: [{ end: 11 }] }] },
      'span 1 (Figure) needs whole-number start and end, or fragments',
    ],
    [
      "an end that is not the last fragment's",
      { ...base, spans: [{ ...figure, end: 18, fragments: [{ start: 9, end: 11 }] }] },
      'span 1 (Figure): start-end 9-18 are not the bounds of its fragments',
    ],
    [
      'a fragment whose text differs',
      { ...base, spans: [{ id: 1, label: 'Figure', fragments: [{ start: 9, end: 11, text: '48' }] }] },
      'span 1 (Figure): its text "48" differs from the text at its offsets "47"',
    ],
    [
      'a split span whose text differs',
      {
        ...base,
        spans: [
          {
            id: 1,
            label: 'Claim',
            text: 'At 47',
            fragments: [
              { start: 0, end: 2 },
              { start: 9, end: 11 },
            ],
          },
        ],
      },
      'span 1 (Claim): its text "At 47" differs from the text at its offsets "At least 47"',
    ],
    [
      'relations that are no list',
      { ...base, spans: [figure], relations: 'in' },
      '"relations" must be a list',
    ],
    [
      'a relation that is no object',
      { ...base, spans: [figure], relations: [null] },
      'relation 1 must be an object',
    ],
    [
      'a relation without a type',
      { ...base, spans: [figure], relations: [{ from: 1, to: 1 }] },
      'relation 1 needs type, from and to',
    ],
    [
      'a relation without a start',
      { ...base, spans: [figure], relations: [{ type: 'in', to: 1 }] },
      'relation 1 needs type, from and to',
    ],
    [
      'a relation without an end',
      { ...base, spans: [figure], relations: [{ type: 'in', from: 1 }] },
      'relation 1 needs type, from and to',
    ],
    [
      'a relation from a span not in the line',
      { ...base, spans: [figure], relations: [{ type: 'in', from: 4, to: 1 }] },
      'relation 1 (in) refers to span 4, which is not in the line',
    ],
  ])('says %s, naming file and line', (_what, record, message) => {
    expect(problemsOf(record)).toEqual([`in.jsonl:1: ${message}`]);
  });

  it('keeps a span whose attributes include values it cannot store, and says which', () => {
    const record = {
      ...base,
      spans: [{ ...figure, attributes: { value: 47, tags: ['a'], approximate: true, by: null } }],
    };
    const { documents, problems } = read(JSON.stringify(record));
    expect(problems.map((p) => p.message)).toEqual([
      'span 1 (Figure): attributes tags, by are not text, number or yes/no',
    ]);
    expect(documents[0]!.spans[0]!.attributes).toEqual({ value: 47, approximate: true });
  });

  it('fills in what a minimal line leaves out', () => {
    const { documents, problems } = read(
      JSON.stringify({
        ...base,
        id: 12,
        spans: [
          { label: 'Figure', start: 9, end: 11 },
          { label: 'Claim', start: 0, end: 8 },
        ],
      }),
    );
    expect(problems).toEqual([]);
    expect(documents).toEqual([
      {
        id: '12',
        title: '12',
        text: 'At least 47 people',
        status: 'todo',
        source: {},
        spans: [
          {
            key: 'span-1',
            label: 'Figure',
            fragments: [{ start: 9, end: 11 }],
            annotator: 'me',
            attributes: {},
            note: null,
            origin: 'imported',
          },
          {
            key: 'span-2',
            label: 'Claim',
            fragments: [{ start: 0, end: 8 }],
            annotator: 'me',
            attributes: {},
            note: null,
            origin: 'imported',
          },
        ],
        relations: [],
      },
    ]);
  });

  it('keeps what a full line states, split spans and relations included', () => {
    const record = {
      ...base,
      title: 'Toll',
      status: 'in_progress',
      source: { file: 'a.txt' },
      sha256: 'abc',
      spans: [
        { ...figure, text: '47', annotator: 'bob', note: 'n', origin: 'adjudicated' },
        {
          id: 'c',
          label: 'Claim',
          start: 0,
          end: 11,
          text: 'At least 47',
          fragments: [
            { start: 0, end: 2, text: 'At' },
            { start: 9, end: 11 },
          ],
        },
        { id: 'p', label: 'Who', fragments: [{ start: 12, end: 18 }] },
      ],
      relations: [
        { type: 'in', from: 1, to: 'c', annotator: 'bob' },
        { type: 'in', from: 'c', to: 1 },
      ],
    };
    const { documents, problems } = read(JSON.stringify(record));
    expect(problems).toEqual([]);
    expect(documents[0]).toMatchObject({
      id: 'd',
      title: 'Toll',
      status: 'in_progress',
      source: { file: 'a.txt' },
      sha256: 'abc',
    });
    expect(documents[0]!.spans.map((s) => [s.key, s.fragments, s.annotator, s.note, s.origin])).toEqual([
      ['1', [{ start: 9, end: 11 }], 'bob', 'n', 'adjudicated'],
      [
        'c',
        [
          { start: 0, end: 2 },
          { start: 9, end: 11 },
        ],
        'me',
        null,
        'imported',
      ],
      ['p', [{ start: 12, end: 18 }], 'me', null, 'imported'],
    ]);
    expect(documents[0]!.relations).toEqual([
      { type: 'in', from: '1', to: 'c', annotator: 'bob' },
      { type: 'in', from: 'c', to: '1', annotator: 'me' },
    ]);
  });

  it('keeps a line whose spans or relations are no list, without them', () => {
    const { documents } = read(
      jsonLinesOf({ ...base, spans: 'x' }, { ...base, id: 'e', spans: [figure], relations: 'y' }),
    );
    expect(documents.map((d) => [d.id, d.spans.length, d.relations])).toEqual([
      ['d', 0, []],
      ['e', 1, []],
    ]);
  });

  it('ignores a source that is no object and a sha256 that is no string', () => {
    const { documents, problems } = read(JSON.stringify({ ...base, source: 'a.txt', sha256: 12 }));
    expect(problems).toEqual([]);
    expect(documents[0]!.spans).toEqual([]);
    expect(documents[0]!.relations).toEqual([]);
    expect(documents[0]!.source).toEqual({});
    expect(documents[0]).not.toHaveProperty('sha256');
  });

  it('writes no sha256 when the document has none, and split fragments in the unit asked', () => {
    const text = 'Toll 😀 47 dead';
    const doc = makeDoc('t', text, [spanOver(text, 'Toll...47', 'Claim', { key: 'c' })]);
    const written = writeAll(nativeJsonlFormat, [doc, makeDoc('u', 'Second')], {
      offsetUnit: 'codepoint',
    }).files.get('')!;
    expect(written.split('\n').map((l) => l.slice(0, 1))).toEqual(['{', '{', '']);
    const line = JSON.parse(written.split('\n')[0]!);
    expect(line).not.toHaveProperty('sha256');
    expect(line.offset_unit).toBe('code-points');
    expect(line.spans[0]).toMatchObject({ start: 0, end: 9, text: 'Toll 😀 47' });
    expect(line.spans[0].fragments).toEqual([
      { start: 0, end: 4, text: 'Toll' },
      { start: 7, end: 9, text: '47' },
    ]);
  });

  it('is detected by the format on its first line', () => {
    const detect = (content: string) => nativeJsonlFormat.detect!({ path: 'x.jsonl', content });
    expect(detect('\n{"format":"marginalia-jsonl/2","text":"a"}\n')).toBe(true);
    expect(detect('{"format":"marginalia-jsonl/1"}')).toBe(true);
    expect(detect('{"format":"other"}')).toBe(false);
    expect(detect('{"text":"a"}')).toBe(false);
  });
});
