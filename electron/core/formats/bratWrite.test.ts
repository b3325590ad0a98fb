/**
 * The brat writer's files compared with .ann, annotation.conf and visual.conf written out by hand from
 * brat's standoff documentation (tab-separated T/A/R/# lines, code point offsets, `;` between fragments,
 * `NAME<TAB>Arg1:A, Arg2:B` in [relations], `NAME<TAB>Arg:A, Value:x|y` in [attributes]).
 */
import { describe, expect, it } from 'vitest';
import type { ProjectSchema } from '../schema';
import { bratFormat } from './brat';
import type { CorpusDocument } from './model';
import { lossDetails, makeDoc, spanLabel, spanOver, unexplainedLosses, writeAll } from './testkit';

const SCHEMA: ProjectSchema = {
  labels: [
    spanLabel('Claim', '#d9480f', [
      { name: 'verified', type: 'enum', options: ['yes', 'no'] },
      { name: 'source', type: 'string', options: [] },
    ]),
    spanLabel('Hedge', '#a61e4d', [{ name: 'cue', type: 'enum', options: ['modal', 'verb'] }]),
    spanLabel('Place name', '#15aabf'),
  ],
  relationTypes: [
    { name: 'scopes', fromLabel: 'Hedge', toLabel: 'Claim' },
    { name: 'attributed to', fromLabel: 'Claim', toLabel: null },
  ],
};

// Code points: "😀" is one (two UTF-16 units), so every offset after it is one less than in UTF-16.
const TEXT = 'Police 😀 said 47 died\nin Kervadi.';

function floodDoc(): CorpusDocument {
  const doc = makeDoc('flood', TEXT, [
    spanOver(TEXT, '47 died\nin Kervadi', 'Claim', {
      key: 'c',
      attributes: { verified: 'yes', source: 'AP  wire' },
      note: 'two\n\nlines',
    }),
    spanOver(TEXT, 'said', 'Hedge', { key: 'h', attributes: { strong: true, faint: false, blank: '  ' } }),
    spanOver(TEXT, 'Kervadi', 'Place name', { key: 'p', annotator: 'bob', attributes: { count: 3 } }),
    { ...spanOver(TEXT, '\n', 'Claim'), key: 'nl' },
  ]);
  doc.relations = [
    { type: 'scopes', from: 'h', to: 'c', annotator: 'alice' },
    { type: 'located  in', from: 'c', to: 'p', annotator: 'alice' },
    { type: 'scopes', from: 'h', to: 'nl', annotator: 'alice' },
  ];
  return doc;
}

const write = (docs: CorpusDocument[], offsetUnit: 'utf16' | 'codepoint' = 'utf16') =>
  writeAll(bratFormat, docs, { schema: SCHEMA, offsetUnit });

describe('brat writer: the files brat reads', () => {
  it('writes the .ann with code point offsets, fragments around the line break, A, # and R lines', () => {
    const { files } = write([floodDoc()]);
    expect(files.get('flood.txt')).toBe(TEXT);
    expect(files.get('flood.ann')).toBe(
      [
        'T1\tClaim 14 21;22 32\t47 died in Kervadi',
        'A1\tverified T1 yes',
        'A2\tsource T1 AP_wire',
        '#1\tAnnotatorNotes T1\ttwo lines',
        'T2\tHedge 9 13\tsaid',
        'A3\tstrong T2',
        'T3\tPlace_name 25 32\tKervadi',
        'A4\tcount T3 3',
        'R1\tscopes Arg1:T2 Arg2:T1',
        'R2\tlocated_in Arg1:T1 Arg2:T3',
        '',
      ].join('\n'),
    );
  });

  it('writes annotation.conf declaring every type, relation, attribute and the overlap line', () => {
    const { files } = write([floodDoc()]);
    expect(files.get('annotation.conf')).toBe(
      [
        '# Written by Marginalia. Offsets in the .ann files are code points of the .txt files.',
        '[entities]',
        'Claim',
        'Hedge',
        'Place_name',
        '',
        '[relations]',
        '# Spans in this corpus nest or cross.',
        '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
        'scopes\tArg1:Hedge, Arg2:Claim',
        'attributed_to\tArg1:Claim, Arg2:<ENTITY>',
        'located_in\tArg1:<ENTITY>, Arg2:<ENTITY>',
        '',
        '[events]',
        '',
        '[attributes]',
        'verified\tArg:Claim, Value:yes',
        'source\tArg:Claim, Value:AP_wire',
        'strong\tArg:Hedge',
        'faint\tArg:Hedge',
        'count\tArg:Place_name, Value:3',
        '',
      ].join('\n'),
    );
  });

  it('writes visual.conf with each label colour under [drawing]', () => {
    const { files } = write([floodDoc()]);
    expect(files.get('visual.conf')).toBe(
      '[labels]\n\n[drawing]\nClaim\tbgColor:#d9480f\nHedge\tbgColor:#a61e4d\nPlace_name\tbgColor:#15aabf\n',
    );
  });

  it('leaves the overlap line out when no spans nest or cross, and writes an empty .ann for a bare text', () => {
    const text = 'Police said 47 died.';
    const { files } = write([
      makeDoc('a', text, [spanOver(text, 'said', 'Hedge'), spanOver(text, '47', 'Claim')]),
      makeDoc('b', 'Nothing to see.'),
    ]);
    expect(files.get('annotation.conf')).not.toContain('OVERLAP');
    expect(files.get('annotation.conf')).toContain('[relations]\nscopes\tArg1:Hedge, Arg2:Claim\n');
    expect(files.get('a.ann')).toBe('T1\tHedge 7 11\tsaid\nT2\tClaim 12 14\t47\n');
    expect(files.get('b.ann')).toBe('');
    expect(files.get('b.txt')).toBe('Nothing to see.');
  });

  it('numbers T, A, R and notes per document, starting again at 1 in the next .ann', () => {
    const text = 'Police said 47 died.';
    const doc = (id: string) => {
      const d = makeDoc(id, text, [
        spanOver(text, 'said', 'Hedge', { key: 'h', note: 'n', attributes: { strong: true } }),
        spanOver(text, '47', 'Claim', { key: 'c', note: 'm', attributes: { verified: 'no' } }),
      ]);
      d.relations = [{ type: 'scopes', from: 'h', to: 'c', annotator: 'alice' }];
      return d;
    };
    const { files } = write([doc('one'), doc('two')]);
    const expected =
      'T1\tHedge 7 11\tsaid\nA1\tstrong T1\n#1\tAnnotatorNotes T1\tn\nT2\tClaim 12 14\t47\nA2\tverified T2 no\n#2\tAnnotatorNotes T2\tm\nR1\tscopes Arg1:T1 Arg2:T2\n';
    expect(files.get('one.ann')).toBe(expected);
    expect(files.get('two.ann')).toBe(expected);
  });

  it('declares a relation type used in several documents once, and a label from no schema as an entity', () => {
    const text = 'Police said 47 died.';
    const doc = (id: string) => {
      const d = makeDoc(id, text, [
        spanOver(text, 'said', 'Rumour', { key: 'r' }),
        spanOver(text, '47', 'Claim', { key: 'c' }),
      ]);
      d.relations = [{ type: 'echoes', from: 'r', to: 'c', annotator: 'alice' }];
      return d;
    };
    const conf = write([doc('one'), doc('two')]).files.get('annotation.conf')!;
    expect(conf).toContain('[entities]\nClaim\nHedge\nPlace_name\nRumour\n\n');
    expect(conf.match(/^echoes\t.*$/gm)).toEqual(['echoes\tArg1:<ENTITY>, Arg2:<ENTITY>']);
  });
});

describe('brat writer: spans across line breaks', () => {
  // Forty numbered lines: the span's line is found among many breaks, not only the first few.
  const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
  const text = lines.join('\n');

  it('cuts a span at each line break it crosses, skipping the empty piece between two breaks', () => {
    const blank = 'first\n\nsecond\r\nthird';
    const { files } = write([makeDoc('b', blank, [spanOver(blank, 'first\n\nsecond\r\nthird', 'Claim')])]);
    expect(files.get('b.ann')).toBe('T1\tClaim 0 5;7 13;15 20\tfirst second third\n');
  });

  it('finds the right lines deep in a long document', () => {
    const doc = makeDoc('long', text, [
      spanOver(text, 'line 0', 'Claim'),
      spanOver(text, '17\nline 18\nline 19', 'Claim'),
      spanOver(text, 'line 39', 'Hedge'),
      spanOver(text, 'line 25\nline', 'Hedge'),
    ]);
    const at = (s: string) => text.indexOf(s);
    expect(write([doc]).files.get('long.ann')).toBe(
      [
        'T1\tClaim 0 6\tline 0',
        `T2\tClaim ${at('17')} ${at('17') + 2};${at('line 18')} ${at('line 18') + 7};${at('line 19')} ${at('line 19') + 7}\t17 line 18 line 19`,
        `T3\tHedge ${at('line 39')} ${text.length}\tline 39`,
        `T4\tHedge ${at('line 25')} ${at('line 25') + 7};${at('line 26')} ${at('line 26') + 4}\tline 25 line`,
        '',
      ].join('\n'),
    );
  });

  it('treats the other line breaks of Python splitlines (form feed, U+2028) as breaks too', () => {
    const t = 'one\ftwo\u2028three';
    expect(write([makeDoc('p', t, [spanOver(t, t, 'Claim')])]).files.get('p.ann')).toBe(
      'T1\tClaim 0 3;4 7;8 13\tone two three\n',
    );
  });
});

describe('brat writer: the loss report', () => {
  it('names every change brat forces, with the document and the span', () => {
    const { loss } = write([{ ...floodDoc(), status: 'done' }]);
    const claim = 'flood: Claim "47 died\nin Kervadi" at 15-33 (alice)';
    expect(lossDetails(loss)).toEqual([
      ['line-break-split', 1, [claim]],
      ['attribute-space', 1, [`${claim}: source="AP  wire"`]],
      ['attribute-text', 1, [`${claim}: source="AP  wire"`]],
      ['note-layout', 1, [claim]],
      ['attribute-false', 1, ['flood: Hedge "said" at 10-14 (alice): faint=false']],
      ['attribute-value', 1, ['flood: Hedge "said" at 10-14 (alice): blank="  "']],
      ['label-renamed', 2, ['flood: Place name -> Place_name', 'flood: located  in -> located_in']],
      ['attribute-number', 1, ['flood: Place name "Kervadi" at 26-33 (bob): count=3']],
      ['line-break-only', 1, ['flood: Claim "\n" at 22-23 (alice)']],
      ['document-status', 1, ['flood: done']],
      ['annotators', 1, ['flood: alice, bob']],
      ['offset-unit', 1, ['(all): asked utf16, wrote codepoint']],
    ]);
  });

  it('reports relation types and attribute names written with "_" for their white space, as it does labels', () => {
    const text = 'Police said 47 died.';
    const doc = makeDoc('d', text, [
      spanOver(text, 'said', 'Hedge', { key: 'h', attributes: { 'needs review': true } }),
      spanOver(text, '47', 'Claim', { key: 'c' }),
    ]);
    doc.relations = [{ type: 'hedges the', from: 'h', to: 'c', annotator: 'alice' }];
    const { files, loss } = write([doc], 'codepoint');
    expect(files.get('d.ann')).toBe(
      'T1\tHedge 7 11\tsaid\nA1\tneeds_review T1\nT2\tClaim 12 14\t47\nR1\thedges_the Arg1:T1 Arg2:T2\n',
    );
    expect(lossDetails(loss)).toEqual([
      ['label-renamed', 2, ['d: needs review -> needs_review', 'd: hedges the -> hedges_the']],
    ]);
  });

  it('explains each loss in a sentence', () => {
    expect(unexplainedLosses(write([floodDoc()]).loss)).toEqual([]);
  });

  it('reports nothing for spans, attributes, discontinuous spans and relations brat holds as they are, in code points', () => {
    const text = 'Police said 47 died.';
    const doc = makeDoc('ok', text, [
      spanOver(text, 'said', 'Hedge', { key: 'h', attributes: { strong: true, cue: 'verb' } }),
      spanOver(text, '47', 'Claim', { key: 'c', attributes: { verified: 'no' }, note: 'one line' }),
      spanOver(text, 'Police...died', 'Claim', { key: 'd' }),
    ]);
    doc.relations = [{ type: 'scopes', from: 'h', to: 'c', annotator: 'alice' }];
    expect(write([doc], 'codepoint').loss.list()).toEqual([]);
  });

  it('reports a text value as free text when only another label declares that attribute as a choice', () => {
    const text = 'Police said 47 died.';
    const doc = makeDoc('d', text, [spanOver(text, '47', 'Claim', { attributes: { cue: 'modal' } })]);
    expect(lossDetails(write([doc], 'codepoint').loss)).toEqual([
      ['attribute-text', 1, ['d: Claim "47" at 12-14 (alice): cue="modal"']],
    ]);
  });

  it('declares only span labels as entities, not labels of whole documents', () => {
    const schema: ProjectSchema = {
      labels: [spanLabel('Claim', '#d9480f'), { ...spanLabel('Urgent', '#000000'), kind: 'document' }],
      relationTypes: [],
    };
    const conf = writeAll(bratFormat, [], { schema }).files.get('annotation.conf')!;
    expect(conf).toContain('[entities]\nClaim\n\n[relations]');
  });
});

describe('brat format: which files it recognises', () => {
  const detect = (path: string) => bratFormat.detect!({ path, content: '' });

  it('recognises .ann files and annotation.conf in any folder', () => {
    expect(
      [
        'doc.ann',
        'x/DOC.ANN',
        'annotation.conf',
        'corpus/annotation.conf',
        'c:\\corpus\\annotation.conf',
      ].map(detect),
    ).toEqual([true, true, true, true, true]);
  });

  it('does not take the text files, other confs, or names that only end in annotation.conf', () => {
    expect(['doc.txt', 'visual.conf', 'myannotation.conf', 'annotation.conf.bak'].map(detect)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
