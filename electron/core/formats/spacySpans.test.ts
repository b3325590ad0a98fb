import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OFFSET_UNITS } from '../offsets';
import { spacySpansFormat } from './spacySpans';
import { docArb, lossCounts, makeDoc, spanOver, writeAll } from './testkit';

describe('spaCy spans writer', () => {
  const text = 'Toll 😀 hit 47 in کراچی; e\u0301lan remains.';
  const doc = makeDoc('d', text, [
    spanOver(text, '47', 'Figure', { attributes: { value: 47 } }),
    spanOver(text, 'کراچی', 'Location'),
    spanOver(text, 'lan', 'Claim'), // inside a word: tokens are cut for it
    spanOver(text, 'Toll...47', 'Claim', { annotator: 'bob' }),
  ]);
  // Written inside each test, not once here: mutation testing credits a test only with code it runs.
  const written = () => {
    const { files, loss } = writeAll(spacySpansFormat, [doc], { offsetUnit: 'codepoint' });
    return { loss, record: JSON.parse(files.get('')!) };
  };

  it('writes text, spans with covered text and tokens in code points, unit stated', () => {
    const { record } = written();
    expect(record.offset_unit).toBe('code-points');
    expect(record.meta).toEqual({ id: 'd', title: doc.title, status: 'todo' });
    const cp = [...text];
    for (const item of [...record.spans, ...record.tokens])
      expect(cp.slice(item.start, item.end).join('')).toBe(item.text);
    expect(record.spans[0]).toEqual({ start: 11, end: 13, label: 'Figure', text: '47' });
    expect(record.tokens.map((t: { id: number }) => t.id)).toEqual(
      record.tokens.map((_: unknown, i: number) => i),
    );
  });

  it('cuts tokens so every span starts and ends on a token boundary', () => {
    const { record } = written();
    const starts = new Set(record.tokens.map((t: { start: number }) => t.start));
    const ends = new Set(record.tokens.map((t: { end: number }) => t.end));
    for (const s of record.spans) expect(starts.has(s.start) && ends.has(s.end)).toBe(true);
    expect(record.tokens.map((t: { text: string }) => t.text)).toContain('e\u0301');
  });

  it('counts unaligned spans and what spaCy spans cannot hold', () => {
    const { loss } = written();
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

describe('spaCy spans on random documents', () => {
  it.each(OFFSET_UNITS)('every span lines up with tokens and every text matches its offsets (%s)', (unit) => {
    const shape = { discontinuous: true, overlapping: true, withinLines: false, annotators: ['alice'] };
    const slicer = (text: string) => {
      if (unit === 'utf16') return (s: number, e: number) => text.slice(s, e);
      if (unit === 'codepoint') return (s: number, e: number) => [...text].slice(s, e).join('');
      const bytes = new TextEncoder().encode(text);
      return (s: number, e: number) => new TextDecoder().decode(bytes.slice(s, e));
    };
    fc.assert(
      fc.property(docArb(shape), (doc) => {
        const record = JSON.parse(writeAll(spacySpansFormat, [doc], { offsetUnit: unit }).files.get('')!);
        const slice = slicer(record.text);
        const starts = new Set(record.tokens.map((t: { start: number }) => t.start));
        const ends = new Set(record.tokens.map((t: { end: number }) => t.end));
        for (const item of [...record.spans, ...record.tokens])
          expect(slice(item.start, item.end)).toBe(item.text);
        for (const span of record.spans) expect(starts.has(span.start) && ends.has(span.end)).toBe(true);
        for (const token of record.tokens) expect(token.text).not.toMatch(/\s/);
      }),
      { numRuns: 60 },
    );
  });
});

describe('spaCy loss report', () => {
  const text = 'Officials said 12 people were killed in Kervadi.';

  it('counts a discontinuous span with one piece inside a word, and says what char_span would do', () => {
    const doc = makeDoc('d', text, [spanOver(text, 'Officials...ople', 'Claim')], { status: 'done' });
    const entries = writeAll(spacySpansFormat, [doc], { offsetUnit: 'codepoint' }).loss.list();
    const boundaries = entries.find((e) => e.kind === 'token-boundaries')!;
    expect(boundaries.count).toBe(1);
    expect(boundaries.message).toContain('char_span would return None');
    // The status is kept in `meta`, so it is not reported as lost.
    expect(entries.map((e) => e.kind)).not.toContain('document-status');
  });

  it('names the unit written when it is not code points, with what to do', () => {
    const doc = makeDoc('d', text, [spanOver(text, 'Kervadi', 'Location')]);
    const [entry] = writeAll(spacySpansFormat, [doc], { offsetUnit: 'utf8' }).loss.list();
    expect(entry).toMatchObject({ kind: 'offset-unit', count: 1 });
    expect(entry!.message).toContain('these offsets are utf8-bytes');
    expect(entry!.examples).toEqual([
      { document: '(all)', detail: 'convert before calling char_span, or export with code points' },
    ]);
  });
});
