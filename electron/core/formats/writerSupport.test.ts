/** The loss entries every writer shares: what a format cannot hold is counted, kind by kind, never dropped silently. */
import { describe, expect, it } from 'vitest';
import { LossReport } from './lossReport';
import { makeDoc, spanOver } from './testkit';
import { describeSpan, reportFixedUnit, reportUnheld, UnitText } from './writerSupport';

const text = 'Officials said 12 people 😀 were killed in Kervadi, the ministry reportedly denied it.';
const doc = makeDoc(
  'd1',
  text,
  [
    spanOver(text, '12 people', 'Figure', { attributes: { value: 12 }, note: 'exact' }),
    spanOver(text, 'Officials...said', 'Hedge', { annotator: 'bob', origin: 'suggested' }),
    spanOver(text, 'Kervadi', 'Location'),
  ],
  { status: 'done' },
);
doc.relations = [{ type: 'in', from: doc.spans[0]!.key, to: doc.spans[2]!.key, annotator: 'alice' }];

const report = (holds: Parameters<typeof reportUnheld>[3]) => {
  const loss = new LossReport();
  reportUnheld(loss, 'Format X', doc, holds);
  return loss.list();
};

describe('reportUnheld', () => {
  it('counts each attribute, note, suggestion, discontinuous span, relation, status and annotator mix', () => {
    const entries = report({});
    expect(Object.fromEntries(entries.map((e) => [e.kind, e.count]))).toEqual({
      'document-status': 1,
      attributes: 1,
      notes: 1,
      discontinuous: 1,
      suggestions: 1,
      relations: 1,
      annotators: 1,
    });
    const example = (kind: string) => entries.find((e) => e.kind === kind)!.examples[0]!.detail;
    expect(example('attributes')).toBe('Figure "12 people" at 15-24 (alice): {"value":12}');
    expect(example('notes')).toBe('Figure "12 people" at 15-24 (alice): "exact"');
    expect(example('suggestions')).toBe('Hedge "Officials said" at 0-14 (bob)');
    expect(example('annotators')).toBe('alice, bob');
    expect(example('document-status')).toBe('done');
    for (const entry of entries) expect(entry.message).toMatch(/^Format X /);
  });

  it('reports nothing a format holds, and no annotator mix for one annotator', () => {
    const all = {
      attributes: true,
      notes: true,
      relations: true,
      discontinuous: true,
      origin: true,
      annotators: true,
      status: true,
    };
    expect(report(all)).toEqual([]);
    const single = makeDoc('d2', text, [spanOver(text, 'Kervadi', 'Location')]);
    const loss = new LossReport();
    reportUnheld(loss, 'Format X', single, {});
    expect(loss.list()).toEqual([]);
  });
});

describe('describeSpan and UnitText', () => {
  it('shortens a long covered text to 47 characters and an ellipsis', () => {
    const long = spanOver(text, 'Officials said 12 people 😀 were killed in Kervadi, the ministry', 'Claim');
    expect(describeSpan(text, long)).toBe(`Claim "${text.slice(0, 47)}..." at 0-64 (alice)`);
    const fifty = spanOver(text, text.slice(0, 50), 'Claim');
    expect(describeSpan(text, fifty)).toBe(`Claim "${text.slice(0, 50)}" at 0-50 (alice)`);
  });

  it('refuses an offset inside a character rather than writing a shifted one', () => {
    const emoji = text.indexOf('😀'); // 25 ASCII characters before it
    const at = new UnitText(text, 'utf8');
    expect(at.at(emoji + 2)).toBe(25 + 4);
    expect(() => at.at(emoji + 1)).toThrow(`offset ${emoji + 1} is not a boundary of its text`);
    expect(() => new UnitText(text, 'codepoint').at(emoji + 1)).toThrow('is not a boundary of its text');
  });

  it('says once when the format fixes the unit, and not when asked for that unit', () => {
    const loss = new LossReport();
    reportFixedUnit(loss, 'Label Studio', 'utf8', 'utf16');
    reportFixedUnit(loss, 'Label Studio', 'utf16', 'utf16');
    expect(loss.list().map((e) => [e.kind, e.count, e.examples[0]!.detail])).toEqual([
      ['offset-unit', 1, 'asked utf8, wrote utf16'],
    ]);
  });
});
