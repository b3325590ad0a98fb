/**
 * Finding text in a document: plain or regular-expression search, optionally whole words and case
 * sensitive, with a snippet of context around each match. Used by document and project search and
 * by "label all occurrences".
 */
import { RE2JS } from 're2js';
import { UserError } from './errors';
import { isLowSurrogate } from './unicode';

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

/** A query made ready to run over many texts: compile once per search, not once per document. */
export interface CompiledQuery {
  readonly query: TextQuery;
  /** A finder over one text: the first match starting at or after `from` (UTF-16 offsets), or null. */
  over(text: string): (from: number) => TextMatch | null;
}

/**
 * Constructs RE2 cannot run in linear time, found outside character classes. Named here so the user
 * reads what to drop, not a parser's complaint ("invalid escape sequence").
 */
const UNSUPPORTED: [RegExp, string][] = [
  [/^\\[1-9]/, 'backreferences such as \\1'],
  [/^\\k</, 'named backreferences such as \\k<name>'],
  [/^\(\?[=!]/, 'lookahead such as (?=…) or (?!…)'],
  [/^\(\?<[=!]/, 'lookbehind such as (?<=…) or (?<!…)'],
];

/** JavaScript's `\s`: RE2's is ASCII only, so a no-break space in news text would stop matching. */
const JS_SPACE =
  '\\t\\n\\x0b\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';

const refusal = (construct: string) =>
  new UserError(
    `regular expressions cannot use ${construct} here: search runs on an engine that finishes in time ` +
      'proportional to the text, so a pattern cannot freeze the app; rewrite the pattern without it',
  );

/**
 * A JavaScript pattern in RE2's syntax, meaning the same: `\s` and `\S` (outside a class) keep
 * JavaScript's Unicode spaces, `\p{Script=X}` becomes `\p{X}`. Constructs RE2 cannot run are refused.
 */
function toRe2Syntax(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    if (!inClass) {
      const rest = pattern.slice(i, i + 4);
      for (const [shape, name] of UNSUPPORTED) if (shape.test(rest)) throw refusal(name);
    }
    const char = pattern[i]!;
    if (char === '\\') {
      const next = pattern[++i] ?? '';
      const script = /^\{(?:Script|sc)=(\w+)\}/.exec(pattern.slice(i + 1));
      if (next === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      else if (next === 'S' && !inClass) out += `[^${JS_SPACE}]`;
      else if ((next === 'p' || next === 'P') && script) {
        out += `\\${next}{${script[1]}}`;
        i += script[0].length;
      } else out += char + next;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    out += char;
  }
  return out;
}

/**
 * RE2's parser message without its "error parsing regexp:" prefix, and without the `(?i)` re2js
 * puts before a case-insensitive pattern (only then: a `(?i)` the user typed stays in the quote).
 */
const re2Reason = (error: unknown, caseInsensitive: boolean) => {
  const message = (error instanceof Error ? error.message : String(error)).replace(
    /^error parsing regexp:\s*/,
    '',
  );
  return caseInsensitive ? message.replace(/`\(\?i\)/, '`') : message;
};

/**
 * The one compiler for document search, project search and "label all". Plain text runs on the
 * built-in engine (an escaped literal cannot backtrack); a regular expression runs on RE2 (re2js),
 * whose time is linear in the text, so no pattern can freeze the app: `(a+)+$` took 10 s on 31
 * characters with the built-in engine. Both report UTF-16 offsets.
 */
export function compileQuery(query: TextQuery): CompiledQuery {
  if (query.pattern.length === 0) throw new UserError('type something to search for');
  if (!query.regex) {
    const pattern = new RegExp(escapeRegex(query.pattern), `g${query.caseSensitive ? '' : 'i'}u`);
    return {
      query,
      over: (text) => (from) => {
        pattern.lastIndex = from;
        const found = pattern.exec(text);
        return found ? { start: found.index, end: found.index + found[0].length } : null;
      },
    };
  }
  const source = toRe2Syntax(query.pattern);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(RE2JS.translateRegExp(source), query.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    throw new UserError(`invalid regular expression: ${re2Reason(error, !query.caseSensitive)}`);
  }
  return {
    query,
    over: (text) => {
      // A text without any match is ruled out by RE2's fast DFA before the slower match with positions.
      if (!compiled.test(text)) return () => null;
      const matcher = compiled.matcher(text);
      return (from) => (matcher.find(from) ? { start: matcher.start(), end: matcher.end() } : null);
    },
  };
}

/** Matches of a query in `text`, in order, at most `limit` (empty matches are skipped). */
export function findMatches(text: string, query: TextQuery | CompiledQuery, limit: number): TextMatch[] {
  const compiled = 'over' in query ? query : compileQuery(query);
  const { wholeWord } = compiled.query;
  const find = compiled.over(text);
  const matches: TextMatch[] = [];
  for (let found = find(0); found && matches.length < limit;) {
    const { start, end } = found;
    // Look again from the next code point (never inside a surrogate pair): a whole-word match may
    // overlap a rejected one, and an empty match would otherwise be found for ever.
    const next = start + ((text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
    const rejected =
      end === start ||
      (wholeWord && (WORD_CHAR.test(text[start - 1] ?? '') || WORD_CHAR.test(text[end] ?? '')));
    if (!rejected) matches.push({ start, end });
    found = next > text.length ? null : find(rejected ? next : end);
  }
  return matches;
}

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
