import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../core/schema';
import { ProjectStore } from '../store/projectStore';
import { importTextFiles, sha256 } from './importer';

let dir: string;
let store: ProjectStore;
let annotator: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-import-'));
  store = ProjectStore.create(join(dir, 'project.marginalia'), 'p', DEFAULT_SCHEMA);
  annotator = store.ensureAnnotator('alice');
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (name → content) into a new folder under the temp dir and returns the folder. */
function folderWith(name: string, files: Record<string, string | Uint8Array>): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(folder, file, '..'), { recursive: true });
    writeFileSync(join(folder, file), content);
  }
  return folder;
}

describe('importing a folder with good and bad files', () => {
  const good1 = 'Floods in Sindh\n\nOfficials said 12 people died.';
  const good2 = 'کراچی میں بارش\nپولیس کے مطابق 🔥';

  function importMixedFolder() {
    const folder = folderWith('articles', {
      'a-good.txt': good1,
      'b-empty.txt': '',
      'c-binary.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]),
      'd-latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'e-notes.docx': 'not a text file',
      'f-good.txt': good2,
      'nested/g-crlf.txt': 'Line one\r\nLine two\r\n',
      '.hidden.txt': 'editor backup',
    });
    const missing = join(dir, 'gone', 'missing.txt');
    const report = importTextFiles(store, annotator, [folder, missing]);
    return { folder, missing, report };
  }

  it('imports the good files with their titles, in name order', () => {
    const { folder, report } = importMixedFolder();
    expect(report.imported.map((d) => d.file)).toEqual([
      join(folder, 'a-good.txt'),
      join(folder, 'f-good.txt'),
      join(folder, 'nested', 'g-crlf.txt'),
    ]);
    expect(report.imported.map((d) => d.title)).toEqual(['Floods in Sindh', 'کراچی میں بارش', 'Line one']);
    const docs = report.imported.map((d) => store.getDocument(d.documentId)!);
    expect(docs[0]!.text).toBe(good1);
    expect(docs[1]!.text).toBe(good2);
    expect(docs[0]).toMatchObject({ externalId: 'a-good', sha256: sha256(good1) });
  });

  it('reports each bad file with its path and a clear reason, and writes nothing for it', () => {
    const { folder, missing, report } = importMixedFolder();
    expect(report.failed).toHaveLength(5);
    expect(report.failed).toEqual(
      expect.arrayContaining([
        { file: join(folder, 'b-empty.txt'), reason: 'the file is empty' },
        { file: join(folder, 'c-binary.txt'), reason: 'the file is binary, not text' },
        { file: join(folder, 'd-latin1.txt'), reason: 'the file is not valid UTF-8 (first bad byte at 3)' },
        { file: join(folder, 'e-notes.docx'), reason: 'skipped: not a .txt file' },
        { file: missing, reason: 'no such file or folder' },
      ]),
    );
    // Only the three good documents are in the project, and only they were logged.
    expect(store.counts()).toMatchObject({ documents: 3, events: 3 });
    expect(store.listDocuments(annotator).map((d) => d.externalId)).toEqual(['a-good', 'f-good', 'g-crlf']);
  });

  it('skips hidden files silently', () => {
    const { report } = importMixedFolder();
    const all = [...report.imported.map((d) => d.file), ...report.failed.map((f) => f.file)];
    expect(all.some((f) => f.includes('.hidden'))).toBe(false);
  });

  it('stores a CRLF file with LF line endings and records the original endings', () => {
    const { report } = importMixedFolder();
    const crlf = store.getDocument(report.imported[2]!.documentId)!;
    expect(crlf.text).toBe('Line one\nLine two\n');
    expect(crlf.source).toEqual({ file: 'g-crlf.txt', newlines: 'crlf' });
    expect(crlf.sha256).toBe(sha256('Line one\nLine two\n'));
  });
});

describe('importing the same text again', () => {
  it('does not create a duplicate when the same file is imported twice', () => {
    const file = join(folderWith('in', { 'story.txt': 'A story.\n' }), 'story.txt');
    const first = importTextFiles(store, annotator, [file]);
    const second = importTextFiles(store, annotator, [file]);
    expect(first.imported).toHaveLength(1);
    expect(second.imported).toEqual([]);
    expect(second.duplicates).toEqual([{ file, documentId: first.imported[0]!.documentId }]);
    expect(second.failed).toEqual([]);
    expect(store.counts().documents).toBe(1);
  });

  it('treats a CRLF copy of an LF file as the same text', () => {
    const folder = folderWith('copies', { 'unix.txt': 'One\nTwo\n', 'windows.txt': 'One\r\nTwo\r\n' });
    const report = importTextFiles(store, annotator, [folder]);
    expect(report.imported.map((d) => d.file)).toEqual([join(folder, 'unix.txt')]);
    expect(report.duplicates).toEqual([
      { file: join(folder, 'windows.txt'), documentId: report.imported[0]!.documentId },
    ]);
    expect(store.counts().documents).toBe(1);
  });

  it('imports a file named directly even without a .txt extension', () => {
    const file = join(folderWith('direct', { 'README.md': '# Notes\n' }), 'README.md');
    const report = importTextFiles(store, annotator, [file]);
    expect(report.imported).toMatchObject([{ file, title: '# Notes' }]);
  });
});
