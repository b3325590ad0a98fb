/**
 * The text index: it narrows a search to documents that can hold the pattern without losing one
 * the matcher would find (case folded alike for the blocks it answers), keeps in step with
 * documents added and removed once it covers them, and covers a project made before it once caught up.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../core/schema';
import { MIGRATIONS } from './migrations';
import { APPLICATION_ID } from './projectFile';
import { ProjectStore } from './projectStore';
import { foldsAlike, indexedTo, indexPending, textCandidates } from './textIndex';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-text-index-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const doc = (i: number, text: string) => ({
  externalId: `d${i}`,
  title: `D${i}`,
  text,
  sha256: `h${i}`,
  source: {},
  newlinePolicy: 'none',
});

/** Characters JavaScript's case-insensitive matching may take for `c`: its cases, and the odd ones out. */
const ODD =
  '\u212a\u017f\u212b\u00b5\u03c2\u03d1\u1e9e\u0131\u0130\u03f4\u1fbe\u0345\u03d0\u03d5\u03d6\u03f0\u03f1\u03f5\u1e9b';
const partners = (c: string) =>
  [...new Set([c.toLowerCase(), c.toUpperCase(), ...ODD])].filter(
    (y) => y !== c && y.length === 1 && new RegExp(c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu').test(y),
  );

describe('the text index', () => {
  it('finds every document the matcher would, ignoring case, for each character it answers for', () => {
    const store = ProjectStore.create(join(dir, 'fold.marginalia'), 'fold', DEFAULT_SCHEMA);
    try {
      const pairs: [string, string][] = [];
      for (let code = 0x20; code < 0x10000; code++) {
        const c = String.fromCharCode(code);
        if (code >= 0xd800 && code < 0xe000) continue;
        if (!foldsAlike(`x${c}x`)) continue;
        for (const y of partners(c)) pairs.push([c, y]);
      }
      expect(pairs.length).toBeGreaterThan(600);
      store.insertDocuments(
        pairs.map(([, y], i) => doc(i, `xx${y}xx`)),
        null,
      );
      while (indexPending(store.database, 500) > 0);
      const missed = pairs.filter(
        ([c], i) => !textCandidates(store.database, `x${c}x`, false)!.includes(i + 1),
      );
      expect(missed).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('leaves to a scan what it cannot answer: under three characters, or a case it folds otherwise', () => {
    const store = ProjectStore.create(join(dir, 'short.marginalia'), 'short', DEFAULT_SCHEMA);
    try {
      expect(textCandidates(store.database, 'ab', false)).toBeNull();
      // Georgian Mtavruli (Unicode 11): SQLite's table does not fold it; a case-sensitive search may use the index.
      expect(textCandidates(store.database, 'ႠႡႢ', false)).toBeNull();
      expect(textCandidates(store.database, 'ႠႡႢ', true)).toEqual([]);
      expect(textCandidates(store.database, '😀😀😀', false)).toBeNull();
    } finally {
      store.close();
    }
  });

  it('keeps in step with documents added and removed', () => {
    const store = ProjectStore.create(join(dir, 'step.marginalia'), 'step', DEFAULT_SCHEMA);
    try {
      store.insertDocuments([doc(1, 'Flood in Kervadi'), doc(2, 'Rain in Quetta')], null);
      expect(indexPending(store.database, 10)).toBe(2);
      expect(textCandidates(store.database, 'kervadi', false)).toEqual([1]);
      store.database.prepare('DELETE FROM document WHERE id = 1').run();
      expect(textCandidates(store.database, 'kervadi', false)).toEqual([]);
      store.insertDocuments([doc(3, 'KERVADI again')], null);
      expect(indexPending(store.database, 10)).toBe(1);
      expect(textCandidates(store.database, 'Kervadi', true)).toEqual([3]);
    } finally {
      store.close();
    }
  });

  it('covers the documents of a project made before it once caught up', () => {
    const path = join(dir, 'old.marginalia');
    const db = new Database(path);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const sql of MIGRATIONS.slice(0, -1)) db.exec(sql);
    db.pragma(`user_version = ${MIGRATIONS.length - 1}`);
    db.exec(`INSERT INTO project (id, name, created_at) VALUES (1, 'old', '2026-01-01T00:00:00.000Z')`);
    const insert = db.prepare(
      `INSERT INTO document (external_id, title, text, sha256, source, newline_policy, imported_at)
       VALUES (?, ?, ?, ?, '{}', 'none', '2026-01-01T00:00:00.000Z')`,
    );
    insert.run('k', 'Kervadi', 'Officials said 12 people died in Kervadi.', 'k');
    insert.run('u', 'Karachi', 'کراچی میں بارش سے 5 افراد ہلاک ہو گئے', 'u');
    db.close();
    const store = ProjectStore.open(path, {});
    try {
      expect(store.database.prepare('PRAGMA user_version').pluck().get()).toBe(MIGRATIONS.length);
      // The migration does not read every text (a large project would open slowly): the catch-up does.
      expect(indexedTo(store.database)).toBe(0);
      expect(indexPending(store.database, 10)).toBe(2);
      expect(textCandidates(store.database, 'KERVADI', false)).toEqual([1]);
      expect(textCandidates(store.database, 'بارش', false)).toEqual([2]);
      expect(store.listDocuments(store.ensureAnnotator('alice')).map((d) => d.title)).toEqual([
        'Kervadi',
        'Karachi',
      ]);
    } finally {
      store.close();
    }
  });
});
