import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../../../electron/core/schema';
import {
  acceptText,
  acceptedText,
  initialForm,
  keptText,
  majority,
  ruleOf,
  type RuleForm,
} from './autoAcceptForm';

/** The default schema's form with some choices changed. */
const form = (k: string, change: Record<string, { chosen?: boolean; ownK?: string }> = {}): RuleForm => {
  const start = initialForm(DEFAULT_SCHEMA, 3);
  return {
    k,
    choices: start.choices.map((c) => ({ ...c, ...change[c.key] })),
  };
};

describe('the auto-accept form', () => {
  it('opens on a majority of the annotators with every span label and relation type chosen', () => {
    expect([1, 2, 3, 4, 5].map(majority)).toEqual([1, 2, 2, 3, 3]);
    const opened = initialForm(DEFAULT_SCHEMA, 3);
    expect(opened.k).toBe('2');
    expect(opened.choices.map((c) => [c.key, c.kind, c.chosen])).toEqual([
      ['Claim', 'label', true],
      ['Figure', 'label', true],
      ['Location', 'label', true],
      ['Hedge', 'label', true],
      ['scopes', 'relation', true],
      ['in', 'relation', true],
      ['attributed_to', 'relation', true],
    ]);
  });

  it('leaves document labels out: the rule accepts spans and relations', () => {
    const schema = {
      ...DEFAULT_SCHEMA,
      labels: [
        ...DEFAULT_SCHEMA.labels,
        { ...DEFAULT_SCHEMA.labels[0]!, key: 'Genre', name: 'Genre', kind: 'document' as const },
      ],
    };
    expect(initialForm(schema, 3).choices.map((c) => c.key)).not.toContain('Genre');
  });

  it('builds the rule with labels only when some are left out, and per-label k only where it differs', () => {
    expect(ruleOf(form('2'), 3)).toEqual({ rule: { k: 2 }, problem: null });
    expect(ruleOf(form(' 3 ', { Figure: { ownK: '3' } }), 3)).toEqual({ rule: { k: 3 }, problem: null });
    expect(
      ruleOf(form('2', { Claim: { chosen: false }, Figure: { ownK: '3' }, Hedge: { ownK: '1' } }), 3),
    ).toEqual({
      rule: {
        k: 2,
        labels: ['Figure', 'Location', 'Hedge', 'scopes', 'in', 'attributed_to'],
        perLabel: { Figure: 3, Hedge: 1 },
      },
      problem: null,
    });
    // A label left out keeps no k of its own in the rule.
    expect(ruleOf(form('2', { Claim: { chosen: false, ownK: '3' } }), 3).rule).toEqual({
      k: 2,
      labels: ['Figure', 'Location', 'Hedge', 'scopes', 'in', 'attributed_to'],
    });
  });

  it('says why a form builds no rule', () => {
    for (const k of ['', '0', '4', '1.5', '-1', 'two'])
      expect(ruleOf(form(k), 3)).toEqual({ rule: null, problem: 'k must be a whole number from 1 to 3.' });
    expect(ruleOf(form('2', { Figure: { ownK: '5' } }), 3).problem).toBe(
      'The k of Figure must be a whole number from 1 to 3, or be left empty.',
    );
    const none = Object.fromEntries(
      initialForm(DEFAULT_SCHEMA, 3).choices.map((c) => [c.key, { chosen: false }]),
    );
    expect(ruleOf(form('2', none), 3).problem).toBe('Choose at least one label or relation type.');
    expect(ruleOf(form('2'), 1).problem).toBe('k must be 1 (there is one annotator).');
    expect(ruleOf(form('1'), 0).problem).toBe('No annotator has drawn a span yet: nothing to accept.');
  });

  it('words the counts with thousands separators', () => {
    const counts = { labels: { Claim: 1200, Figure: 33 }, relations: 1, accepted: 1234, keptManual: 1 };
    expect(acceptText(counts)).toBe('Accept 1,234 places into gold');
    expect(acceptText({ ...counts, accepted: 1 })).toBe('Accept 1 place into gold');
    expect(acceptText({ ...counts, accepted: 0 })).toBe('Nothing to accept');
    expect(keptText(counts)).toBe('1 place decided by a reviewer is left as decided.');
    expect(keptText({ ...counts, keptManual: 2 })).toBe(
      '2 places decided by a reviewer are left as decided.',
    );
    expect(acceptedText(counts, (l) => l.toUpperCase())).toBe(
      'Auto-accepted 1,233 spans (CLAIM 1,200, FIGURE 33) and 1 relation into gold. ' +
        '1 place decided by a reviewer was left as decided. ' +
        'Ctrl+Z in a document’s gold layer takes that document’s part back.',
    );
    expect(acceptedText({ ...counts, keptManual: 0 }, (l) => l)).not.toContain('decided by a reviewer');
  });
});
