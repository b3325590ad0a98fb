/**
 * A label renamed in the schema (Location → Place) keeps its spans, and every export writes the name
 * the user sees, in every format and in the loss report; the export imports back into the project.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { runExport, type ExportRequest } from '../../electron/services/exporter';
import { formatInfos } from '../../electron/services/formats';
import { runImport } from '../../electron/services/importer';
import { directContext } from '../../electron/services/jobs';
import { ProjectStore } from '../../electron/store/projectStore';

let dir: string;
let store: ProjectStore;
const quiet = () => directContext(() => {});

const TEXT = 'Officials said 12 people 🔥 died in Kervadi.';
const at = (s: string) => [TEXT.indexOf(s), TEXT.indexOf(s) + s.length];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-rename-'));
  store = ProjectStore.create(join(dir, 'p.marginalia'), 'p', DEFAULT_SCHEMA);
  const importerId = store.ensureAnnotator('alice');
  const file = join(dir, 'in.jsonl');
  // A Location inside a Claim (CoNLL keeps the Claim and reports the Location), linked by attributed_to.
  writeFileSync(
    file,
    JSON.stringify({
      text: TEXT,
      entities: [
        {
          id: 1,
          label: 'Claim',
          start_offset: at('12 people 🔥 died in Kervadi')[0],
          end_offset: at('Kervadi')[1],
        },
        { id: 2, label: 'Location', start_offset: at('Kervadi')[0], end_offset: at('Kervadi')[1] },
      ],
      relations: [{ id: 1, from_id: 1, to_id: 2, type: 'attributed_to' }],
      offset_unit: 'utf16-code-units',
      status: 'done',
    }) + '\n',
  );
  const report = await runImport(
    store,
    { paths: [file], format: 'doccano', localUser: 'alice', importerId },
    quiet(),
  );
  expect(report.written).toBe(true);
  const schema = store.schema();
  store.replaceSchema(importerId, {
    ...schema,
    labels: schema.labels.map((l) => (l.key === 'Location' ? { ...l, name: 'Place' } : l)),
  });
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file an export wrote (a folder's files, or the one file), with its loss report, as one text. */
function written(path: string): string {
  const entries = (() => {
    try {
      return readdirSync(path).map((name) => join(path, name));
    } catch {
      return [path];
    }
  })();
  return [...entries, `${path}.loss.txt`, `${path}.loss.json`].map((p) => readFileSync(p, 'utf8')).join('\n');
}

const exportAs = (request: Partial<ExportRequest> & Pick<ExportRequest, 'format' | 'path'>) =>
  runExport(store, { offsetUnit: 'utf16', ...request }, quiet());

describe('a renamed label in exports', () => {
  const formats = formatInfos()
    .filter((f) => f.canExport && f.id !== 'txt')
    .map((f) => f.id);

  it.each(formats)('%s writes the name the user sees, not the old one', async (format) => {
    const out = join(dir, `out-${format}`);
    await exportAs({ format, path: out });
    const files = written(out);
    expect(files).toContain('Place');
    expect(files).not.toContain('Location');
  });

  it('names the renamed label in the loss report', async () => {
    const out = join(dir, 'out.conll');
    const report = await exportAs({ format: 'conll', path: out });
    const overlap = report.losses.find((l) => l.kind === 'overlap')!;
    expect(overlap.examples[0]!.detail).toMatch(/^Place "Kervadi"/);
  });

  it('declares relation types between the labels by their names in annotation.conf', async () => {
    const out = join(dir, 'brat');
    await exportAs({ format: 'brat', path: out });
    expect(readFileSync(join(out, 'annotation.conf'), 'utf8')).toMatch(/^Place$/m);
    expect(readFileSync(join(out, 'visual.conf'), 'utf8')).toMatch(/^Place\tbgColor:/m);
  });

  it('chooses the label by the name the user sees, or by its key', async () => {
    for (const label of ['Place', 'Location']) {
      const report = await exportAs({
        format: 'jsonl',
        path: join(dir, `only-${label}.jsonl`),
        labels: [label],
      });
      expect(report.spans).toBe(1);
    }
  });

  it('imports its own export back into the project as the renamed label, adding nothing', async () => {
    const out = join(dir, 'again.jsonl');
    await exportAs({ format: 'jsonl', path: out });
    const importerId = store.ensureAnnotator('alice');
    const back = await runImport(
      store,
      { paths: [out], format: 'jsonl', localUser: 'alice', importerId },
      quiet(),
    );
    expect(back.unknownLabels).toEqual([]);
    expect(back.written).toBe(true);
    expect(back.spansSkipped).toBe(2);
    expect(store.schema().labels.map((l) => l.name)).toEqual(['Claim', 'Figure', 'Place', 'Hedge']);
  });
});
