import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loneSurrogateAt } from '../core/formats/fields';
import { nativeRecord } from '../core/formats/nativeJsonl.testkit';
import { makeDoc, spanOver } from '../core/formats/testkit';
import { DEFAULT_SCHEMA } from '../core/schema';
import { ProjectStore } from '../store/projectStore';
import type { ImportFormat } from '../contract/types';
import { runImport, sha256 } from './importer';
import { directContext } from './jobs';

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

/** Imports `paths` as the txt pipeline does for the app and the CLI. */
const importPaths = (paths: string[], format: ImportFormat = 'auto') =>
  runImport(
    store,
    { paths, format, localUser: 'alice', importerId: annotator },
    directContext(() => {}),
  );

describe('a folder of plain text with bad files', () => {
  const good1 = 'Floods in Sindh\n\nOfficials said 12 people died.';
  const good2 = 'کراچی میں بارش\nپولیس کے مطابق 🔥';
  const files = {
    'a-good.txt': good1,
    'b-empty.txt': '',
    'c-binary.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]),
    'd-latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    'e-notes.docx': 'not a text file',
    'f-good.txt': good2,
    'nested/g-crlf.txt': 'Line one\r\nLine two\r\n',
    '.hidden.txt': 'editor backup',
  };

  it('writes nothing and names each bad file with its reason', async () => {
    const folder = folderWith('articles', files);
    const missing = join(dir, 'gone', 'missing.txt');
    const report = await importPaths([folder, missing]);
    expect(report.written).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        { file: missing, message: 'no such file or folder' },
        { file: join(folder, 'b-empty.txt'), message: 'the file is empty' },
        { file: join(folder, 'c-binary.txt'), message: 'the file is binary, not text' },
        { file: join(folder, 'd-latin1.txt'), message: 'the file is not valid UTF-8 (first bad byte at 3)' },
      ]),
    );
    expect(report.problems).toHaveLength(4);
    expect(report.skippedFiles).toEqual([
      { file: join(folder, 'e-notes.docx'), reason: 'no import format takes it' },
    ]);
    expect(store.counts()).toMatchObject({ documents: 0, events: 0 });
  });

  it('imports the good files in name order once the bad ones are gone, skipping hidden files', async () => {
    const good = Object.fromEntries(
      Object.entries(files).filter(
        ([name]) => !['b-empty.txt', 'c-binary.txt', 'd-latin1.txt'].includes(name),
      ),
    );
    const folder = folderWith('good', good);
    const report = await importPaths([folder]);
    expect(report.written).toBe(true);
    expect(report.imported.map((d) => d.file)).toEqual([
      join(folder, 'a-good.txt'),
      join(folder, 'f-good.txt'),
      join(folder, 'nested', 'g-crlf.txt'),
    ]);
    // A first line that runs on into the next is no headline: the file name is the title.
    expect(report.imported.map((d) => d.title)).toEqual(['Floods in Sindh', 'f-good', 'g-crlf']);
    const docs = report.imported.map((d) => store.getDocument(d.documentId)!);
    expect(docs[0]).toMatchObject({ externalId: 'a-good', text: good1, sha256: sha256(good1) });
    expect(docs[1]!.text).toBe(good2);
    // A CRLF file is stored with LF line ends, and the original ends are recorded.
    expect(docs[2]!.text).toBe('Line one\nLine two\n');
    expect(docs[2]!.source).toEqual({ file: 'g-crlf.txt', newlines: 'crlf' });
    expect(store.counts()).toMatchObject({ documents: 3, events: 3 });
  });
});

describe('importing the same text again', () => {
  it('does not create a duplicate when the same file is imported twice', async () => {
    const file = join(folderWith('in', { 'story.txt': 'A story.\n' }), 'story.txt');
    const first = await importPaths([file]);
    const second = await importPaths([file]);
    expect(first.imported).toHaveLength(1);
    expect(second.imported).toEqual([]);
    expect(second.merged).toEqual([{ file, documentId: first.imported[0]!.documentId, title: 'story' }]);
    expect(store.counts().documents).toBe(1);
  });

  it('treats a CRLF copy of an LF file as the same text', async () => {
    const folder = folderWith('copies', { 'unix.txt': 'One\nTwo\n', 'windows.txt': 'One\r\nTwo\r\n' });
    const report = await importPaths([folder]);
    expect(report.imported.map((d) => d.file)).toEqual([join(folder, 'unix.txt')]);
    expect(report.merged.map((d) => [d.file, d.documentId])).toEqual([
      [join(folder, 'windows.txt'), report.imported[0]!.documentId],
    ]);
    expect(store.counts().documents).toBe(1);
  });

  it('asks for the format of a file named directly that no reader recognises, and takes it as text when told', async () => {
    const file = join(folderWith('direct', { 'README.md': '# Notes\n' }), 'README.md');
    const guessed = await importPaths([file]);
    expect(guessed.written).toBe(false);
    expect(guessed.problems).toEqual([
      { file, message: 'no import format takes this file; choose its format explicitly' },
    ]);
    const told = await importPaths([file], 'txt');
    expect(told.imported).toMatchObject([{ file, title: '# Notes' }]);
  });
});

describe('files that are not plain regular files', () => {
  it(
    'refuses a pipe named like a text file instead of waiting on it forever',
    { timeout: 20_000 },
    async () => {
      const folder = folderWith('pipes', { 'b-good.txt': 'A story.\n' });
      execFileSync('mkfifo', [join(folder, 'a.txt')]);
      const named = await importPaths([join(folder, 'a.txt')]);
      expect(named.problems).toEqual([
        { file: join(folder, 'a.txt'), message: expect.stringMatching(/^not a regular file/) },
      ]);
      const inFolder = await importPaths([folder], 'txt');
      expect(inFolder.skippedFiles).toEqual([
        { file: join(folder, 'a.txt'), reason: expect.stringMatching(/^not a regular file/) },
      ]);
      expect(inFolder.imported.map((d) => d.file)).toEqual([join(folder, 'b-good.txt')]);
    },
  );

  it('follows a link in a folder to a file, and lists links it does not follow', async () => {
    const elsewhere = join(
      folderWith('elsewhere', { 'story.txt': 'A linked story\n\nIts text.\n' }),
      'story.txt',
    );
    const folder = folderWith('links', {});
    symlinkSync(elsewhere, join(folder, 'a-link.txt'));
    symlinkSync(folder, join(folder, 'b-loop'));
    symlinkSync(join(folder, 'missing.txt'), join(folder, 'c-broken.txt'));
    const report = await importPaths([folder]);
    expect(report.imported.map((d) => d.title)).toEqual(['A linked story']);
    expect(report.skippedFiles).toEqual([
      {
        file: join(folder, 'b-loop'),
        reason: expect.stringMatching(/^a link to a folder or device, not followed/),
      },
      {
        file: join(folder, 'c-broken.txt'),
        reason: 'a link whose target cannot be read: no such file or folder',
      },
    ]);
  });

  it('refuses a device such as /dev/zero, even with its format forced', async () => {
    const report = await importPaths(['/dev/zero'], 'txt');
    expect(report.written).toBe(false);
    expect(report.problems).toEqual([
      { file: '/dev/zero', message: expect.stringMatching(/^not a regular file/) },
    ]);
  });

  it('refuses a file over the size limit without reading it, and says the limit', async () => {
    const file = join(folderWith('big', { 'huge.txt': '' }), 'huge.txt');
    truncateSync(file, 256 * 1024 * 1024 + 1); // sparse: no disk used
    const report = await importPaths([file]);
    expect(report.problems).toEqual([
      { file, message: 'the file is 257 MiB, over the import limit of 256 MiB; split it' },
    ]);
    expect(store.counts().documents).toBe(0);
  });

  it('names a file whose name is not UTF-8 instead of failing on it', async () => {
    const folder = folderWith('names', { 'good.txt': 'A story.\n' });
    writeFileSync(
      Buffer.concat([Buffer.from(`${folder}/bad-`), Buffer.from([0xff, 0xfe]), Buffer.from('.txt')]),
      'x',
    );
    const report = await importPaths([folder]);
    expect(report.written).toBe(false);
    expect(report.problems).toEqual([
      {
        file: join(folder, 'bad-\ufffd\ufffd.txt'),
        message: 'the file name is not valid UTF-8, so it cannot be imported; rename it',
      },
    ]);
  });
});

describe('telling formats apart when the first line is long', () => {
  const longText = `${'Officials said the river rose again. '.repeat(3000)}End.`;
  const doc = makeDoc('long', longText, [spanOver(longText, 'End', 'Claim')]);

  it('takes back its own native JSONL export of an article longer than 64 KiB', async () => {
    const file = join(
      folderWith('native', { 'export.jsonl': JSON.stringify(nativeRecord(doc, 'utf16')) + '\n' }),
      'export.jsonl',
    );
    const report = await importPaths([file]);
    expect(report.problems).toEqual([]);
    expect(report.format).toBe('auto');
    const stored = store.getDocument(report.imported[0]!.documentId)!;
    expect(stored.text).toBe(longText);
    expect(report.spansAdded).toEqual({ alice: 1 });
  });

  it('tells a long doccano line (its labels after the text) from native JSONL', async () => {
    const end = longText.length;
    const line = JSON.stringify({ id: 1, text: longText, label: [[end - 4, end - 1, 'Claim']] });
    const file = join(folderWith('doccano', { 'team.jsonl': `\n${line}\n` }), 'team.jsonl');
    const report = await importPaths([file]);
    expect(report.problems).toEqual([]);
    expect(report.spansAdded).toEqual({ alice: 1 });
  });
});

describe('hostile content in JSON files', () => {
  it('refuses a lone surrogate with file and line, and writes nothing', async () => {
    const good = JSON.stringify({ text: 'Officials said twelve.', label: [[10, 14, 'Claim']] });
    const bad = '{"text": "ab\\ud800cd said twelve", "label": [[6, 10, "Claim"]]}';
    const file = join(folderWith('surrogate', { 'team.jsonl': `${good}\n${bad}\n` }), 'team.jsonl');
    const report = await importPaths([file]);
    expect(report.written).toBe(false);
    expect(report.problems).toEqual([
      {
        file,
        line: 2,
        message: expect.stringMatching(/^"text" holds a lone surrogate \\ud800 at character 2/),
      },
    ]);
    expect(store.counts()).toMatchObject({ documents: 0, events: 0 });
  });

  it('refuses a source object nested ten thousand deep instead of overflowing the stack', async () => {
    const source = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const line = `{"format":"marginalia-jsonl/2","offset_unit":"utf16","id":"d","title":"t","text":"Some text.","status":"todo","source":${source},"spans":[],"relations":[]}`;
    const file = join(folderWith('deep', { 'deep.jsonl': `${line}\n` }), 'deep.jsonl');
    const report = await importPaths([file]);
    expect(report.problems).toEqual([
      { file, line: 1, message: expect.stringMatching(/^"source" is nested more than 64 levels deep/) },
    ]);
    expect(store.counts().documents).toBe(0);
  });

  it('takes labels named like Object members as plain labels', async () => {
    const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];
    const text = 'one two three four';
    const label = names.map((name, i) => [
      text.indexOf(text.split(' ')[i]!),
      text.indexOf(text.split(' ')[i]!) + text.split(' ')[i]!.length,
      name,
    ]);
    const file = join(
      folderWith('labels', { 'odd.jsonl': `${JSON.stringify({ text, label })}\n` }),
      'odd.jsonl',
    );
    const refused = await importPaths([file]);
    expect(refused.problems).toEqual([]);
    expect(refused.unknownLabels.map((u) => [u.label, u.count])).toEqual(names.map((n) => [n, 1]));
    const added = await runImport(
      store,
      { paths: [file], format: 'auto', localUser: 'alice', importerId: annotator, addLabels: true },
      directContext(() => {}),
    );
    expect(added.addedLabels).toEqual(names);
    expect(added.spansAdded).toEqual({ alice: 4 });
  });
});

describe('annotators named like Object members', () => {
  it('counts the spans of annotators called __proto__ and constructor like anyone else', async () => {
    const text = 'Officials said twelve died.';
    const doc = makeDoc('d', text, [
      { ...spanOver(text, 'twelve', 'Figure'), annotator: '__proto__' },
      { ...spanOver(text, 'said', 'Claim'), annotator: 'constructor' },
    ]);
    const file = join(
      folderWith('odd-names', { 'd.jsonl': JSON.stringify(nativeRecord(doc, 'utf16')) + '\n' }),
      'd.jsonl',
    );
    const report = await importPaths([file]);
    expect(Object.entries(report.spansAdded)).toEqual([
      ['__proto__', 1],
      ['constructor', 1],
    ]);
  });
});

describe('importing the good files and skipping the bad ones', () => {
  const files = {
    'a.txt': 'First story.\n',
    'b-empty.txt': '',
    'c-binary.txt': new Uint8Array([0x00, 0x01, 0x02]),
    'd.txt': 'Second story.\n',
    'e-blank.txt': '  \n',
  };

  it('refuses the batch by default and says how many files are good', async () => {
    const folder = folderWith('five', files);
    const report = await importPaths([folder]);
    expect(report.written).toBe(false);
    expect(report.problems).toHaveLength(3);
    expect(report.goodFiles).toBe(2);
    expect(store.counts().documents).toBe(0);
  });

  it('with skipBad writes the good files and lists every skipped file with its reason', async () => {
    const folder = folderWith('five', files);
    const report = await runImport(
      store,
      { paths: [folder], format: 'auto', localUser: 'alice', importerId: annotator, skipBad: true },
      directContext(() => {}),
    );
    expect(report.written).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.imported.map((d) => d.file)).toEqual([join(folder, 'a.txt'), join(folder, 'd.txt')]);
    expect(report.skippedFiles).toEqual([
      { file: join(folder, 'b-empty.txt'), reason: 'the file is empty' },
      { file: join(folder, 'c-binary.txt'), reason: 'the file is binary, not text' },
      { file: join(folder, 'e-blank.txt'), reason: 'the file holds only white space' },
    ]);
    expect(store.counts().documents).toBe(2);
  });

  it('with skipBad still refuses when no file is good', async () => {
    const folder = folderWith('bad', { 'b-empty.txt': '' });
    const report = await runImport(
      store,
      { paths: [folder], format: 'auto', localUser: 'alice', importerId: annotator, skipBad: true },
      directContext(() => {}),
    );
    expect(report.written).toBe(false);
    expect(report.problems).toEqual([{ file: join(folder, 'b-empty.txt'), message: 'the file is empty' }]);
  });
});

describe('imports that find nothing say so', () => {
  it('refuses a CoNLL file holding only -DOCSTART-', async () => {
    const file = join(folderWith('conll', { 'only.conll': '-DOCSTART- -X- -X- O\n\n' }), 'only.conll');
    const report = await importPaths([file]);
    expect(report.written).toBe(false);
    expect(report.problems).toEqual([{ file, message: 'no CoNLL-2003 (BIO) documents found in the file' }]);
  });

  it('refuses a Label Studio file without .json when its format is forced', async () => {
    const tasks = JSON.stringify([{ data: { text: 'Some text.' }, annotations: [] }]);
    const file = join(folderWith('ls', { tasks: tasks }), 'tasks');
    const report = await importPaths([file], 'labelstudio');
    expect(report.written).toBe(false);
    expect(report.problems).toEqual([{ file, message: 'no Label Studio JSON documents found in the file' }]);
  });

  it('adds no annotator row for whoever ran a refused import, and records them once one is written', async () => {
    const file = join(folderWith('empty', { 'e.txt': '' }), 'e.txt');
    const report = await runImport(
      store,
      { paths: [file], format: 'auto', localUser: 'bob', importerId: null, importer: 'bob' },
      directContext(() => {}),
    );
    expect(report.written).toBe(false);
    expect(store.annotators().map((a) => a.name)).toEqual(['alice']);
    const good = join(folderWith('good', { 'g.txt': 'A story.\n' }), 'g.txt');
    await runImport(
      store,
      { paths: [good], format: 'auto', localUser: 'bob', importerId: null, importer: 'bob' },
      directContext(() => {}),
    );
    expect(store.annotators().map((a) => a.name)).toEqual(['alice', 'bob']);
  });
});

describe('fuzzed files', () => {
  const names = ['a.txt', 'b.jsonl', 'c.json', 'd.conll', 'e.ann', 'e.txt', 'f.bin'];
  const content = fc.oneof(
    fc.string(),
    fc.json().map((j) => `${j}\n`),
    fc.uint8Array({ maxLength: 40 }),
    fc.constantFrom(
      '{"text":"ab\\ud800cd","label":[[0,2,"__proto__"]]}\n',
      '{"text":"x y","label":[[0,1,"constructor"]]}\n',
      `${'['.repeat(3000)}${']'.repeat(3000)}\n`,
      '-DOCSTART- -X- O O\n',
      'T1\tClaim 0 3\tabc\n',
    ),
  );

  it('never throw, and a refused batch leaves the project untouched', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...names), content, { minKeys: 1 }),
        fc.boolean(),
        async (files, skipBad) => {
          const folder = folderWith(`fuzz-${run++}`, files);
          const before = store.counts();
          const report = await runImport(
            store,
            {
              paths: [folder],
              format: 'auto',
              localUser: 'alice',
              importerId: annotator,
              skipBad,
              addLabels: true,
            },
            directContext(() => {}),
          );
          if (!report.written) expect(store.counts()).toEqual(before);
          else expect(report.problems).toEqual([]);
          for (const { documentId } of report.imported)
            expect(loneSurrogateAt(store.getDocument(documentId)!.text)).toBe(-1);
        },
      ),
      { numRuns: 60 },
    );
  });
});
