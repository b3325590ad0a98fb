import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiMethod } from '../contract/api';
import { expandDocument, type CompactDocumentView } from '../contract/compactDocument';
import { dispatch, type WireError } from '../contract/dispatch';
import type { ImportReport, ProjectSchema, Relation, SchemaImpact, Session, Span } from '../contract/types';
import { createWorkbench, type Workbench } from './workbench';

const ARTICLE = 'Officials reportedly said 12 people were killed in Kervadi and in Halvik.';

let dir: string;
let workbench: Workbench;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-details-service-'));
});

afterEach(() => {
  workbench.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The user picks news.marginalia for the new project and a.txt to import. */
const dialogs = {
  chooseNewProjectPath: async () => join(dir, 'news'),
  chooseProjectPath: async () => null,
  chooseImportPaths: async () => [join(dir, 'a.txt')],
  chooseExportPath: async () => null,
  choosePackagePath: async () => null,
  choosePackagesToMerge: async () => null,
};

/** A workbench with user "alice", a project, one article and a Hedge, a Claim and a Figure in it. */
async function ready() {
  workbench = createWorkbench({ settingsPath: join(dir, 'settings.json'), dialogs });
  const call = (method: ApiMethod, args: unknown) => dispatch(workbench.handlers, method, args);
  async function ok<T>(method: ApiMethod, args: unknown = {}): Promise<T> {
    const reply = await call(method, args);
    if (!reply.ok) throw new Error(`${method} failed: ${reply.error.message}`);
    return reply.result as T;
  }
  async function fails(method: ApiMethod, args: unknown): Promise<WireError> {
    const reply = await call(method, args);
    if (reply.ok) throw new Error(`${method} succeeded with ${JSON.stringify(reply.result)}`);
    return reply.error;
  }
  await ok('setUserName', { name: 'alice' });
  await ok('newProject', {});
  writeFileSync(join(dir, 'a.txt'), ARTICLE);
  const started = await ok<{ jobId: string }>('startImport', {});
  const status = await workbench.jobs.settled(started.jobId);
  if (status.kind !== 'import' || !status.result?.written) throw new Error('the import failed');
  const report: ImportReport = status.result;
  const documentId = report.imported[0]!.documentId;
  const add = (label: string, needle: string) => {
    const start = ARTICLE.indexOf(needle);
    return ok<Span>('addSpan', { documentId, label, start, end: start + needle.length });
  };
  const hedge = await add('Hedge', 'reportedly said');
  const claim = await add('Claim', '12 people were killed in Kervadi');
  const figure = await add('Figure', '12 people');
  const document = async () =>
    expandDocument(await ok<CompactDocumentView>('getDocument', { id: documentId }));
  const schema = async () => (await ok<Session>('getSession')).project!.schema;
  return { ok, fails, documentId, hedge, claim, figure, document, schema };
}

describe('attributes and notes through the API', () => {
  it('sets a value of each type and clears one', async () => {
    const { ok, figure, claim, document } = await ready();
    await ok('setSpanAttribute', { spanId: figure.id, name: 'value', value: 12 });
    await ok('setSpanAttribute', { spanId: figure.id, name: 'approximate', value: false });
    await ok('setSpanAttribute', { spanId: figure.id, name: 'category', value: 'casualties' });
    await ok('setSpanAttribute', { spanId: claim.id, name: 'source', value: 'officials' });
    await ok('setSpanAttribute', { spanId: claim.id, name: 'source', value: null });
    const spans = (await document()).spans;
    expect(spans.find((s) => s.id === figure.id)!.attributes).toEqual({
      value: 12,
      approximate: false,
      category: 'casualties',
    });
    expect(spans.find((s) => s.id === claim.id)!.attributes).toEqual({});
  });

  it.each([
    [
      'an unknown attribute',
      { name: 'colour', value: 'red' },
      'cannot set colour: Figure has no attribute "colour"',
    ],
    ['text for a number', { name: 'value', value: '12' }, 'cannot set value: value must be a number'],
    [
      'a number for a bool',
      { name: 'approximate', value: 1 },
      'cannot set approximate: approximate must be true or false',
    ],
    [
      'an option not listed',
      { name: 'category', value: 'weather' },
      'cannot set category: category must be one of',
    ],
  ])('refuses %s as a user error and stores nothing', async (_case, args, message) => {
    const { fails, figure, document } = await ready();
    const error = await fails('setSpanAttribute', { spanId: figure.id, ...args });
    expect(error.kind).toBe('user');
    expect(error.message).toContain(message);
    expect((await document()).spans.find((s) => s.id === figure.id)!.attributes).toEqual({});
  });

  it('refuses an object as a value at the boundary', async () => {
    const { fails, figure } = await ready();
    expect(
      (await fails('setSpanAttribute', { spanId: figure.id, name: 'value', value: { n: 1 } })).kind,
    ).toBe('invalid');
  });

  it('saves a trimmed note and removes a blank one', async () => {
    const { ok, claim } = await ready();
    expect((await ok<Span>('setSpanNote', { spanId: claim.id, note: '  two sources disagree ' })).note).toBe(
      'two sources disagree',
    );
    expect((await ok<Span>('setSpanNote', { spanId: claim.id, note: '  ' })).note).toBeNull();
  });
});

describe('fragments and relations through the API', () => {
  it('adds a fragment to a span and refuses overlapping fragments, storing nothing', async () => {
    const { ok, fails, claim, document } = await ready();
    const halvik = ARTICLE.indexOf('in Halvik');
    const fragments = [
      { start: claim.start, end: claim.end },
      { start: halvik, end: halvik + 9 },
    ];
    const split = await ok<Span>('setSpanFragments', { spanId: claim.id, fragments });
    expect(split.fragments).toEqual(fragments);
    const error = await fails('setSpanFragments', {
      spanId: claim.id,
      fragments: [
        { start: 0, end: 10 },
        { start: 5, end: 12 },
      ],
    });
    expect(error).toEqual({
      kind: 'user',
      message: 'cannot change the fragments: fragments must be in order with a gap between them',
    });
    expect((await document()).spans.find((s) => s.id === claim.id)!.fragments).toEqual(fragments);
  });

  it('links a Hedge to a Claim, returns it with the document, and deletes it', async () => {
    const { ok, fails, hedge, claim, figure, document } = await ready();
    const relation = await ok<Relation>('addRelation', {
      type: 'scopes',
      fromSpan: hedge.id,
      toSpan: claim.id,
    });
    expect((await document()).relations).toEqual([relation]);
    expect(
      (await fails('addRelation', { type: 'scopes', fromSpan: hedge.id, toSpan: figure.id })).message,
    ).toBe('"scopes" links Hedge to Claim, not to Figure');
    await ok('deleteRelation', { relationId: relation.id });
    expect((await document()).relations).toEqual([]);
  });
});

describe('schema changes through the API', () => {
  it('asks before removing a label in use, then removes its spans and relations', async () => {
    const { ok, fails, hedge, claim, document, schema } = await ready();
    await ok('addRelation', { type: 'scopes', fromSpan: hedge.id, toSpan: claim.id });
    const current = await schema();
    const next: ProjectSchema = {
      labels: current.labels.filter((l) => l.key !== 'Hedge'),
      relationTypes: current.relationTypes.filter((r) => r.fromLabel !== 'Hedge'),
    };
    expect(await ok<SchemaImpact>('schemaImpact', { schema: next })).toEqual({
      labels: [{ key: 'Hedge', name: 'Hedge', spans: 1, relations: 1 }],
      attributes: [],
      relationTypes: [],
    });
    expect(await fails('updateSchema', { schema: next })).toEqual({
      kind: 'user',
      message: 'this change would remove 1 span and 1 relation; confirm to go ahead',
    });
    expect((await document()).spans).toHaveLength(3);
    const session = await ok<Session>('updateSchema', { schema: next, confirmRemovals: true });
    expect(session.project!.schema.labels.map((l) => l.key)).toEqual(['Claim', 'Figure', 'Location']);
    expect((await document()).spans.map((s) => s.label)).toEqual(['Claim', 'Figure']);
    expect((await document()).relations).toEqual([]);
  });

  it('refuses an editor key as a label hotkey, saying what the key does', async () => {
    const { fails, schema } = await ready();
    const next = await schema();
    next.labels[3]!.hotkey = '[';
    expect(await fails('updateSchema', { schema: next })).toEqual({
      kind: 'user',
      message:
        'cannot change the schema: the hotkey of Hedge cannot be "[": in the editor that key moves a span boundary',
    });
  });

  it('renames an attribute and a relation type without asking, keeping values and relations', async () => {
    const { ok, fails, hedge, claim, figure, document, schema } = await ready();
    await ok('setSpanAttribute', { spanId: figure.id, name: 'value', value: 12 });
    const relation = await ok<Relation>('addRelation', {
      type: 'scopes',
      fromSpan: hedge.id,
      toSpan: claim.id,
    });
    const next = await schema();
    next.labels.find((l) => l.key === 'Figure')!.attributes.find((a) => a.name === 'value')!.name = 'amount';
    next.relationTypes.find((r) => r.name === 'scopes')!.name = 'qualifies';
    const renames = {
      attributes: [{ label: 'Figure', from: 'value', to: 'amount' }],
      relationTypes: [{ fromLabel: 'Hedge', from: 'scopes', to: 'qualifies' }],
    };
    expect(
      (
        await fails('updateSchema', {
          schema: next,
          renames: { ...renames, attributes: [{ label: 'Figure' }] },
        })
      ).kind,
    ).toBe('invalid');
    expect(await ok<SchemaImpact>('schemaImpact', { schema: next, renames })).toEqual({
      labels: [],
      attributes: [],
      relationTypes: [],
    });
    await ok<Session>('updateSchema', { schema: next, renames });
    const stored = await document();
    expect(stored.spans.find((s) => s.id === figure.id)!.attributes).toEqual({ amount: 12 });
    expect(stored.relations).toEqual([{ ...relation, type: 'qualifies' }]);
  });

  it('renames a label without asking and keeps its spans', async () => {
    const { ok, document, schema } = await ready();
    const next = await schema();
    next.labels[0]!.name = 'Assertion';
    const session = await ok<Session>('updateSchema', { schema: next });
    expect(session.project!.schema.labels[0]!.name).toBe('Assertion');
    expect((await document()).spans.filter((s) => s.label === 'Claim')).toHaveLength(1);
  });

  it.each([
    ['a bad colour', (s: ProjectSchema) => (s.labels[0]!.color = 'orange'), 'invalid'],
    [
      'an unknown attribute type',
      (s: ProjectSchema) => Object.assign(s.labels[0]!.attributes[0]!, { type: 'date' }),
      'invalid',
    ],
    ['a duplicate hotkey', (s: ProjectSchema) => (s.labels[1]!.hotkey = '1'), 'user'],
    ['the link key as a hotkey', (s: ProjectSchema) => (s.labels[1]!.hotkey = 'l'), 'user'],
    [
      'a relation type naming a missing label',
      (s: ProjectSchema) => (s.relationTypes[0]!.toLabel = 'Nope'),
      'user',
    ],
  ])('refuses a schema with %s and changes nothing', async (_case, change, kind) => {
    const { fails, schema } = await ready();
    const before = await schema();
    const next = structuredClone(before);
    change(next);
    expect((await fails('updateSchema', { schema: next, confirmRemovals: true })).kind).toBe(kind);
    expect(await schema()).toEqual(before);
  });
});
