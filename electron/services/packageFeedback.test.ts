/**
 * Feedback travels in the work package (issue 14 item 8): after review, the annotator's package
 * carries their documents' gold spans and the decisions their feedback shows, so opening it offline
 * — in the app's API or with `marginalia feedback` — shows the same changes and reasons. Nothing of
 * another annotator travels, and merging the package back leaves gold as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/main';
import type { DocumentFeedback } from '../contract/feedback';
import { tableDump } from '../store/testing';
import type { HeadlessProject } from './headless';
import { kabulProject, oneAtATime } from './packageProject.testkit';

//            0         1         2         3
//            0123456789012345678901234567890123456789
const TEXT = 'Officials said 12 people died in Kabul on Monday.';

let dir: string;
let path: string;
const { as, closeAll, tag } = oneAtATime(() => path, TEXT);
const lines = (feedback: Awaited<ReturnType<HeadlessProject['call']>>) =>
  (feedback as { items: { kind: string; decision: { reason: string } | null }[] }).items.map(
    (i) => `${i.kind}: ${i.decision?.reason ?? ''}`,
  );

/** What `marginalia feedback FILE [options]` prints for ann1 (exit code 0). */
async function feedbackPrinted(file: string, ...options: string[]): Promise<string[]> {
  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
  vi.stubEnv('MARGINALIA_USER', 'ann1');
  expect(await runCli(['feedback', file, ...options])).toBe(0);
  vi.unstubAllEnvs();
  return printed;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-package-feedback-'));
  path = join(dir, 'reports.marginalia');
  kabulProject(path, TEXT, ['rita']);
  const olga = as('olga');
  await olga.call('assignDocuments', {
    annotators: ['ann1', 'ann2'],
    perDocument: 2,
    strategy: 'round-robin',
  });
  await olga.call('setAnnotatorRole', { name: 'olga', role: 'owner' });
  const ann1 = as('ann1');
  await tag(ann1, 'Officials said 12 people died', 'Claim');
  await tag(ann1, 'Monday', 'Hedge');
  const ann2 = as('ann2');
  await tag(ann2, '12 people died', 'Claim');
  await tag(ann2, 'Kabul', 'Location');
  await tag(ann2, 'Officials', 'Location');
  // rita reviews: the shorter Claim, no Hedge, and Kabul (only ann2's) into gold.
  const owner = as('olga');
  await owner.call('setAnnotatorRole', { name: 'rita', role: 'reviewer' });
  const reviewer = as('rita');
  const conflicts = (await reviewer.call('listConflicts', {})).conflicts;
  const at = (label: string, kind: string, word?: string) =>
    conflicts.find(
      (c) =>
        c.kind === kind &&
        c.labels.includes(label) &&
        (!word || c.key.startsWith(`span:${TEXT.indexOf(word)}-`)),
    )!;
  const boundary = at('Claim', 'boundary');
  await reviewer.call('decideConflict', {
    documentId: 1,
    key: boundary.key,
    outcome: 'accept',
    version: boundary.versions.findIndex((v) => v.annotators.includes('ann2')),
    reason: 'the source is not part of the claim',
  });
  await reviewer.call('decideConflict', {
    documentId: 1,
    key: at('Hedge', 'missing').key,
    outcome: 'reject',
    reason: 'a date, not a hedge',
  });
  await reviewer.call('decideConflict', {
    documentId: 1,
    key: at('Location', 'missing', 'Officials').key,
    outcome: 'reject',
    reason: 'not a place',
  });
  await reviewer.call('decideConflict', {
    documentId: 1,
    key: at('Location', 'missing', 'Kabul').key,
    outcome: 'accept',
    version: 0,
    reason: 'a place',
  });
  closeAll();
});

afterEach(() => {
  closeAll();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('feedback in a work package', () => {
  const out = () => join(dir, 'ann1.marginalia');

  it('shows the annotator opening the package the same changes and reasons as the project', async () => {
    const inProject = lines(await as('ann1').call('getFeedback', { documentId: 1 }));
    expect(inProject).toEqual([
      'boundary: the source is not part of the claim',
      'added: a place',
      'removed: a date, not a hedge',
    ]);
    as('olga').writePackage('ann1', out());
    expect(lines(await as('ann1', out()).call('getFeedback', { documentId: 1 }))).toEqual(inProject);
    closeAll();

    const printed = await feedbackPrinted(out());
    expect(printed).toEqual([
      "Kabul (document 1), ann1's layer:",
      '  boundary moved: Claim "Officials said 12 people died" → Claim "12 people died" — rita: the source is not part of the claim',
      '  added by the reviewer: Location "Kabul" — rita: a place',
      '  removed: Hedge "Monday" — rita: a date, not a hedge',
    ]);
  });

  it('carries gold relations and their decisions: relation feedback reads the same offline', async () => {
    closeAll();
    const db = new Database(path, { readonly: true });
    const spanId = (who: string, word: string) =>
      db
        .prepare<[string, number], { id: number }>(
          `SELECT s.id FROM span s JOIN annotator a ON a.id = s.annotator_id
            WHERE s.gold = 0 AND a.name = ? AND s.start = ?`,
        )
        .get(who, TEXT.indexOf(word))!.id;
    const [claim1, claim2, kabul2] = [
      spanId('ann1', 'Officials'),
      spanId('ann2', '12 people'),
      spanId('ann2', 'Kabul'),
    ];
    db.close();
    const ann1 = as('ann1');
    const kabul1 = await tag(ann1, 'Kabul', 'Location');
    await ann1.call('addRelation', { type: 'attributed_to', fromSpan: claim1, toSpan: kabul1.id });
    await as('ann2').call('addRelation', { type: 'attributed_to', fromSpan: claim2, toSpan: kabul2 });
    const reviewer = as('rita');
    const relation = (await reviewer.call('listConflicts', { kinds: ['relation'] })).conflicts.find(
      (c) => c.key === 'rel:Claim@15-29>Location@33-38',
    )!;
    await reviewer.call('decideConflict', {
      documentId: 1,
      key: relation.key,
      outcome: 'accept',
      version: 0,
      reason: 'the officials of Kabul say so',
    });
    const relationLines = (feedback: Awaited<ReturnType<HeadlessProject['call']>>) =>
      (feedback as DocumentFeedback).relations.map((r) => `${r.kind}: ${r.decision?.reason ?? ''}`);
    // ann1's Claim moved its boundary in gold; the relation from it to Kabul is kept, with rita's reason.
    const inProject = relationLines(await as('ann1').call('getFeedback', { documentId: 1 }));
    expect(inProject).toEqual(['kept: the officials of Kabul say so']);
    as('olga').writePackage('ann1', out());
    expect(relationLines(await as('ann1', out()).call('getFeedback', { documentId: 1 }))).toEqual(inProject);
    closeAll();

    const printed = await feedbackPrinted(out());
    expect(printed.at(-1)).toBe(
      '  relation kept: Claim "Officials said 12 people died" attributed_to Location "Kabul" — rita: the officials of Kabul say so',
    );
    vi.restoreAllMocks();
    const [json] = await feedbackPrinted(out(), '--json');
    const relations = (JSON.parse(json!) as DocumentFeedback[])[0]!.relations;
    expect(relations.map((r) => [r.kind, r.mine?.type, r.gold?.from.text, r.decision?.reason])).toEqual([
      ['kept', 'attributed_to', '12 people died', 'the officials of Kabul say so'],
    ]);
    // Gold relations in the package are read only there: merging it back changes nothing.
    const before = tableDump(path);
    expect(as('olga').mergePackages([out()]).changed).toBe(false);
    closeAll();
    expect(tableDump(path)).toBe(before);
  });

  it("carries only gold and the decisions the feedback shows: no other annotator's name or layer", () => {
    as('olga').writePackage('ann1', out());
    closeAll();
    const db = new Database(out(), { readonly: true });
    const names = db.prepare('SELECT name, owner FROM annotator ORDER BY name').all();
    const layers = db.prepare('SELECT gold, count(*) AS n FROM span GROUP BY gold ORDER BY gold').all();
    const reasons = db.prepare('SELECT reason FROM decision ORDER BY reason').all();
    db.close();
    expect(names).toEqual([
      { name: 'ann1', owner: 0 },
      { name: 'rita', owner: 0 },
    ]);
    // ann1's Claim and Hedge; gold's Claim and Location.
    expect(layers).toEqual([
      { gold: 0, n: 2 },
      { gold: 1, n: 2 },
    ]);
    // rita's fourth decision, on ann2's "Officials", is not in ann1's feedback: it stays home.
    expect(reasons).toEqual([
      { reason: 'a date, not a hedge' },
      { reason: 'a place' },
      { reason: 'the source is not part of the claim' },
    ]);
  });

  it('merging the package back leaves gold and the decisions as they were', () => {
    as('olga').writePackage('ann1', out());
    closeAll();
    const before = tableDump(path);
    expect(as('olga').mergePackages([out()]).changed).toBe(false);
    closeAll();
    expect(tableDump(path)).toBe(before);
  });
});
