import { describe, expect, it } from 'vitest';
import { FORMAT_IDS } from './model';
import { detectFormat, EXPORT_FORMAT_IDS, formatById, FORMATS, IMPORT_FORMAT_IDS } from './registry';

describe('format registry', () => {
  it('lists every format once, with the import and export sides docs/formats.md names', () => {
    expect(new Set(FORMATS.map((f) => f.id)).size).toBe(FORMATS.length);
    expect([...IMPORT_FORMAT_IDS].sort()).toEqual([
      'brat',
      'conll',
      'doccano',
      'jsonl',
      'labelstudio',
      'txt',
    ]);
    expect([...EXPORT_FORMAT_IDS].sort()).toEqual([
      'brat',
      'conll',
      'csv',
      'doccano',
      'hf',
      'jsonl',
      'labelstudio',
      'spacy',
      'txt',
    ]);
    expect(formatById('brat')?.fixedOffsetUnit).toBe('codepoint');
    expect(formatById('nope')).toBeUndefined();
  });

  it('has a format for every id the API accepts, in the menu order, each under its own id', () => {
    expect(FORMATS.map((f) => f.id)).toEqual([
      'jsonl',
      'labelstudio',
      'doccano',
      'brat',
      'conll',
      'spacy',
      'hf',
      'csv',
      'txt',
    ]);
    expect([...FORMAT_IDS].sort()).toEqual(FORMATS.map((f) => f.id).sort());
  });

  it('detects a batch by its files', () => {
    const file = (path: string, content = '') => ({ path, content });
    expect(detectFormat([file('a.txt', 'x'), file('a.ann', 'T1\tX 0 1\tx')])).toBe('brat');
    expect(detectFormat([file('x.jsonl', '{"format":"marginalia-jsonl/2","text":"a"}')])).toBe('jsonl');
    expect(detectFormat([file('x.jsonl', '{"text":"a","label":[]}')])).toBe('doccano');
    expect(detectFormat([file('x.json', '[{"data": {"text": "a"}}]')])).toBe('labelstudio');
    expect(detectFormat([file('eng.train', '-DOCSTART- -X- -X- O\n')])).toBe('conll');
    expect(detectFormat([file('a.txt', 'hello')])).toBe('txt');
    expect(detectFormat([file('a.pdf', '%PDF')])).toBeUndefined();
    const long = JSON.stringify({ format: 'marginalia-jsonl/2', text: 'x'.repeat(200_000) });
    expect(detectFormat([file('big.jsonl', `\n${long}\n`)])).toBe('jsonl');
  });
});
