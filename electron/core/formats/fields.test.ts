import { describe, expect, it } from 'vitest';
import {
  attributesOf,
  idOf,
  jsonLines,
  jsonValueProblem,
  loneSurrogateAt,
  MAX_JSON_DEPTH,
  statusOf,
} from './fields';

describe('small checks of JSON read from files', () => {
  it('takes ids written as strings or finite numbers', () => {
    expect([idOf('T3'), idOf(12), idOf(0), idOf(-1.5)]).toEqual(['T3', '12', '0', '-1.5']);
    expect([idOf(''), idOf(Number.NaN), idOf(Infinity), idOf(null), idOf(true), idOf({})]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('takes only the document statuses the app knows', () => {
    expect([statusOf('todo'), statusOf('in_progress'), statusOf('done')]).toEqual([
      'todo',
      'in_progress',
      'done',
    ]);
    expect([statusOf('Done'), statusOf(''), statusOf(1)]).toEqual([undefined, undefined, undefined]);
  });

  it('keeps text, number and yes/no attribute values and lists the others by name', () => {
    expect(attributesOf({ a: 'x', b: 0, c: false, d: null, e: [1], f: { g: 1 }, h: Number.NaN })).toEqual({
      attributes: { a: 'x', b: 0, c: false },
      rejected: ['d', 'e', 'f', 'h'],
    });
    expect(attributesOf([1, 2])).toEqual({ attributes: {}, rejected: [] });
    expect(attributesOf(undefined)).toEqual({ attributes: {}, rejected: [] });
  });
});

describe('lines of a JSONL file', () => {
  const lines = (content: string) => {
    const errors: [number, string][] = [];
    const values = [...jsonLines(content, (line, message) => errors.push([line, message]))];
    return { values, errors };
  };

  it('numbers lines from 1 across every kind of line end, skipping blank ones and a byte order mark', () => {
    expect(lines('\uFEFF{"a":1}\r\n\n  \r[2]\r"x"').values).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, value: [2] },
      { line: 5, value: 'x' },
    ]);
  });

  it('reports a line that does not parse by its number and goes on', () => {
    const { values, errors } = lines('{"a":1}\n{oops\n3');
    expect(values).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: 3 },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]![0]).toBe(2);
    expect(errors[0]![1]).toMatch(/^not valid JSON: /);
  });

  it('reports a lone surrogate by where it is, and leaves the line out', () => {
    const { values, errors } = lines('{"text":"a\\ud800b"}\n{"ok":1}');
    expect(values).toEqual([{ line: 2, value: { ok: 1 } }]);
    expect(errors).toEqual([
      [
        1,
        '"text" holds a lone surrogate \\ud800 at character 1, which is not a character and cannot be stored; fix the escape in the file',
      ],
    ]);
  });
});

describe('JSON values unfit to store', () => {
  it('names the path of a lone surrogate in a string, a key, a list or a nested object', () => {
    expect(jsonValueProblem('\udc00')).toMatch(/^the record holds a lone surrogate \\udc00 at character 0,/);
    expect(jsonValueProblem({ spans: [{ label: 'ok' }, { label: 'x\ud83d' }] })).toMatch(
      /^"spans\[1\]\.label" holds a lone surrogate \\ud83d at character 1,/,
    );
    expect(jsonValueProblem({ ['k\udfff']: 1 })).toMatch(
      /^"k\udfff" holds a lone surrogate \\udfff at character 1,/,
    );
    expect(jsonValueProblem(['a', ['\ud800']])).toMatch(/^"\[1\]\[0\]" holds a lone surrogate/);
  });

  it('accepts emoji, plain values and nesting up to the limit', () => {
    expect(jsonValueProblem({ text: 'Toll 😀', n: 1, b: null, l: [true] })).toBeUndefined();
    let nested: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH; i++) nested = [nested];
    expect(jsonValueProblem(nested)).toBeUndefined();
  });

  it('refuses nesting past the limit, naming the top-level key it is under', () => {
    let nested: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH; i++) nested = { a: nested };
    expect(jsonValueProblem({ spans: nested })).toBe('"spans" is nested more than 64 levels deep');
    let list: unknown = [];
    for (let i = 0; i < MAX_JSON_DEPTH; i++) list = [list];
    expect(jsonValueProblem({ deep: list })).toBe('"deep" is nested more than 64 levels deep');
  });

  it('finds the first unpaired surrogate, high or low, and none in a pair', () => {
    expect(loneSurrogateAt('ab😀')).toBe(-1);
    expect(loneSurrogateAt('ab\ud83d')).toBe(2);
    expect(loneSurrogateAt('\ude00ab')).toBe(0);
    expect(loneSurrogateAt('😀\ude00')).toBe(2);
    expect(loneSurrogateAt('\ud83d\ud83d\ude00')).toBe(0);
  });
});
