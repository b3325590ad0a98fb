import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doccanoFormat } from './doccano';
import type { CorpusDocument } from './model';
import { docArb, lossCounts, makeDoc, spanOver, spanSet, writeAll } from './testkit';

const read = (content: string, offsetUnit?: 'utf16' | 'codepoint' | 'utf8') =>
  doccanoFormat.read!([{ path: 'admin.jsonl', content }], {
    defaultAnnotator: 'me',
    ...(offsetUnit ? { offsetUnit } : {}),
  });

describe('doccano reader', () => {
  it('reads the label form in the unit given to the import', () => {
    const line = {
      id: 12,
      text: 'Toll 😀 rises to 47 in کراچی',
      label: [
        [16, 18, 'Figure'],
        [22, 27, 'Location'],
      ],
      Comments: [],
    };
    const { documents, problems, notices } = read(JSON.stringify(line), 'codepoint');
    expect(problems).toEqual([]);
    expect(notices).toBeUndefined();
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

/** The covered texts of a read document's spans, in order. */
const covered = (doc: CorpusDocument) =>
  doc.spans.map((s) => doc.text.slice(s.fragments[0]!.start, s.fragments[0]!.end));

describe('doccano reader: the unit of a file that states none', () => {
  // As doccano's annotation screen writes it: offsets in UTF-16 code units, no offset_unit.
  const fromDoccano = JSON.stringify({
    text: '😀 Police said 47 people died in Karachi.',
    label: [
      [3, 9, 'Claim'],
      [33, 40, 'Location'],
    ],
  });

  it('reads UTF-16 code units, as doccano counts, and says so when code points would fit too', () => {
    const { documents, problems, notices } = read(fromDoccano);
    expect(problems).toEqual([]);
    expect(covered(documents[0]!)).toEqual(['Police', 'Karachi']);
    expect(notices).toHaveLength(1);
    expect(notices![0]!.file).toBe('admin.jsonl');
    expect(notices![0]!.message).toMatch(/^offsets read as UTF-16 code units/);
    expect(notices![0]!.message).toMatch(/--offsets utf16\|codepoint/);
  });

  it('reads code points when only they fit, naming the span that does not fit UTF-16', () => {
    // In UTF-16, 2-3 would start between the halves of the first emoji.
    const lines = ['a😀b😀c', 'c😀b'].map((text) => JSON.stringify({ text, label: [[2, 3, 'X']] }));
    const { documents, problems, notices } = read(lines.join('\n'));
    expect(problems).toEqual([]);
    expect(documents.map(covered)).toEqual([['b'], ['b']]);
    expect(notices).toHaveLength(1);
    expect(notices![0]!.message).toMatch(/^offsets read as code points/);
    expect(notices![0]!.message).toContain('line 1, span 1 (X): range 2-3 splits a character');
  });

  it('takes the stated text of an entity as evidence of the unit', () => {
    const line = JSON.stringify({
      text: 'x 😀 47 dead',
      entities: [{ id: 1, label: 'Figure', start_offset: 4, end_offset: 6, text: '47' }],
    });
    const { documents, problems, notices } = read(line);
    expect(problems).toEqual([]);
    expect(covered(documents[0]!)).toEqual(['47']);
    expect(notices![0]!.message).toMatch(/^offsets read as code points/);
  });

  it('is silent where the units agree, and where the line or the import states the unit', () => {
    expect(read(JSON.stringify({ text: 'Police said 47', label: [[12, 14, 'F']] })).notices).toBeUndefined();
    const stated = JSON.stringify({ text: 'a😀b', label: [[1, 2, 'X']], offset_unit: 'code-points' });
    const statedRead = read(stated);
    expect(statedRead.notices).toBeUndefined();
    expect(covered(statedRead.documents[0]!)).toEqual(['😀']);
    expect(read(fromDoccano, 'utf16').notices).toBeUndefined();
  });

  it('refuses, by file and line, spans that fit neither unit', () => {
    const lines = [
      JSON.stringify({ text: 'ok 😀 line', label: [[6, 10, 'X']] }),
      JSON.stringify({ text: 'a😀b', label: [[0, 9, 'X']] }),
    ];
    const { problems, notices } = read(lines.join('\n'));
    expect(notices).toBeUndefined();
    expect(problems).toEqual([
      {
        file: 'admin.jsonl',
        line: 2,
        message: 'span 1 (X): range 0-9 is outside the text (length 4 UTF-16 code units)',
      },
    ]);
  });

  it('round-trips emoji before spans in files written as doccano writes them (UTF-16, no unit)', () => {
    const shape = { discontinuous: false, overlapping: true, withinLines: false, annotators: ['alice'] };
    fc.assert(
      fc.property(docArb(shape), fc.constantFrom('label', 'entities' as const), (drawn, form) => {
        // An emoji before every span, so code points and UTF-16 differ at each of them.
        const doc = makeDoc('d', `😀 ${drawn.text}`, drawn.spans);
        doc.spans.forEach(
          (s) => (s.fragments = s.fragments.map((f) => ({ start: f.start + 3, end: f.end + 3 }))),
        );
        const written = writeAll(doccanoFormat, [doc], { offsetUnit: 'utf16', doccanoForm: form }).files.get(
          '',
        )!;
        const asDoccano = written
          .trim()
          .split('\n')
          .map((l) => {
            const record = JSON.parse(l) as Record<string, unknown>;
            delete record.offset_unit;
            return JSON.stringify(record);
          })
          .join('\n');
        const back = read(asDoccano);
        expect(back.problems).toEqual([]);
        expect(spanSet(back.documents[0]!)).toEqual(spanSet(doc));
      }),
      { numRuns: 60 },
    );
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
