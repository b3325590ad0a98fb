/**
 * An imported relation whose type the schema lacks stops the batch, like an unknown label: the type
 * is named and nothing is written until the user adds it (or maps the file's labels).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nativeJsonlFormat } from '../core/formats/nativeJsonl';
import { makeDoc, spanOver, writeAll } from '../core/formats/testkit';
import { DEFAULT_SCHEMA } from '../core/schema';
import { ProjectStore } from '../store/projectStore';
import { runImport, type ImportRequest } from './importer';
import { directContext } from './jobs';

let dir: string;
let store: ProjectStore;
let me: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-relation-types-'));
  store = ProjectStore.create(join(dir, 'project.marginalia'), 'p', DEFAULT_SCHEMA);
  me = store.ensureAnnotator('me');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const TEXT = 'Officials said 12 people died in Kervadi.';

/** A native JSONL file with a Figure, a Location, a Claim and one relation of `type` from the Figure. */
function fileWithRelation(type: string, to = 's2'): string {
  const doc = makeDoc('kervadi', TEXT, [
    spanOver(TEXT, '12 people', 'Figure', { key: 's1' }),
    spanOver(TEXT, 'Kervadi', 'Location', { key: 's2' }),
    spanOver(TEXT, '12 people died in Kervadi', 'Claim', { key: 's3' }),
  ]);
  doc.relations = [{ type, from: 's1', to, annotator: 'alice' }];
  const path = join(dir, 'kervadi.jsonl');
  writeFileSync(path, writeAll(nativeJsonlFormat, [doc]).files.get('')!);
  return path;
}

const importFile = (path: string, extra: Partial<ImportRequest> = {}) =>
  runImport(
    store,
    { paths: [path], format: 'jsonl', localUser: 'me', importerId: me, ...extra },
    directContext(() => {}),
  );

describe('importing a relation type the schema lacks', () => {
  it('names the type with its source label and writes nothing: no document, span, relation or schema change', async () => {
    const path = fileWithRelation('located_at');
    const before = { counts: store.counts(), schema: store.schema() };
    const report = await importFile(path);
    expect(report.written).toBe(false);
    expect(report.problems).toEqual([]);
    expect(report.unknownLabels).toEqual([]);
    expect(report.unknownRelationTypes).toEqual(['located_at (from Figure)']);
    expect(report.relationsAdded).toBe(0);
    expect({ counts: store.counts(), schema: store.schema() }).toEqual(before);
  });

  it('adds the type and links the spans when the user asks to add what is missing', async () => {
    const report = await importFile(fileWithRelation('located_at'), { addLabels: true });
    expect(report).toMatchObject({ written: true, unknownRelationTypes: [], relationsAdded: 1 });
    expect(store.schema().relationTypes).toContainEqual(
      expect.objectContaining({ name: 'located_at', fromLabel: 'Figure' }),
    );
  });

  it('imports a relation of a type the schema has without asking', async () => {
    const report = await importFile(fileWithRelation('in', 's3'));
    expect(report).toMatchObject({ written: true, unknownRelationTypes: [], relationsAdded: 1 });
  });
});
