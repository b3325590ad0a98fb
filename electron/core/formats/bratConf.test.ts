/**
 * annotation.conf as brat's documentation and its shipped example configurations write it: comments,
 * indented sub-types, `!` for types that cannot be annotated, `<REL-TYPE>` and `<OVERLAP>` lines,
 * [events], attributes on `<EVENT>` or `<ENTITY>`, space or tab after a type name.
 */
import { describe, expect, it } from 'vitest';
import { readConf, writeConf } from './bratConf';

const NEWS_CONF = [
  "# Types for a news corpus, in the layout of brat's example configuration.",
  '[entities]',
  '# one type a line; indented types are sub-types',
  'Person',
  '!Organisation',
  '\tCompany',
  '\tAgency   # a trailing comment',
  'GPE',
  'Yahoo!',
  'Person',
  '',
  '[relations]',
  'Located Arg1:Person, Arg2:GPE',
  'Employed\tArg1:Person|Company, Arg2:Company|Agency',
  'Alias Arg1:Person, Arg2:Person, <REL-TYPE>:symmetric-transitive',
  'Mentions Arg1:<ENTITY>, Arg2:<ENTITY>',
  '<OVERLAP> Arg1:Person, Arg2:GPE, <OVL-TYPE>:contain',
  '',
  '[events]',
  'Attack Attacker?:Person, Place:GPE',
  '',
  '  [attributes]  ',
  'Negation Arg:<EVENT>',
  'Confidence Arg:Person|GPE, Value:Possible| Likely |Certain|',
  'Checked\tArg:<ENTITY>',
].join('\r\n');

describe('readConf: brat annotation.conf as a schema fragment', () => {
  const schema = () => readConf(NEWS_CONF);

  it('takes each annotatable entity type once, in file order, skipping "!" types and comments', () => {
    expect(schema().labels.map((l) => l.key)).toEqual(['Person', 'Company', 'Agency', 'GPE', 'Yahoo!']);
    expect(schema().labels[0]).toEqual({
      key: 'Person',
      name: 'Person',
      color: '#d9480f',
      hotkey: '',
      kind: 'span',
      attributes: expect.any(Array),
    });
  });

  it('gives each label its own colour, starting again after eight', () => {
    const nine = readConf(`[entities]\n${'ABCDEFGHI'.split('').join('\n')}\n`).labels.map((l) => l.color);
    expect(new Set(nine.slice(0, 8)).size).toBe(8);
    expect(nine[8]).toBe(nine[0]);
    expect(nine[1]).toBe('#1971c2');
  });

  it('makes one relation type per first-argument type; a second argument of several types (or any) is open', () => {
    expect(schema().relationTypes).toEqual([
      { name: 'Located', fromLabel: 'Person', toLabel: 'GPE' },
      { name: 'Employed', fromLabel: 'Person', toLabel: null },
      { name: 'Employed', fromLabel: 'Company', toLabel: null },
      { name: 'Alias', fromLabel: 'Person', toLabel: 'Person' },
      { name: 'Mentions', fromLabel: 'Person', toLabel: null },
      { name: 'Mentions', fromLabel: 'Company', toLabel: null },
      { name: 'Mentions', fromLabel: 'Agency', toLabel: null },
      { name: 'Mentions', fromLabel: 'GPE', toLabel: null },
      { name: 'Mentions', fromLabel: 'Yahoo!', toLabel: null },
    ]);
  });

  it('attaches attributes to the types they name: a value list as a choice, none as a yes/no flag', () => {
    const byLabel = Object.fromEntries(schema().labels.map((l) => [l.key, l.attributes]));
    const confidence = { name: 'Confidence', type: 'enum', options: ['Possible', 'Likely', 'Certain'] };
    const checked = { name: 'Checked', type: 'bool', options: [] };
    expect(byLabel).toEqual({
      Person: [confidence, checked],
      Company: [checked],
      Agency: [checked],
      GPE: [confidence, checked],
      'Yahoo!': [checked],
    });
  });

  it('reads nothing from an empty file or one with only comments', () => {
    expect(readConf('')).toEqual({ labels: [], relationTypes: [] });
    expect(readConf('# nothing\n\n[entities]\n# still nothing\n')).toEqual({ labels: [], relationTypes: [] });
  });

  it('ignores lines before the first section and in sections it does not know', () => {
    const read = readConf('Stray\n[spans]\nToken\n[entities]\nClaim\n');
    expect(read.labels.map((l) => l.key)).toEqual(['Claim']);
  });
});

describe('writeConf', () => {
  it('writes a conf with no relations or attributes as the four sections brat expects', () => {
    expect(writeConf({ entities: ['Claim'], relations: [], attributes: new Map(), overlap: false })).toBe(
      '# Written by Marginalia. Offsets in the .ann files are code points of the .txt files.\n' +
        '[entities]\nClaim\n\n[relations]\n\n[events]\n\n[attributes]\n',
    );
  });

  it('is read back as the types, relations and attributes it was given', () => {
    const text = writeConf({
      entities: ['Claim', 'Hedge'],
      relations: [
        { name: 'scopes', from: ['Hedge'], to: ['Claim'] },
        { name: 'cites', from: ['Claim', 'Hedge'], to: ['Claim', 'Hedge'] },
      ],
      attributes: new Map([
        ['certainty', { labels: new Set(['Claim', 'Hedge']), values: new Set(['low', 'high']) }],
      ]),
      overlap: true,
    });
    const certainty = { name: 'certainty', type: 'enum', options: ['low', 'high'] };
    expect(readConf(text)).toEqual({
      labels: [
        expect.objectContaining({ key: 'Claim', attributes: [certainty] }),
        expect.objectContaining({ key: 'Hedge', attributes: [certainty] }),
      ],
      relationTypes: [
        { name: 'scopes', fromLabel: 'Hedge', toLabel: 'Claim' },
        { name: 'cites', fromLabel: 'Claim', toLabel: null },
        { name: 'cites', fromLabel: 'Hedge', toLabel: null },
      ],
    });
    expect(text).toContain('\ncites\tArg1:Claim|Hedge, Arg2:Claim|Hedge\n');
  });
});
