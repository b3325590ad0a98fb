/**
 * The project's text index (migration 9): an FTS5 trigram index of the documents' texts, so a
 * project search for a word reads only the documents that can hold it instead of every text. An
 * import does not fill it (that made import ten times slower): it covers the documents up to a
 * watermark, `document_text_state.indexed_to` (ids only grow), which `indexPending` moves on a batch
 * at a time off the user's path; below the watermark triggers keep it in step with deletes and
 * text changes, and index a new row whose id is reused. It only narrows: the caller confirms each
 * candidate with the search matcher (core/search.ts) and reads the documents above the watermark
 * itself, so the results are the same as a scan's.
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

/** The highest document id the index covers: every document up to it is indexed, none above. */
export function indexedTo(db: ProjectDatabase): number {
  return db.prepare<[], number>('SELECT indexed_to FROM document_text_state').pluck().get()!;
}

/** Ids of the documents the index does not cover yet, in import order. */
export function pendingDocumentIds(db: ProjectDatabase, after: number): number[] {
  return db.prepare<[number], number>('SELECT id FROM document WHERE id > ? ORDER BY id').pluck().all(after);
}

/**
 * Indexes at most `limit` documents above the watermark and moves it past them, in one short
 * transaction (a tag waits for at most one batch); the number indexed, 0 once the index covers all.
 */
export function indexPending(db: ProjectDatabase, limit: number): number {
  return db.actions(() => {
    const from = indexedTo(db);
    const rows = db
      .prepare<[number, number], { id: number; text: string }>(
        'SELECT id, text FROM document WHERE id > ? ORDER BY id LIMIT ?',
      )
      .all(from, limit);
    if (rows.length === 0) return 0;
    const insert = db.prepare<[number, string]>('INSERT INTO document_text (rowid, text) VALUES (?, ?)');
    for (const row of rows) insert.run(row.id, row.text);
    db.prepare<[number]>('UPDATE document_text_state SET indexed_to = ?').run(rows.at(-1)!.id);
    return rows.length;
  });
}
