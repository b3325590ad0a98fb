import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstLineOutline } from './detect';

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
