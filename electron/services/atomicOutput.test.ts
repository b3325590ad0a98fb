/**
 * Where exports write: never over the open project, never over anything the user put beside or
 * inside the target, and nothing left behind by a cancelled, failed or killed export.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../core/errors';
import { DEFAULT_SCHEMA } from '../core/schema';
import { ProjectStore } from '../store/projectStore';
import { fileHash } from '../store/testing';
import { AtomicOutput } from './atomicOutput';
import { runExport } from './exporter';
import { directContext } from './jobs';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-output-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('exporting onto the project itself', () => {
  it('refuses the project, its journal, lock and backups as targets, and leaves the project whole', async () => {
    const path = join(dir, 'p.marginalia');
    const store = ProjectStore.create(path, 'p', DEFAULT_SCHEMA);
    try {
      const alice = store.ensureAnnotator('alice');
      store.insertDocuments(
        [
          {
            externalId: 'a',
            title: 'a',
            text: 'Floods in Sindh.',
            sha256: 'a',
            source: {},
            newlinePolicy: 'none',
          },
        ],
        alice,
      );
      writeFileSync(`${path}.v1.bak`, 'an old backup');
      const backupBefore = fileHash(`${path}.v1.bak`);
      for (const target of [
        path,
        `${path}-wal`,
        `${path}-shm`,
        `${path}.lock`,
        `${path}.v1.bak`,
        join(dir, '.', 'p.marginalia'),
      ]) {
        const error = await runExport(
          store,
          { format: 'jsonl', path: target, offsetUnit: 'utf16' },
          directContext(() => {}),
        ).then(
          () => new Error(`exported onto ${target}`),
          (e: Error) => e,
        );
        expect(error, target).toBeInstanceOf(UserError);
        expect(error.message).toBe(
          `cannot export to ${target}: it is the open project or one of its own files (journal, lock, backup). ` +
            'Nothing was written and the project is untouched; choose another name.',
        );
      }
      expect(fileHash(`${path}.v1.bak`)).toBe(backupBefore);
      expect(store.counts().documents).toBe(1);
      expect(store.integrityCheck()).toBe('ok');
      expect(existsSync(`${path}.loss.txt`)).toBe(false);
    } finally {
      store.close();
    }
  });
});

describe('temporary output', () => {
  it('leaves a folder the user named TARGET.partial alone', () => {
    const target = join(dir, 'out.jsonl');
    mkdirSync(`${target}.partial`);
    writeFileSync(join(`${target}.partial`, 'mine.txt'), 'keep me');
    const output = new AtomicOutput(target, 'file');
    output.write('', '{"text":"a"}\n');
    output.commit();
    expect(readFileSync(target, 'utf8')).toBe('{"text":"a"}\n');
    expect(readFileSync(join(`${target}.partial`, 'mine.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(dir).sort()).toEqual(['out.jsonl', 'out.jsonl.partial']);
  });

  it('removes what a killed export to the same target left, and nothing a running one is writing', () => {
    const target = join(dir, 'out.jsonl');
    // pid 2^22+1 is above Linux's pid_max: no such process is running.
    const dead = join(dir, `.out.jsonl.${2 ** 22 + 1}-0badc0de.marginalia-partial`);
    const running = join(dir, `.out.jsonl.${process.pid}-00c0ffee.marginalia-partial`);
    writeFileSync(dead, 'half an export');
    writeFileSync(running, 'another export in progress');
    const output = new AtomicOutput(target, 'file');
    output.write('', 'done\n');
    output.commit();
    expect(existsSync(dead)).toBe(false);
    expect(readFileSync(running, 'utf8')).toBe('another export in progress');
    expect(readFileSync(target, 'utf8')).toBe('done\n');
  });

  it('keeps a file written into the empty target folder during the export, and says so', () => {
    const target = join(dir, 'dataset');
    mkdirSync(target);
    const output = new AtomicOutput(target, 'folder');
    output.write('train.jsonl', '{"text":"a"}\n');
    writeFileSync(join(target, 'notes.md'), 'written meanwhile');
    expect(() => output.commit()).toThrow(
      `cannot write ${target}: files appeared in the folder during the export. They were left as they are ` +
        'and nothing was exported; export again to a new or empty folder.',
    );
    expect(readdirSync(target)).toEqual(['notes.md']);
    expect(readFileSync(join(target, 'notes.md'), 'utf8')).toBe('written meanwhile');
    expect(readdirSync(dir)).toEqual(['dataset']);
  });

  it('replaces an empty target folder and leaves no temporary behind, committed or aborted', () => {
    const target = join(dir, 'dataset');
    mkdirSync(target);
    const output = new AtomicOutput(target, 'folder');
    output.write('data/train.jsonl', '{"text":"a"}\n');
    output.commit();
    expect(readFileSync(join(target, 'data/train.jsonl'), 'utf8')).toBe('{"text":"a"}\n');
    const aborted = new AtomicOutput(join(dir, 'other.jsonl'), 'file');
    aborted.write('', 'x');
    aborted.abort();
    expect(readdirSync(dir)).toEqual(['dataset']);
  });
});

describe('the bytes an export writes', () => {
  it('are the UTF-8 of every chunk in order, across flushes, chunks larger than the buffer and split pairs', () => {
    const target = join(dir, 'out.jsonl');
    const output = new AtomicOutput(target, 'file');
    const chunks: string[] = [];
    // About 12 MB of lines with two-byte, three-byte and four-byte characters: several flushes.
    for (let i = 0; i < 40_000; i++)
      chunks.push(`{"n":${i},"t":"Sindh — ß 洪水 😀 ${'x'.repeat(i % 300)}"}\n`);
    chunks.push('y'.repeat(5_000_000) + '\n'); // larger than the write buffer
    chunks.push('a surrogate pair split across two writes: \ud83d', '\ude00 whole\n');
    chunks.push('ends on half a pair \ud83d');
    for (const chunk of chunks) output.write('', chunk);
    output.commit();
    expect(readFileSync(target).equals(Buffer.from(chunks.join(''), 'utf8'))).toBe(true);
    expect(readFileSync(target, 'utf8')).toContain('two writes: 😀 whole');
  });

  it('leaves nothing behind and the target as it was when the export is abandoned after a flush', () => {
    const target = join(dir, 'out.jsonl');
    writeFileSync(target, 'the earlier export\n');
    const output = new AtomicOutput(target, 'file');
    for (let i = 0; i < 5_000; i++) output.write('', `${'z'.repeat(1_000)}\n`);
    output.abort();
    expect(readFileSync(target, 'utf8')).toBe('the earlier export\n');
    expect(readdirSync(dir)).toEqual(['out.jsonl']);
  });
});
