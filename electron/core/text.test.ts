import { describe, expect, it } from 'vitest';
import { decodeTextFile, TextDecodeError, titleFromText } from './text';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...values: number[]) => new Uint8Array(values);
const BOM = [0xef, 0xbb, 0xbf];

/** The error decodeTextFile throws for `input`, failing the test when it does not throw one. */
function decodeError(input: Uint8Array): TextDecodeError {
  try {
    decodeTextFile(input);
  } catch (error) {
    expect(error).toBeInstanceOf(TextDecodeError);
    return error as TextDecodeError;
  }
  throw new Error('expected a TextDecodeError');
}

describe('decodeTextFile: line endings', () => {
  it('keeps LF text as it is and records "lf"', () => {
    expect(decodeTextFile(utf8('one\ntwo\n'))).toEqual({ text: 'one\ntwo\n', newlines: 'lf' });
  });

  it('normalises CRLF to LF and records "crlf"', () => {
    expect(decodeTextFile(utf8('one\r\ntwo\r\n\r\nthree'))).toEqual({
      text: 'one\ntwo\n\nthree',
      newlines: 'crlf',
    });
  });

  it('normalises old Mac CR to LF and records "cr"', () => {
    expect(decodeTextFile(utf8('one\rtwo\r\rthree\r'))).toEqual({
      text: 'one\ntwo\n\nthree\n',
      newlines: 'cr',
    });
  });

  it('normalises a mix of endings to LF and records "mixed"', () => {
    expect(decodeTextFile(utf8('a\r\nb\nc\rd'))).toEqual({ text: 'a\nb\nc\nd', newlines: 'mixed' });
  });

  it('records "none" for a single line', () => {
    expect(decodeTextFile(utf8('just one line'))).toEqual({ text: 'just one line', newlines: 'none' });
  });

  it('leaves no CR in the decoded text, whatever the endings', () => {
    for (const raw of ['a\r\nb', 'a\rb', 'a\r\n\rb\n', '\r\r\nx\r']) {
      expect(decodeTextFile(utf8(raw)).text).not.toContain('\r');
    }
  });
});

describe('decodeTextFile: byte order mark', () => {
  it('drops a UTF-8 BOM, so offsets count from the first real character', () => {
    const { text } = decodeTextFile(bytes(...BOM, ...utf8('Kabul\r\nreport')));
    expect(text).toBe('Kabul\nreport');
    expect(text.charCodeAt(0)).toBe('K'.charCodeAt(0));
  });

  it('keeps a second U+FEFF after the BOM as text (only the mark itself is dropped)', () => {
    const { text } = decodeTextFile(bytes(...BOM, ...BOM, ...utf8('x')));
    expect(text).toBe('\ufeffx');
  });

  it('treats a file holding only a BOM as having no text', () => {
    expect(decodeError(bytes(...BOM)).message).toMatch(/white space/);
  });
});

describe('decodeTextFile: files that are not text', () => {
  it('rejects an empty file', () => {
    expect(decodeError(new Uint8Array()).message).toBe('the file is empty');
  });

  it('rejects a file of only white space', () => {
    expect(decodeError(utf8('  \r\n\t\n  \u00a0')).message).toMatch(/only white space/);
  });

  it('rejects a binary file (a NUL byte near the start)', () => {
    expect(decodeError(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00)).message).toMatch(
      /binary/,
    );
    // Even when everything else is valid text.
    expect(decodeError(utf8('hello\u0000world')).message).toMatch(/binary/);
  });

  it('rejects invalid UTF-8 and names the offset of the first bad byte', () => {
    // "ab" then a lone continuation byte.
    expect(decodeError(bytes(0x61, 0x62, 0x80, 0x63)).message).toMatch(/not valid UTF-8.*\b2\b/);
    // Latin-1 "café" (0xE9 is not UTF-8) after 10 good bytes, some of them multi-byte.
    const latin1 = bytes(...utf8('ok – '), 0x63, 0x61, 0x66, 0xe9, 0x0a);
    expect(utf8('ok – caf').length).toBe(10);
    expect(decodeError(latin1).message).toMatch(/first bad byte at 10\)/);
  });

  it('names the offset where a character cut short at the end of the file starts', () => {
    // "ab" then the first two of the three bytes of "€": the bad character starts at byte 2.
    expect(decodeError(bytes(0x61, 0x62, 0xe2, 0x82)).message).toMatch(/first bad byte at 2\)/);
    expect(decodeError(bytes(0x61, 0xf0, 0x9f, 0x94)).message).toMatch(/first bad byte at 1\)/);
  });

  it('rejects overlong encodings and encoded surrogates', () => {
    expect(decodeError(bytes(0x61, 0xc0, 0xaf)).message).toMatch(/not valid UTF-8.*at 1\)/);
    expect(decodeError(bytes(0x61, 0xed, 0xa0, 0x80)).message).toMatch(/not valid UTF-8.*at 1\)/);
  });

  it('throws TextDecodeError, an Error, so importers can report it as a reason', () => {
    const error = decodeError(new Uint8Array());
    expect(error).toBeInstanceOf(Error);
  });
});

describe('decodeTextFile: scripts and characters are kept exactly', () => {
  it('keeps Urdu text unchanged', () => {
    const urdu = 'کراچی میں بارش سے 12 افراد ہلاک ہو گئے۔\nپولیس کے مطابق';
    expect(decodeTextFile(utf8(urdu)).text).toBe(urdu);
  });

  it('keeps emoji, including joined sequences, as the same UTF-16 code units', () => {
    const emoji = 'Fire 🔥 at the 👩‍🚒 station 🇵🇰';
    const { text } = decodeTextFile(utf8(emoji));
    expect(text).toBe(emoji);
    expect(text.length).toBe(emoji.length);
  });

  it('does not apply Unicode normalisation: decomposed and composed forms stay as they were', () => {
    const decomposed = 'Cafe\u0301 and Zu\u0308rich'; // e + combining acute, u + combining diaeresis
    const composed = 'Caf\u00e9 and Z\u00fcrich';
    expect(decodeTextFile(utf8(decomposed)).text).toBe(decomposed);
    expect(decodeTextFile(utf8(decomposed)).text).not.toBe(composed);
    expect(decodeTextFile(utf8(composed)).text).toBe(composed);
    // Arabic-script text with a combining mark (fatha) and a Hangul jamo sequence.
    const marks = 'كَتَبَ \u1100\u1161';
    expect(decodeTextFile(utf8(marks)).text).toBe(marks);
  });

  it('keeps leading and trailing white space, which span offsets count', () => {
    expect(decodeTextFile(utf8('  indented\n\n')).text).toBe('  indented\n\n');
  });
});

describe('titleFromText', () => {
  it('uses the first non-blank line, trimmed', () => {
    expect(titleFromText('\n   \n  Floods in Sindh  \nSecond line', 'file-1')).toBe('Floods in Sindh');
  });

  it('falls back (usually to the file name) when the text has no non-blank line', () => {
    expect(titleFromText('', 'file-1')).toBe('file-1');
    expect(titleFromText('\n \n\t', 'file-2')).toBe('file-2');
  });

  it('keeps a title of 120 characters and shortens a longer one to 120 with an ellipsis', () => {
    const exact = 'x'.repeat(120);
    expect(titleFromText(exact, 'f')).toBe(exact);
    const long = 'y'.repeat(200);
    const title = titleFromText(long, 'f');
    expect(title).toHaveLength(120);
    expect(title.endsWith('…')).toBe(true);
    expect(title.startsWith('y'.repeat(119))).toBe(true);
  });

  it('does not cut an emoji in half when shortening', () => {
    // The 119th and 120th code units are the two halves of one emoji.
    const text = `${'a'.repeat(118)}${'😀'.repeat(10)}`;
    const title = titleFromText(text, 'f');
    expect(title.endsWith('…')).toBe(true);
    expect(title.length).toBeLessThanOrEqual(120);
    // No lone surrogate: the title survives a UTF-8 round trip unchanged.
    expect(new TextDecoder().decode(new TextEncoder().encode(title))).toBe(title);
  });

  it('keeps a Urdu title as it is', () => {
    expect(titleFromText('کراچی میں بارش\nمتن', 'f')).toBe('کراچی میں بارش');
  });
});
