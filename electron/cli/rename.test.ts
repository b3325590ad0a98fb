import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../core/schema';
import { ProjectStore } from '../store/projectStore';
import { renameDocument } from './rename';

describe('marginalia rename', () => {
  let dir: string;
  let store: ProjectStore;
  let by: () => number;
  let asked: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-rename-'));
    store = ProjectStore.create(join(dir, 'p.marginalia'), 'p', DEFAULT_SCHEMA);
    // Two files named report.txt from different folders: the same id, two documents.
    const doc = (text: string, sha256: string) => ({
      externalId: 'report',
      title: 'report',
      text,
      sha256,
      source: {},
      newlinePolicy: 'none' as const,
    });
    store.insertDocuments([doc('Floods in Sindh.', 'h1'), doc('Fire in Kabul.', 'h2')], null);
    asked = 0;
    by = () => {
      asked++;
      return store.ensureAnnotator('cli');
    };
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const titles = () => store.listDocuments(0).map((d) => d.title);

  it('asks for the number when two documents share an id, then renames by number', () => {
    expect(() => renameDocument(store, 'report', 'Sindh floods', by)).toThrow(
      '2 documents have the id "report" (numbers 1, 2); give the number of the one to rename; the project was not changed',
    );
    expect(renameDocument(store, '2', 'Kabul fire', by)).toBe('renamed 2: "report" → "Kabul fire"');
    expect(titles()).toEqual(['report', 'Kabul fire']);
  });

  it('refuses a blank title or a missing document before recording anyone, changing nothing', () => {
    const before = store.counts();
    expect(() => renameDocument(store, '1', ' ', by)).toThrow(
      'a title cannot be empty; the project was not changed',
    );
    expect(() => renameDocument(store, '7', 'Lost', by)).toThrow('no document "7" in this project');
    expect(asked).toBe(0);
    expect(titles()).toEqual(['report', 'report']);
    expect(store.counts()).toEqual(before);
  });
});
