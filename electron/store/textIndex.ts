/**
 * The project's text index (migration 8): an FTS5 trigram index of every document's text, kept in
 * step by triggers on the document table, so a project search for a word reads only the documents
 * that can hold it instead of every text. It only narrows: the caller confirms each candidate with
 * the search matcher (core/search.ts), so the results are the same as a scan's.
 */
import type { ProjectDatabase } from './database';

/**
 * Blocks where SQLite's case folding (its own table, from an older Unicode) agrees with the
 * matcher's (JavaScript's `iu`), checked character by character in textIndex.test.ts: Latin with
 * Latin-1 and Extended-A, Greek, Cyrillic, Arabic and Urdu, Devanagari, punctuation. A
 * case-insensitive pattern with any other character is searched by a scan.
 */
const FOLDS_ALIKE: readonly [number, number][] = [
  [0x0000, 0x017f],
  [0x0370, 0x037e],
  [0x0380, 0x03f2],
  [0x03f4, 0x04ff],
  [0x0600, 0x06ff],
  [0x0750, 0x077f],
  [0x0900, 0x097f],
  [0x2000, 0x206f],
  [0xfb50, 0xfdff],
  [0xfe70, 0xfeff],
];

export const foldsAlike = (pattern: string): boolean =>
  Array.from(pattern).every((char) => {
    const code = char.codePointAt(0)!;
    return FOLDS_ALIKE.some(([from, to]) => code >= from && code <= to);
  });

/** The trigrams a text holding `pattern` must contain (at most `max`: more narrow little further). */
function trigramsOf(pattern: string, max = 24): string[] {
  const chars = Array.from(pattern);
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length && grams.size < max; i++) grams.add(chars.slice(i, i + 3).join(''));
  return [...grams];
}

/**
 * Ids of the documents that may contain `pattern` (as the matcher finds it, ignoring case unless
 * `caseSensitive`), in import order; null when the index cannot say: fewer than three characters,
 * or a character whose case SQLite folds otherwise.
 */
export function textCandidates(
  db: ProjectDatabase,
  pattern: string,
  caseSensitive: boolean,
): number[] | null {
  const grams = trigramsOf(pattern);
  if (grams.length === 0 || (!caseSensitive && !foldsAlike(pattern))) return null;
  const match = grams.map((g) => `"${g.replaceAll('"', '""')}"`).join(' AND ');
  return db
    .prepare<[string], number>('SELECT rowid FROM document_text WHERE document_text MATCH ? ORDER BY rowid')
    .pluck()
    .all(match);
}
