/**
 * `marginalia progress` as a user runs it (a child process): the table, --json for pipelines, the
 * own-row rule of blind annotation, and refusals that name the file and write nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HeadlessProject } from '../../electron/services/headless';
import { fileHash, placesProject } from '../../electron/store/testing';
import { runMarginalia as marginalia } from './cliRun';

let dir: string;
let path: string;

/** olga's project: Kabul and Quetta for ann1, Quetta for ann2; ann1 tags Kabul for five minutes. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-cli-progress-'));
  path = join(dir, 'reports.marginalia');
  placesProject(path, 'reports', ['Kabul', 'Quetta']);
  vi.useFakeTimers({ toFake: ['Date'] });
  const at = (hhmm: string) => vi.setSystemTime(new Date(`2026-12-01T${hhmm}:00.000Z`));
  at('08:00');
  const olga = HeadlessProject.open(path, 'olga', {});
  await olga.call('assignDocuments', {
    annotators: ['ann1'],
    perDocument: 1,
    strategy: 'round-robin',
    documents: [1],
  });
  await olga.call('assignDocuments', {
    annotators: ['ann1', 'ann2'],
    perDocument: 2,
    strategy: 'round-robin',
    documents: [2],
  });
  olga.close();
  const ann1 = HeadlessProject.open(path, 'ann1', {});
  at('09:00');
  await ann1.call('addSpan', { documentId: 1, start: 15, end: 24, label: 'Figure' });
  at('09:05');
  await ann1.call('addSpan', { documentId: 1, start: 34, end: 39, label: 'Location' });
  await ann1.call('setDocumentStatus', { documentId: 1, status: 'done' });
  ann1.close();
  vi.useRealTimers();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent('marginalia progress', { timeout: 120_000 }, () => {
  it("prints each annotator's documents, spans, active time and labels, then the documents", async () => {
    const run = await marginalia('olga', 'progress', path);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('documents   2: 1 done, 0 in progress, 1 todo');
    // documents, todo, in progress, done, spans, active, last activity
    expect(run.stdout).toMatch(/^ann1\s+annotator\s+2\s+1\s+0\s+1\s+2\s+5 min\s+2026-12-01 09:05$/m);
    expect(run.stdout).toMatch(/^ann2\s+annotator\s+1\s+1\s+0\s+0\s+0\s+0 s\s+—$/m);
    expect(run.stdout).toMatch(/^olga\s+owner\s+0\s+0\s+0\s+0\s+0\s+30 s\s+2026-12-01 08:00$/m);
    expect(lines).toContain('  ann1: Figure 1, Location 1');
    expect(run.stdout).toMatch(/^1\s+Kabul\s+done\s+ann1 done \(2\)\s+2\s+0\s+5 min\s+2026-12-01 09:05$/m);
    expect(run.stdout).toMatch(/^2\s+Quetta\s+todo\s+ann1 todo \(0\), ann2 todo \(0\)\s+0\s+0\s+0 s\s+—$/m);
  });

  it('answers one JSON object with plainly named fields', async () => {
    const run = await marginalia('olga', 'progress', path, '--json', '--limit', '1');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.documents).toEqual({ total: 2, todo: 1, inProgress: 0, done: 1 });
    expect(report.annotators.find((a: { name: string }) => a.name === 'ann1')).toMatchObject({
      documents: 2,
      done: 1,
      inProgress: 0,
      todo: 1,
      spans: 2,
      activeSeconds: 300,
      lastActivity: '2026-12-01T09:05:00.000Z',
      labels: [
        { label: 'Figure', spans: 1 },
        { label: 'Location', spans: 1 },
      ],
    });
    expect(report.documentPage.rows).toHaveLength(1);
    expect(report.documentPage.total).toBe(2);
  });

  it('shows an annotator under blind annotation only their own row', async () => {
    const run = await marginalia('ann2', 'progress', path, '--json');
    const report = JSON.parse(run.stdout);
    expect(report.ownOnly).toBe(true);
    expect(report.annotators.map((a: { name: string }) => a.name)).toEqual(['ann2']);
    expect(report.documentPage.rows.map((r: { title: string }) => r.title)).toEqual(['Quetta']);
  });

  it('refuses a file that is not a project, and bad flags, in a sentence, writing nothing', async () => {
    const junk = join(dir, 'notes.marginalia');
    writeFileSync(junk, 'not a project\n');
    const before = [fileHash(junk), fileHash(path)];
    const bad = await marginalia('olga', 'progress', junk);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^marginalia progress: .*notes\.marginalia/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const flag = await marginalia('olga', 'progress', path, '--limit', 'ten');
    expect(flag).toMatchObject({ code: 1, stdout: '' });
    expect(flag.stderr).toBe(
      'marginalia progress: --limit takes a whole number, not "ten"; nothing was read\n',
    );
    expect([fileHash(junk), fileHash(path)]).toEqual(before);
  });
});
