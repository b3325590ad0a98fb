import { describe, expect, it } from 'vitest';
import type { Span } from '../../../electron/contract/types';
import { DEFAULT_SCHEMA } from '../../../electron/core/schema';
import { candidateAt, linkCandidates, linkOptions } from './linking';

const span = (id: number, label: string, start: number, end: number): Span => ({
  id,
  documentId: 1,
  annotator: 'a',
  label,
  start,
  end,
  fragments: [{ start, end }],
  attributes: {},
  note: null,
  origin: 'manual',
});

const hedge = span(1, 'Hedge', 10, 20);
const nearClaim = span(2, 'Claim', 25, 60);
const farClaim = span(3, 'Claim', 200, 260);
const figure = span(4, 'Figure', 30, 40);
const location = span(5, 'Location', 100, 110);

describe('linking spans', () => {
  it('offers the one outgoing type when it fits, and incoming types otherwise', () => {
    expect(
      linkOptions(DEFAULT_SCHEMA, [], hedge, nearClaim).map((o) => [o.type, o.from.id, o.to.id]),
    ).toEqual([['scopes', 1, 2]]);
    expect(
      linkOptions(DEFAULT_SCHEMA, [], location, nearClaim).map((o) => [o.type, o.from.id, o.to.id]),
    ).toEqual([['attributed_to', 2, 5]]);
    expect(linkOptions(DEFAULT_SCHEMA, [], hedge, figure)).toEqual([]);
  });

  it('leaves out relations that already exist', () => {
    const existing = [{ id: 9, documentId: 1, type: 'scopes', fromSpan: 1, toSpan: 2, annotator: 'a' }];
    expect(linkOptions(DEFAULT_SCHEMA, existing, hedge, nearClaim).map((o) => o.type)).toEqual([
      'attributed_to',
    ]);
  });

  it('lists candidates nearest first, and a click inside a candidate picks it', () => {
    const spans = [hedge, nearClaim, figure, location, farClaim];
    expect(linkCandidates(DEFAULT_SCHEMA, [], spans, hedge).map((s) => s.id)).toEqual([2, 3]);
    expect(candidateAt([nearClaim, farClaim], figure)).toBe(nearClaim);
    expect(candidateAt([nearClaim, farClaim], location)).toBeNull();
  });
});
