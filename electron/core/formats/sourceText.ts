/**
 * A document text as a reader found it (not yet newline-normalised), and the one place readers turn
 * the offsets a file states into fragments of the normalised text: unit conversion, the CRLF shift,
 * and the checks that refuse a span rather than move it.
 */
import { normaliseNewlines, type NewlineStyle } from '../newlines';
import { offsetMap, type OffsetMap, type OffsetUnit } from '../offsets';
import { fragmentsProblem, type Fragment } from '../spans';

export type Located = { fragments: Fragment[]; rawTexts: string[] } | { problem: string };

export class SourceText {
  /** The text with CRLF and CR turned into LF. */
  readonly text: string;
  readonly newlines: NewlineStyle;
  private readonly toNormalised: (rawOffset: number) => number | null;
  private rawMap: OffsetMap | undefined;

  constructor(readonly raw: string) {
    const normalised = normaliseNewlines(raw);
    this.text = normalised.text;
    this.newlines = normalised.newlines;
    this.toNormalised = normalised.toNormalised;
  }

  /**
   * Fragments stated in `unit` over the raw text, as UTF-16 fragments of the normalised text, with the
   * raw text each covers (for comparing with the text a file states); or why they cannot be a span.
   */
  locate(stated: readonly Fragment[], unit: OffsetUnit): Located {
    this.rawMap ??= offsetMap(this.raw);
    const size = this.rawMap.length(unit);
    const fragments: Fragment[] = [];
    const rawTexts: string[] = [];
    for (const { start, end } of stated) {
      if (!Number.isInteger(start) || !Number.isInteger(end))
        return { problem: `offsets ${start}-${end} are not whole numbers` };
      if (start < 0 || end > size || start > end)
        return { problem: `range ${start}-${end} is outside the text (length ${size} ${unitWords[unit]})` };
      const rawStart = this.rawMap.toUtf16(start, unit);
      const rawEnd = this.rawMap.toUtf16(end, unit);
      if (rawStart === null || rawEnd === null)
        return { problem: `range ${start}-${end} splits a character (offsets in ${unitWords[unit]})` };
      const from = this.toNormalised(rawStart);
      const to = this.toNormalised(rawEnd);
      if (from === null || to === null) return { problem: `range ${start}-${end} splits a CRLF line break` };
      fragments.push({ start: from, end: to });
      rawTexts.push(this.raw.slice(rawStart, rawEnd));
    }
    const problem = fragmentsProblem(this.text, fragments);
    return problem ? { problem } : { fragments, rawTexts };
  }
}

const unitWords: Record<OffsetUnit, string> = {
  utf16: 'UTF-16 code units',
  codepoint: 'code points',
  utf8: 'UTF-8 bytes',
};

/** Why the text a file states for a span differs from what its offsets cover, or `null` if it agrees. */
export function statedTextProblem(stated: string, covered: string): string | null {
  if (stated === covered || stated === covered.replace(/\r\n?/g, '\n')) return null;
  return `its text ${JSON.stringify(clip(stated))} differs from the text at its offsets ${JSON.stringify(clip(covered))}`;
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
