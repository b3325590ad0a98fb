import { describe, expect, it } from 'vitest';
import { EXAMPLES_PER_KIND, LossReport } from './lossReport';

describe('LossReport', () => {
  it('counts per kind, keeps a few examples, and renders JSON and text', () => {
    const report = new LossReport();
    for (let i = 0; i < 8; i++) report.add('overlap', 'BIO cannot hold overlaps', `doc-${i}`, `Claim ${i}`);
    report.add('relations', 'no relations', 'doc-1', 'scopes: 1 -> 2');
    const json = JSON.parse(report.toJson('conll'));
    expect(json.lossless).toBe(false);
    expect(json.losses[0]).toMatchObject({ kind: 'overlap', count: 8 });
    expect(json.losses[0].examples).toHaveLength(EXAMPLES_PER_KIND);
    const text = report.toText('conll');
    expect(text).toContain('overlap (8): BIO cannot hold overlaps');
    expect(text).toContain('  - doc-0: Claim 0');
    expect(text).toContain('… and 3 more');
    expect(text).toContain('relations (1)');
  });

  it('says so when nothing was lost', () => {
    const report = new LossReport();
    expect(report.isEmpty).toBe(true);
    expect(report.toText('jsonl')).toBe('Export to jsonl: nothing was lost.\n');
    expect(JSON.parse(report.toJson('jsonl'))).toEqual({ format: 'jsonl', lossless: true, losses: [] });
  });
});
