import { describe, expect, it } from 'vitest';
import { attributeProblem, fittingAttributes, parseNumberInput } from './attributes';
import { DEFAULT_SCHEMA, type LabelDef } from './schema';

const label = (key: string): LabelDef => DEFAULT_SCHEMA.labels.find((l) => l.key === key)!;

describe('attribute values against the schema', () => {
  it('accepts a value of each type that fits', () => {
    expect(attributeProblem(label('Figure'), 'value', 47)).toBeNull();
    expect(attributeProblem(label('Figure'), 'approximate', true)).toBeNull();
    expect(attributeProblem(label('Figure'), 'category', 'casualties')).toBeNull();
    expect(attributeProblem(label('Claim'), 'source', 'police')).toBeNull();
    expect(attributeProblem(label('Claim'), 'source', null)).toBeNull();
  });

  it('names what is wrong with a value that does not fit', () => {
    expect(attributeProblem(label('Figure'), 'value', '47')).toBe('value must be a number');
    expect(attributeProblem(label('Figure'), 'value', Number.NaN)).toBe('value must be a number');
    expect(attributeProblem(label('Figure'), 'approximate', 'yes')).toBe('approximate must be true or false');
    expect(attributeProblem(label('Claim'), 'verified', 'maybe')).toBe(
      'verified must be one of "yes", "no", "unclear"',
    );
    expect(attributeProblem(label('Claim'), 'source', 3)).toBe('source must be text');
    expect(attributeProblem(label('Hedge'), 'colour', 'red')).toBe('Hedge has no attribute "colour"');
  });

  it('keeps only the attributes a label still defines with fitting values', () => {
    expect(
      fittingAttributes(label('Figure'), { value: 3, category: 'gone', approximate: 'no', other: 1 }),
    ).toEqual({ value: 3 });
    expect(fittingAttributes(undefined, { value: 3 })).toEqual({});
  });

  it('reads numbers as annotators type them', () => {
    expect(parseNumberInput(' 47 ')).toBe(47);
    expect(parseNumberInput('1,200')).toBe(1200);
    expect(parseNumberInput('-2.5')).toBe(-2.5);
    expect(parseNumberInput('47 people')).toBeNull();
    expect(parseNumberInput('')).toBeNull();
    expect(parseNumberInput('1e999')).toBeNull();
  });
});
