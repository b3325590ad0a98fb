/**
 * Teams through the same handlers the app and the CLI call: roles, the local user's own name,
 * assignment with manual override, and blind annotation enforced in the services.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusal } from '../store/testing';
import { placesPerTest } from './handlers.testkit';
import { createProjectFile, type HeadlessProject } from './headless';
import { directContext } from './jobs';

const TEXT = (place: string) => `Officials said 12 people died in ${place}.`;
const PLACES = ['Kabul', 'Quetta', 'Sindh'];

const project = placesPerTest('team', PLACES);
const { as, dump } = project;

describe('roles', () => {
  it('makes the creator the owner, lets only an owner change roles, and keeps one owner', async () => {
    const olga = as('olga');
    expect(await olga.call('listAnnotators', {})).toEqual([
      { id: expect.any(String), name: 'olga', role: 'owner', spans: 0, assigned: 0 },
    ]);
    await olga.call('assignDocuments', {
      annotators: ['ann1', 'rita'],
      perDocument: 1,
      strategy: 'round-robin',
    });
    expect(
      (await olga.call('setAnnotatorRole', { name: 'rita', role: 'reviewer' })).map((a) => a.role),
    ).toEqual(['annotator', 'owner', 'reviewer']);
    expect(refusal(() => olga.call('setAnnotatorRole', { name: 'olga', role: 'annotator' }))).toBe(
      'cannot make olga annotator: a project keeps at least one owner: make someone else owner first; nothing was changed',
    );

    const before = dump();
    const rita = as('rita');
    expect(refusal(() => rita.call('setAnnotatorRole', { name: 'ann1', role: 'reviewer' }))).toBe(
      'cannot make ann1 reviewer: only an owner of the project can change roles and assignments; nothing was changed',
    );
    expect(refusal(() => rita.call('setTeamPolicy', { annotatorsSeeOthers: true }))).toMatch(/only an owner/);
    expect(refusal(() => rita.call('unassignDocuments', {}))).toMatch(
      /^cannot unassign documents: only an owner/,
    );
    expect(dump()).toEqual(before);
  });

  it('renames the local user: same id, spans still theirs, logged; a taken name changes nothing', async () => {
    const olga = as('olga');
    await olga.call('assignDocuments', {
      annotators: ['ann1', 'bo'],
      perDocument: 1,
      strategy: 'round-robin',
    });
    const ann1 = as('ann1');
    const [first] = await ann1.call('listDocuments', {});
    await ann1.call('addSpan', { documentId: first!.id, start: 15, end: 24, label: 'Figure' });
    const id = (await ann1.call('listAnnotators', {})).find((a) => a.name === 'ann1')!.id;

    const before = dump();
    expect(refusal(() => as('ann1').call('renameMe', { name: 'bo' }))).toBe(
      'another annotator in this project is already called "bo"; your name stays "ann1"',
    );
    expect(dump()).toEqual(before);

    await as('ann1').call('renameMe', { name: 'Ann Lee' });
    const people = await project.current().call('listAnnotators', {});
    expect(people.find((a) => a.id === id)).toEqual({
      id,
      name: 'Ann Lee',
      role: 'annotator',
      spans: 1,
      assigned: 2,
    });
    expect(people.map((a) => a.name)).not.toContain('ann1');
    const events = (JSON.parse(dump()) as { rows: [string, Record<string, unknown>[]][] }).rows.find(
      ([name]) => name === 'event',
    )![1];
    const renamed = events.find((e) => e.op === 'rename' && e.entity === 'annotator')!;
    expect(JSON.parse(String(renamed.before))).toMatchObject({ name: 'ann1' });
    expect(JSON.parse(String(renamed.after))).toMatchObject({ name: 'Ann Lee' });
  });
});

describe('a project made before roles', () => {
  it('has no owner, so anyone may assign and give roles, until someone is made owner', async () => {
    const older = join(project.dir, 'older.marginalia');
    const store = createProjectFile(older, 'older');
    store.insertDocuments(
      [{ externalId: 'a', title: 'A', text: TEXT('Kabul'), sha256: 'a', source: {}, newlinePolicy: 'none' }],
      null,
    );
    store.close();
    const bo = as('bo', older);
    await bo.call('assignDocuments', { annotators: ['bo'], perDocument: 1, strategy: 'round-robin' });
    await bo.call('setAnnotatorRole', { name: 'bo', role: 'owner' });
    const cy = as('cy', older);
    expect(refusal(() => cy.call('unassignDocuments', {}))).toMatch(/only an owner of the project/);
  });
});

describe('assignment', () => {
  it('assigns 3 documents to 2 annotators, takes manual overrides by cell, and unassigns', async () => {
    const olga = as('olga');
    const report = await olga.call('assignDocuments', {
      annotators: ['ann1', 'ann2'],
      perDocument: 1,
      strategy: 'round-robin',
    });
    expect(report.counts).toEqual([
      { name: 'ann1', assigned: 2 },
      { name: 'ann2', assigned: 1 },
    ]);
    const page = await olga.call('listAssignments', { offset: 0, limit: 50 });
    const uid = Object.fromEntries(page.annotators.map((a) => [a.name, a.id]));
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => [r.title, r.assigned])).toEqual([
      ['Kabul', [uid.ann1]],
      ['Quetta', [uid.ann2]],
      ['Sindh', [uid.ann1]],
    ]);
    // Override: Sindh goes to ann2 as well, and Kabul no longer to ann1.
    await olga.call('setAssignment', { documentId: page.rows[2]!.id, annotator: uid.ann2!, assigned: true });
    expect(
      await olga.call('setAssignment', {
        documentId: page.rows[0]!.id,
        annotator: uid.ann1!,
        assigned: false,
      }),
    ).toEqual({ id: page.rows[0]!.id, title: 'Kabul', assigned: [] });
    // The document's history says who was assigned by hand.
    const history = await olga.call('getHistory', { documentId: page.rows[2]!.id });
    expect(history.map((h) => h.description)).toContain('assigned to ann2');
    expect((await as('ann2').call('listDocuments', {})).map((d) => d.title)).toEqual(['Quetta', 'Sindh']);
    expect((await as('ann1').call('listDocuments', {})).map((d) => d.title)).toEqual(['Sindh']);

    const second = await as('olga').call('listAssignments', { offset: 1, limit: 1 });
    expect(second).toMatchObject({ total: 3, offset: 1, rows: [{ title: 'Quetta', assigned: [uid.ann2] }] });
    expect(await project.current().call('unassignDocuments', { annotators: ['ann2'] })).toEqual({
      removed: 2,
    });
    expect((await project.current().call('listAnnotators', {})).map((a) => [a.name, a.assigned])).toEqual([
      ['ann1', 1],
      ['ann2', 0],
      ['olga', 0],
    ]);
  });

  it('refuses a document the project lacks or too few annotators, and writes nothing', async () => {
    const before = dump();
    const olga = as('olga');
    expect(
      refusal(() =>
        olga.call('assignDocuments', {
          annotators: ['x', 'y'],
          perDocument: 1,
          strategy: 'random',
          documents: [1, 99],
        }),
      ),
    ).toBe('cannot assign: no document 99 in this project; nothing was changed');
    expect(
      refusal(() =>
        olga.call('assignDocuments', { annotators: ['x'], perDocument: 2, strategy: 'round-robin' }),
      ),
    ).toBe('cannot assign: 2 annotators per document need at least 2 annotators, not 1; nothing was changed');
    expect(dump()).toEqual(before);
  });
});

describe('blind annotation', () => {
  /** ann1 gets Kabul and Sindh, ann2 Quetta; ann2 and the owner tag Quetta. */
  async function assigned() {
    const olga = as('olga');
    await olga.call('assignDocuments', {
      annotators: ['ann1', 'ann2'],
      perDocument: 1,
      strategy: 'round-robin',
    });
    const quetta = (await olga.call('listDocuments', {})).find((d) => d.title === 'Quetta')!.id;
    await olga.call('addSpan', { documentId: quetta, start: 15, end: 24, label: 'Figure' });
    const ann2 = as('ann2');
    await ann2.call('addSpan', { documentId: quetta, start: 33, end: 39, label: 'Location' });
    const ids = Object.fromEntries((await ann2.call('listAnnotators', {})).map((a) => [a.name, a.id]));
    return { quetta, ids };
  }

  it('shows an annotator only their documents, and refuses the others by the API, not only on screen', async () => {
    const { quetta } = await assigned();
    const ann1 = as('ann1');
    expect((await ann1.call('listDocuments', {})).map((d) => d.title)).toEqual(['Kabul', 'Sindh']);
    const notYours = `document ${quetta} is not assigned to you; this project shows annotators only their own documents`;
    expect(refusal(() => ann1.call('getDocument', { id: quetta }))).toBe(notYours);
    expect(
      refusal(() => ann1.call('addSpan', { documentId: quetta, start: 0, end: 9, label: 'Claim' })),
    ).toBe(notYours);
    const found = await ann1.call('search', { text: { pattern: 'Officials' } });
    expect(found.results.map((r) => r.title)).toEqual(['Kabul', 'Sindh']);
    expect(refusal(() => ann1.call('search', { documentId: quetta, text: { pattern: 'x' } }))).toBe(notYours);
    expect(refusal(() => ann1.call('listAssignments', { offset: 0, limit: 10 }))).toMatch(
      /the assignment table is for owners and reviewers$/,
    );
    // Every method that names a document follows the same rule.
    const before = dump();
    const ann1Again = as('ann1');
    expect(refusal(() => ann1Again.call('getHistory', { documentId: quetta }))).toBe(notYours);
    expect(refusal(() => ann1Again.call('setDocumentStatus', { documentId: quetta, status: 'done' }))).toBe(
      notYours,
    );
    expect(refusal(() => ann1Again.call('renameDocument', { documentId: quetta, title: 'Mine now' }))).toBe(
      notYours,
    );
    expect(dump()).toEqual(before);
  });

  it('shows an annotator only their own layer unless the project allows others; owner and reviewer see all', async () => {
    const { quetta, ids } = await assigned();
    const ann2 = as('ann2');
    const owners = (view: { layers: { owner: string }[] }) => view.layers.map((l) => l.owner);
    expect(owners(await ann2.call('getDocument', { id: quetta }))).toEqual(['ann2']);
    expect(
      refusal(() =>
        ann2.call('getDocument', { id: quetta, layers: [{ kind: 'annotator', annotator: ids.olga! }] }),
      ),
    ).toBe('this project does not show you other annotators\' layers of "Quetta"');
    // Project search over every layer keeps to the layers they may see: olga's Figure stays hidden.
    const figures = () => as('ann2').call('search', { label: 'Figure', layers: 'all' });
    expect((await figures()).results).toEqual([]);

    await as('olga').call('setTeamPolicy', { annotatorsSeeOthers: true });
    const seen = await as('ann2').call('getDocument', {
      id: quetta,
      layers: [{ kind: 'annotator', annotator: ids.olga! }],
    });
    expect(owners(seen)).toEqual(['ann2', 'olga']);
    expect(seen.shown.map((l) => l.owner)).toEqual(['olga']);
    expect((await figures()).results.map((r) => [r.title, r.owner, r.label])).toEqual([
      ['Quetta', 'olga', 'Figure'],
    ]);
    // Seeing others' layers does not open others' documents.
    expect((await project.current().call('listDocuments', {})).map((d) => d.title)).toEqual(['Quetta']);

    await as('olga').call('setTeamPolicy', { annotatorsSeeOthers: false });
    await project.current().call('setAnnotatorRole', { name: 'ann1', role: 'reviewer' });
    const reviewer = as('ann1');
    expect((await reviewer.call('listDocuments', {})).map((d) => d.title)).toEqual(PLACES);
    // A reviewer also gets the gold layer to start, empty (services/layers.ts).
    expect(owners(await reviewer.call('getDocument', { id: quetta }))).toEqual([
      'gold',
      'ann2',
      'olga',
      'ann1',
    ]);
  });

  it('lets an annotator export only their own layer of their own documents', async () => {
    await assigned();
    const ann1 = as('ann1');
    const out = join(project.dir, 'mine.jsonl');
    const run = (args: Parameters<HeadlessProject['exportJob']>[0]) =>
      ann1.exportJob(
        args,
        out,
      )(
        directContext(
          () => {},
          () => false,
        ),
      );
    expect(refusal(() => run({ format: 'jsonl', offsetUnit: 'utf16' }))).toBe(
      'this project shows you only your own layer: export with only ann1 chosen as annotator. Nothing was written.',
    );
    expect(refusal(() => run({ format: 'jsonl', offsetUnit: 'utf16', gold: true }))).toMatch(
      /only your own layer/,
    );
    expect(existsSync(out)).toBe(false);
    await run({ format: 'jsonl', offsetUnit: 'utf16', annotators: ['ann1'] });
    const titles = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { title: string }).title);
    expect(titles).toEqual(['Kabul', 'Sindh']);
  });
});
