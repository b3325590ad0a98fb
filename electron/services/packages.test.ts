/**
 * Work packages out and back through the headless project the CLI uses: what a package holds, a
 * merge adding, changing and removing the annotator's spans by UUID, merging again changing nothing,
 * later project work kept, and refusals that leave every row of the project as it was.
 */
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandDocument } from '../contract/compactDocument';
import { refusal, tableDump } from '../store/testing';
import { createProjectFile, HeadlessProject } from './headless';
import { createWorkbench } from './workbench';
import { sha256 } from './importer';

const TEXTS = [
  'Officials said 12 people died in Kabul.',
  'Rain hit Quetta on Monday.',
  'Sindh floods left 40 homeless.',
];

let dir: string;
let path: string;
let open: HeadlessProject | null;

/** The file at `file` as `user` opens it (one at a time, as the one-writer lock wants). */
function as(user: string, file = path): HeadlessProject {
  open?.close();
  open = HeadlessProject.open(file, user, {});
  return open;
}

const tag = async (p: HeadlessProject, documentId: number, text: string, word: string, label: string) => {
  const start = text.indexOf(word);
  return p.call('addSpan', { documentId, start, end: start + word.length, label });
};

/** The spans of `who`'s layer (not gold) of every document, as [document title, label, text]. */
function layerOf(file: string, who: string): string[][] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[string], { title: string; label: string; text: string; start: number; end: number }>(
        `SELECT d.title, l.key AS label, d.text, s.start, s."end" AS "end" FROM span s
         JOIN document d ON d.id = s.document_id JOIN label l ON l.id = s.label_id
         JOIN annotator a ON a.id = s.annotator_id WHERE a.name = ? AND s.gold = 0 ORDER BY d.id, s.start`,
      )
      .all(who)
      .map((r) => [r.title, r.label, r.text.slice(r.start, r.end)]);
  } finally {
    db.close();
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-packages-'));
  path = join(dir, 'reports.marginalia');
  const store = createProjectFile(path, 'reports', {}, 'olga');
  store.insertDocuments(
    TEXTS.map((text, i) => ({
      externalId: `d${i + 1}`,
      title: ['Kabul', 'Quetta', 'Sindh'][i]!,
      text,
      sha256: sha256(text),
      source: {},
      newlinePolicy: 'none',
    })),
    null,
  );
  store.close();
  open = null;
  const olga = as('olga');
  await olga.call('assignDocuments', {
    annotators: ['ann1'],
    perDocument: 1,
    strategy: 'round-robin',
    documents: [1, 2],
  });
  await olga.call('assignDocuments', {
    annotators: ['ann2'],
    perDocument: 1,
    strategy: 'round-robin',
    documents: [3],
  });
  await olga.call('setAnnotatorRole', { name: 'olga', role: 'owner' });
  const ann1 = as('ann1');
  await tag(ann1, 1, TEXTS[0]!, '12 people', 'Figure');
  await tag(ann1, 1, TEXTS[0]!, 'Kabul', 'Location');
  const ann2 = as('ann2');
  await tag(ann2, 3, TEXTS[2]!, 'Sindh', 'Location');
  const owner = as('olga');
  await tag(owner, 1, TEXTS[0]!, 'Officials said', 'Claim');
  owner.close();
  open = null;
});

afterEach(() => {
  open?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A workbench whose save and open dialogs answer `answers` in turn, as `user`. */
function app(user: string, answers: (string | string[] | null)[]) {
  const next = () => answers.shift() ?? null;
  const bench = createWorkbench({
    settingsPath: join(dir, `${user}-settings.json`),
    dialogs: {
      chooseNewProjectPath: async () => null,
      chooseProjectPath: async () => next() as string | null,
      chooseImportPaths: async () => null,
      chooseExportPath: async () => null,
      choosePackagePath: async () => next() as string | null,
      choosePackagesToMerge: async () => next() as string[] | null,
    },
  });
  bench.handlers.setUserName({ name: user });
  return bench;
}

describe('a work package', () => {
  it("holds the annotator's assigned documents, the schema, the guidelines and only their layer, and says whose it is", () => {
    const out = join(dir, 'ann1.marginalia');
    expect(as('olga').writePackage('ann1', out)).toEqual({
      path: out,
      annotator: 'ann1',
      documents: 2,
      spans: 2,
      allDocuments: false,
    });
    open!.close();
    open = null;
    const pkg = HeadlessProject.open(out, 'ann1', {});
    try {
      expect(pkg.documentTitles().map((d) => d.title)).toEqual(['Kabul', 'Quetta']);
      expect(pkg.summary().schema).toEqual(as('olga', path).summary().schema);
    } finally {
      pkg.close();
    }
    expect(layerOf(out, 'ann1')).toEqual([
      ['Kabul', 'Figure', '12 people'],
      ['Kabul', 'Location', 'Kabul'],
    ]);
    const db = new Database(out, { readonly: true });
    const names = db.prepare('SELECT name FROM annotator').all();
    const gold = db.prepare('SELECT count(*) AS n FROM span WHERE gold = 1').get();
    const origin = db.prepare('SELECT project_name, annotator_name, documents FROM package_origin').get() as {
      documents: string;
    };
    db.close();
    // Nobody else's name, layer or text travels (blind annotation holds on the laptop too).
    expect(names).toEqual([{ name: 'ann1' }]);
    expect(gold).toEqual({ n: 0 });
    expect(readFileSync(out).includes('Sindh floods')).toBe(false);
    expect(JSON.parse(origin.documents)).toEqual([
      { sha256: sha256(TEXTS[0]!), title: 'Kabul' },
      { sha256: sha256(TEXTS[1]!), title: 'Quetta' },
    ]);
    expect(origin).toMatchObject({ project_name: 'reports', annotator_name: 'ann1' });
  });

  it('is refused for an unknown annotator, an existing target or a non-owner, writing nothing', () => {
    const out = join(dir, 'x.marginalia');
    expect(refusal(() => as('olga').writePackage('zed', out))).toBe(
      'no annotator "zed" in this project (it has ann1, ann2, olga); nothing was written',
    );
    writeFileSync(out, 'mine');
    expect(refusal(() => as('olga').writePackage('ann1', out))).toContain('already exists');
    expect(readFileSync(out, 'utf8')).toBe('mine');
    rmSync(out);
    expect(refusal(() => as('ann2').writePackage('ann1', out))).toContain('only an owner of the project');
    expect(existsSync(out)).toBe(false);
  });
});

describe('merging returned work', () => {
  const out = () => join(dir, 'ann1.marginalia');

  /** ann1 works in the package: a new span, a relabel, a deletion, and marks Kabul done. */
  async function workInPackage(): Promise<void> {
    as('olga').writePackage('ann1', out());
    const pkg = as('ann1', out());
    const kabul = expandDocument(await pkg.call('getDocument', { id: 1 }));
    const figure = kabul.spans.find((s) => s.label === 'Figure')!;
    const location = kabul.spans.find((s) => s.label === 'Location')!;
    await pkg.call('setSpanLabel', { spanId: location.id, label: 'Claim' });
    await pkg.call('deleteSpan', { spanId: figure.id });
    await tag(pkg, 2, TEXTS[1]!, 'Quetta', 'Location');
    await pkg.call('setDocumentStatus', { documentId: 1, status: 'done' });
    pkg.close();
    open = null;
  }

  it("lands in the annotator's layer span by span, never in another's or gold, and merging again changes nothing", async () => {
    await workInPackage();
    const othersBefore = [layerOf(path, 'ann2'), layerOf(path, 'olga')];
    const report = as('olga').mergePackages([out()]);
    expect(report.changed).toBe(true);
    expect(report.packages[0]!.annotator).toBe('ann1');
    expect(report.packages[0]!.documents).toEqual([
      { title: 'Kabul', added: 0, changed: 1, removed: 1, keptNewer: 0 },
      { title: 'Quetta', added: 1, changed: 0, removed: 0, keptNewer: 0 },
    ]);
    expect(layerOf(path, 'ann1')).toEqual([
      ['Kabul', 'Claim', 'Kabul'],
      ['Quetta', 'Location', 'Quetta'],
    ]);
    expect([layerOf(path, 'ann2'), layerOf(path, 'olga')]).toEqual(othersBefore);
    open!.close();
    open = null;
    const merged = tableDump(path);

    const again = as('olga').mergePackages([out()]);
    expect(again.changed).toBe(false);
    expect(again.packages[0]!.documents.every((d) => d.added + d.changed + d.removed === 0)).toBe(true);
    open!.close();
    open = null;
    expect(tableDump(path)).toBe(merged);
  });

  it('records the merge (which package, whose, when) and the status the annotator set', async () => {
    await workInPackage();
    as('olga').mergePackages([out()]);
    open!.close();
    open = null;
    const db = new Database(path, { readonly: true });
    const record = db.prepare("SELECT after FROM event WHERE op = 'merge' AND entity = 'package'").get() as {
      after: string;
    };
    const status = db
      .prepare(
        "SELECT status FROM assignment WHERE document_id = 1 AND annotator_id = (SELECT id FROM annotator WHERE name = 'ann1')",
      )
      .get();
    db.close();
    expect(JSON.parse(record.after)).toMatchObject({
      file: 'ann1.marginalia',
      annotator: 'ann1',
      added: 1,
      changed: 1,
      removed: 1,
    });
    expect(status).toEqual({ status: 'done' });
  });

  it("keeps the annotator's later work in the project: a span added there after the package went out is not removed", async () => {
    await workInPackage();
    const ann1 = as('ann1');
    await tag(ann1, 1, TEXTS[0]!, 'died', 'Claim');
    const report = as('olga').mergePackages([out()]);
    expect(report.packages[0]!.documents[0]).toEqual({
      title: 'Kabul',
      added: 0,
      changed: 1,
      removed: 1,
      keptNewer: 1,
    });
    expect(layerOf(path, 'ann1')).toEqual([
      ['Kabul', 'Claim', 'died'],
      ['Kabul', 'Claim', 'Kabul'],
      ['Quetta', 'Location', 'Quetta'],
    ]);
  });

  it("brings the annotator's new links back with their ids, and takes a dropped link out", async () => {
    as('olga').writePackage('ann1', out());
    const pkg = as('ann1', out());
    const figure = expandDocument(await pkg.call('getDocument', { id: 1 })).spans.find(
      (s) => s.label === 'Figure',
    )!;
    const claim = await tag(pkg, 1, TEXTS[0]!, 'Officials said 12 people died', 'Claim');
    const link = await pkg.call('addRelation', { type: 'in', fromSpan: figure.id, toSpan: claim.id });
    pkg.close();
    open = null;
    const relations = (file: string) => {
      const db = new Database(file, { readonly: true });
      const rows = db.prepare('SELECT uid FROM relation').all();
      db.close();
      return rows;
    };
    const [packaged] = relations(out()) as { uid: string }[];
    expect(link.type).toBe('in');
    as('olga').mergePackages([out()]);
    open!.close();
    open = null;
    expect(relations(path)).toEqual([packaged]);

    const again = as('ann1', out());
    await again.call('deleteRelation', { relationId: link.id });
    again.close();
    open = null;
    as('olga').mergePackages([out()]);
    open!.close();
    open = null;
    expect(relations(path)).toEqual([]);
  });

  describe('with a label the annotator added in the package', () => {
    /** ann1 added a label Person in the package and tagged Quetta's "Rain" with it. */
    async function withPerson(): Promise<void> {
      await workInPackage();
      const db = new Database(out());
      db.exec(`INSERT INTO label (key, name, color, hotkey, kind, position) VALUES ('Person', 'Person', '#2b8a3e', '1', 'span', 9);
               UPDATE span SET label_id = (SELECT id FROM label WHERE key = 'Person') WHERE document_id = 2`);
      db.close();
    }

    it('maps it to a project label with --map-label', async () => {
      await withPerson();
      const report = as('olga').mergePackages([out()], { labelMap: { Person: 'Location' } });
      expect(report.addedLabels).toEqual([]);
      expect(layerOf(path, 'ann1')).toContainEqual(['Quetta', 'Location', 'Quetta']);
    });

    it('adds it to the schema with --add-labels (its hotkey taken, it gets none), in the same action', async () => {
      await withPerson();
      const report = as('olga').mergePackages([out()], { addLabels: true });
      expect(report.addedLabels).toEqual(['Person']);
      const person = open!.summary().schema.labels.find((l) => l.name === 'Person');
      expect(person).toMatchObject({ key: 'Person', hotkey: '' });
      expect(layerOf(path, 'ann1')).toContainEqual(['Quetta', 'Person', 'Quetta']);
    });

    it('in the app, lists it with its file, merges nothing, then merges the same files mapped', async () => {
      await withPerson();
      const before = tableDump(path);
      const bench = app('olga', [path, [out()]]);
      await bench.handlers.openProject({});
      const asked = await bench.handlers.mergeWorkPackages({});
      expect(asked).toEqual({
        again: expect.any(String),
        labelsToPlace: [{ key: 'Person', name: 'Person', file: 'ann1.marginalia' }],
      });
      expect(tableDump(path)).toBe(before);
      const again = asked && 'again' in asked ? asked.again : '';
      const merged = await bench.handlers.mergeWorkPackages({ again, labelMap: { Person: 'Location' } });
      expect(merged && 'changed' in merged && merged.changed).toBe(true);
      await expect(bench.handlers.mergeWorkPackages({ again })).rejects.toThrow(
        'that merge is no longer waiting for label choices',
      );
      bench.close();
      expect(layerOf(path, 'ann1')).toContainEqual(['Quetta', 'Location', 'Quetta']);
    });

    it('refuses a map to a label the project lacks, naming it', async () => {
      await withPerson();
      const before = tableDump(path);
      expect(refusal(() => as('olga').mergePackages([out()], { labelMap: { Person: 'Human' } }))).toBe(
        'ann1.marginalia: --map-label Person=Human: the project has no label "Human". Nothing was merged; the project is as it was.',
      );
      open!.close();
      open = null;
      expect(tableDump(path)).toBe(before);
    });
  });

  it('refuses two packages of one annotator in one merge (each would add the same spans)', async () => {
    await workInPackage();
    const copy = join(dir, 'copy.marginalia');
    copyFileSync(out(), copy);
    const before = tableDump(path);
    expect(refusal(() => as('olga').mergePackages([out(), copy]))).toBe(
      'two packages of ann1 were named; merge them one at a time (oldest first). Nothing was merged; the project is as it was.',
    );
    open!.close();
    open = null;
    expect(tableDump(path)).toBe(before);
  });

  describe('is refused, with every row of the project as it was', () => {
    async function refusedMerge(spoil: (file: string) => void): Promise<string> {
      await workInPackage();
      spoil(out());
      const before = tableDump(path);
      const message = refusal(() => as('olga').mergePackages([out()]));
      open!.close();
      open = null;
      expect(tableDump(path)).toBe(before);
      return message;
    }
    const edit = (file: string, sql: string) => {
      const db = new Database(file);
      db.exec(sql);
      db.close();
    };

    it('for a package of another project', async () => {
      const message = await refusedMerge((file) =>
        edit(file, "UPDATE package_origin SET project_uid = 'elsewhere', project_name = 'other'"),
      );
      expect(message).toBe(
        `ann1.marginalia is a work package of another project ("other", id elsewhere), not of this one (id ${as('olga').summary().id}). Nothing was merged; the project is as it was.`,
      );
    });

    it('for a document whose text was altered', async () => {
      const message = await refusedMerge((file) =>
        edit(file, "UPDATE document SET text = replace(text, '12', '21')"),
      );
      expect(message).toBe(
        'ann1.marginalia: the text of "Kabul" no longer matches the project\'s (its hash differs), so its spans would land in the wrong places. Nothing was merged; the project is as it was.',
      );
    });

    it('for labels and attributes the project lacks, listed', async () => {
      const message = await refusedMerge((file) =>
        edit(
          file,
          `INSERT INTO label (key, name, color, hotkey, kind, position) VALUES ('Person', 'Person', '#000000', '', 'span', 9);
           UPDATE span SET label_id = (SELECT id FROM label WHERE key = 'Person') WHERE document_id = 2;
           UPDATE span SET attributes = '{"mood":"calm"}' WHERE document_id = 1;`,
        ),
      );
      expect(message).toBe(
        'ann1.marginalia uses what the project\'s schema lacks: attribute "mood" (string) of Claim; label "Person". Map labels with --map-label FROM=TO, add them with --add-labels, or add them to the schema (Schema…), and merge again. Nothing was merged; the project is as it was.',
      );
    });

    it('for a truncated file, and for a project that is no package', async () => {
      const truncated = await refusedMerge((file) => truncateSync(file, Math.floor(statSync(file).size / 2)));
      expect(truncated).toMatch(/ann1\.marginalia (is damaged|is not a Marginalia project)/);
      expect(truncated).toMatch(/Nothing was merged; the project is as it was\.$/);
      const plain = join(dir, 'plain.marginalia');
      copyFileSync(path, plain);
      const before = tableDump(path);
      expect(refusal(() => as('olga').mergePackages([plain]))).toBe(
        'plain.marginalia is a project, not a work package (write one with "marginalia package"). Nothing was merged; the project is as it was.',
      );
      open!.close();
      open = null;
      expect(tableDump(path)).toBe(before);
    });
  });
});

describe('in the app (the API the window and the loopback host call)', () => {
  it('exports a package from a dialog, opens it as its annotator under a banner, and merges it back', async () => {
    const out = join(dir, 'ann1.marginalia');
    const owner = app('olga', [path, out]);
    await owner.handlers.openProject({});
    expect(await owner.handlers.exportWorkPackage({ annotator: 'ann1' })).toMatchObject({
      path: out,
      documents: 2,
    });
    owner.close();

    // On ann1's laptop their name is "Ann", yet in the package they are ann1, whose layer it holds.
    const laptop = app('Ann', [out]);
    const session = await laptop.handlers.openProject({});
    expect(session.user).toBe('ann1');
    expect(session.project?.workPackage).toEqual({ project: 'reports', annotator: 'ann1' });
    await laptop.handlers.addSpan({ documentId: 2, start: 9, end: 15, label: 'Location' });
    laptop.close();

    const back = app('olga', [path, [out]]);
    await back.handlers.openProject({});
    const report = await back.handlers.mergeWorkPackages({});
    expect(report && 'packages' in report && report.packages[0]?.documents).toEqual([
      { title: 'Kabul', added: 0, changed: 0, removed: 0, keptNewer: 0 },
      { title: 'Quetta', added: 1, changed: 0, removed: 0, keptNewer: 0 },
    ]);
    expect((await back.handlers.getSession({})).project?.workPackage).toBeUndefined();
    back.close();
    expect(layerOf(path, 'ann1')).toContainEqual(['Quetta', 'Location', 'Quetta']);
    expect(layerOf(out, 'Ann')).toEqual([]);
  });
});
