import { describe, expect, it } from 'vitest';
import { conllFormat, DOCSTART } from './conll';
import { lossCounts, makeDoc, spanOver, writeAll } from './testkit';

describe('CoNLL writer', () => {
  const text = 'At least 47 people died in Kervadi.\nOfficials said the toll could rise.';
  const doc = makeDoc('a', text, [
    spanOver(text, 'At least 47 people died in Kervadi', 'Claim', { attributes: { verified: 'yes' } }),
    spanOver(text, '47 people', 'Figure'),
    spanOver(text, 'said', 'Hedge-cue'),
    spanOver(text, 'the...rise', 'Claim'),
  ]);
  const { files, loss } = writeAll(conllFormat, [doc]);
  const rows = files.get('')!.split('\n');

  it('writes -DOCSTART-, four columns and a blank line after each sentence', () => {
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
