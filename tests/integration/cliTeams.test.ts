/**
 * Teams on the command line as a user runs it (`node bin/marginalia.mjs ...` in a child process):
 * assign, roles with owner, rename-me, --see-others, and the --json answers for pipelines.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDump } from '../../electron/store/testing';
import { runMarginalia } from './cliRun';

const marginalia = runMarginalia;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-cli-teams-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A new project of `olga` with three articles (ids kabul, quetta, sindh). */
async function project(name: string): Promise<string> {
  const path = join(dir, `${name}.marginalia`);
  expect((await marginalia('olga', 'new', path)).code).toBe(0);
  const files = ['kabul', 'quetta', 'sindh'].map((place) => {
    const file = join(dir, `${name}-${place}.txt`);
    writeFileSync(file, `Officials said 12 people died in ${place}.\n`);
    return file;
  });
  expect((await marginalia('olga', 'import', path, ...files)).code).toBe(0);
  return path;
}

describe.concurrent('marginalia teams', { timeout: 180_000 }, () => {
  it('assigns documents round-robin and by seed, says so, and lists the counts in JSON', async () => {
    const path = await project('assign');
    const run = await marginalia('olga', 'assign', path, '--annotators', 'ann1,ann2', '--per-document', '1');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      [
        'assigned 3 documents, 1 annotator each (round-robin)',
        '  ann1: 2 documents in all',
        '  ann2: 1 documents in all',
        '',
      ].join('\n'),
    );
    const seeded = await marginalia(
      'olga',
      ...['assign', path, '--annotators', 'ann1,ann2,ann3', '--per-document', '2', '--seed', '7'],
      ...['--documents', `${dir}/assign-kabul,2`],
    );
    expect(seeded.stderr).toContain('no document "');
    expect(seeded.code).toBe(1);
    const again = await marginalia(
      'olga',
      ...[
        'assign',
        path,
        '--annotators',
        'ann1,ann2,ann3',
        '--per-document',
        '2',
        '--seed',
        '7',
        '--documents',
        '1,2',
      ],
    );
    expect(again.stdout).toMatch(/^assigned 2 documents, 2 annotators each \(seeded random, seed 7\)$/m);

    const people = await marginalia('olga', 'annotators', path, '--json');
    const listed = (JSON.parse(people.stdout) as { annotators: { name: string; assigned: number }[] })
      .annotators;
    // Documents 1 and 2 got two of three each, document 3 keeps ann1 from the round-robin.
    expect(listed.reduce((n, a) => n + a.assigned, 0)).toBe(5);
    expect(listed.map((a) => a.name)).toEqual(['ann1', 'ann2', 'ann3', 'olga']);
    const info = JSON.parse((await marginalia('olga', 'info', path, '--json')).stdout) as Record<
      string,
      unknown
    >;
    expect(info).toMatchObject({ assignments: 5, annotatorsSeeOthers: false, documents: 3 });

    const off = await marginalia('olga', 'assign', path, '--unassign', '--annotators', 'ann3');
    expect(off.stdout).toMatch(/^unassigned [12] document assignments?$/m);
  });

  it('refuses assignment by a non-owner and bad arguments in words, writing nothing', async () => {
    const path = await project('refuse');
    const before = tableDump(path);
    const cases: [string, string[], string][] = [
      ['bo', ['--annotators', 'a,b'], 'only an owner of the project can change roles and assignments'],
      [
        'olga',
        ['--annotators', 'a', '--per-document', '2'],
        '2 annotators per document need at least 2 annotators',
      ],
      [
        'olga',
        ['--annotators', 'a', '--per-document', 'two'],
        '--per-document takes a whole number, not "two"',
      ],
      ['olga', ['--annotators', 'a', '--documents', 'atlantis'], 'no document "atlantis" in this project'],
      ['olga', [], 'name the annotators with --annotators a,b,c'],
    ];
    for (const [user, args, message] of cases) {
      const run = await marginalia(user, 'assign', path, ...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    // A non-owner's refused change leaves even their own row out: the project is as it was.
    expect(tableDump(path)).toEqual(before);
  });

  it('makes someone owner, sets what annotators see, and renames the local user keeping their spans', async () => {
    const path = await project('people');
    expect((await marginalia('olga', 'assign', path, '--annotators', 'ann1')).code).toBe(0);
    const owner = await marginalia('olga', 'annotators', path, '--role', 'ann1=owner', '--see-others', 'yes');
    expect(owner.stdout).toMatch(/^ann1 +owner +0 +3$/m);
    const info = JSON.parse((await marginalia('olga', 'info', path, '--json')).stdout) as Record<
      string,
      unknown
    >;
    expect(info.annotatorsSeeOthers).toBe(true);
    expect((await marginalia('olga', 'annotators', path, '--see-others', 'maybe')).stderr).toContain(
      '--see-others takes yes or no, not "maybe"',
    );

    const renamed = await marginalia('ann1', 'rename-me', path, 'Ann Lee');
    expect(renamed).toMatchObject({ code: 0, stderr: '' });
    expect(renamed.stdout).toContain('renamed you in this project: "ann1" → "Ann Lee"');
    const after = await marginalia('olga', 'annotators', path);
    expect(after.stdout).toMatch(/^Ann Lee +owner +0 +3$/m);
    expect(after.stdout).not.toContain('ann1');
    const taken = await marginalia('olga', 'rename-me', path, 'Ann Lee');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain(
      'another annotator in this project is already called "Ann Lee"; your name stays "olga"',
    );
  });
});
