/**
 * Files the import cannot open. Tests run as root here, where `chmod 000` does not stop a read, so
 * the file system's refusal is stood in for: node:fs answers EACCES for the chosen paths.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectFiles, readInputFile } from './inputFiles';

const denied = new Set<string>();
const refuse = (path: unknown) => {
  if (denied.has(String(path)))
    throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' });
};

vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return {
    ...real,
    openSync: (...args: Parameters<typeof real.openSync>) => (refuse(args[0]), real.openSync(...args)),
    readdirSync: (...args: Parameters<typeof real.readdirSync>) => (
      refuse(args[0]),
      real.readdirSync(...args)
    ),
  };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-denied-'));
  denied.clear();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('files and folders that cannot be read', () => {
  it('names a folder that cannot be listed instead of failing', () => {
    const folder = join(dir, 'locked');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), 'A story.\n');
    denied.add(folder);
    expect(collectFiles([folder], 'auto').problems).toEqual([
      { file: folder, message: 'permission denied: it cannot be read' },
    ]);
  });

  it('names a file that cannot be opened, when detecting its format and when reading it', () => {
    const file = join(dir, 'locked.txt');
    writeFileSync(file, 'A story.\n');
    denied.add(file);
    expect(collectFiles([file], 'auto').problems).toEqual([
      { file, message: 'permission denied: it cannot be read' },
    ]);
    expect(readInputFile(file)).toEqual({ file, message: 'permission denied: it cannot be read' });
  });
});
