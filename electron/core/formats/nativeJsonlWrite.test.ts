import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OffsetUnit } from '../offsets';
import type { CorpusDocument } from './model';
import { nativeJsonlFormat } from './nativeJsonl';
import { nativeRecord } from './nativeJsonl.testkit';
import { NativeLineWriter } from './nativeJsonlWrite';
import { docArb, writeAll } from './testkit';

/** Strings JSON.stringify escapes (quotes, backslashes, control characters, lone surrogates) or must not. */
const nasty = fc.string({
  unit: fc.constantFrom(
    '"',
    '\\',
    '\u0000',
    '\b',
    '\u001f',
    '\u007f',
    '\u2028',
    '\ud800',
    '\udc00',
    '😀',
    'a',
    'کر',
    '\n',
    '/',
  ),
  maxLength: 6,
});
const uid = fc.option(fc.oneof(fc.uuid(), nasty), { nil: undefined });

/** A generated document whose every string field may hold a nasty string, and whose optional fields may be absent. */
const nastyDocArb = docArb({
  discontinuous: true,
  overlapping: true,
  withinLines: false,
  annotators: ['a', 'b'],
}).chain((doc) =>
  fc
    .record({
      id: nasty,
      title: nasty,
      sha256: fc.option(nasty, { nil: undefined }),
      project: uid,
      source: fc.dictionary(nasty, fc.oneof(nasty, fc.integer(), fc.boolean())),
      spans: fc.tuple(
        ...doc.spans.map(() =>
          fc.record({
            key: nasty,
            label: nasty,
            annotator: nasty,
            uid,
            annotatorUid: uid,
            gold: fc.option(fc.constant(true as const), { nil: undefined }),
            attributes: fc.dictionary(nasty, fc.oneof(nasty, fc.double({ noNaN: true }), fc.boolean())),
            note: fc.oneof(fc.constant(null), fc.constant(undefined), nasty),
            origin: fc.constantFrom('manual' as const, 'suggested' as const, 'imported' as const),
          }),
        ),
      ),
      relations: fc.array(fc.record({ type: nasty, from: nasty, to: nasty, annotator: nasty, uid }), {
        maxLength: 3,
      }),
    })
    .map((fields): CorpusDocument => ({
      ...doc,
      ...fields,
      spans: doc.spans.map((span, i) => ({ ...span, ...fields.spans[i]! }) as CorpusDocument['spans'][0]),
    })),
);

describe('native JSONL writer', () => {
  it('writes exactly the bytes of JSON.stringify over the line object, whatever the strings hold', () => {
    const units: OffsetUnit[] = ['utf16', 'codepoint', 'utf8'];
    fc.assert(
      fc.property(nastyDocArb, fc.constantFrom(...units), (doc, unit) => {
        const line = new NativeLineWriter(unit).line(doc);
        expect(line).toBe(JSON.stringify(nativeRecord(doc, unit)) + '\n');
      }),
      { numRuns: 300 },
    );
  });

  it('hands the line to the output in pieces that make the whole line and its newline', () => {
    fc.assert(
      fc.property(fc.array(nastyDocArb, { maxLength: 3 }), (docs) => {
        const { files } = writeAll(nativeJsonlFormat, docs, { offsetUnit: 'utf16' });
        const expected = docs.map((d) => JSON.stringify(nativeRecord(d, 'utf16')) + '\n').join('');
        expect(files.get('') ?? '').toBe(expected);
      }),
      { numRuns: 100 },
    );
  });
});
