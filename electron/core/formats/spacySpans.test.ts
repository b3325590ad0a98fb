import { describe, expect, it } from 'vitest';
import { spacySpansFormat } from './spacySpans';
import { lossCounts, makeDoc, spanOver, writeAll } from './testkit';

describe('spaCy spans writer', () => {
  const text = 'Toll 😀 hit 47 in کراچی; e\u0301lan remains.';
  const doc = makeDoc('d', text, [
    spanOver(text, '47', 'Figure', { attributes: { value: 47 } }),
    spanOver(text, 'کراچی', 'Location'),
    spanOver(text, 'lan', 'Claim'), // inside a word: tokens are cut for it
    spanOver(text, 'Toll...47', 'Claim', { annotator: 'bob' }),
  ]);
  const { files, loss } = writeAll(spacySpansFormat, [doc], { offsetUnit: 'codepoint' });
  const record = JSON.parse(files.get('')!);

  it('writes text, spans with covered text and tokens in code points, unit stated', () => {
    expect(record.offset_unit).toBe('code-points');
    const cp = [...text];
    for (const item of [...record.spans, ...record.tokens])
      expect(cp.slice(item.start, item.end).join('')).toBe(item.text);
    expect(record.spans[0]).toEqual({ start: 11, end: 13, label: 'Figure', text: '47' });
    expect(record.tokens.map((t: { id: number }) => t.id)).toEqual(
      record.tokens.map((_: unknown, i: number) => i),
    );
  });

  it('cuts tokens so every span starts and ends on a token boundary', () => {
    const starts = new Set(record.tokens.map((t: { start: number }) => t.start));
    const ends = new Set(record.tokens.map((t: { end: number }) => t.end));
    for (const s of record.spans) expect(starts.has(s.start) && ends.has(s.end)).toBe(true);
    expect(record.tokens.map((t: { text: string }) => t.text)).toContain('e\u0301');
  });

  it('counts unaligned spans and what spaCy spans cannot hold', () => {
    expect(lossCounts(loss)).toEqual({
      'token-boundaries': 1,
      attributes: 1,
      discontinuous: 1,
      annotators: 1,
    });
  });

  it('says once when offsets are not the code points char_span counts', () => {
    const utf16 = writeAll(spacySpansFormat, [doc, doc], { offsetUnit: 'utf16' });
    expect(lossCounts(utf16.loss)['offset-unit']).toBe(1);
  });
});
