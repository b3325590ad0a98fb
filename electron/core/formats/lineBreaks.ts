/**
 * The line breaks of Python's str.splitlines, which brat's .ann reader uses (docs/formats.md, brat standoff): a span may
 * not cross one in brat, and sentences end at them in CoNLL.
 */
// eslint-disable-next-line no-control-regex -- these control characters are line breaks to Python
export const LINE_BREAK = /[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]/;

/** Offsets of every line break character in `text`. */
export function lineBreakOffsets(text: string): number[] {
  const offsets: number[] = [];
  const all = new RegExp(LINE_BREAK.source, 'g');
  for (const m of text.matchAll(all)) offsets.push(m.index);
  return offsets;
}
