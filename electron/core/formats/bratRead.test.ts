/**
 * Reading brat standoff written by hand as brat's documentation describes it: what a user gets from
 * each kind of line, and for each line the reader refuses, a problem naming the file and the line.
 */
import { describe, expect, it } from 'vitest';
import { readBrat } from './bratRead';
import type { InputFile } from './model';

const read = (files: InputFile[]) => readBrat(files, { defaultAnnotator: 'me' });

const TXT = 'Police said 47 died.\nIn Kervadi.';

/** The one document read from `flood.txt` and an .ann of these lines, with what was said about it. */
function readAnn(lines: string[], text = TXT) {
  const result = read([
    { path: 'in/flood.txt', content: text },
    { path: 'in/flood.ann', content: lines.join('\n') },
  ]);
  const doc = result.documents[0]!;
  const spanText = (key: string) =>
    doc.spans.find((s) => s.key === key)?.fragments.map((f) => doc.text.slice(f.start, f.end));
  return { ...result, doc, spanText };
}

describe('brat reader: what each line becomes', () => {
  it('makes a document per .txt, titled by its first line, with the .ann spans by id', () => {
    const { doc, problems, warnings, spanText } = readAnn([
      'T1\tHedge 7 11\tsaid',
      'T2\tLocation 24 31\tKervadi',
    ]);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(doc).toMatchObject({
      id: 'flood',
      title: 'Police said 47 died.',
      text: TXT,
      status: 'todo',
      source: { file: 'flood.txt', newlines: 'lf' },
    });
    expect(doc.spans).toEqual([
      {
        key: 'T1',
        label: 'Hedge',
        fragments: [{ start: 7, end: 11 }],
        annotator: 'me',
        attributes: {},
        note: null,
        origin: 'imported',
      },
      expect.objectContaining({ key: 'T2', label: 'Location' }),
    ]);
    expect(spanText('T2')).toEqual(['Kervadi']);
  });

  it('reads a .txt without an .ann as a document without spans', () => {
    const { documents, problems } = read([{ path: 'bare.txt', content: 'Just text.' }]);
    expect(problems).toEqual([]);
    expect(documents).toEqual([expect.objectContaining({ id: 'bare', text: 'Just text.', spans: [] })]);
  });

  it('keeps tabs inside the covered text and note, and skips blank lines', () => {
    const text = 'a\tb said';
    const { doc, problems } = readAnn(
      ['', 'T1\tClaim 0 3\ta\tb', '   ', '#1\tAnnotatorNotes T1\tsee\tthis'],
      text,
    );
    expect(problems).toEqual([]);
    expect(doc.spans[0]).toMatchObject({ fragments: [{ start: 0, end: 3 }], note: 'see\tthis' });
  });

  it('reads relations, attributes and notes that come before the span they name', () => {
    const { doc, problems } = readAnn([
      'R1\tscopes Arg1:T1 Arg2:T2',
      'A1\tverified T2 yes',
      'M1\tnegated T2',
      '#1\tAnnotatorNotes T2\tfirst',
      '#2\tAnnotatorNotes T2\tsecond',
      '#3\tAnnotatorNotes T1',
      'T1\tHedge 7 11\tsaid',
      'T2\tClaim 12 20\t47 died.',
    ]);
    expect(problems).toEqual([]);
    expect(doc.relations).toEqual([{ type: 'scopes', from: 'T1', to: 'T2', annotator: 'me' }]);
    expect(doc.spans[1]).toMatchObject({
      attributes: { verified: 'yes', negated: true },
      note: 'first\nsecond',
    });
    expect(doc.spans[0]!.note).toBe('');
  });

  it('reads an .ann with CR-only line ends line by line', () => {
    const result = read([
      { path: 'x.txt', content: TXT },
      { path: 'x.ann', content: 'T1\tHedge 7 11\tsaid\rT2\tClaim 12 14\t47\r' },
    ]);
    expect(result.problems).toEqual([]);
    expect(result.documents[0]!.spans.map((s) => s.key)).toEqual(['T1', 'T2']);
  });
});

describe('brat reader: lines it refuses, by file and line', () => {
  const problemsOf = (lines: string[]) =>
    readAnn(lines).problems.map((p) => ({ file: p.file, line: p.line, message: p.message }));

  it('refuses a T line without offsets in brat form or without its text', () => {
    expect(
      problemsOf([
        'T1\tClaim 0-4\tPoli',
        'T2\tClaim 0 4',
        'T3\tClaim  0 4\tPoli',
        'T4\tTwo words 0 4\tPoli',
        'T5\tClaim 0 4 6\tPoli',
      ]),
    ).toEqual([
      { file: 'in/flood.ann', line: 1, message: expect.stringMatching(/^T1: expected "TYPE START END/) },
      { file: 'in/flood.ann', line: 2, message: expect.stringMatching(/^T2: expected/) },
      { file: 'in/flood.ann', line: 3, message: expect.stringMatching(/^T3: expected/) },
      { file: 'in/flood.ann', line: 4, message: expect.stringMatching(/^T4: expected/) },
      { file: 'in/flood.ann', line: 5, message: expect.stringMatching(/^T5: expected/) },
    ]);
  });

  it('refuses offsets outside the text and a text that differs, naming the span', () => {
    expect(problemsOf(['T1\tClaim 0 99\tx', 'T2\tClaim 0 6\tpolice'])).toEqual([
      {
        file: 'in/flood.ann',
        line: 1,
        message: expect.stringMatching(/^T1 \(Claim\): range 0-99 is outside/),
      },
      {
        file: 'in/flood.ann',
        line: 2,
        message: expect.stringMatching(/^T2 \(Claim\): its text "police" differs/),
      },
    ]);
  });

  it('refuses an id defined twice and keeps the first', () => {
    const { problems, spanText } = readAnn(['T1\tHedge 7 11\tsaid', 'T1\tClaim 12 14\t47']);
    expect(problems).toEqual([{ file: 'in/flood.ann', line: 2, message: 'T1 is defined twice' }]);
    expect(spanText('T1')).toEqual(['said']);
  });

  it('refuses a relation not in brat form, or naming a span that is not there (either end)', () => {
    expect(
      problemsOf([
        'T1\tHedge 7 11\tsaid',
        'R1\tscopes T1 T1',
        'R2\tscopes Arg1:T1 Arg2:T7',
        'R3\tscopes Arg1:T8 Arg2:T1',
        'R4\ttwo words Arg1:T1 Arg2:T1',
        'R5\tscopes Arg1:T1 Arg2:T1 Arg3:T1',
      ]),
    ).toEqual([
      { file: 'in/flood.ann', line: 2, message: 'R1: expected "TYPE Arg1:T.. Arg2:T.."' },
      { file: 'in/flood.ann', line: 3, message: 'R2 (scopes) refers to T7, which is not a text span here' },
      { file: 'in/flood.ann', line: 4, message: 'R3 (scopes) refers to T8, which is not a text span here' },
      { file: 'in/flood.ann', line: 5, message: 'R4: expected "TYPE Arg1:T.. Arg2:T.."' },
      { file: 'in/flood.ann', line: 6, message: 'R5: expected "TYPE Arg1:T.. Arg2:T.."' },
    ]);
  });

  it('refuses an attribute without a name, on a missing span, or with more than one value', () => {
    const { problems, doc } = readAnn([
      'T1\tHedge 7 11\tsaid',
      'A1\t',
      'A2\tverified T9 yes',
      'A3\tverified T1 yes no',
      'A4\tstrong T1',
    ]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'A1: expected "NAME T.. [VALUE]" for a text span of this file'],
      [3, 'A2: expected "NAME T.. [VALUE]" for a text span of this file'],
      [4, 'A3: expected "NAME T.. [VALUE]" for a text span of this file'],
    ]);
    expect(doc.spans[0]!.attributes).toEqual({ strong: true });
  });

  it('refuses an id brat does not have, and warns (with the line) about events, normalisations, equivalences and other notes', () => {
    const { problems, warnings } = readAnn([
      'T1\tHedge 7 11\tsaid',
      'X1\tfoo',
      'E1\tAttack:T1',
      'N1\tReference T1 Wikipedia:1\tx',
      '*\tEquiv T1 T1',
      '#1\tComment T1\tlooks odd',
      '#2\tAnnotatorNotes T5\tlost',
    ]);
    expect(problems).toEqual([
      {
        file: 'in/flood.ann',
        line: 2,
        message: '"X1" is not a brat annotation id (T, R, A, M, #, E, N or *)',
      },
    ]);
    expect(warnings).toEqual([
      {
        file: 'in/flood.ann',
        line: 3,
        message: 'E1: brat events have no place in the project; left out',
      },
      {
        file: 'in/flood.ann',
        line: 4,
        message: 'N1: brat normalisations have no place in the project; left out',
      },
      {
        file: 'in/flood.ann',
        line: 5,
        message: '*: brat equivalences have no place in the project; left out',
      },
      { file: 'in/flood.ann', line: 6, message: '#1: only AnnotatorNotes are read; "Comment" is left out' },
      {
        file: 'in/flood.ann',
        line: 7,
        message: '#2: a note on T5, which is not a text span; left out',
      },
    ]);
  });
});

describe('brat reader: files', () => {
  it('refuses an empty .txt and an .ann without its .txt, by file', () => {
    const { documents, problems } = read([
      { path: 'a.txt', content: '' },
      { path: 'a.ann', content: '' },
      { path: 'sub/b.ann', content: 'T1\tClaim 0 1\tx\n' },
      { path: 'c.txt', content: 'fine' },
    ]);
    expect(problems).toEqual([
      { file: 'sub/b.ann', message: 'no b.txt beside it: brat offsets need the text' },
      { file: 'a.txt', message: 'the text file is empty' },
    ]);
    expect(documents.map((d) => d.id)).toEqual(['c']);
  });

  it('pairs .txt and .ann by folder and name only', () => {
    const { documents, problems } = read([
      { path: 'one/x.txt', content: 'Police said.' },
      { path: 'two/x.ann', content: 'T1\tHedge 7 11\tsaid\n' },
      { path: 'two/x.txt', content: 'Nobody said.' },
    ]);
    expect(problems).toEqual([]);
    expect(documents.map((d) => [d.text, d.spans.length])).toEqual([
      ['Police said.', 0],
      ['Nobody said.', 1],
    ]);
  });

  it('skips other files with a warning, and reads visual.conf as nothing at all', () => {
    const { documents, problems, warnings, schema } = read([
      { path: 'notes.md', content: '# notes' },
      { path: 'annotation.md', content: '[entities]\nClaim\n' },
      { path: 'visual.conf', content: '[labels]\nClaim | Claim\n' },
      { path: 'x.txt', content: 'text' },
    ]);
    expect(documents).toHaveLength(1);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      { file: 'notes.md', message: 'not a brat file (.txt, .ann or annotation.conf); skipped' },
      { file: 'annotation.md', message: 'not a brat file (.txt, .ann or annotation.conf); skipped' },
    ]);
    expect(schema).toBeUndefined();
  });

  it('merges two annotation.conf files: labels once each, every relation type', () => {
    const { schema } = read([
      {
        path: 'a/annotation.conf',
        content: '[entities]\nClaim\nHedge\n[relations]\nscopes Arg1:Hedge, Arg2:Claim\n',
      },
      {
        path: 'b/annotation.conf',
        content: '[entities]\nHedge\nPlace\n[relations]\nin Arg1:Place, Arg2:Claim\n',
      },
    ]);
    expect(schema!.labels.map((l) => l.key)).toEqual(['Claim', 'Hedge', 'Place']);
    expect(schema!.relationTypes).toEqual([
      { name: 'scopes', fromLabel: 'Hedge', toLabel: 'Claim' },
      { name: 'in', fromLabel: 'Place', toLabel: 'Claim' },
    ]);
  });
});
