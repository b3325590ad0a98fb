/**
 * Identities in exchange: native JSONL carries the project's, each span's and relation's stable id
 * and each span's layer; importing it keeps them, so a second import of the same file adds nothing.
 * Importing into the gold layer is a reviewer's, and refused for anyone else with nothing written.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../core/schema';
import { ProjectStore } from '../store/projectStore';
import { tableDump } from '../store/testing';
import { runExport } from './exporter';
import { runImport } from './importer';
import { directContext } from './jobs';

const TEXT = 'Officials said 12 people were killed in Kervadi.';
const GOLD = { kind: 'gold' } as const;
const context = () => directContext(() => {});

let dir: string;
const open: ProjectStore[] = [];
const project = (name: string) => {
  const store = ProjectStore.create(join(dir, `${name}.marginalia`), name, DEFAULT_SCHEMA);
  open.push(store);
  return store;
};
const rows = <T>(store: ProjectStore, sql: string) => store.database.connection.prepare<[], T>(sql).all();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-ids-'));
});
afterEach(() => {
  for (const store of open.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Project A: alice's Figure, and rita's gold Figure "in" a gold Claim. */
function projectA() {
  const a = project('a');
  const alice = a.ensureAnnotator('alice');
  const rita = a.ensureAnnotator('rita');
  a.setAnnotatorRole('rita', 'reviewer', null);
  const documentId = a.insertDocuments(
    [{ externalId: 'kervadi', title: 'Kervadi', text: TEXT, sha256: 'h', source: {}, newlinePolicy: 'none' }],
    null,
  ).inserted[0]!.id;
  const mine = a.addSpan(alice, documentId, { label: 'Figure', start: 15, end: 24 });
  const figure = a.addSpan(rita, documentId, { label: 'Figure', start: 15, end: 24 }, GOLD);
  const claim = a.addSpan(rita, documentId, { label: 'Claim', start: 0, end: 47 }, GOLD);
  const link = a.addRelation(rita, { type: 'in', fromSpan: figure.id, toSpan: claim.id });
  const uid = (table: string, id: number) =>
    rows<{ uid: string }>(a, `SELECT uid FROM ${table} WHERE id = ${id}`)[0]!.uid;
  return {
    a,
    ids: {
      project: rows<{ uid: string }>(a, 'SELECT uid FROM project')[0]!.uid,
      alice: uid('annotator', alice),
      mine: uid('span', mine.id),
      figure: uid('span', figure.id),
      claim: uid('span', claim.id),
      link: uid('relation', link.id),
    },
    keys: { mine: String(mine.id), figure: String(figure.id), claim: String(claim.id) },
  };
}

async function exportJsonl(store: ProjectStore, name: string): Promise<string> {
  const path = join(dir, name);
  await runExport(store, { format: 'jsonl', path, offsetUnit: 'utf16' }, context());
  return path;
}

const importInto = (store: ProjectStore, path: string, extra: { annotator?: string; gold?: boolean } = {}) =>
  runImport(
    store,
    { paths: [path], format: 'jsonl', localUser: 'me', importerId: null, importer: 'me', ...extra },
    context(),
  );

describe('native JSONL with identities', () => {
  it("writes the project's id, and each span's and relation's id and layer", async () => {
    const { a, ids, keys } = projectA();
    const line = JSON.parse(readFileSync(await exportJsonl(a, 'a.jsonl'), 'utf8').trim()) as Record<
      string,
      unknown
    >;
    expect(line.project).toBe(ids.project);
    // The oracle, by hand: which span is where, in text order (start, then longer first).
    expect(line.spans).toMatchObject([
      { id: keys.claim, uid: ids.claim, label: 'Claim', annotator: 'rita', layer: { kind: 'gold' } },
      {
        id: keys.mine,
        uid: ids.mine,
        label: 'Figure',
        annotator: 'alice',
        layer: { kind: 'annotator', annotator: ids.alice },
      },
      { id: keys.figure, uid: ids.figure, label: 'Figure', annotator: 'rita', layer: { kind: 'gold' } },
    ]);
    expect(line.relations).toEqual([
      { uid: ids.link, type: 'in', from: keys.figure, to: keys.claim, annotator: 'rita' },
    ]);
  });

  it('imports into another project with the same ids and layers, and a second import adds nothing', async () => {
    const { a, ids } = projectA();
    const file = await exportJsonl(a, 'a.jsonl');
    const b = project('b');
    b.ensureAnnotator('rita');
    b.setAnnotatorRole('rita', 'reviewer', null);
    const first = await importInto(b, file);
    expect(first.written).toBe(true);
    expect(first.spansAdded).toEqual({ alice: 1, rita: 2 });
    expect(
      rows<{ uid: string; gold: number; who: string; whoUid: string }>(
        b,
        'SELECT s.uid, s.gold, a.name AS who, a.uid AS whoUid FROM span s JOIN annotator a ON a.id = s.annotator_id ORDER BY s.start, s."end" DESC, s.gold',
      ),
    ).toEqual([
      { uid: ids.claim, gold: 1, who: 'rita', whoUid: expect.any(String) },
      { uid: ids.mine, gold: 0, who: 'alice', whoUid: ids.alice },
      { uid: ids.figure, gold: 1, who: 'rita', whoUid: expect.any(String) },
    ]);
    expect(rows<{ uid: string }>(b, 'SELECT uid FROM relation')).toEqual([{ uid: ids.link }]);
    expect(b.layerRelations(1, GOLD)).toHaveLength(1);

    const before = rows<{ n: number }>(b, 'SELECT count(*) AS n FROM span')[0]!.n;
    const again = await importInto(b, file);
    expect(again.spansAdded).toEqual({});
    expect(again.spansSkipped).toBe(3);
    expect(again.relationsAdded).toBe(0);
    expect(rows<{ n: number }>(b, 'SELECT count(*) AS n FROM span')[0]!.n).toBe(before);
  });

  it('finds an annotator by id after a rename in the copy, instead of making a second one', async () => {
    const { a, ids } = projectA();
    const file = await exportJsonl(a, 'a.jsonl');
    a.database.connection.prepare("UPDATE annotator SET name = 'alice.k' WHERE name = 'alice'").run();
    a.database.connection.prepare('DELETE FROM span').run();
    const reviewerA = a.annotators().find((r) => r.name === 'rita')!;
    expect(reviewerA.role).toBe('reviewer');
    await importInto(a, file);
    expect(
      rows<{ name: string; uid: string }>(a, "SELECT name, uid FROM annotator WHERE name LIKE 'alice%'"),
    ).toEqual([{ name: 'alice.k', uid: ids.alice }]);
  });

  it('refuses gold spans from a file whose writer is not a reviewer here, naming file and document', async () => {
    const { a } = projectA();
    const file = await exportJsonl(a, 'a.jsonl');
    const b = project('b');
    const before = tableDump(join(dir, 'b.marginalia'));
    const report = await importInto(b, file);
    expect(report.written).toBe(false);
    expect(report.problems).toEqual([
      {
        file,
        message:
          'document kervadi: gold spans written by rita, who is not a reviewer in this project (only reviewers write gold); import with --annotator REVIEWER, or make them a reviewer first',
      },
    ]);
    expect(tableDump(join(dir, 'b.marginalia'))).toBe(before);
  });
});

describe('importing into the gold layer', () => {
  const line = JSON.stringify({
    format: 'marginalia-jsonl/2',
    offset_unit: 'utf16-code-units',
    id: 'kervadi',
    text: TEXT,
    spans: [{ id: 's1', label: 'Location', start: 40, end: 47, text: 'Kervadi', annotator: 'wire' }],
  });

  it('writes every span into gold under the reviewer named, who must have the reviewer role', async () => {
    const b = project('b');
    b.ensureAnnotator('rita');
    b.ensureAnnotator('ann1');
    const file = join(dir, 'wire.jsonl');
    writeFileSync(file, `${line}\n`);
    const before = tableDump(join(dir, 'b.marginalia'));
    await expect(importInto(b, file, { gold: true, annotator: 'ann1' })).rejects.toThrow(
      'ann1 is not a reviewer in this project, and only reviewers (and owners) write the gold layer; nothing was imported. ' +
        'Make them one first (marginalia annotators PROJECT --role "ann1=reviewer")',
    );
    await expect(importInto(b, file, { gold: true })).rejects.toThrow(
      'importing into the gold layer needs the reviewer who writes it: add --annotator REVIEWER; nothing was imported',
    );
    expect(tableDump(join(dir, 'b.marginalia'))).toBe(before);

    b.setAnnotatorRole('rita', 'reviewer', null);
    const report = await importInto(b, file, { gold: true, annotator: 'rita' });
    expect(report.spansAdded).toEqual({ rita: 1 });
    expect(b.layerSpans(1, GOLD).map((s) => [s.label, s.start, s.end, s.annotator])).toEqual([
      ['Location', 40, 47, 'rita'],
    ]);
    // Gold is a layer of its own: the same span in rita's own layer is not "identical".
    expect(b.spansOf(1, b.ensureAnnotator('rita'))).toEqual([]);
  });
});
