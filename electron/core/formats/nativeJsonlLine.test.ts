import { describe, expect, it } from 'vitest';
import { nativeJsonlFormat } from './nativeJsonl';
import { nativeRecord } from './nativeJsonl.testkit';
import { HARD_TEXT, makeDoc, spanOver, writeAll } from './testkit';

// Readers (and earlier Marginalia versions) expect exactly these bytes: keys in this order, absent
// ones left out (the writer leaves them undefined for speed, and must still not write them).
describe('native JSONL line bytes', () => {
  const SPAN_UID = 'aaaaaaaa-0000-4000-8000-000000000001';
  const GOLD_UID = 'aaaaaaaa-0000-4000-8000-000000000003';
  const ALICE = 'bbbbbbbb-0000-4000-8000-000000000002';
  const PROJECT = 'cccccccc-0000-4000-8000-000000000004';
  const RELATION_UID = 'dddddddd-0000-4000-8000-000000000005';
  const doc = makeDoc(
    'karachi "1"',
    HARD_TEXT,
    [
      spanOver(HARD_TEXT, 'کراچی', 'Location', {
        key: '7',
        uid: SPAN_UID,
        annotatorUid: ALICE,
        attributes: { normalized: 'Karachi', count: 2, sure: true },
        note: 'city\n\u2028"q"',
      }),
      spanOver(HARD_TEXT, 'families...owners', 'Claim', {
        key: '8',
        origin: 'suggested',
        gold: true,
        uid: GOLD_UID,
      }),
      spanOver(HARD_TEXT, '😀', 'Other', { key: '9', annotator: 'bob' }),
    ],
    { status: 'done', sha256: 'abc', project: PROJECT, source: { file: 'a\\b.txt', n: 1 } },
  );
  doc.relations = [
    { type: 'attributed_to', from: '8', to: '7', annotator: 'alice', uid: RELATION_UID },
    { type: 'x', from: '9', to: '7', annotator: 'bob' },
  ];
  const fragment = (start: number, end: number, text?: string) =>
    text === undefined ? { start, end } : { start, end, text };
  const expected = {
    format: 'marginalia-jsonl/2',
    offset_unit: 'utf16-code-units',
    id: 'karachi "1"',
    title: 'Death toll rises to 47 😀 in Karachi',
    text: HARD_TEXT,
    sha256: 'abc',
    project: PROJECT,
    status: 'done',
    source: { file: 'a\\b.txt', n: 1 },
    spans: [
      {
        id: '7',
        uid: SPAN_UID,
        label: 'Location',
        start: 51,
        end: 56,
        text: 'کراچی',
        fragments: [fragment(51, 56)],
        annotator: 'alice',
        layer: { kind: 'annotator', annotator: ALICE },
        attributes: { normalized: 'Karachi', count: 2, sure: true },
        note: 'city\n\u2028"q"',
        origin: 'manual',
      },
      {
        id: '8',
        uid: GOLD_UID,
        label: 'Claim',
        start: 75,
        end: 101,
        text: 'families were café\u0301 owners',
        fragments: [fragment(75, 83, 'families'), fragment(95, 101, 'owners')],
        annotator: 'alice',
        layer: { kind: 'gold' },
        attributes: {},
        note: null,
        origin: 'suggested',
      },
      {
        id: '9',
        label: 'Other',
        start: 23,
        end: 25,
        text: '😀',
        fragments: [fragment(23, 25)],
        annotator: 'bob',
        attributes: {},
        note: null,
        origin: 'manual',
      },
    ],
    relations: [
      { uid: RELATION_UID, type: 'attributed_to', from: '8', to: '7', annotator: 'alice' },
      { type: 'x', from: '9', to: '7', annotator: 'bob' },
    ],
  };

  it('writes every field, escaped, in the order JSON.stringify of the line object gives', () => {
    const { files } = writeAll(nativeJsonlFormat, [doc], { offsetUnit: 'utf16' });
    expect(files.get('')).toBe(JSON.stringify(expected) + '\n');
    expect(nativeRecord(doc, 'utf16')).toEqual(expected);
  });

  it('leaves out what a document or span does not have, as JSON.stringify leaves out undefined', () => {
    const bare = makeDoc('b', 'At least 47 people', [
      { ...spanOver('At least 47 people', '47', 'Figure'), note: undefined as unknown as null },
    ]);
    const { files } = writeAll(nativeJsonlFormat, [bare, bare], { offsetUnit: 'codepoint' });
    const record = {
      format: 'marginalia-jsonl/2',
      offset_unit: 'code-points',
      id: 'b',
      title: 'At least 47 people',
      text: 'At least 47 people',
      status: 'todo',
      source: {},
      spans: [
        {
          id: 'Figure-9',
          label: 'Figure',
          start: 9,
          end: 11,
          text: '47',
          fragments: [{ start: 9, end: 11 }],
          annotator: 'alice',
          attributes: {},
          origin: 'manual',
        },
      ],
      relations: [],
    };
    expect(files.get('')).toBe(`${JSON.stringify(record)}\n`.repeat(2));
  });

  it('reads its own line back to the same document', () => {
    const { files } = writeAll(nativeJsonlFormat, [doc], { offsetUnit: 'utf8' });
    const { documents, problems } = nativeJsonlFormat.read!([{ path: 'x.jsonl', content: files.get('')! }], {
      defaultAnnotator: 'me',
    });
    expect(problems).toEqual([]);
    expect(documents[0]!.spans.map((s) => [s.key, s.uid, s.gold, s.annotatorUid, s.fragments])).toEqual(
      doc.spans.map((s) => [s.key, s.uid, s.gold, s.annotatorUid, s.fragments]),
    );
    expect(documents[0]!.relations).toEqual(doc.relations);
  });
});
