import { describe, expect, it } from 'vitest';
import { csvField, csvRow, spreadsheetText } from './csv';
import { csvSheetFormat } from './csvSheet';
import { parseCsv } from './csvRead.testkit';
import { lossCounts, makeDoc, spanOver, writeAll } from './testkit';

describe('CSV quoting', () => {
  it('quotes fields with commas, quotes and line breaks only', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvField(null)).toBe('');
    expect(csvRow(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('quotes a field holding a lone carriage return, which a spreadsheet would take for a line end', () => {
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField(-3.5)).toBe('-3.5');
  });
});

describe('CSV review sheet', () => {
  const text = 'Police said, "47 😀 people" died\nin Kervadi on Tuesday.';
  const doc = makeDoc('d,1', text, [
    spanOver(text, '"47 😀 people"', 'Figure', { attributes: { value: 47 }, note: 'a "quoted"\nnote' }),
    spanOver(text, 'Kervadi', 'Location', { annotator: 'bob' }),
  ]);
  doc.relations = [{ type: 'in', from: 'x', to: 'y', annotator: 'alice' }];
  // Written inside each test, so the test is the one that runs the writer.
  const written = () => writeAll(csvSheetFormat, [doc], { offsetUnit: 'codepoint' });

  it('writes one row per span with unit in the header, context and the covered text', () => {
    const rows = parseCsv(
      written()
        .files.get('')!
        .replace(/^\uFEFF/, ''),
    );
    expect(rows[0]).toEqual([
      'document',
      'annotator',
      'label',
      'start (code-points)',
      'end (code-points)',
      'text',
      'left context',
      'right context',
      'attributes',
      'note',
      'origin',
      'document status',
    ]);
    expect(rows[1]).toEqual([
      'd,1',
      'alice',
      'Figure',
      '13',
      '26',
      '"47 😀 people"',
      'Police said, ',
      ' died in Kervadi on Tuesday.',
      '{"value":47}',
      'a "quoted"\nnote',
      'manual',
      'todo',
    ]);
    expect(rows[2]!.slice(1, 6)).toEqual(['bob', 'Location', '35', '42', 'Kervadi']);
    expect(rows).toHaveLength(3);
  });

  it('reports relations, which a row per span cannot show', () => {
    const { loss } = written();
    expect(lossCounts(loss)).toEqual({ relations: 1 });
    expect(loss.list()[0]!.message).toBe('The CSV sheet has no place for relations; they are left out');
  });

  it('writes the header even with no documents', () => {
    expect(writeAll(csvSheetFormat, []).files.get('')).toMatch(/^\uFEFFdocument,annotator/);
  });
});

describe('spreadsheetText', () => {
  it('leaves signed whole and decimal numbers as numbers, and quotes anything else starting with a formula character', () => {
    const kept = ['+3', '-3', '-35', '-3.5', '+120.25', 'plain', '3-2', ''];
    expect(kept.map(spreadsheetText)).toEqual(kept);
    const guarded = ['-3.', '-.5', '-3a', '+-3', '=1', '@a', '\tx', '\r1', '-', '-1+2'];
    expect(guarded.map(spreadsheetText)).toEqual(guarded.map((v) => `'${v}`));
  });
});

describe('CSV sheet against formula injection', () => {
  // Every text a user or an imported file controls: document id, annotator, label, covered text,
  // context, note. A spreadsheet would run a cell starting with = + - @ (or tab, CR) as a formula.
  const text = '=HYPERLINK("http://x","ok") then -2+3 and -3 then @SUM(A1) end';
  const doc = makeDoc('=cmd|calc', text, [
    spanOver(text, '=HYPERLINK("http://x","ok")', 'Claim', { annotator: '+alice', note: '\t=1+1' }),
    spanOver(text, '-2+3', 'Figure', { annotator: 'bob', note: '\r@x' }),
    spanOver(text, '-3', 'Figure', { annotator: 'bob', attributes: { value: -3 } }),
    spanOver(text, '@SUM(A1)', 'Hedge', { annotator: 'bob' }),
  ]);
  const writeRows = () =>
    parseCsv(
      writeAll(csvSheetFormat, [doc])
        .files.get('')!
        .replace(/^\uFEFF/, ''),
    );
  const cellsOf = (rows: string[][]) =>
    rows.slice(1).map((r) => ({
      document: r[0],
      annotator: r[1],
      text: r[5],
      left: r[6],
      attributes: r[8],
      note: r[9],
    }));

  it('starts no text cell with a formula character: a single quote goes first', () => {
    const rows = writeRows();
    const cells = cellsOf(rows);
    expect(cells.map((c) => c.document)).toEqual(Array(4).fill("'=cmd|calc"));
    expect(cells[0]).toMatchObject({
      annotator: "'+alice",
      text: `'=HYPERLINK("http://x","ok")`,
      note: "'\t=1+1",
    });
    expect(cells[1]).toMatchObject({ text: "'-2+3", note: "'\r@x" });
    expect(cells[3]!.text).toBe("'@SUM(A1)");
    for (const row of rows.slice(1))
      for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
  });

  it('keeps a plain number as it is, so a negative figure stays a number', () => {
    const cells = cellsOf(writeRows());
    expect(cells[2]!.text).toBe('-3');
    expect(cells[2]!.attributes).toBe('{"value":-3}');
  });
});
