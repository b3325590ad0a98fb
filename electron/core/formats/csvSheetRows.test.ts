/**
 * The CSV review sheet byte for byte as RFC 4180 and a spreadsheet read it (BOM, CRLF, quoted fields),
 * and its context columns at their edges: sixty characters, never half an emoji, line breaks as spaces.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csvRead.testkit';
import { CONTEXT_CHARS, csvSheetFormat } from './csvSheet';
import { makeDoc, spanOver, writeAll } from './testkit';

const sheetRows = (content: string) => parseCsv(content.replace(/^\uFEFF/, '')).slice(1);

describe('CSV review sheet: the file', () => {
  it('is a BOM, the header naming the unit, and a CRLF row per span with quoted cells where needed', () => {
    const text = 'Police 😀 said 47 died.';
    const doc = makeDoc('d1', text, [
      spanOver(text, 'said', 'Hedge'),
      spanOver(text, '47', 'Figure', {
        annotator: 'bob',
        attributes: { value: 47 },
        note: 'check, twice',
        origin: 'suggested',
      }),
    ]);
    const { files } = writeAll(csvSheetFormat, [{ ...doc, status: 'done' }], { offsetUnit: 'utf8' });
    expect(files.get('')).toBe(
      '\uFEFFdocument,annotator,label,start (utf8-bytes),end (utf8-bytes),text,left context,right context,attributes,note,origin,document status\r\n' +
        'd1,alice,Hedge,12,16,said,Police 😀 , 47 died.,,,manual,done\r\n' +
        'd1,bob,Figure,17,19,47,Police 😀 said , died.,"{""value"":47}","check, twice",suggested,done\r\n',
    );
  });

  it('writes the header once for several documents, then each document’s rows in order', () => {
    const a = 'First text.';
    const b = 'Second text.';
    const { files } = writeAll(csvSheetFormat, [
      makeDoc('a', a, [spanOver(a, 'First', 'Claim')]),
      makeDoc('b', b, [spanOver(b, 'Second', 'Claim'), spanOver(b, 'text', 'Hedge')]),
    ]);
    const content = files.get('')!;
    expect(content.match(/\uFEFF/g)).toHaveLength(1);
    expect(content.match(/^\uFEFF?document,/gm)).toHaveLength(1);
    expect(sheetRows(content).map((r) => [r[0], r[5]])).toEqual([
      ['a', 'First'],
      ['b', 'Second'],
      ['b', 'text'],
    ]);
  });

  it('gives a discontinuous span one row: first start, last end, its pieces joined by a space', () => {
    const text = 'Police said on Monday that 47 died.';
    const { files, loss } = writeAll(csvSheetFormat, [
      makeDoc('d', text, [spanOver(text, 'said...47 died', 'Claim')]),
    ]);
    expect(sheetRows(files.get('')!)[0]!.slice(3, 8)).toEqual(['7', '34', 'said 47 died', 'Police ', '.']);
    expect(loss.list()).toEqual([]);
  });

  it('reports nothing lost for suggestions, notes, attributes, several annotators and a status, which it has columns for', () => {
    const text = 'Police said 47 died.';
    const doc = makeDoc(
      'd',
      text,
      [
        spanOver(text, 'said', 'Hedge', { note: 'n', attributes: { cue: 'verb' } }),
        spanOver(text, '47', 'Figure', { annotator: 'ner', origin: 'suggested' }),
      ],
      { status: 'done' },
    );
    expect(writeAll(csvSheetFormat, [doc]).loss.list()).toEqual([]);
  });

  it('reports a document without spans, which has no row, by its id and title', () => {
    const { files, loss } = writeAll(csvSheetFormat, [
      makeDoc('empty', 'Nothing here.\nAt all.'),
      makeDoc('full', 'Police said.', [spanOver('Police said.', 'said', 'Hedge')]),
    ]);
    expect(sheetRows(files.get('')!).map((r) => r[0])).toEqual(['full']);
    expect(loss.list()).toEqual([
      {
        kind: 'documents-without-spans',
        message: expect.stringMatching(/one row per span/),
        count: 1,
        examples: [{ document: 'empty', detail: 'Nothing here.' }],
      },
    ]);
  });
});

describe('CSV review sheet: context columns', () => {
  const contexts = (text: string, covered: string) => {
    const rows = sheetRows(
      writeAll(csvSheetFormat, [makeDoc('d', text, [spanOver(text, covered, 'Hedge')])]).files.get('')!,
    );
    return { left: rows[0]![6], right: rows[0]![7] };
  };

  it('holds the sixty characters on each side of the span', () => {
    expect(CONTEXT_CHARS).toBe(60);
    const text = `${'a'.repeat(80)} said ${'b'.repeat(80)}`;
    expect(contexts(text, 'said')).toEqual({ left: `${'a'.repeat(59)} `, right: ` ${'b'.repeat(59)}` });
  });

  it('holds all the text when a span is near the start or the end', () => {
    expect(contexts('Police said 47 died.', 'Police')).toEqual({ left: '', right: ' said 47 died.' });
    expect(contexts('Police said 47 died.', 'died.')).toEqual({ left: 'Police said 47 ', right: '' });
  });

  it('widens a context rather than cut an emoji in half at either edge', () => {
    const text = `${'😀'.repeat(40)} said ${'😀'.repeat(40)}`;
    expect(contexts(text, 'said')).toEqual({ left: `${'😀'.repeat(30)} `, right: ` ${'😀'.repeat(30)}` });
  });

  it('shows line breaks, tabs and runs of spaces in a context as one space', () => {
    expect(contexts('Police\r\n\t  said\n\n47', 'said')).toEqual({ left: 'Police ', right: ' 47' });
  });
});
