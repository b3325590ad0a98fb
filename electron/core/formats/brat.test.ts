import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../schema';
import { bratFormat } from './brat';
import { readConf } from './bratConf';
import { lossCounts, makeDoc, spanOver, writeAll } from './testkit';

const read = (files: { path: string; content: string }[]) =>
  bratFormat.read!(files, { defaultAnnotator: 'me' });

// As brat's own tools save it on Windows: CRLF in the .txt, offsets count each CRLF as two code points.
const TXT = 'Flood in کراچی\r\nAt least 47 😀 people were killed, police said.\r\n';
const ANN = [
  'T1\tLocation 9 14\tکراچی',
  'T2\tFigure 25 34\t47 😀 peop',
  'T3\tClaim 16 24;42 48\tAt least killed',
  'T4\tHedge 57 61\tsaid',
  'R1\tscopes Arg1:T4 Arg2:T3',
  'A1\tverified T3 yes',
  'A2\tapproximate T2',
  '#1\tAnnotatorNotes T3\tcheck the toll',
  'E1\tAttack:T3 Target:T1',
  '',
].join('\r\n');
const CONF = `[entities]\nClaim\nFigure\nLocation\nHedge\n[relations]\nscopes\tArg1:Hedge, Arg2:Claim\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n[events]\n[attributes]\nverified\tArg:Claim, Value:yes|no|unclear\napproximate\tArg:Figure\n`;

describe('brat reader', () => {
  // Read inside each test, so the test is the one that runs the reader.
  const readFlood = () => {
    const result = read([
      { path: 'corpus/flood.txt', content: TXT },
      { path: 'corpus/flood.ann', content: ANN },
      { path: 'corpus/annotation.conf', content: CONF },
    ]);
    return { result, doc: result.documents[0]! };
  };

  it('reads T (also discontinuous), R, A and notes, moving CRLF offsets onto the LF text', () => {
    const { result, doc } = readFlood();
    expect(result.problems).toEqual([]);
    expect(doc.text).toBe('Flood in کراچی\nAt least 47 😀 people were killed, police said.\n');
    const text = (key: string) =>
      doc.spans.find((s) => s.key === key)!.fragments.map((f) => doc.text.slice(f.start, f.end));
    expect(text('T1')).toEqual(['کراچی']);
    expect(text('T2')).toEqual(['47 😀 peop']);
    expect(text('T3')).toEqual(['At least', 'killed']);
    expect(doc.spans.find((s) => s.key === 'T3')).toMatchObject({
      attributes: { verified: 'yes' },
      note: 'check the toll',
      annotator: 'me',
    });
    expect(doc.spans.find((s) => s.key === 'T2')!.attributes).toEqual({ approximate: true });
    expect(doc.relations).toEqual([{ type: 'scopes', from: 'T4', to: 'T3', annotator: 'me' }]);
  });

  it('warns about events it cannot hold, with the line', () => {
    const { result } = readFlood();
    expect(result.warnings).toEqual([expect.objectContaining({ file: 'corpus/flood.ann', line: 9 })]);
  });

  it('maps annotation.conf onto a schema fragment', () => {
    const { result } = readFlood();
    expect(result.schema!.labels.map((l) => l.key)).toEqual(['Claim', 'Figure', 'Location', 'Hedge']);
    expect(result.schema!.labels[0]!.attributes).toEqual([
      { name: 'verified', type: 'enum', options: ['yes', 'no', 'unclear'] },
    ]);
    expect(result.schema!.labels[1]!.attributes).toEqual([
      { name: 'approximate', type: 'bool', options: [] },
    ]);
    expect(result.schema!.relationTypes).toEqual([{ name: 'scopes', fromLabel: 'Hedge', toLabel: 'Claim' }]);
  });

  it('reports wrong text, offsets inside a CRLF, unknown ids and a .ann without text, by file and line', () => {
    const bad = read([
      { path: 'x.txt', content: 'ab\r\ncd' },
      {
        path: 'x.ann',
        content:
          'T1\tClaim 0 2\tab\nT2\tClaim 3 5\tcd\nT3\tClaim 4 6\tzz\nR1\tin Arg1:T1 Arg2:T9\nX1\tfoo\nT4\tClaim 0 9\tab\n',
      },
      { path: 'y.ann', content: 'T1\tClaim 0 1\ta\n' },
    ]);
    expect(bad.problems.map((p) => [p.file, p.line ?? null])).toEqual([
      ['y.ann', null],
      ['x.ann', 2],
      ['x.ann', 3],
      ['x.ann', 5],
      ['x.ann', 6],
      ['x.ann', 4],
    ]);
    expect(bad.problems[1]!.message).toMatch(/CRLF/);
    expect(bad.problems[2]!.message).toMatch(/differs/);
  });
});

describe('readConf', () => {
  it('expands <ENTITY> and reads space-separated lines', () => {
    const schema = readConf(
      '[entities]\nA\n!Abstract\n\tB\n[relations]\nrel Arg1:<ENTITY>, Arg2:A|B\n[attributes]\nflag Arg:<ENTITY>\n',
    );
    expect(schema.labels.map((l) => l.key)).toEqual(['A', 'B']);
    expect(schema.relationTypes).toEqual([
      { name: 'rel', fromLabel: 'A', toLabel: null },
      { name: 'rel', fromLabel: 'B', toLabel: null },
    ]);
    expect(schema.labels[1]!.attributes[0]!.type).toBe('bool');
  });
});

describe('brat writer', () => {
  const text = 'Officials said 47 😀 people\ndied in Kervadi.';
  const doc = makeDoc('flood 1/2', text, [
    spanOver(text, 'said 47 😀 people\ndied', 'Claim', {
      key: 'a',
      attributes: { verified: 'yes', source: 'Reuters', approximate: false },
      note: 'two\nlines',
    }),
    spanOver(text, '47', 'Figure', {
      key: 'b',
      attributes: { value: 47, approximate: true, kind: 'two words' },
    }),
    spanOver(text, 'said', 'Hedge', { key: 'c' }),
  ]);
  doc.relations = [{ type: 'scopes', from: 'c', to: 'a', annotator: 'alice' }];
  const written = () => writeAll(bratFormat, [doc], { offsetUnit: 'utf16' });

  it('writes safe file names, code point offsets and splits spans at line breaks', () => {
    const { files } = written();
    expect([...files.keys()].sort()).toEqual([
      'annotation.conf',
      'flood_1_2.ann',
      'flood_1_2.txt',
      'visual.conf',
    ]);
    const ann = files.get('flood_1_2.ann')!.split('\n');
    expect(ann[0]).toBe('T1\tClaim 10 26;27 31\tsaid 47 😀 people died');
    expect(ann).toContain('T2\tFigure 15 17\t47');
    expect(ann).toContain('A1\tverified T1 yes');
    expect(ann).toContain('#1\tAnnotatorNotes T1\ttwo lines');
    expect(ann).toContain('R1\tscopes Arg1:T3 Arg2:T1');
    expect(ann.some((l) => l.includes('approximate T2'))).toBe(true);
  });

  it('declares types, attributes and overlap in annotation.conf', () => {
    const { files } = written();
    const conf = files.get('annotation.conf')!;
    expect(conf).toContain('<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>');
    expect(conf).toContain('scopes\tArg1:Hedge, Arg2:Claim');
    expect(conf).toMatch(/verified\tArg:Claim, Value:yes/);
    expect(conf).toMatch(/approximate\tArg:Claim\|Figure\n/);
    expect(files.get('flood_1_2.ann')).toContain('kind T2 two_words');
    expect(readConf(conf).labels.map((l) => l.key)).toEqual(DEFAULT_SCHEMA.labels.map((l) => l.key));
  });

  it('reports what brat cannot hold', () => {
    const { loss } = written();
    expect(lossCounts(loss)).toEqual({
      'line-break-split': 1,
      'attribute-text': 2,
      'attribute-false': 1,
      'note-layout': 1,
      'attribute-number': 1,
      'attribute-space': 1,
      'offset-unit': 1,
    });
  });
});
