/**
 * read(write(docs)) gives the same spans, for every format that reads and writes, on texts with
 * emoji, Urdu, combining marks and line breaks that came from CRLF, in every offset unit the format
 * lets one choose. Spans are generated as each format can hold them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OFFSET_UNITS } from '../offsets';
import { bratFormat } from './brat';
import { conllFormat } from './conll';
import { doccanoFormat } from './doccano';
import { labelStudioFormat } from './labelStudio';
import type { CorpusDocument, FormatDefinition, WriteOptions } from './model';
import { nativeJsonlFormat } from './nativeJsonl';
import { docArb, spanSet, writeAll } from './testkit';
import { coveredText } from './writerSupport';

const RUNS = { numRuns: 60 };

function roundTrip(
  format: FormatDefinition,
  doc: CorpusDocument,
  options: Partial<WriteOptions>,
  extension: string,
) {
  const { sink } = writeAll(format, [doc], options);
  const result = format.read!(sink.inputs(extension), { defaultAnnotator: 'alice' });
  expect(result.problems).toEqual([]);
  return result.documents;
}

/** Each relation as its type and the fragments of the spans it links: span keys change on the way. */
const relationEnds = (d: CorpusDocument) =>
  d.relations
    .map((r) =>
      [
        r.type,
        ...[r.from, r.to].map((k) => JSON.stringify(d.spans.find((s) => s.key === k)!.fragments)),
      ].join(' '),
    )
    .sort();

describe('round trips', () => {
  it.each(OFFSET_UNITS)('native JSONL keeps everything (%s)', (unit) => {
    const shape = {
      discontinuous: true,
      overlapping: true,
      withinLines: false,
      annotators: ['alice', 'bob'],
    };
    fc.assert(
      fc.property(docArb(shape), fc.constantFrom('todo', 'in_progress', 'done' as const), (doc, status) => {
        doc.status = status;
        doc.spans.forEach((s, i) => {
          s.attributes = i % 2 ? { verified: 'yes', value: 47, approximate: true } : {};
          s.note = i % 3 ? null : 'check 😀\nagain';
          s.origin = i % 2 ? 'suggested' : 'manual';
        });
        if (doc.spans.length >= 2)
          doc.relations = [
            { type: 'scopes', from: doc.spans[0]!.key, to: doc.spans[1]!.key, annotator: 'alice' },
          ];
        const [back] = roundTrip(nativeJsonlFormat, doc, { offsetUnit: unit }, 'jsonl');
        expect(back).toEqual(doc);
      }),
      RUNS,
    );
  });

  it.each(
    OFFSET_UNITS.flatMap((unit) => (['label', 'entities'] as const).map((form) => [unit, form] as const)),
  )('doccano keeps continuous spans per annotator (%s, %s form)', (unit, form) => {
    const shape = {
      discontinuous: false,
      overlapping: true,
      withinLines: false,
      annotators: ['alice', 'bob'],
    };
    fc.assert(
      fc.property(docArb(shape), (doc) => {
        doc.status = 'in_progress';
        const docs = roundTrip(doccanoFormat, doc, { offsetUnit: unit, doccanoForm: form }, 'jsonl');
        expect(docs).toHaveLength(1);
        expect(docs[0]!.status).toBe('in_progress');
        expect(docs[0]!.text).toBe(doc.text);
        expect(spanSet(docs[0]!)).toEqual(spanSet(doc));
      }),
      RUNS,
    );
  });

  it('Label Studio keeps spans, annotators, suggestions and relations', () => {
    const shape = {
      discontinuous: false,
      overlapping: true,
      withinLines: false,
      annotators: ['alice', 'bob'],
    };
    fc.assert(
      fc.property(docArb(shape), (doc) => {
        doc.spans.forEach((s, i) => (s.origin = i % 3 === 2 ? 'suggested' : 'manual'));
        const manual = doc.spans.filter((s) => s.origin === 'manual' && s.annotator === 'alice');
        if (manual.length >= 2)
          doc.relations = [{ type: 'scopes', from: manual[0]!.key, to: manual[1]!.key, annotator: 'alice' }];
        doc.status = 'done';
        const [back] = roundTrip(labelStudioFormat, doc, {}, 'json');
        expect(back!.text).toBe(doc.text);
        expect(back!.status).toBe('done');
        expect(spanSet(back!, (s) => s.origin === 'suggested')).toEqual(
          spanSet(doc, (s) => s.origin === 'suggested'),
        );
        expect(relationEnds(back!)).toEqual(relationEnds(doc));
      }),
      RUNS,
    );
  });

  it('brat keeps spans (also discontinuous), attributes, notes and each relation with its type and ends', () => {
    const shape = { discontinuous: true, overlapping: true, withinLines: true, annotators: ['alice'] };
    fc.assert(
      fc.property(docArb(shape), (doc) => {
        doc.spans.forEach((s, i) => {
          s.attributes = i % 2 ? { verified: 'yes', approximate: true } : {};
          s.note = i % 3 ? null : 'check this 😀';
        });
        if (doc.spans.length >= 2)
          doc.relations = [
            { type: 'scopes', from: doc.spans[0]!.key, to: doc.spans[1]!.key, annotator: 'alice' },
          ];
        const [back] = roundTrip(bratFormat, doc, { offsetUnit: 'codepoint' }, 'ann');
        expect(back!.text).toBe(doc.text);
        const extra = (s: CorpusDocument['spans'][number]) => [s.attributes, s.note];
        expect(spanSet(back!, extra)).toEqual(spanSet(doc, extra));
        expect(relationEnds(back!)).toEqual(relationEnds(doc));
      }),
      RUNS,
    );
  });

  it('brat cuts a span crossing a line break into the pieces on each side, and keeps them', () => {
    const shape = { discontinuous: true, overlapping: true, withinLines: false, annotators: ['alice'] };
    const pieces = (text: string, s: CorpusDocument['spans'][number]) =>
      s.fragments.flatMap(({ start, end }) => {
        const found: { start: number; end: number }[] = [];
        let from = start;
        for (let i = start; i <= end; i++)
          if (i === end || text[i] === '\n') {
            if (i > from) found.push({ start: from, end: i });
            from = i + 1;
          }
        return found;
      });
    fc.assert(
      fc.property(docArb(shape), (doc) => {
        const [back] = roundTrip(bratFormat, doc, { offsetUnit: 'codepoint' }, 'ann');
        const expected = doc.spans.map((s) => JSON.stringify([s.label, pieces(doc.text, s)])).sort();
        expect(back!.spans.map((s) => JSON.stringify([s.label, s.fragments])).sort()).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('CoNLL keeps the labelled text of non-overlapping spans, in order', () => {
    const shape = { discontinuous: false, overlapping: false, withinLines: false, annotators: ['alice'] };
    fc.assert(
      fc.property(docArb(shape, ['Claim', 'Figure']), (doc) => {
        const docs = roundTrip(conllFormat, doc, {}, 'conll');
        const labelled = (d: CorpusDocument) =>
          [...d.spans]
            .sort((a, b) => a.fragments[0]!.start - b.fragments[0]!.start)
            .map((s) => `${s.label}:${coveredText(d.text, s).replace(/\s+/g, ' ')}`);
        expect(docs.flatMap(labelled)).toEqual(labelled(doc));
      }),
      RUNS,
    );
  });
});
