/**
 * Work packages on the command line as a user runs it (`node bin/marginalia.mjs ...` in a child
 * process): package out, the annotator's work in the package, merge back with its report, merge
 * again changing nothing, and refusals as sentences with exit 1 and nothing written.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadlessProject } from '../../electron/services/headless';
import { tableDump } from '../../electron/store/testing';
import { runMarginalia as marginalia } from './cliRun';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-cli-packages-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('marginalia package and merge', { timeout: 180_000 }, () => {
  it("writes ann1's package, merges their work back with a report, and a second merge changes nothing", async () => {
    const path = join(dir, 'reports.marginalia');
    expect((await marginalia('olga', 'new', path)).code).toBe(0);
    const files = ['kabul', 'quetta', 'sindh'].map((place) => {
      const file = join(dir, `${place}.txt`);
      writeFileSync(file, `Officials said 12 people died in ${place}.\n`);
      return file;
    });
    expect((await marginalia('olga', 'import', path, ...files)).code).toBe(0);
    expect((await marginalia('olga', 'assign', path, '--annotators', 'ann1,ann2')).code).toBe(0);

    const out = join(dir, 'ann1.marginalia');
    const refused = await marginalia('olga', 'package', path, '--annotator', 'zed', '--out', out);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe(
      'marginalia package: no annotator "zed" in this project (it has ann1, ann2, olga); nothing was written\n',
    );
    expect(existsSync(out)).toBe(false);

    const packaged = await marginalia('olga', 'package', path, '--annotator', 'ann1', '--out', out);
    expect(packaged).toMatchObject({ code: 0, stderr: '' });
    expect(packaged.stdout).toBe(
      `wrote ${out}: the work package of ann1, 2 documents with 0 spans of theirs\n`,
    );

    // ann1 tags "12 people" in each document of their package, on their laptop.
    const pkg = HeadlessProject.open(out, 'ann1', {});
    for (const { id } of pkg.documentTitles())
      await pkg.call('addSpan', { documentId: id, start: 15, end: 24, label: 'Figure' });
    pkg.close();

    const merged = await marginalia('olga', 'merge', path, out);
    expect(merged).toMatchObject({ code: 0, stderr: '' });
    const lines = merged.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ann1's work of \\d{4}-`),
    );
    expect(lines.slice(1)).toEqual([
      '  kabul: 1 added, 0 changed, 0 removed',
      '  sindh: 1 added, 0 changed, 0 removed',
      'merged',
    ]);
    const after = tableDump(path);
    const again = await marginalia('olga', 'merge', path, out);
    expect(again.code).toBe(0);
    expect(again.stdout.trim().split('\n').at(-1)).toBe(
      'nothing to merge: the project already holds this work',
    );
    expect(tableDump(path)).toBe(after);

    // A project that is no package, and a non-owner: sentences, exit 1, the project as it was.
    const notPackage = await marginalia('olga', 'merge', path, path);
    expect(notPackage.code).toBe(1);
    expect(notPackage.stderr).toContain('is a project, not a work package');
    const byAnnotator = await marginalia('ann2', 'merge', path, out);
    expect(byAnnotator.code).toBe(1);
    expect(byAnnotator.stderr).toBe(
      'marginalia merge: cannot merge returned work: only an owner of the project can change roles and assignments; nothing was written\n',
    );
    expect(tableDump(path)).toBe(after);
  });
});
