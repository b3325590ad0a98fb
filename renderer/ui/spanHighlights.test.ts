import { describe, expect, it } from 'vitest';
import { focusRules, linkedRules } from './spanHighlights';

describe('span highlight rules', () => {
  it('writes one rule per group, keyed on the span ids', () => {
    expect(linkedRules([3, 5])).toBe(
      '.mg-text [data-span-id="3"],\n.mg-text [data-span-id="5"] { border-top: 2px dotted var(--label); }',
    );
    expect(focusRules({ related: [], candidates: [7], target: 7 })).toBe(
      '.mg-text [data-span-id="7"] { outline: 1px dashed var(--accent); outline-offset: 1px; }\n' +
        '.mg-text [data-span-id="7"] { outline: 3px solid var(--accent); outline-offset: 2px; }',
    );
  });

  it('writes nothing when there is nothing to mark', () => {
    expect(linkedRules([])).toBe('');
    expect(focusRules({ related: [], candidates: [], target: null })).toBe('');
  });
});
