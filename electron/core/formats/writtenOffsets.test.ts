/**
 * What the writers put in the file, checked against an oracle that is not the code under test: each
 * span's offsets in the stated unit as Array.from and TextEncoder count them. A round trip alone
 * cannot see a conversion bug, because its reader undoes the writer's mistake with the same code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyWidthTextArb, expectedFromUtf16 } from '../offsetOracle.testkit';
import { OFFSET_UNITS, type OffsetUnit } from '../offsets';
import { bratFormat } from './brat';
import { doccanoFormat } from './doccano';
import { labelStudioFormat } from './labelStudio';
import { LINE_BREAK } from './lineBreaks';
import type { CorpusDocument, FormatDefinition, WriteOptions } from './model';
import { nativeJsonlFormat } from './nativeJsonl';
import { docArb, rawTextArb, writeAll } from './testkit';

const RUNS = { numRuns: 60 };

/** News-like texts and texts of every UTF-8 width and script, each with random spans. */
const docsArb = (discontinuous: boolean, withinLines = false) => {
  const shape = { discontinuous, overlapping: true, withinLines, annotators: ['alice'] };
  const labels = ['Claim', 'Figure', 'Location', 'Hedge'];
  return fc.oneof(docArb(shape, labels, rawTextArb), docArb(shape, labels, anyWidthTextArb));
};

type Placed = [label: string, fragments: [number, number][]];

/** Each span of `doc` with its fragments in `unit`, counted by the oracle. */
function expectedPlaces(doc: CorpusDocument, unit: OffsetUnit, split: boolean): string[] {
  const at = (offset: number) => expectedFromUtf16(doc.text, offset, unit);
  const placed = doc.spans.flatMap((s): Placed[] => {
    const fragments = s.fragments.map((f): [number, number] => [at(f.start)!, at(f.end)!]);
    return split ? fragments.map((f) => [s.label, [f]]) : [[s.label, fragments]];
  });
  return placed.map((p) => JSON.stringify(p)).sort();
}

const sorted = (placed: Placed[]) => placed.map((p) => JSON.stringify(p)).sort();
const onlyFile = (format: FormatDefinition, doc: CorpusDocument, options: Partial<WriteOptions>) =>
  [...writeAll(format, [doc], options).files.values()][0]!;

describe('writers place spans where an independent count says', () => {
  it.each(OFFSET_UNITS)('native JSONL (%s)', (unit) => {
    fc.assert(
      fc.property(docsArb(true), (doc) => {
        const record = JSON.parse(onlyFile(nativeJsonlFormat, doc, { offsetUnit: unit }));
        const written = record.spans.map(
          (s: { label: string; fragments: { start: number; end: number }[] }): Placed => [
            s.label,
            s.fragments.map((f) => [f.start, f.end]),
          ],
        );
        expect(sorted(written)).toEqual(expectedPlaces(doc, unit, false));
      }),
      RUNS,
    );
  });

  it.each(OFFSET_UNITS)('doccano, both forms (%s)', (unit) => {
    fc.assert(
      fc.property(docsArb(false), (doc) => {
        const label = JSON.parse(onlyFile(doccanoFormat, doc, { offsetUnit: unit, doccanoForm: 'label' }));
        const entities = JSON.parse(
          onlyFile(doccanoFormat, doc, { offsetUnit: unit, doccanoForm: 'entities' }),
        );
        const fromLabel = label.label.map(([s, e, l]: [number, number, string]): Placed => [l, [[s, e]]]);
        const fromEntities = entities.entities.map(
          (e: { start_offset: number; end_offset: number; label: string }): Placed => [
            e.label,
            [[e.start_offset, e.end_offset]],
          ],
        );
        expect(sorted(fromLabel)).toEqual(expectedPlaces(doc, unit, true));
        expect(sorted(fromEntities)).toEqual(expectedPlaces(doc, unit, true));
      }),
      RUNS,
    );
  });

  it('Label Studio, in UTF-16 code units as its editor counts', () => {
    fc.assert(
      fc.property(docsArb(false), (doc) => {
        const [task] = JSON.parse(writeAll(labelStudioFormat, [doc]).files.get('tasks.json')!);
        const written = task.annotations
          .flatMap((a: { result: unknown[] }) => a.result)
          .filter((r: { type: string }) => r.type === 'labels')
          .map((r: { value: { start: number; end: number; labels: string[] } }): Placed => [
            r.value.labels[0]!,
            [[r.value.start, r.value.end]],
          ]);
        expect(sorted(written)).toEqual(expectedPlaces(doc, 'utf16', true));
      }),
      RUNS,
    );
  });

  it('brat, in code points of the .txt', () => {
    // brat cuts spans at every Unicode line break (its own test covers that); here only \n occurs.
    const withoutOtherBreaks = docsArb(true, true).filter(
      (doc) => !LINE_BREAK.test(doc.text.replaceAll('\n', '')),
    );
    fc.assert(
      fc.property(withoutOtherBreaks, (doc) => {
        const { files } = writeAll(bratFormat, [doc], { offsetUnit: 'codepoint' });
        const ann = [...files].find(([path]) => path.endsWith('.ann'))![1];
        const written = [...ann.matchAll(/^T\d+\t(\S+) ([\d ;]+)\t/gm)].map(([, label, offsets]): Placed => [
          label!,
          offsets!.split(';').map((pair) => pair.split(' ').map(Number) as [number, number]),
        ]);
        expect(sorted(written)).toEqual(expectedPlaces(doc, 'codepoint', false));
      }),
      RUNS,
    );
  });
});
