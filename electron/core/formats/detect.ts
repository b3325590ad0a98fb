/** Cheap looks at a file, for telling formats apart without reading them whole. */
import { extensionOf } from './fileNames';
import type { InputFile } from './model';

/** The first non-blank line of a file, whole (a JSONL record may be long), without a BOM. */
export function firstLine(file: InputFile): string {
  const content = file.content.replace(/^\uFEFF/, '');
  let start = 0;
  while (start < content.length) {
    let end = content.indexOf('\n', start);
    if (end === -1) end = content.length;
    const line = content.slice(start, end).trim();
    if (line !== '') return line;
    start = end + 1;
  }
  return '';
}

/** The first line parsed as a JSON object, or undefined. */
export function firstJsonObject(file: InputFile): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(firstLine(file));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export const hasExtension = (file: InputFile, ...extensions: string[]) =>
  extensions.includes(extensionOf(file.path));

/** Longest string value, and most entries per object or array, an outline keeps. */
const OUTLINE_STRING = 200;
const OUTLINE_ENTRIES = 32;
/** Containers nested deeper than this come out empty: detection looks at the top two levels only. */
const OUTLINE_DEPTH = 2;
/** Characters of a line that is not JSON kept for detection (CoNLL's `-DOCSTART-`). */
const OUTLINE_RAW = 65536;

/**
 * The first non-blank line of a file, shortened for detection as it streams past: a JSON line keeps
 * its top two levels with strings cut and long lists cut (still valid JSON), any other line its
 * first 64 K characters. So a record of any length is told apart without holding it whole.
 */
export class FirstLineOutline {
  private out = '';
  private started = false;
  private raw = false;
  private finished = false;
  /** Open containers: closing bracket, entries seen, and whether the output holds them. */
  private readonly stack: { close: string; entries: number; kept: boolean }[] = [];
  private inString = false;
  private stringKept = 0;
  private escape = 0;
  private escapeKept = false;
  /** Depth of a container being skipped (too deep, or entries past the cap); 0: not skipping. */
  private skipDepth = 0;

  /** Feeds the next piece of the file; true once the first line is complete. */
  feed(chunk: string): boolean {
    for (let i = 0; i < chunk.length && !this.finished; i++) this.step(chunk[i]!);
    return this.finished;
  }

  /** The outline so far, containers still open closed, so it parses. */
  text(): string {
    if (this.raw) return this.out;
    return (
      this.out +
      // A string inside a container the outline empties was never written, so it is not closed.
      (this.inString && this.keeps() ? '"' : '') +
      [...this.stack]
        .reverse()
        .map((c) => c.close)
        .join('')
    );
  }

  /** Whether what comes next is written out: not skipped, and its container is kept. */
  private keeps(): boolean {
    return this.skipDepth === 0 && (this.stack.at(-1)?.kept ?? true);
  }

  private step(c: string): void {
    if (!this.started) {
      if (c.trim() === '' || c === '\uFEFF') return;
      this.started = true;
      this.raw = c !== '{' && c !== '[';
    }
    if (this.raw) {
      if (c === '\n' || c === '\r' || this.out.length >= OUTLINE_RAW) this.finished = true;
      else this.out += c;
      return;
    }
    const keep = this.keeps();
    if (this.inString) {
      // An escape sequence is kept or dropped whole, as its backslash was, so a cut string parses.
      if (this.escape > 0) {
        this.escape = c === 'u' && this.escape === 1 ? 4 : this.escape - 1;
        if (keep && this.escapeKept) this.out += c;
        return;
      }
      if (c === '"') this.inString = false;
      else if (c === '\\') {
        this.escape = 1;
        this.escapeKept = this.stringKept < OUTLINE_STRING;
        if (!this.escapeKept) return;
      } else if (this.stringKept >= OUTLINE_STRING) return;
      if (keep) this.out += c;
      this.stringKept++;
      return;
    }
    if (c === '\n' || c === '\r') {
      this.finished = true;
      return;
    }
    if (c.trim() === '') return;
    if (c === '"') {
      this.inString = true;
      this.stringKept = 0;
      if (keep) this.out += c;
      return;
    }
    if (this.skipDepth > 0) {
      if (c === '{' || c === '[') this.skipDepth++;
      else if (c === '}' || c === ']') this.skipDepth--;
      if (this.skipDepth > 0) return;
      // The skipped run ended by closing its container: that container closes here too.
    }
    if (c === '{' || c === '[') {
      const kept = keep && this.stack.length < OUTLINE_DEPTH;
      if (keep) this.out += c;
      this.stack.push({ close: c === '{' ? '}' : ']', entries: 0, kept });
      return;
    }
    if (c === '}' || c === ']') {
      const closed = this.stack.pop();
      if (closed && (this.stack.at(-1)?.kept ?? true)) this.out += closed.close;
      if (this.stack.length === 0) this.finished = true;
      return;
    }
    if (c === ',') {
      const top = this.stack.at(-1);
      if (top && ++top.entries >= OUTLINE_ENTRIES) {
        this.skipDepth = 1;
        return;
      }
    }
    if (keep) this.out += c;
  }
}
