/**
 * `marginalia` runs its bundle only while no source file is newer (scripts/cli-bundle.mjs): an edit in
 * a checkout must run the edited TypeScript, not a stale bundle.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliBundlePath, currentCliBundle } from '../../scripts/cli-bundle.mjs';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'marginalia-cli-bundle-'));
  mkdirSync(join(root, 'electron', 'cli'), { recursive: true });
  mkdirSync(join(root, 'out', 'cli'), { recursive: true });
  fileAt(join(root, 'package.json'), 0);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A file written with its modification time `at` seconds into 2026. */
function fileAt(path: string, at: number): void {
  writeFileSync(path, '');
  const time = Date.UTC(2026, 0, 1) / 1000 + at;
  utimesSync(path, time, time);
}

describe('the command line bundle', () => {
  it('is run when it was built after every source file', () => {
    fileAt(join(root, 'electron', 'cli', 'main.ts'), 10);
    fileAt(join(root, 'electron', 'types.ts'), 20);
    fileAt(cliBundlePath(root), 30);
    expect(currentCliBundle(root)).toBe(cliBundlePath(root));
  });

  it('is passed over once a source file in any folder changed after it', () => {
    fileAt(join(root, 'electron', 'types.ts'), 20);
    fileAt(cliBundlePath(root), 30);
    fileAt(join(root, 'electron', 'cli', 'main.ts'), 40);
    expect(currentCliBundle(root)).toBeNull();
  });

  it('is passed over after package.json changed (the version it prints)', () => {
    fileAt(join(root, 'electron', 'cli', 'main.ts'), 10);
    fileAt(cliBundlePath(root), 30);
    fileAt(join(root, 'package.json'), 40);
    expect(currentCliBundle(root)).toBeNull();
  });

  it('is passed over when it was never built', () => {
    fileAt(join(root, 'electron', 'cli', 'main.ts'), 10);
    expect(currentCliBundle(root)).toBeNull();
  });
});
