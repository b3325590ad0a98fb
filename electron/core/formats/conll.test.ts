import { describe, expect, it } from 'vitest';
import { conllFormat, conllLabel, DOCSTART } from './conll';
import { lossCounts, makeDoc, spanOver, writeAll } from './testkit';

describe('CoNLL writer', () => {
  const text = 'At least 47 people died in Kervadi.\nOfficials said the toll could rise.';
  const doc = makeDoc('a', text, [
    spanOver(text, 'At least 47 people died in Kervadi', 'Claim', { attributes: { verified: 'yes' } }),
    spanOver(text, '47 people', 'Figure'),
    spanOver(text, 'said', 'Hedge-cue'),
    spanOver(text, 'the...rise', 'Claim'),
  ]);
  // Written inside each test: Stryker credits a mutant only to tests that run the code in their body.
  const write = () => {
    const { files, loss } = writeAll(conllFormat, [doc]);
    return { rows: files.get('')!.split('\n'), loss };
  };

  it('writes -DOCSTART-, four columns and a blank line after each sentence', () => {
    const { rows } = write();
    expect(rows[0]).toBe(DOCSTART);
    expect(rows[1]).toBe('');
    expect(rows.slice(2, 10)).toEqual([
      'At -X- -X- B-Claim',
      'least -X- -X- I-Claim',
      '47 -X- -X- I-Claim',
      'people -X- -X- I-Claim',
      'died -X- -X- I-Claim',
      'in -X- -X- I-Claim',
      'Kervadi -X- -X- I-Claim',
      '. -X- -X- O',
    ]);
    expect(rows[10]).toBe('');
    expect(rows).toContain('said -X- -X- B-Hedge_cue');
    expect(rows).toContain('the -X- -X- B-Claim');
    expect(rows).toContain('rise -X- -X- B-Claim');
    expect(rows.every((r) => r === '' || r.split(/\s+/).length === 4)).toBe(true);
  });

  it('reports overlaps, renamed labels, discontinuity, attributes and layout', () => {
    const { loss } = write();
    expect(lossCounts(loss)).toEqual({
      overlap: 1,
      'label-renamed': 1,
      'text-layout': 1,
      attributes: 1,
      discontinuous: 1,
    });
  });

  it('reports a document status it cannot keep, but not "todo", which readers assume', () => {
    const done = writeAll(conllFormat, [
      makeDoc('d', 'At least 47', [], { status: 'done' }),
      makeDoc('t', 'Fine'),
    ]);
    expect(done.loss.list().find((e) => e.kind === 'document-status')).toMatchObject({
      count: 1,
      examples: [{ document: 'd', detail: 'done' }],
    });
  });

  it('never writes a token holding white space (NBSP, \\x85) that would break a row', () => {
    const nbsp = 'Pay 47\u00a0000 rupees\x85now';
    const out = writeAll(conllFormat, [makeDoc('n', nbsp)]).files.get('')!;
    expect(
      out
        .split('\n')
        .filter((r) => r && r !== DOCSTART)
        .map((r) => r.split(' ')[0]),
    ).toEqual(['Pay', '47', '000', 'rupees', 'now']);
  });
});

describe('CoNLL reader', () => {
  // The shape of the CoNLL-2003 English files, with IOB1-style I- starts.
  const sample = [
    '-DOCSTART- -X- -X- O',
    '',
    'EU NNP B-NP I-ORG',
    'rejects VBZ B-VP O',
    'German JJ B-NP I-MISC',
    'call NN I-NP O',
    '. . O O',
    '',
    'Peter NNP B-NP B-PER',
    'Blackburn NNP I-NP I-PER',
    '',
    '-DOCSTART- -X- -X- O',
    '',
    'BRUSSELS NNP B-NP B-LOC',
    'B-LOC x B-LOC',
    '',
  ].join('\r\n');

  it('rebuilds text from tokens and spans from B-/I- runs, one document per -DOCSTART-', () => {
    const { documents, problems } = conllFormat.read!([{ path: 'eng.train', content: sample }], {
      defaultAnnotator: 'me',
    });
    expect(problems).toEqual([]);
    expect(documents.map((d) => d.id)).toEqual(['eng-1', 'eng-2']);
    const [first, second] = documents;
    expect(first!.text).toBe('EU rejects German call .\nPeter Blackburn');
    expect(
      first!.spans.map((s) => [s.label, first!.text.slice(s.fragments[0]!.start, s.fragments[0]!.end)]),
    ).toEqual([
      ['ORG', 'EU'],
      ['MISC', 'German'],
      ['PER', 'Peter Blackburn'],
    ]);
    expect(second!.spans.map((s) => second!.text.slice(s.fragments[0]!.start, s.fragments[0]!.end))).toEqual([
      'BRUSSELS',
      'B-LOC',
    ]);
  });

  it('names file and line of a bad tag or a row without one', () => {
    const { problems } = conllFormat.read!(
      [{ path: 'x.conll', content: 'EU B-ORG\nrejects\nGerman X-MISC\n' }],
      { defaultAnnotator: 'me' },
    );
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      ['x.conll', 2],
      ['x.conll', 3],
    ]);
  });
});

describe('CoNLL in detail', () => {
  const read = (content: string, path = 'dir/news.conll') =>
    conllFormat.read!([{ path, content }], { defaultAnnotator: 'me' });
  const covered = (doc: {
    text: string;
    spans: { label: string; fragments: { start: number; end: number }[] }[];
  }) => doc.spans.map((s) => `${s.label}:${doc.text.slice(s.fragments[0]!.start, s.fragments[0]!.end)}`);

  it('writes the whole document: every sentence, every tag, the last span and a blank line at the end', () => {
    const text = 'Floods hit Sindh.\nAid reached Karachi';
    const doc = makeDoc('f', text, [
      spanOver(text, 'Sindh', 'Location'),
      spanOver(text, 'reached Karachi', 'Claim'),
    ]);
    expect(writeAll(conllFormat, [doc]).files.get('')).toBe(
      [
        DOCSTART,
        '',
        'Floods -X- -X- O',
        'hit -X- -X- O',
        'Sindh -X- -X- B-Location',
        '. -X- -X- O',
        '',
        'Aid -X- -X- O',
        'reached -X- -X- B-Claim',
        'Karachi -X- -X- I-Claim',
        '',
        '',
      ].join('\n'),
    );
  });

  it('says which labels it renamed and which span it left out', () => {
    const text = '47 people died';
    const doc = makeDoc('f', text, [
      spanOver(text, '47 people', 'Head count'),
      spanOver(text, 'people', 'Who'),
    ]);
    const entries = writeAll(conllFormat, [doc]).loss.list();
    expect(entries.find((e) => e.kind === 'label-renamed')).toMatchObject({
      message: 'a BIO label may not hold "-" or white space; these are written as "_"',
      examples: [{ document: 'f', detail: 'Head count -> Head_count' }],
    });
    expect(entries.find((e) => e.kind === 'overlap')).toMatchObject({
      count: 1,
      message: 'BIO tags one label per token; a span overlapping an earlier or longer one is left out',
    });
    expect(entries.find((e) => e.kind === 'text-layout')).toMatchObject({
      examples: [{ document: 'f', detail: '47 people died' }],
    });
  });

  it('writes a label with dashes or spaces with one underscore per run', () => {
    expect(conllLabel('Hedge - cue\tword')).toBe('Hedge_cue_word');
    expect(conllLabel('Figure')).toBe('Figure');
  });

  it('reads documents numbered by file, titled by their first line, from the file by its name', () => {
    const { documents } = read(
      '-DOCSTART- -X- -X- O\n\nFloods O\nhit O\n\n-DOCSTART- -X- -X- O\n\nAid B-Claim\n',
    );
    expect(documents).toEqual([
      {
        id: 'news-1',
        title: 'Floods hit',
        text: 'Floods hit',
        status: 'todo',
        source: { file: 'news.conll' },
        spans: [],
        relations: [],
      },
      {
        id: 'news-2',
        title: 'Aid',
        text: 'Aid',
        status: 'todo',
        source: { file: 'news.conll' },
        spans: [
          {
            key: '1',
            label: 'Claim',
            fragments: [{ start: 0, end: 3 }],
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

  it('starts a new span at B-, at an I- of another label, and after O; a run ends at the sentence end', () => {
    const rows = ['A B-X', 'b I-X', 'c B-X', 'd I-Y', 'e O', 'f I-Y', '', 'g I-Y', 'h B-Z'];
    const [doc] = read(rows.join('\n')).documents;
    expect(doc!.text).toBe('A b c d e f\ng h');
    expect(covered(doc!)).toEqual(['X:A b', 'X:c', 'Y:d', 'Y:f', 'Y:g', 'Z:h']);
    expect(doc!.spans.map((s) => s.key)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('reads lines ended by CR alone and a file without -DOCSTART-, skipping empty documents', () => {
    const { documents, problems } = read('-DOCSTART-\r\r-DOCSTART-\r  EU \t B-ORG\r  \rsaid O\r');
    expect(problems).toEqual([]);
    expect(documents.map((d) => [d.id, d.text, covered(d)])).toEqual([['news-1', 'EU\nsaid', ['ORG:EU']]]);
  });

  it('names file and line of a bad row and keeps the rest', () => {
    const { documents, problems } = read(
      'EU B-ORG\n  rejects \nGerman X-MISC\ncall B-\nnow XB-ORG\nnow O\n',
      'x.conll',
    );
    expect(problems).toEqual([
      { file: 'x.conll', line: 2, message: 'a row needs a token and a tag, found "rejects"' },
      { file: 'x.conll', line: 3, message: 'tag "X-MISC" is not O, B-LABEL or I-LABEL' },
      { file: 'x.conll', line: 4, message: 'tag "B-" is not O, B-LABEL or I-LABEL' },
      { file: 'x.conll', line: 5, message: 'tag "XB-ORG" is not O, B-LABEL or I-LABEL' },
    ]);
    expect(documents[0]!.text).toBe('EU now');
  });

  it('is recognised by its extensions or by -DOCSTART- on its first line', () => {
    const detect = (path: string, content = 'EU B-ORG') => conllFormat.detect!({ path, content });
    expect(['a.conll', 'a.bio', 'a.iob', 'a.IOB2'].map((p) => detect(p))).toEqual([true, true, true, true]);
    expect(detect('a.txt')).toBe(false);
    expect(detect('a.txt', '\n-DOCSTART- -X- -X- O\n')).toBe(true);
  });
});
