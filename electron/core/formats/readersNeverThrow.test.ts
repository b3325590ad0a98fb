/** Readers return problems for bad content; they never throw, whatever the files hold. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../schema';
import { loneSurrogateAt } from './fields';
import type { CorpusDocument, InputFile } from './model';
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

/** Hostile pieces: JSON escapes of lone surrogates, labels named like Object members, deep nesting. */
const hostile = fc.constantFrom(
  '\\ud800',
  '\\udc00x',
  '__proto__',
  'constructor',
  '"__proto__"',
  '{"__proto__":{"x":1}}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
);

/** A position moved off the middle of a surrogate pair: decoded UTF-8 never splits one. */
const whole = (text: string, at: number) => (loneSurrogateAt(text.slice(0, at)) === -1 ? at : at - 1);

const hostileEdit = (file: InputFile) =>
  fc.tuple(fc.nat(file.content.length), fc.nat(12), hostile).map(([at, cut, insert]) => ({
    path: file.path,
    content:
      file.content.slice(0, whole(file.content, at)) +
      insert +
      file.content.slice(whole(file.content, Math.min(at + cut, file.content.length))),
  }));

/** Every string a reader hands on, to check none can be stored as invalid UTF-8. */
const strings = (doc: CorpusDocument) => [
  doc.text,
  doc.id,
  doc.title,
  ...doc.spans.flatMap((s) => [s.label, s.annotator, s.note ?? '', ...Object.keys(s.attributes)]),
  ...doc.relations.flatMap((r) => [r.type, r.annotator]),
];

describe('readers refuse hostile JSON with a problem, never a crash or unstorable text', () => {
  it.each(samples.map((s) => [s.format.id, s] as const))('%s', (_id, { format, files }) => {
    fc.assert(
      fc.property(fc.tuple(...files.map(hostileEdit)), (broken) => {
        const result = format.read!(broken, { defaultAnnotator: 'me' });
        for (const doc of result.documents) {
          for (const value of strings(doc)) expect(loneSurrogateAt(value)).toBe(-1);
          expect(() => JSON.stringify(doc.source)).not.toThrow();
        }
      }),
      { numRuns: 150 },
    );
  });
});
