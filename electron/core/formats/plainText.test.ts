import { describe, expect, it } from 'vitest';
import { plainTextFormat } from './plainText';
import { lossCounts, makeDoc, spanOver, writeAll } from './testkit';

describe('plain text', () => {
  it('reads one document per file, normalising CRLF and naming it after the file', () => {
    const { documents, problems } = plainTextFormat.read!(
      [
        { path: 'in/01-dam.txt', content: 'Dam bursts\r\n\r\nAt least 47 dead.' },
        { path: 'in/empty.txt', content: ' \n' },
      ],
      { defaultAnnotator: 'me' },
    );
    expect(documents).toEqual([
      expect.objectContaining({
        id: '01-dam',
        title: 'Dam bursts',
        text: 'Dam bursts\n\nAt least 47 dead.',
        source: { file: '01-dam.txt', newlines: 'crlf' },
      }),
    ]);
    expect(problems).toEqual([{ file: 'in/empty.txt', message: 'the file holds no text' }]);
  });

  it('titles a file that opens with a dateline, a kicker or body text by its file name', () => {
    const { documents } = plainTextFormat.read!(
      [
        {
          path: 'in/wire.txt',
          content: 'KARACHI, March 3 (Reuters) - Twelve people died, officials said.\n',
        },
        {
          path: 'in/07-press-release.txt',
          content: 'PRESS RELEASE\r\n\r\nHarbour Workers Union: strike at 92 percent\r\n',
        },
        { path: 'in/body.txt', content: 'Officials said on Monday\nthat twelve people died\n' },
      ],
      { defaultAnnotator: 'me' },
    );
    expect(documents.map((d) => d.title)).toEqual(['wire', '07-press-release', 'body']);
  });

  it('writes one file per document with safe, distinct names and reports the spans it drops', () => {
    const doc = makeDoc('a/b', 'At least 47', [spanOver('At least 47', '47', 'Figure')]);
    const { files, loss } = writeAll(plainTextFormat, [doc, { ...doc, spans: [] }]);
    expect([...files.keys()]).toEqual(['a_b.txt', 'a_b-2.txt']);
    expect(lossCounts(loss)).toEqual({ spans: 1 });
  });
});
