import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstLineOutline, firstJsonObject, firstLine, hasExtension } from './detect';

/** Feeds `content` in the given chunk sizes; the outline of its first line. */
function outline(content: string, sizes: readonly number[] = [content.length]): string {
  const scan = new FirstLineOutline();
  let at = 0;
  for (const size of [...sizes, content.length]) {
    if (scan.feed(content.slice(at, at + Math.max(1, size)))) break;
    at += Math.max(1, size);
    if (at >= content.length) break;
  }
  return scan.text();
}

describe('the outline of a first line', () => {
  it('keeps top-level keys and short values of a record of any length, as valid JSON', () => {
    const text = `"quoted" \\ ${'x'.repeat(100_000)}`;
    const line = JSON.stringify({ format: 'marginalia-jsonl/2', text, spans: [{ a: [1, 2] }], n: 3 });
    const parsed = JSON.parse(outline(`\n\n${line}\n{"next":1}`)) as Record<string, unknown>;
    expect(parsed.format).toBe('marginalia-jsonl/2');
    expect(parsed.n).toBe(3);
    expect(parsed.spans).toEqual([{}]);
    expect(String(parsed.text).startsWith('"quoted" \\ xxx')).toBe(true);
    expect(String(parsed.text).length).toBeLessThan(300);
  });

  it('parses whatever the chunk boundaries, escapes and surrogate pairs included', () => {
    const record = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(record, fc.array(fc.integer({ min: 1, max: 7 })), (value, sizes) => {
        const line = JSON.stringify(value);
        const parsed = JSON.parse(outline(line, sizes)) as Record<string, unknown>;
        expect(Object.keys(parsed).sort()).toEqual(Object.keys(value).slice(0, 32).sort());
      }),
    );
  });

  it('keeps the start of a line that is not JSON', () => {
    expect(outline('  -DOCSTART- -X- O O\nEU B-ORG\n')).toBe('-DOCSTART- -X- O O');
  });
});

const file = (content: string, path = 'a.jsonl') => ({ path, content });
const numbers = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('the first line of a file', () => {
  it('skips blank lines, a byte order mark and the spaces around it', () => {
    expect(firstLine(file('\uFEFF\n  \r\n\t{"a":1}  \r\nnext'))).toBe('{"a":1}');
    expect(firstLine(file('only line'))).toBe('only line');
    expect(firstLine(file(' \n\n '))).toBe('');
    expect(firstLine(file(''))).toBe('');
  });

  it('keeps a byte order mark that is not at the start, and a long line whole', () => {
    expect(firstLine(file('a\uFEFFb\nc'))).toBe('a\uFEFFb');
    const long = 'x'.repeat(100_000);
    expect(firstLine(file(`${long}\ny`))).toBe(long);
  });

  it('reads the first line as a JSON object only when it is one', () => {
    expect(firstJsonObject(file('\n{"format":"x","n":[1]}\n{"b":2}'))).toEqual({ format: 'x', n: [1] });
    expect(firstJsonObject(file('[{"a":1}]'))).toBeUndefined();
    expect(firstJsonObject(file('null'))).toBeUndefined();
    expect(firstJsonObject(file('"text"'))).toBeUndefined();
    expect(firstJsonObject(file('{"a":'))).toBeUndefined();
    expect(firstJsonObject(file(''))).toBeUndefined();
  });

  it('tells extensions apart whatever their case', () => {
    expect(hasExtension(file('', 'dir.v2/News.TXT'), 'txt')).toBe(true);
    expect(hasExtension(file('', 'a.conll'), 'bio', 'conll')).toBe(true);
    expect(hasExtension(file('', 'a.txt.json'), 'txt')).toBe(false);
    expect(hasExtension(file('', 'txt'), 'txt')).toBe(false);
  });
});

describe('what the outline keeps', () => {
  it('starts after blanks and a byte order mark, drops spaces between tokens, and stops at the line end', () => {
    const scan = new FirstLineOutline();
    expect(scan.feed('\uFEFF \n\t{ "a" : [ 1 , 2 ] ,')).toBe(false);
    expect(scan.text()).toBe('{"a":[1,2],}');
    expect(scan.feed(' "b" : "x y"\r\n{"c":3}')).toBe(true);
    expect(scan.text()).toBe('{"a":[1,2],"b":"x y"}');
    expect(scan.feed('{"d":4}')).toBe(true);
    expect(scan.text()).toBe('{"a":[1,2],"b":"x y"}');
  });

  it('ends an unclosed JSON line at a line feed or a carriage return', () => {
    const scan = new FirstLineOutline();
    expect(scan.feed('{"a":1\n,"b":2}')).toBe(true);
    expect(scan.text()).toBe('{"a":1}');
    const cr = new FirstLineOutline();
    expect(cr.feed('{"a":1\r,"b":2}')).toBe(true);
    expect(cr.text()).toBe('{"a":1}');
  });

  it('can be read part way and fed on', () => {
    const scan = new FirstLineOutline();
    scan.feed('{"a":[1');
    expect(scan.text()).toBe('{"a":[1]}');
    scan.feed(',2]');
    expect(scan.text()).toBe('{"a":[1,2]}');
    scan.feed(',"b":3}');
    expect(scan.text()).toBe('{"a":[1,2],"b":3}');
  });

  it('skips nested lists and objects past the 32nd entry and goes on after them', () => {
    const line = `{"a":[${numbers(32).join(',')},[1,[2]],{"x":{"y":[]}},5],"b":1}`;
    expect(JSON.parse(outline(line))).toEqual({ a: numbers(32), b: 1 });
  });

  it('ends a JSON line where its value closes, even without a line break', () => {
    const scan = new FirstLineOutline();
    expect(scan.feed('[1]{"b":2}')).toBe(true);
    expect(scan.text()).toBe('[1]');
  });

  it('closes an open string and containers so a cut line still parses', () => {
    const scan = new FirstLineOutline();
    scan.feed('{"a":[{"b":"unfinish');
    expect(scan.text()).toBe('{"a":[{}]}');
    const top = new FirstLineOutline();
    top.feed('{"a":"unfinish');
    expect(top.text()).toBe('{"a":"unfinish"}');
    const skipping = new FirstLineOutline();
    skipping.feed(`[${numbers(32).join(',')},"unfinish`);
    expect(JSON.parse(skipping.text())).toEqual(numbers(32));
  });

  it('keeps the top two levels and empties containers below them', () => {
    expect(outline('{"a":{"b":{"c":1,"d":[2]}},"s":[[1,2],{"x":"y"}],"n":null}')).toBe(
      '{"a":{"b":{}},"s":[[],{}],"n":null}',
    );
  });

  it('keeps 200 characters of a string, an escape whole or not at all', () => {
    const cut = (body: string) => JSON.parse(outline(JSON.stringify({ t: body }))) as { t: string };
    expect(cut('y'.repeat(300)).t).toBe('y'.repeat(200));
    expect(cut('y'.repeat(200)).t).toBe('y'.repeat(200));
    expect(cut(`${'y'.repeat(199)}\nzz`).t).toBe(`${'y'.repeat(199)}\n`);
    expect(cut(`${'y'.repeat(200)}\nzz`).t).toBe('y'.repeat(200));
    expect(cut(`${'y'.repeat(199)}\u0001zz`).t).toBe(`${'y'.repeat(199)}\u0001`);
    expect(outline('{"t":"a\\u00e9b\\"c"}')).toBe('{"t":"a\\u00e9b\\"c"}');
  });

  it('keeps 32 entries of a list or object and skips the rest, brackets in skipped strings included', () => {
    expect(JSON.parse(outline(JSON.stringify(numbers(32))))).toEqual(numbers(32));
    expect(JSON.parse(outline(JSON.stringify(numbers(40))))).toEqual(numbers(32));
    const skipped = `[${numbers(32).join(',')},[1,[2,"]"]],"]\\"[",{"a":[]},9]`;
    const scan = new FirstLineOutline();
    expect(scan.feed(`${skipped}\n`)).toBe(true);
    expect(JSON.parse(scan.text())).toEqual(numbers(32));
    const record = Object.fromEntries(numbers(33).map((i) => [`k${i}`, i]));
    expect(
      Object.keys(JSON.parse(outline(`{"first":${JSON.stringify(record)},"after":1}`)) as object),
    ).toEqual(['first', 'after']);
    expect(Object.keys(JSON.parse(outline(JSON.stringify(record))) as object)).toHaveLength(32);
  });

  it('counts entries per list, not over the whole line', () => {
    const value = { a: numbers(20), b: numbers(20) };
    expect(JSON.parse(outline(JSON.stringify(value)))).toEqual(value);
  });

  it('keeps 64 K characters of a line that is not JSON, ended by either line break', () => {
    expect(outline('x'.repeat(70_000))).toHaveLength(65_536);
    expect(outline('-DOCSTART-\rEU B-ORG')).toBe('-DOCSTART-');
    const scan = new FirstLineOutline();
    expect(scan.feed('EU B-ORG')).toBe(false);
    expect(scan.text()).toBe('EU B-ORG');
  });
});
