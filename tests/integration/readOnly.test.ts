/**
 * A project in a read-only folder, or a read-only project file: said plainly, nothing created or
 * changed beside it. The opener runs as another process; under root (which may write anything) it
 * runs as the unprivileged user `nobody`, for whom the permissions hold.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { ProjectStore } from '../../electron/store/projectStore';
import { fileHash } from '../../electron/store/testing';
import { fixtureBundle } from '../testBundles';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// tests/integration/fixtures/open-project.ts, bundled (tests/testBundles.ts).
const OPENER = fixtureBundle('open-project');
const NOBODY = 65534;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-readonly-'));
  chmodSync(dir, 0o755);
});

afterAll(() => {
  chmodSync(dir, 0o755);
  for (const sub of readdirSync(dir)) chmodSync(join(dir, sub), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

/** Opens the project in another process, as someone the file permissions apply to. */
function openElsewhere(path: string): string {
  const asNobody = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
  const run = spawnSync(process.execPath, [OPENER, path], {
    cwd: ROOT,
    encoding: 'utf8',
    ...asNobody,
  });
  expect(run.stderr).toBe('');
  return run.stdout.trim();
}

function projectIn(folder: string, fileMode: number, folderMode: number): string {
  mkdirSync(join(dir, folder));
  const path = join(dir, folder, 'p.marginalia');
  ProjectStore.create(path, 'p', DEFAULT_SCHEMA).close();
  chmodSync(path, fileMode);
  chmodSync(join(dir, folder), folderMode);
  return path;
}

describe('a project that cannot be written', { timeout: 60_000 }, () => {
  it('in a read-only folder: says the folder is read-only and creates nothing there', () => {
    const path = projectIn('folder', 0o666, 0o555);
    const before = fileHash(path);
    expect(openElsewhere(path)).toBe(
      `cannot open ${path}: its folder is read-only for you, and Marginalia writes every edit (and its ` +
        'journal beside the file) at once. Nothing was changed; make it writable or copy the project elsewhere.',
    );
    expect(readdirSync(join(dir, 'folder'))).toEqual(['p.marginalia', 'p.marginalia.lock']);
    expect(fileHash(path)).toBe(before);
  });

  it('a read-only file: says the file is read-only and changes nothing', () => {
    const path = projectIn('file', 0o444, 0o777);
    const before = fileHash(path);
    expect(openElsewhere(path)).toMatch(/: the file is read-only for you, and Marginalia writes every edit/);
    expect(readdirSync(join(dir, 'file'))).toEqual(['p.marginalia', 'p.marginalia.lock']);
    expect(fileHash(path)).toBe(before);
  });
});
