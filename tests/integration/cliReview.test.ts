/** `marginalia review` and `marginalia decisions` as a user runs them: counts, files, refusals in sentences. */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDisagreements, REVIEW_TEXT } from '../../electron/services/review.testkit';
import { GOLD } from '../../electron/core/layers';
import { ProjectStore } from '../../electron/store/projectStore';
import { fileHash, reviewedProject, scribbleOverRoot, tableDump } from '../../electron/store/testing';
import { runMarginalia } from './cliRun';

let dir: string;
let path: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-cli-review-'));
  path = join(dir, 'p.marginalia');
  const { store, ids, documentId } = reviewedProject(
    path,
    'Officials said 12 people were killed in Kervadi on Monday.',
    ['ann1', 'ann2', 'ann3'],
  );
  for (const who of ['ann1', 'ann2', 'ann3'])
    store.addSpan(ids[who]!, documentId, { label: 'Claim', start: 0, end: 57 });
  store.addSpan(ids.ann1!, documentId, { label: 'Location', start: 40, end: 47 });
  store.addSpan(ids.ann2!, documentId, { label: 'Location', start: 40, end: 47 });
  store.addSpan(ids.ann1!, documentId, { label: 'Hedge', start: 48, end: 57 });
  store.addSpan(ids.ann2!, documentId, { label: 'Figure', start: 48, end: 57 });
  // A reviewer's decision, with a reason that a spreadsheet must not run as a formula.
  const label = store.decisions.record(ids.rita!, {
    documentId,
    conflictKey: 'span:48-57:Figure+Hedge',
    kind: 'label',
    outcome: 'reject',
    reason: '=a date, not a hedge',
  });
  expect(label.auto).toBe(false);
  store.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What an auto-accept wrote to `project`'s documents, without what differs from run to run (uids, times). */
function acceptedInto(project: string, documentIds: readonly number[]) {
  const store = ProjectStore.open(project, { readOnly: true });
  try {
    return documentIds.map((documentId) => {
      const gold = store.spansOf(documentId).filter((s) => s.gold);
      const goldIds = new Set(gold.map((s) => s.id));
      return {
        gold: gold.map(({ id, label, start, end, fragments, attributes, origin }) => [
          id,
          label,
          start,
          end,
          fragments,
          attributes,
          origin,
        ]),
        relations: store
          .relationsOf(documentId)
          .filter((r) => goldIds.has(r.fromSpan))
          .map(({ type, fromSpan, toSpan }) => [type, fromSpan, toSpan]),
        decisions: store.decisions
          .list(documentId)
          .map(({ id, conflictKey, kind, outcome, chosen, reason, auto }) => [
            id,
            conflictKey,
            kind,
            outcome,
            chosen,
            reason,
            auto,
          ]),
      };
    });
  } finally {
    store.close();
  }
}

describe('marginalia review and decisions', { timeout: 180_000 }, () => {
  it('refuses to auto-accept into a damaged file, with what SQLite found, and leaves it byte-identical', async () => {
    const made = join(dir, 'damaged.marginalia');
    const { store, ids, documentId } = reviewedProject(made, REVIEW_TEXT, ['ann1', 'ann2', 'ann3']);
    addDisagreements(store, ids, documentId);
    store.close();
    // An index auto-accept neither reads nor writes: only SQLite's check can find it damaged (on the
    // reading thread, or before the commit without one).
    scribbleOverRoot(made, 'event_merges_by_layer');
    const before = fileHash(made);
    for (const setting of ['on', 'off']) {
      process.env.MARGINALIA_READING_THREAD = setting;
      try {
        const run = await runMarginalia('rita', 'review', made, '--auto-accept', '2');
        expect(run.code).not.toBe(0);
        expect(run.stderr).toMatch(
          /damaged\.marginalia is damaged \(SQLite's check says: .+\)\. It was left untouched/,
        );
        expect(fileHash(made)).toBe(before);
      } finally {
        delete process.env.MARGINALIA_READING_THREAD;
      }
    }
  });

  it('auto-accepts the same with the layers compared and planned on a second thread as on one', async () => {
    const made = join(dir, 'threads.marginalia');
    const { store, ids, documentId } = reviewedProject(made, REVIEW_TEXT, ['ann1', 'ann2', 'ann3']);
    const others = store.insertDocuments(
      ['decided', 'in-gold'].map((name) => ({
        externalId: name,
        title: name,
        text: REVIEW_TEXT,
        sha256: name,
        source: {},
        newlinePolicy: 'none' as const,
      })),
      null,
    ).inserted;
    const documents = [documentId, ...others.map((d) => d.id)];
    for (const id of documents) addDisagreements(store, ids, id);
    // The first document also has a relation two annotators drew alike; the thread plans it.
    for (const who of ['ann1', 'ann2']) {
      const spans = store.spansOf(documentId).filter((s) => s.annotator === who);
      const figure = spans.find((s) => s.label === 'Figure')!;
      const claim = spans.find((s) => s.label === 'Claim' && s.start === 0)!;
      store.addRelation(ids[who]!, { type: 'in', fromSpan: figure.id, toSpan: claim.id });
    }
    // The second has a reviewer's decision, the third a gold span: both are planned by the writer.
    store.decisions.record(ids.rita!, {
      documentId: documents[1]!,
      conflictKey: 'span:40-47:Location',
      kind: 'missing',
      outcome: 'reject',
      reason: 'not a place here',
    });
    store.addSpan(ids.rita!, documents[2]!, { label: 'Location', start: 40, end: 46 }, GOLD);
    store.close();
    const runs = [];
    for (const setting of ['on', 'off']) {
      const copy = join(dir, `threads-${setting}.marginalia`);
      copyFileSync(made, copy);
      process.env.MARGINALIA_READING_THREAD = setting;
      try {
        const run = await runMarginalia('rita', 'review', copy, '--auto-accept', '2');
        expect(run.stderr).toBe('');
        runs.push({ said: run.stdout, wrote: acceptedInto(copy, documents) });
      } finally {
        delete process.env.MARGINALIA_READING_THREAD;
      }
    }
    expect(runs[0]!.said).toMatch(
      /^accepted 8 spans .* and 1 relation into gold\n1 place decided by a reviewer/,
    );
    expect(runs[0]!.wrote.map((d) => d.gold.length)).toEqual([3, 2, 4]);
    expect(runs[0]!.wrote[0]!.relations).toHaveLength(1);
    expect(runs[0]).toEqual(runs[1]);
  });

  it('counts the open conflicts, previews auto-accept without writing, then accepts and keeps the manual decision', async () => {
    const before = tableDump(path);
    const open = await runMarginalia('rita', 'review', path);
    expect(open).toMatchObject({ code: 0, stderr: '' });
    expect(open.stdout).toBe('1 open conflict: boundary 0, label 0, attribute 0, missing 1, relation 0\n');

    const preview = await runMarginalia('rita', 'review', path, '--auto-accept', '2', '--preview');
    expect(preview.stdout).toBe(
      'would accept 2 spans (Claim 1, Location 1) and 0 relations into gold\n1 place decided by a reviewer would be left as decided\n',
    );
    expect(tableDump(path)).toBe(before);

    const k3 = await runMarginalia(
      'rita',
      'review',
      path,
      '--auto-accept',
      '2',
      '--labels',
      'Claim,Location=3',
      '--preview',
    );
    expect(k3.stdout).toMatch(/^would accept 1 span \(Claim 1\)/);

    const run = await runMarginalia('rita', 'review', path, '--auto-accept', '2');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(
      /^accepted 2 spans \(Claim 1, Location 1\) and 0 relations into gold\n1 place/,
    );
    const store = ProjectStore.open(path, { readOnly: true });
    try {
      expect(store.layerSpans(1, { kind: 'gold' }).map((s) => `${s.label}@${s.start}-${s.end}`)).toEqual([
        'Claim@0-57',
        'Location@40-47',
      ]);
      expect(store.decisions.list().map((d) => [d.conflictKey, d.outcome, d.auto])).toEqual([
        ['span:48-57:Figure+Hedge', 'reject', false],
        ['span:0-57:Claim', 'accept', true],
        ['span:40-47:Location', 'accept', true],
      ]);
    } finally {
      store.close();
    }

    const jsonl = join(dir, 'decisions.jsonl');
    expect(await runMarginalia('rita', 'decisions', path, '--out', jsonl)).toMatchObject({
      code: 0,
      stdout: `wrote 3 decisions to ${jsonl}\n`,
    });
    const rows = readFileSync(jsonl, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows[0]).toMatchObject({
      document: 1,
      title: 'Kervadi',
      kind: 'label',
      outcome: 'reject',
      reviewer: 'rita',
      reason: '=a date, not a hedge',
      auto: false,
      none: ['ann3'],
      versions: [
        { label: 'Figure', fragments: [{ start: 48, end: 57 }], annotators: ['ann2'] },
        { label: 'Hedge', fragments: [{ start: 48, end: 57 }], annotators: ['ann1'] },
      ],
    });
    expect(typeof rows[0].time).toBe('string');
    expect(rows[2]).toMatchObject({
      kind: 'missing',
      outcome: 'accept',
      auto: true,
      chosen: ['Location@40-47'],
    });

    const csv = join(dir, 'decisions.csv');
    expect((await runMarginalia('rita', 'decisions', path, '--out', csv)).code).toBe(0);
    const lines = readFileSync(csv, 'utf8').split('\r\n');
    expect(lines[0]).toBe('document,title,conflict,kind,versions,outcome,chosen,reviewer,time,reason,auto');
    expect(lines[1]).toMatch(
      /^1,Kervadi,span:48-57:Figure\+Hedge,label,Figure 48-57 \(ann2\) \| Hedge 48-57 \(ann1\) \| none \(ann3\),reject,,rita,[^,]+,"'=a date, not a hedge",no$/,
    );
  });

  it('shows the progress as text and JSON, and writes decisions in the format --format names', async () => {
    const before = tableDump(path);
    const text = await runMarginalia('rita', 'review', path, '--progress');
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout.split('\n').slice(0, 3)).toEqual([
      '0 open conflicts of 2, in 0 of 1 document',
      '  0 of 2 open  Kervadi (document 1)',
      'agreement with gold (exact F1 / partial F1; gold spans, spans drawn):',
    ]);
    // ann3 drew Claim 0-57 only; gold holds it and Location 40-47: 2·1/3 overall.
    expect(text.stdout).toContain(
      '  ann3: 0.67 / 0.67; Claim 1.00 / 1.00 (1, 1); Location 0.00 / 0.00 (1, 0)',
    );
    const json = await runMarginalia('rita', 'review', path, '--progress', '--json');
    const progress = JSON.parse(json.stdout) as {
      project: object;
      annotators: { annotator: string; labels: { label: string; exactF1: number }[] }[];
    };
    expect(progress.project).toEqual({
      documents: 1,
      withConflicts: 1,
      documentsLeft: 0,
      conflicts: 2,
      open: 0,
    });
    expect(progress.annotators.map((a) => a.annotator)).toEqual(['ann1', 'ann2', 'ann3']);

    const txt = join(dir, 'decisions-as.txt');
    expect((await runMarginalia('rita', 'decisions', path, '--out', txt, '--format', 'csv')).code).toBe(0);
    const [header, first] = readFileSync(txt, 'utf8').split('\r\n');
    expect(header).toBe('document,title,conflict,kind,versions,outcome,chosen,reviewer,time,reason,auto');
    expect(first).toMatch(
      /^1,Kervadi,span:48-57:Figure\+Hedge,label,.*,reject,,rita,.*"'=a date, not a hedge",no$/,
    );
    const xml = join(dir, 'decisions.xml');
    const refused = await runMarginalia('rita', 'decisions', path, '--out', xml, '--format', 'xml');
    expect(refused.stderr).toBe(
      'marginalia decisions: decisions are written as --format jsonl or --format csv, not "xml"; nothing was written\n',
    );
    expect(existsSync(xml)).toBe(false);
    expect(tableDump(path)).toBe(before);
  });

  it('refuses an annotator, a bad K and an unknown extension with sentences, writing nothing', async () => {
    const before = tableDump(path);
    const annotator = await runMarginalia('ann1', 'review', path, '--auto-accept', '2');
    expect(annotator.code).toBe(1);
    expect(annotator.stderr).toMatch(
      /^marginalia review: auto-accept is for reviewers and owners, and ann1 is an annotator/,
    );
    const badK = await runMarginalia('rita', 'review', path, '--auto-accept', 'two');
    expect(badK.stderr).toBe(
      'marginalia review: --auto-accept takes a whole number of annotators (1 or more), not "two"; nothing was accepted\n',
    );
    const txt = join(dir, 'decisions.txt');
    const badOut = await runMarginalia('rita', 'decisions', path, '--out', txt);
    expect(badOut.stderr).toMatch(/--out ends in \.jsonl or \.csv .*nothing was written/);
    expect(existsSync(txt)).toBe(false);
    const unknown = await runMarginalia('rita', 'review', path, '--auto-accept', '2', '--labels', 'Person');
    expect(unknown.stderr).toMatch(/no label or relation type "Person"; nothing was accepted/);
    expect(tableDump(path)).toBe(before);
  });
});
