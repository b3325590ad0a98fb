/** Readers return problems for bad content; they never throw, whatever the files hold. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../schema';
import type { InputFile } from './model';
import { FORMATS } from './registry';
import { HARD_TEXT, makeDoc, spanOver, writeAll } from './testkit';

const doc = makeDoc('d', HARD_TEXT, [
  spanOver(HARD_TEXT, 'کراچی', 'Location', { attributes: { kind: 'city' }, note: 'n' }),
  spanOver(HARD_TEXT, 'families...owners', 'Claim'),
]);

/** Valid exports of every readable format, to mutate. */
const samples = FORMATS.filter((f) => f.read && f.createWriter).map((f) => ({
  format: f,
  files: writeAll(f, [doc], { schema: DEFAULT_SCHEMA }).sink.inputs(f.extension),
}));

/** A file with a random piece cut out, replaced, or a random value spliced in. */
const mutated = (file: InputFile) =>
  fc
    .tuple(
      fc.nat(file.content.length),
      fc.nat(40),
      fc.oneof(
        fc.string(),
        fc.json(),
        fc.constantFrom('\r\n', '😀', '\ud800', '"', '\t', ';', '-1', '1e999'),
      ),
    )
    .map(([at, cut, insert]) => ({
      path: file.path,
      content: file.content.slice(0, at) + insert + file.content.slice(at + cut),
    }));

describe('readers never throw', () => {
  it.each(samples.map((s) => [s.format.id, s] as const))('%s', (_id, { format, files }) => {
    fc.assert(
      fc.property(fc.tuple(...files.map(mutated)), (broken) => {
        const result = format.read!(broken, { defaultAnnotator: 'me' });
        expect(Array.isArray(result.problems)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
