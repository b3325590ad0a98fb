import { describe, expect, it } from 'vitest';
import { csvField, csvRow } from './csv';
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
});

describe('CSV review sheet', () => {
  const text = 'Police said, "47 😀 people" died\nin Kervadi on Tuesday.';
  const doc = makeDoc('d,1', text, [
    spanOver(text, '"47 😀 people"', 'Figure', { attributes: { value: 47 }, note: 'a "quoted"\nnote' }),
    spanOver(text, 'Kervadi', 'Location', { annotator: 'bob' }),
  ]);
  doc.relations = [{ type: 'in', from: 'x', to: 'y', annotator: 'alice' }];
  const { files, loss } = writeAll(csvSheetFormat, [doc], { offsetUnit: 'codepoint' });
  const rows = parseCsv(files.get('')!.replace(/^\uFEFF/, ''));

  it('writes one row per span with unit in the header, context and the covered text', () => {
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
    expect(lossCounts(loss)).toEqual({ relations: 1 });
  });

  it('writes the header even with no documents', () => {
    expect(writeAll(csvSheetFormat, []).files.get('')).toMatch(/^\uFEFFdocument,annotator/);
  });
});
