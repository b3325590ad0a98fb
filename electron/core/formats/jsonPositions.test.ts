import { describe, expect, it } from 'vitest';
import { arrayElements, parseErrorLine } from './jsonPositions';

/** What each element covers, with its line: the oracle is the text written out by hand. */
const covered = (content: string) =>
  arrayElements(content).map((e) => [e.line, content.slice(e.start, e.end)]);

describe('where each element of a JSON array is', () => {
  it('gives each element its first line and exactly its text', () => {
    const content = '[{"a":1},\n{"b":2}]';
    expect(arrayElements(content)).toEqual([
      { line: 1, start: 1, end: 8 },
      { line: 2, start: 10, end: 17 },
    ]);
  });

  it('counts lines inside strings and nested values, and lets brackets and escaped quotes in strings be', () => {
    const content =
      '[\n  {"text": "a ] } [ { \\" , b\\nc\\\\"},\n  {"spans": [1,\n 2], "o": {"x": [3]}},\n  "last"\n]';
    expect(covered(content)).toEqual([
      [2, '{"text": "a ] } [ { \\" , b\\nc\\\\"}'],
      [3, '{"spans": [1,\n 2], "o": {"x": [3]}}'],
      [5, '"last"\n'],
    ]);
  });

  it('a string with a raw line break moves the following elements down', () => {
    expect(covered('["a\nb",\n7]')).toEqual([
      [1, '"a\nb"'],
      [3, '7'],
    ]);
  });

  it('takes numbers, nested arrays and an element after a blank line', () => {
    expect(covered('[1 ,[2,[3]],\n\n  {}]')).toEqual([
      [1, '1 '],
      [1, '[2,[3]]'],
      [3, '{}'],
    ]);
  });

  it('finds no elements in an empty array or in JSON that is no array', () => {
    expect(arrayElements('[ \n ]')).toEqual([]);
    expect(arrayElements('{"a": [1, 2], "b": 3}')).toEqual([]);
    expect(arrayElements('"[1, 2]"')).toEqual([]);
    expect(arrayElements('')).toEqual([]);
  });

  it('finds no element after a trailing comma or an opening bracket at the end of a cut-off file', () => {
    expect(covered('[1,')).toEqual([[1, '1']]);
    expect(arrayElements('[')).toEqual([]);
  });

  it('lets a cut-off last element run to the end of the file past its closed inner lists', () => {
    expect(covered('[{"a":[1]} , {"b": [2]')).toEqual([
      [1, '{"a":[1]} '],
      [1, '{"b": [2]'],
    ]);
  });

  it('lets the last element of a cut-off file run to its end', () => {
    expect(covered('[{"a":1},\n{"b": [')).toEqual([
      [1, '{"a":1}'],
      [2, '{"b": ['],
    ]);
  });
});

describe('the line of a JSON syntax error', () => {
  const content = '[\n{"a":1},\n{"b":}\n]';

  it('takes the line a parser states', () => {
    expect(parseErrorLine(content, new Error('Unexpected token (line 12 column 14)'))).toBe(12);
  });

  it('turns a stated position into its line', () => {
    expect(parseErrorLine('[1,\n2,\n\n3 4]', new Error('Unexpected number in JSON at position 10'))).toBe(4);
    expect(
      parseErrorLine('[1,\n2', new Error("Expected ',' or ']' after array element in JSON at position 5")),
    ).toBe(2);
    expect(parseErrorLine('[1,2]', new Error('Unexpected end of JSON input at position 0'))).toBe(1);
    expect(parseErrorLine('[1,\n2 3,\n4]', new Error('Unexpected number in JSON at position 6'))).toBe(2);
  });

  it('without a position, names the line of the first element that does not parse', () => {
    let error = new Error('none');
    try {
      JSON.parse(content);
    } catch (thrown) {
      error = thrown as Error;
    }
    expect(parseErrorLine(content, error)).toBe(3);
    expect(parseErrorLine('[{"a":1},\n\n{"b":2},\n{c}]', new Error('Unexpected token'))).toBe(4);
  });

  it('has no line to give when every element parses on its own', () => {
    expect(parseErrorLine('[1, 2]', new Error('Unexpected token'))).toBeUndefined();
    expect(parseErrorLine('{"a": }', new Error('Unexpected token'))).toBeUndefined();
    // A top-level object has no elements: its entries are no lines to blame.
    expect(parseErrorLine('{"a": 1,\n "b": 2,\n "c": }', new Error('Unexpected token'))).toBeUndefined();
  });
});
