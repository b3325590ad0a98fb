/**
 * The title of an article read from a plain-text file. News text files usually open with a headline
 * and a blank line; when they open with a dateline, a kicker or the body itself, that line is no title
 * and the file name is a better one.
 */
import { titleFromText } from './text';

/** The longest title a user may give a document (renaming); imported titles are cut at 120. */
export const TITLE_MAX = 200;

/** Longer first lines are body text, not a headline (the longest sample headline is 86). */
export const HEADLINE_MAX = 150;

/**
 * A wire dateline: a place in capitals, optionally a date and an agency in parentheses, then a dash —
 * "KARACHI, March 3 (Reuters) -", "LONDON —", "WASHINGTON (AP) —".
 */
const DATELINE = /^\p{Lu}[\p{Lu}\p{M} .'’-]*(?:,[^—–\n]{0,40}?)?\s*(?:\([^)\n]*\)\s*)?[—–-]{1,2}(?:\s|$)/u;

/**
 * Why the first non-blank line of `text` is not a headline, or null when it is one. It is one when it
 * is at most HEADLINE_MAX characters, is followed by a blank line (or nothing), does not end like a
 * sentence or clause (. , ; :), is not a dateline, and is not a kicker (a line of at most three words
 * in capitals only, such as PRESS RELEASE).
 */
export function notAHeadline(text: string): string | null {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.trim() !== '');
  if (at < 0) return 'the text is blank';
  const line = lines[at]!.trim();
  const after = lines[at + 1];
  if (line.length > HEADLINE_MAX) return 'the first line is too long for a headline';
  if (after !== undefined && after.trim() !== '') return 'the first line runs on into the next';
  if (/[.,;:]$/.test(line)) return 'the first line ends like a sentence';
  if (DATELINE.test(line)) return 'the first line is a dateline';
  // Capitals and no lower case; a script without case (Urdu) is never a kicker.
  const shouts = /\p{Lu}/u.test(line) && !/\p{Ll}/u.test(line);
  if (shouts && line.split(/\s+/).length <= 3) return 'the first line is a kicker';
  return null;
}

/** The first line when it is a headline (shortened as titleFromText does), else `fallback`. */
export function headlineTitle(text: string, fallback: string): string {
  return notAHeadline(text) === null ? titleFromText(text, fallback) : fallback;
}

/**
 * Whether the text opens with the title as its own first line: the screen then shows the title once,
 * in the text, and keeps the heading for screen readers only.
 */
export function opensWithTitle(text: string, title: string): boolean {
  const start = text.search(/\S/);
  if (start < 0 || !text.startsWith(title, start)) return false;
  const end = start + title.length;
  return end === text.length || /^[ \t]*\n/.test(text.slice(end, end + 100));
}
