/**
 * Export-only formats (spaCy spans, Hugging Face folder) checked against the documents they were
 * written from: every span is in the file, at the offsets an independent count (Array.from,
 * TextEncoder) gives in the stated unit — not only the first span, and not only "a file exists".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedFromUtf16 } from '../offsetOracle.testkit';
import { OFFSET_UNITS, type OffsetUnit } from '../offsets';
import { huggingFaceFormat } from './huggingFace';
import type { CorpusDocument } from './model';
import { spacySpansFormat } from './spacySpans';
import { docArb, writeAll } from './testkit';

const RUNS = { numRuns: 60 };
const shape = { discontinuous: true, overlapping: true, withinLines: false, annotators: ['alice', 'bob'] };

/** A UTF-16 offset in `unit`, counted without the code under test. */
function oracleOffset(text: string, offset: number, unit: OffsetUnit): number {
  const converted = expectedFromUtf16(text, offset, unit);
  if (converted === null) throw new Error(`test document has a span inside a character at ${offset}`);
  return converted;
}

describe('spaCy spans JSONL holds every span of the document', () => {
  it.each(OFFSET_UNITS)(
    'one entry per span piece, label and offsets as counted independently (%s)',
    (unit) => {
      fc.assert(
        fc.property(docArb(shape), (doc) => {
          const record = JSON.parse(writeAll(spacySpansFormat, [doc], { offsetUnit: unit }).files.get('')!);
          const expected = doc.spans.flatMap((s) =>
            s.fragments.map((f) => ({
              start: oracleOffset(doc.text, f.start, unit),
              end: oracleOffset(doc.text, f.end, unit),
              label: s.label,
              text: doc.text.slice(f.start, f.end),
            })),
          );
          const order = (list: { start: number; end: number; label: string }[]) =>
            list.map((s) => JSON.stringify(s)).sort();
          expect(record.spans).toHaveLength(expected.length);
          expect(order(record.spans)).toEqual(order(expected));
        }),
        RUNS,
      );
    },
  );

  it('keeps the last span of every document of a corpus', () => {
    fc.assert(
      fc.property(fc.array(docArb(shape), { minLength: 1, maxLength: 4 }), (docs) => {
        const lines = writeAll(spacySpansFormat, docs, { offsetUnit: 'utf16' }).files.get('')!.trimEnd();
        const records = lines.split('\n').map((l) => JSON.parse(l) as { spans: unknown[] });
        expect(records.map((r) => r.spans.length)).toEqual(
          docs.map((d) => d.spans.reduce((n, s) => n + s.fragments.length, 0)),
        );
      }),
      RUNS,
    );
  });
});

interface HfSpan {
  id: string;
  start: number;
  end: number;
  label: string;
  fragments: { start: number; end: number }[];
  annotator: string;
}

describe('Hugging Face folder holds every span of every document', () => {
  const corpusArb = fc
    .array(docArb(shape), { minLength: 1, maxLength: 6 })
    .map((docs) => docs.map((d, i): CorpusDocument => ({ ...d, id: `doc-${i}` })));

  it.each(OFFSET_UNITS)('each row has all its spans, fragments counted independently (%s)', (unit) => {
    fc.assert(
      fc.property(corpusArb, fc.integer({ min: 0, max: 1000 }), (docs, seed) => {
        const split = { train: 0.5, dev: 0.25, test: 0.25, seed };
        const { files } = writeAll(huggingFaceFormat, docs, { offsetUnit: unit, split });
        const rows = ['train', 'validation', 'test'].flatMap((name) =>
          (files.get(`${name}.jsonl`) ?? '')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as { id: string; spans: HfSpan[] }),
        );
        expect(rows.map((r) => r.id).sort()).toEqual(docs.map((d) => d.id).sort());
        for (const doc of docs) {
          const row = rows.find((r) => r.id === doc.id)!;
          const expected = doc.spans.map((s) => ({
            id: s.key,
            label: s.label,
            annotator: s.annotator,
            fragments: s.fragments.map((f) => ({
              start: oracleOffset(doc.text, f.start, unit),
              end: oracleOffset(doc.text, f.end, unit),
            })),
          }));
          const written = row.spans.map(({ id, label, annotator, fragments }) => ({
            id,
            label,
            annotator,
            fragments,
          }));
          expect(written, `spans of ${doc.id}`).toEqual(expected);
        }
      }),
      RUNS,
    );
  });
});
