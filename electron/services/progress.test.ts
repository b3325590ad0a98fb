/**
 * Progress through the handler the app and `marginalia progress` call: statuses, spans, labels,
 * active time from the event log (clock set per step), and blind annotation's own-row rule.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refusal } from '../store/testing';
import { placesPerTest } from './handlers.testkit';

const PLACES = ['Kabul', 'Quetta', 'Sindh'];
const { as, dump } = placesPerTest('progress', PLACES);

beforeEach(() => void vi.useFakeTimers({ toFake: ['Date'] }));
afterEach(() => void vi.useRealTimers());
const clock = (hhmm: string) => vi.setSystemTime(new Date(`2026-12-01T${hhmm}:00.000Z`));

/** olga assigns Kabul and Quetta to ann1, Quetta and Sindh to ann2; both then work on the clock. */
async function teamAtWork() {
  clock('08:00');
  const olga = as('olga');
  const assign = (annotators: string[], documents: number[]) =>
    olga.call('assignDocuments', {
      annotators,
      perDocument: annotators.length,
      strategy: 'round-robin',
      documents,
    });
  await assign(['ann1'], [1]);
  await assign(['ann1', 'ann2'], [2]);
  await assign(['ann2'], [3]);
  const ann1 = as('ann1');
  clock('09:00');
  await ann1.call('addSpan', { documentId: 1, start: 15, end: 24, label: 'Figure' });
  clock('09:04');
  await ann1.call('addSpan', { documentId: 1, start: 34, end: 39, label: 'Location' });
  clock('09:08');
  await ann1.call('setDocumentStatus', { documentId: 1, status: 'done' });
  clock('10:00');
  await ann1.call('addSpan', { documentId: 2, start: 0, end: 14, label: 'Claim' });
  const ann2 = as('ann2');
  clock('11:00');
  await ann2.call('addSpan', { documentId: 2, start: 15, end: 24, label: 'Figure' });
  clock('11:02');
  await ann2.call('setDocumentStatus', { documentId: 2, status: 'done' });
}

describe('progress', () => {
  it('shows an owner every annotator: statuses of their documents, spans per label, active time, last activity', async () => {
    await teamAtWork();
    const report = await as('olga').call('getProgress', {});
    expect(report.ownOnly).toBe(false);
    expect(report.documents).toEqual({ total: 3, todo: 1, inProgress: 1, done: 1 });
    const byName = Object.fromEntries(report.annotators.map((a) => [a.name, a]));
    expect(byName.ann1).toMatchObject({
      documents: 2,
      todo: 0,
      inProgress: 1,
      done: 1,
      spans: 3,
      // 09:00–09:08 is one session (480 s); 10:00 alone counts 30 s.
      activeSeconds: 510,
      lastActivity: '2026-12-01T10:00:00.000Z',
      labels: [
        { label: 'Claim', spans: 1 },
        { label: 'Figure', spans: 1 },
        { label: 'Location', spans: 1 },
      ],
    });
    expect(byName.ann2).toMatchObject({
      documents: 2,
      todo: 1,
      inProgress: 0,
      done: 1,
      spans: 1,
      activeSeconds: 120,
    });
    expect(byName.olga).toMatchObject({ role: 'owner', documents: 0, spans: 0 });

    const [kabul, quetta, sindh] = report.documentPage.rows;
    expect(report.documentPage.total).toBe(3);
    expect(kabul).toMatchObject({
      title: 'Kabul',
      status: 'done',
      spans: 2,
      activeSeconds: 480,
      annotators: [{ name: 'ann1', status: 'done', assigned: true, spans: 2 }],
    });
    expect(quetta).toMatchObject({
      status: 'in_progress',
      spans: 2,
      // ann1's lone tag (30 s) and ann2's two minutes.
      activeSeconds: 150,
      lastActivity: '2026-12-01T11:02:00.000Z',
      annotators: [
        { name: 'ann1', status: 'in_progress', spans: 1 },
        { name: 'ann2', status: 'done', spans: 1 },
      ],
    });
    expect(sindh).toMatchObject({ status: 'todo', spans: 0, activeSeconds: 0, lastActivity: null });
  });

  it('follows new work after a first read, also when a clock was set back', async () => {
    await teamAtWork();
    const ann1 = (report: { annotators: { name: string; spans: number; activeSeconds: number }[] }) =>
      report.annotators.find((a) => a.name === 'ann1')!;
    expect(ann1(await as('olga').call('getProgress', {}))).toMatchObject({ spans: 3, activeSeconds: 510 });
    const project = as('ann1');
    clock('10:03');
    await project.call('addSpan', { documentId: 2, start: 15, end: 24, label: 'Figure' });
    // 10:00–10:03 is now one session of 180 s instead of a lone 30 s.
    expect(ann1(await project.call('getProgress', {}))).toMatchObject({ spans: 4, activeSeconds: 660 });
    clock('09:30');
    await project.call('addSpan', { documentId: 2, start: 34, end: 40, label: 'Location' });
    expect(ann1(await project.call('getProgress', {}))).toMatchObject({ spans: 5, activeSeconds: 690 });
  });

  it('follows status changes after a first read, and new spans and last activity when statuses stay', async () => {
    await teamAtWork();
    // ann2 reads under blind annotation: her own documents, Quetta (done) and Sindh.
    const project = as('ann2');
    const read = async () => {
      const report = await project.call('getProgress', {});
      return { documents: report.documents, ann2: report.annotators.find((a) => a.name === 'ann2')! };
    };
    expect(await read()).toMatchObject({
      documents: { total: 2, todo: 1, inProgress: 0, done: 1 },
      ann2: { todo: 1, inProgress: 0, done: 1, spans: 1 },
    });
    clock('12:00');
    await project.call('addSpan', { documentId: 3, start: 0, end: 9, label: 'Claim' });
    expect(await read()).toMatchObject({
      documents: { total: 2, todo: 0, inProgress: 1, done: 1 },
      ann2: { todo: 0, inProgress: 1, done: 1, spans: 2 },
    });
    clock('12:01');
    await project.call('addSpan', { documentId: 3, start: 34, end: 39, label: 'Location' });
    expect(await read()).toMatchObject({
      documents: { total: 2, todo: 0, inProgress: 1, done: 1 },
      ann2: { inProgress: 1, spans: 3, lastActivity: '2026-12-01T12:01:00.000Z' },
    });
    await project.call('setDocumentStatus', { documentId: 3, status: 'done' });
    expect(await read()).toMatchObject({
      documents: { total: 2, todo: 0, inProgress: 0, done: 2 },
      ann2: { todo: 0, inProgress: 0, done: 2, spans: 3 },
    });
  });

  it('pages documents in import order', async () => {
    await teamAtWork();
    const page = await as('olga').call('getProgress', { offset: 1, limit: 1 });
    expect(page.documentPage.rows.map((r) => r.title)).toEqual(['Quetta']);
    expect(page.documentPage).toMatchObject({ offset: 1, total: 3 });
  });

  it('shows an annotator under blind annotation only their own row and documents, until others are allowed', async () => {
    await teamAtWork();
    const mine = await as('ann2').call('getProgress', {});
    expect(mine.ownOnly).toBe(true);
    expect(mine.annotators.map((a) => a.name)).toEqual(['ann2']);
    expect(mine.documents).toEqual({ total: 2, todo: 1, inProgress: 0, done: 1 });
    expect(mine.documentPage.rows.map((r) => r.title)).toEqual(['Quetta', 'Sindh']);
    expect(mine.documentPage.rows[0]!.annotators.map((a) => a.name)).toEqual(['ann2']);
    expect(mine.documentPage.rows[0]!.activeSeconds).toBe(120);

    const stranger = await as('zed').call('getProgress', {});
    expect(stranger.annotators).toEqual([]);
    expect(stranger.documentPage.rows).toEqual([]);

    await as('olga').call('setTeamPolicy', { annotatorsSeeOthers: true });
    const all = await as('ann2').call('getProgress', {});
    expect(all.ownOnly).toBe(false);
    expect(all.annotators.map((a) => a.name)).toEqual(['ann1', 'ann2', 'olga']);
  });

  it('refuses a bad page in words and changes nothing', async () => {
    await teamAtWork();
    const before = dump();
    expect(refusal(() => as('olga').call('getProgress', { limit: 0 }))).toMatch(/limit.*nothing was changed/);
    expect(dump()).toEqual(before);
  });
});
