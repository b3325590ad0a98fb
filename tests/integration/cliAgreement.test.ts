/** `marginalia agreement` as a user runs it: JSON names, CSV rows, refusals in sentences. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { ProjectStore } from '../../electron/store/projectStore';
import { tableDump } from '../../electron/store/testing';
import { runMarginalia } from './cliRun';

const marginalia = (...args: string[]) => runMarginalia('cli-tester', ...args);

let dir: string;
let path: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-cli-agreement-'));
  path = join(dir, 'p.marginalia');
  const store = ProjectStore.create(path, 'p', DEFAULT_SCHEMA);
  const ann1 = store.ensureAnnotator('ann1');
  const ann2 = store.ensureAnnotator('ann2');
  const [doc] = store.insertDocuments(
    [
      {
        externalId: 'a',
        title: 'Kervadi',
        text: 'Officials said 12 people were killed in Kervadi.',
        sha256: 'a',
        source: {},
        newlinePolicy: 'none',
      },
    ],
    null,
  ).inserted;
  store.addSpan(ann1, doc!.id, { label: 'Figure', start: 15, end: 24 });
  store.addSpan(ann2, doc!.id, { label: 'Figure', start: 15, end: 36 });
  store.addSpan(ann1, doc!.id, { label: 'Location', start: 40, end: 47 });
  store.addSpan(ann2, doc!.id, { label: 'Location', start: 40, end: 47 });
  store.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent('marginalia agreement', { timeout: 120_000 }, () => {
  it('prints JSON with the figures named plainly', async () => {
    const run = await marginalia('agreement', path, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.raters).toEqual(['ann1', 'ann2']);
    expect(report.pairs[0]).toMatchObject({
      a: 'ann1',
      b: 'ann2',
      exact: { matched: 1, reference: 2, candidate: 2, f1: 0.5 },
      partial: { matched: 2, f1: 1 },
    });
    expect(typeof report.pairs[0].token_kappa).toBe('number');
    expect(report.overall.labels.Location.alpha_u).toBe(1);
    expect(report.per_document[0]).toMatchObject({ id: 1, title: 'Kervadi' });
  });

  it('prints CSV, one figure a row, and filters by label', async () => {
    const run = await marginalia('agreement', path, '--csv', '--labels', 'Figure');
    expect(run.code).toBe(0);
    const rows = run.stdout.split('\r\n');
    expect(rows[0]).toBe('scope,a,b,label,document,measure,value');
    expect(rows).toContain('pair,ann1,ann2,,,exact.f1,0');
    expect(rows).toContain('pair,ann1,ann2,Figure,,partial.f1,1');
    expect(rows.some((r) => r.includes('Location'))).toBe(false);
  });

  it('prints a table by default', async () => {
    const run = await marginalia('agreement', path, '--annotators', 'ann1,ann2');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ann1 +ann2 +0\.500 +1\.000/m);
  });

  it('refuses an unknown annotator or two output forms in a sentence, and changes nothing', async () => {
    const before = tableDump(path);
    const unknown = await marginalia('agreement', path, '--annotators', 'ann1,zoe');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'marginalia agreement: no spans by "zoe" in this project (annotators with spans: "ann1", "ann2"); nothing was computed\n',
    );
    const both = await marginalia('agreement', path, '--json', '--csv');
    expect(both.code).toBe(1);
    expect(both.stderr).toBe('marginalia agreement: choose --json or --csv, not both\n');
    const badDoc = await marginalia('agreement', path, '--documents', 'x');
    expect(badDoc.stderr).toBe('marginalia agreement: --documents takes document numbers, not "x"\n');
    expect(tableDump(path)).toBe(before);
  });
});
