import { describe, expect, it } from 'vitest';
import { baseName, extensionOf, FileNamer } from './fileNames';
import { lineBreakOffsets } from './lineBreaks';

describe('file names for exported documents', () => {
  it('replaces each run of unsafe characters with one underscore and keeps letters of any script', () => {
    const namer = new FileNamer();
    expect(namer.name('a/b\\c: d?*e')).toBe('a_b_c_d_e');
    expect(namer.name('کراچی-2026.v1_x')).toBe('کراچی-2026.v1_x');
    expect(namer.name('café 😀 news')).toBe('café_news');
  });

  it('drops leading dots and underscores, so no export is a hidden file', () => {
    const namer = new FileNamer();
    expect(namer.name('..hidden')).toBe('hidden');
    expect(namer.name('/etc/passwd')).toBe('etc_passwd');
    expect(namer.name('a.b.')).toBe('a.b.');
  });

  it('names a document with no usable character "document", and cuts long ids at 120', () => {
    const namer = new FileNamer();
    expect(namer.name('...')).toBe('document');
    expect(namer.name('😀')).toBe('document-2');
    expect(namer.name('x'.repeat(200))).toBe('x'.repeat(120));
  });

  it('adds an underscore to names Windows reserves, whatever their case', () => {
    const namer = new FileNamer();
    expect(['CON', 'prn', 'Aux', 'nul', 'com1', 'LPT9'].map((id) => namer.name(id))).toEqual([
      'CON_',
      'prn_',
      'Aux_',
      'nul_',
      'com1_',
      'LPT9_',
    ]);
    expect(['console', 'com', 'xnul'].map((id) => namer.name(id))).toEqual(['console', 'com', 'xnul']);
  });

  it('numbers names that clash, ignoring case as Windows and macOS do', () => {
    const namer = new FileNamer();
    expect(['a', 'A', 'a', 'a-2', 'a?'].map((id) => namer.name(id))).toEqual([
      'a',
      'A-2',
      'a-3',
      'a-2-2',
      'a_',
    ]);
    expect(new FileNamer().name('a')).toBe('a');
  });
});

describe('names of files read', () => {
  it('takes the base name without folders and the last extension', () => {
    expect(baseName('dir/sub\\news.v2.conll')).toBe('news.v2');
    expect(baseName('news')).toBe('news');
    expect(baseName('.hidden')).toBe('.hidden');
    expect(baseName('a/b.')).toBe('b');
  });

  it('takes the extension in lower case, none for a dot file or a name without one', () => {
    expect(extensionOf('Dir.d/News.JSONL')).toBe('jsonl');
    expect(extensionOf('dir.d/news')).toBe('');
    expect(extensionOf('.conll')).toBe('');
    expect(extensionOf('a\\b.TXT')).toBe('txt');
  });
});

describe('line breaks as brat and CoNLL see them', () => {
  it('finds every break Python splits lines at, and no other character', () => {
    const text = 'a\nb\rc\x0bd\x0ce\x1cf\x1dg\x1eh\x85i\u2028j\u2029k\tl\x1fm\u00a0n';
    expect(lineBreakOffsets(text)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(lineBreakOffsets('no breaks')).toEqual([]);
    expect(lineBreakOffsets('\r\n')).toEqual([0, 1]);
  });
});
