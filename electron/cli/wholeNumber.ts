/**
 * The one parser of the CLI's whole-number options (--per-document, --seed, --offset, --limit,
 * --auto-accept, --labels X=K, --port): digits only, within a range, else a sentence naming the
 * option, the range and what was typed.
 */
import { UserError } from '../core/errors';

export interface WholeNumberRule {
  /** The smallest value allowed (0 unless said). */
  min?: number;
  /** The largest value allowed, if any. */
  max?: number;
  /** What it counts, after "a whole number" ("of annotators"). */
  of?: string;
  /** What was left untouched, after the sentence ("nothing was changed"). */
  untouched?: string;
}

/** `raw` (the option's text) as a whole number within the rule, or a UserError in words. */
export function wholeNumber(flag: string, raw: string, rule: WholeNumberRule = {}): number {
  const { min = 0, max, of, untouched } = rule;
  const value = Number(raw.trim());
  if (
    /^\d+$/.test(raw.trim()) &&
    Number.isSafeInteger(value) &&
    value >= min &&
    (max === undefined || value <= max)
  )
    return value;
  const range = max !== undefined ? ` from ${min} to ${max}` : min > 0 ? ` (${min} or more)` : '';
  throw new UserError(
    `${flag} takes a whole number${of ? ` ${of}` : ''}${range}, not "${raw}"${untouched ? `; ${untouched}` : ''}`,
  );
}
