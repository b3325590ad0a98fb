/**
 * Finding text in a document: plain or regular-expression search, optionally whole words and case
 * sensitive, with a snippet of context around each match. Used by document and project search and
 * by "label all occurrences".
 */
import { UserError } from './errors';

export interface TextQuery {
  pattern: string;
  regex?: boolean;
  caseSensitive?: boolean;
  wholeWord?: boolean;
}

export interface TextMatch {
  start: number;
  end: number;
}

/** The text around a match, cut at `width` code units each side (never inside a surrogate pair). */
export interface MatchContext {
  before: string;
  match: string;
  after: string;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regular expression a query means; an invalid one is a UserError that says why. */
export function compileQuery(query: TextQuery): RegExp {
  if (query.pattern.length === 0) throw new UserError('type something to search for');
  const source = query.regex ? query.pattern : escapeRegex(query.pattern);
  try {
    return new RegExp(source, `g${query.caseSensitive ? '' : 'i'}u`);
  } catch (error) {
    throw new UserError(`invalid regular expression: ${(error as Error).message}`);
  }
}

/** Matches of a query in `text`, in order, at most `limit` (empty matches are skipped). */
export function findMatches(text: string, query: TextQuery, limit: number): TextMatch[] {
  const pattern = compileQuery(query);
  const matches: TextMatch[] = [];
  for (let found = pattern.exec(text); found && matches.length < limit; found = pattern.exec(text)) {
    const start = found.index;
    const end = start + found[0].length;
    // Look again from the next code point (a /u regex moved into a surrogate pair backs up to its
    // start, which would find the same match for ever): a whole-word match may overlap this one.
    const next = start + ((text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
    if (end === start) {
      pattern.lastIndex = next;
      continue;
    }
    if (query.wholeWord && (WORD_CHAR.test(text[start - 1] ?? '') || WORD_CHAR.test(text[end] ?? ''))) {
      pattern.lastIndex = next;
      continue;
    }
    matches.push({ start, end });
  }
  return matches;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** A snippet of `text` around [start, end), whitespace folded, for result lists. */
export function contextOf(text: string, start: number, end: number, width = 40): MatchContext {
  let from = Math.max(0, start - width);
  let to = Math.min(text.length, end + width);
  if (isLowSurrogate(text.charCodeAt(from))) from--;
  if (isLowSurrogate(text.charCodeAt(to))) to++;
  const fold = (s: string) => s.replace(/\s+/g, ' ');
  return {
    before: (from > 0 ? '…' : '') + fold(text.slice(from, start)),
    match: text.slice(start, end),
    after: fold(text.slice(end, to)) + (to < text.length ? '…' : ''),
  };
}
