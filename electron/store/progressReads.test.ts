import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../core/schema';
import { sessionsOf } from '../core/progress';
import { annotatorSessions, assignmentChanges } from './progressReads';
import { ProjectStore } from './projectStore';
import { placesProject } from './testing';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("splits each person's events into the same sessions as the rule written out in core", () => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-progress-reads-'));
  const store = ProjectStore.create(join(dir, 'p.marginalia'), 'p', DEFAULT_SCHEMA);
  const people = ['ann1', 'ann2', 'ann3'].map((name) => store.ensureAnnotator(name));
  const base = Date.UTC(2026, 11, 1) / 1000;
  // A seeded log: gaps from a second to twenty minutes, so sessions split often and near the limit.
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
  const times = new Map<number, number[]>(people.map((p) => [p, []]));
  const insert = store.database.prepare(
    "INSERT INTO event (at, annotator_id, document_id, op, entity) VALUES (?, ?, NULL, 'status', 'assignment')",
  );
  const clock = new Map(people.map((p) => [p, base]));
  for (let i = 0; i < 600; i++) {
    const who = people[Math.floor(next() * people.length)]!;
    const gap = [1, 30, 299, 300, 301, 1200][Math.floor(next() * 6)]!;
    const t = clock.get(who)! + gap;
    clock.set(who, t);
    times.get(who)!.push(t);
    insert.run(new Date(t * 1000).toISOString(), who);
  }
  const found = annotatorSessions(store.database, { onlyAssigned: false, only: null });
  const uid = (id: number) =>
    store.database.prepare<[number], { uid: string }>('SELECT uid FROM annotator WHERE id = ?').get(id)!.uid;
  for (const p of people) {
    const sql = found.get(uid(p))!.map((s) => ({ first: Math.round(s.first), last: Math.round(s.last) }));
    expect(sql.sort((a, b) => a.first - b.first)).toEqual(sessionsOf(times.get(p)!));
  }
  store.close();
});

it('counts every change of an assignment row, whoever writes it, and none for work that leaves them as they were', () => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-progress-reads-'));
  const path = join(dir, 'p.marginalia');
  placesProject(path, 'p', ['Kabul', 'Quetta'], ['ann1']);
  const store = ProjectStore.open(path);
  const [olga, ann1] = ['olga', 'ann1'].map((name) => store.ensureAnnotator(name)) as [number, number];
  const seen: number[] = [assignmentChanges(store.database)];
  const step = (write: () => unknown) => {
    write();
    seen.push(assignmentChanges(store.database));
  };
  step(() => store.team.setAssigned(1, ann1, true, olga)); // a new row: changed
  step(() => store.addSpan(ann1, 1, { start: 0, end: 9, label: 'Claim' })); // todo → in progress: changed
  step(() => store.addSpan(ann1, 1, { start: 15, end: 17, label: 'Figure' })); // already in progress: the same
  step(() => store.setDocumentStatus(1, ann1, 'done')); // changed
  step(() => store.setDocumentStatus(1, ann1, 'done')); // the same status again: the same
  step(() => store.addSpan(ann1, 2, { start: 0, end: 9, label: 'Claim' })); // a row made by the first tag: changed
  step(() => store.team.setAssigned(1, ann1, false, olga)); // unassigned: changed
  step(() => store.database.prepare('DELETE FROM document WHERE id = 2').run()); // its rows go with it: changed
  store.close();
  const moved = seen.slice(1).map((n, i) => n > seen[i]!);
  expect(moved).toEqual([true, true, false, true, false, true, true, true]);
});
