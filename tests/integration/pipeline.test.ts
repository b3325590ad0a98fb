/**
 * The import/export pipeline across layers: files → readers → one store transaction, and store →
 * writers → files with their loss report, for every registered format, as the app and CLI run it.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportFormat } from '../../electron/contract/types';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { runExport, type ExportRequest } from '../../electron/services/exporter';
import { formatInfos } from '../../electron/services/formats';
import { runImport, type ImportRequest } from '../../electron/services/importer';
import { directContext, JobRunner } from '../../electron/services/jobs';
import { ProjectStore } from '../../electron/store/projectStore';
import { spansInExport } from './exportedSpans';

let dir: string;
const stores: ProjectStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-pipeline-'));
});
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

function newProject(name = 'p'): ProjectStore {
  const store = ProjectStore.create(join(dir, `${name}.marginalia`), name, DEFAULT_SCHEMA);
  stores.push(store);
  // The importing user exists before any import, as in the app.
  store.ensureAnnotator('importer');
  return store;
}

const quiet = () => directContext(() => {});

function importInto(store: ProjectStore, paths: string[], extra: Partial<ImportRequest> = {}) {
  return runImport(
    store,
    { paths, format: 'auto', localUser: 'importer', importerId: store.ensureAnnotator('importer'), ...extra },
    quiet(),
  );
}

function exportFrom(store: ProjectStore, request: Partial<ExportRequest> & { path: string }) {
  return runExport(store, { format: 'jsonl', offsetUnit: 'utf16', ...request }, quiet());
}

// Texts with emoji, Urdu, a combining mark and (in the file) CRLF line ends.
const TEXTS = {
  kervadi: 'Officials said 12 people 🔥 were killed in Kervadi.\nThe ministry reportedly denied it.',
  quetta: 'کوئٹہ میں 5 افراد ہلاک ہوئے۔\nپولیس کے مطابق دھماکہ ہوا۔',
  zoetal: 'Zoe\u0308tal: about 30 homes were destroyed.\r\nOfficials in Zoe\u0308tal said so.',
};
const normalised = (text: string) => text.replace(/\r\n?/g, '\n');

interface FixtureSpan {
  id: string;
  label: string;
  covered: string;
  annotator: string;
  /** Which occurrence of `covered` (0-based). */
  nth?: number;
  fragments?: string[];
  attributes?: Record<string, string | number | boolean>;
  note?: string;
}

/** Offsets in UTF-16 units of the raw text (what the native reader reads), text included. */
function nativeSpan(raw: string, span: FixtureSpan) {
  const find = (piece: string, nth = 0, from = 0) => {
    let at = from - 1;
    for (let i = 0; i <= nth; i++) at = raw.indexOf(piece, at + 1);
    if (at < 0) throw new Error(`"${piece}" not in text`);
    return { start: at, end: at + piece.length, text: piece };
  };
  const base = {
    id: span.id,
    label: span.label,
    annotator: span.annotator,
    attributes: span.attributes ?? {},
    note: span.note ?? null,
    origin: 'manual',
  };
  if (span.fragments) {
    let from = 0;
    const fragments = span.fragments.map((piece) => {
      const f = find(piece, 0, from);
      from = f.end;
      return f;
    });
    return { ...base, start: fragments[0]!.start, end: fragments.at(-1)!.end, fragments };
  }
  return { ...base, ...find(span.covered, span.nth) };
}

/** Alice: nested, discontinuous, with attributes, a note and relations. Bob: flat word spans every format holds. */
const FIXTURE: Record<keyof typeof TEXTS, { status: string; spans: FixtureSpan[]; relations: object[] }> = {
  kervadi: {
    status: 'done',
    spans: [
      { id: 'a1', label: 'Claim', covered: '12 people 🔥 were killed in Kervadi', annotator: 'alice' },
      {
        id: 'a2',
        label: 'Figure',
        covered: '12 people',
        annotator: 'alice',
        attributes: { value: 12, approximate: false },
        note: 'exact count',
      },
      { id: 'a3', label: 'Location', covered: 'Kervadi', annotator: 'alice' },
      {
        id: 'a4',
        label: 'Hedge',
        covered: '',
        fragments: ['Officials', 'said'],
        annotator: 'alice',
        attributes: { cue: 'reporting verb' },
      },
      { id: 'b1', label: 'Figure', covered: '12 people', annotator: 'bob' },
      { id: 'b2', label: 'Location', covered: 'Kervadi', annotator: 'bob' },
      { id: 'b3', label: 'Hedge', covered: 'reportedly', annotator: 'bob' },
    ],
    relations: [
      { type: 'in', from: 'a2', to: 'a1', annotator: 'alice' },
      { type: 'scopes', from: 'a4', to: 'a1', annotator: 'alice' },
    ],
  },
  quetta: {
    status: 'in_progress',
    spans: [
      { id: 'a1', label: 'Claim', covered: '5 افراد ہلاک ہوئے', annotator: 'alice' },
      { id: 'b1', label: 'Location', covered: 'کوئٹہ', annotator: 'bob' },
      { id: 'b2', label: 'Figure', covered: '5 افراد', annotator: 'bob' },
    ],
    relations: [],
  },
  zoetal: {
    status: 'in_progress',
    spans: [
      { id: 'a1', label: 'Location', covered: 'Zoe\u0308tal', annotator: 'alice', nth: 1 },
      { id: 'b1', label: 'Location', covered: 'Zoe\u0308tal', annotator: 'bob' },
      { id: 'b2', label: 'Figure', covered: 'about 30 homes', annotator: 'bob' },
    ],
    relations: [],
  },
};

function nativeLine(id: keyof typeof TEXTS, override: Partial<(typeof FIXTURE)['kervadi']> = {}) {
  const fixture = { ...FIXTURE[id], ...override };
  return JSON.stringify({
    format: 'marginalia-jsonl/2',
    offset_unit: 'utf16-code-units',
    id,
    title: id,
    text: TEXTS[id],
    status: fixture.status,
    source: { fixture: true },
    spans: fixture.spans.map((s) => nativeSpan(TEXTS[id], s)),
    relations: fixture.relations,
  });
}

function writeFixture(
  name = 'fixture.jsonl',
  lines = (Object.keys(TEXTS) as (keyof typeof TEXTS)[]).map((id) => nativeLine(id)),
) {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** What the project holds, in a form independent of ids: per document text, each span and relation. */
function contents(store: ProjectStore) {
  const result: Record<string, { spans: string[]; relations: string[] }> = {};
  for (const { document, spans, relations } of store.documentsWithSpans()) {
    const byId = new Map(spans.map((s) => [s.id, s]));
    const describe = (id: number) => {
      const s = byId.get(id)!;
      return `${s.annotator}:${s.label}:${s.fragments.map((f) => document.text.slice(f.start, f.end)).join('…')}`;
    };
    result[document.text] = {
      spans: spans
        .map(
          (s) =>
            `${describe(s.id)}@${s.fragments.map((f) => `${f.start}-${f.end}`).join(',')} ${JSON.stringify(s.attributes)} ${s.note ?? ''}`,
        )
        .sort(),
      relations: relations
        .map((r) => `[${r.annotator}] ${describe(r.fromSpan)} ${r.type} ${describe(r.toSpan)}`)
        .sort(),
    };
  }
  return result;
}

/** (label, covered text) of each span of a project, for formats that rebuild the text (CoNLL). */
function labelledTexts(store: ProjectStore): string[] {
  const found: string[] = [];
  for (const { document, spans } of store.documentsWithSpans())
    for (const s of spans)
      found.push(`${s.label}:${s.fragments.map((f) => document.text.slice(f.start, f.end)).join('…')}`);
  return found.sort();
}

function eventRows(store: ProjectStore) {
  return { counts: store.counts(), schema: store.schema() };
}

describe('native JSONL through the pipeline', () => {
  it('imports the fixture with both layers, relations, attributes, notes and the document statuses', async () => {
    const store = newProject();
    const report = await importInto(store, [writeFixture()]);
    expect(report).toMatchObject({
      written: true,
      problems: [],
      spansAdded: { alice: 6, bob: 7 },
      relationsAdded: 2,
    });
    expect(report.imported.map((d) => d.title)).toEqual(['kervadi', 'quetta', 'zoetal']);
    const held = contents(store);
    const kervadi = held[TEXTS.kervadi]!;
    expect(kervadi.spans).toContain(
      `alice:Figure:12 people@15-24 {"value":12,"approximate":false} exact count`,
    );
    expect(kervadi.spans).toContain(`alice:Hedge:Officials…said@0-9,10-14 {"cue":"reporting verb"} `);
    expect(kervadi.relations).toEqual([
      '[alice] alice:Figure:12 people in alice:Claim:12 people 🔥 were killed in Kervadi',
      '[alice] alice:Hedge:Officials…said scopes alice:Claim:12 people 🔥 were killed in Kervadi',
    ]);
    // CRLF in the stated text is normalised, and offsets after it moved with it.
    expect(held[normalised(TEXTS.zoetal)]!.spans[0]).toMatch(/^alice:Location:Zoe\u0308tal@/);
    // Every change is in the event log: 3 documents, 13 spans, 2 relations.
    expect(store.counts().events).toBe(18);
  });

  it('round-trips losslessly: import(export(project)) holds the same spans and relations', async () => {
    const source = newProject('source');
    await importInto(source, [writeFixture()]);
    const out = join(dir, 'out.jsonl');
    const exported = await exportFrom(source, { path: out });
    expect(exported).toMatchObject({ documents: 3, spans: 13, relations: 2, losses: [] });
    const copy = newProject('copy');
    const report = await importInto(copy, [out]);
    expect(report.written).toBe(true);
    expect(contents(copy)).toEqual(contents(source));
  });

  it('imports the same file twice without changing anything, counting the skipped spans', async () => {
    const store = newProject();
    const file = writeFixture();
    await importInto(store, [file]);
    const before = { held: contents(store), ...eventRows(store) };
    const again = await importInto(store, [file]);
    expect(again).toMatchObject({
      written: true,
      imported: [],
      spansAdded: {},
      spansSkipped: 13,
      relationsAdded: 0,
      relationsSkipped: 2,
    });
    expect(again.merged).toHaveLength(3);
    expect({ held: contents(store), ...eventRows(store) }).toEqual(before);
  });

  it('makes the spans of a text already in the project the named annotator’s layer of that document', async () => {
    const store = newProject();
    const plain = join(dir, 'zoetal.txt');
    writeFileSync(plain, TEXTS.zoetal);
    expect((await importInto(store, [plain])).imported).toHaveLength(1);
    const report = await importInto(store, [writeFixture()], { annotator: 'dana' });
    expect(report.merged.map((d) => d.title)).toEqual(['zoetal']);
    expect(report.imported).toHaveLength(2);
    // Alice's and Bob's identical Figure and Location in one text become one span each of Dana's.
    expect(report).toMatchObject({ spansAdded: { dana: 11 }, spansSkipped: 2 });
    expect(store.counts().documents).toBe(3);
    const zoetal = contents(store)[normalised(TEXTS.zoetal)]!.spans;
    expect(zoetal).toHaveLength(3);
    expect(zoetal.every((s) => s.startsWith('dana:'))).toBe(true);
  });
});

describe('a batch with a problem writes nothing', () => {
  it('lists each problem with its file and line, and leaves counts and the event log unchanged', async () => {
    const store = newProject();
    await importInto(store, [writeFixture('first.jsonl', [nativeLine('quetta')])]);
    const before = eventRows(store);
    const folder = join(dir, 'batch');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a-good.jsonl'), nativeLine('kervadi') + '\n');
    const shifted = JSON.parse(nativeLine('zoetal')) as { spans: { start: number; end: number }[] };
    shifted.spans[1]!.start += 1; // no longer covers its stated text
    writeFileSync(
      join(folder, 'b-bad.jsonl'),
      `${nativeLine('quetta')}\n${JSON.stringify(shifted)}\n{not json\n`,
    );
    const report = await importInto(store, [folder]);
    expect(report.written).toBe(false);
    expect(report.problems.map((p) => [p.file, p.line])).toEqual([
      [join(folder, 'b-bad.jsonl'), 2],
      [join(folder, 'b-bad.jsonl'), 3],
    ]);
    expect(report.problems[0]!.message).toMatch(/differs from the text at its offsets/);
    expect(eventRows(store)).toEqual(before);
  });

  it('reports labels the schema lacks and writes nothing until they are mapped or added', async () => {
    const store = newProject();
    const withPerson = FIXTURE.quetta.spans.map((s) => (s.id === 'b1' ? { ...s, label: 'Place' } : s));
    const file = writeFixture('person.jsonl', [
      nativeLine('quetta', { spans: withPerson }),
      nativeLine('kervadi', {
        spans: [{ id: 'p', label: 'Actor', covered: 'The ministry', annotator: 'bob' }],
        relations: [],
      }),
    ]);
    const before = eventRows(store);
    const refused = await importInto(store, [file]);
    expect(refused).toMatchObject({
      written: false,
      problems: [],
      unknownLabels: [
        { label: 'Place', count: 1, files: [file] },
        { label: 'Actor', count: 1, files: [file] },
      ],
    });
    expect(eventRows(store)).toEqual(before);

    const mapped = await importInto(store, [file], { labelMap: { Place: 'Location' }, addLabels: ['Actor'] });
    expect(mapped).toMatchObject({ written: true, addedLabels: ['Actor'], unknownLabels: [] });
    const labels = store.schema().labels;
    expect(labels.map((l) => l.key)).toEqual(['Claim', 'Figure', 'Location', 'Hedge', 'Actor']);
    expect(labels.at(-1)).toMatchObject({ name: 'Actor', hotkey: '5', kind: 'span' });
    expect(labelledTexts(store)).toEqual(
      ['Actor:The ministry', 'Claim:5 افراد ہلاک ہوئے', 'Figure:5 افراد', 'Location:کوئٹہ'].sort(),
    );
  });

  it('refuses a map to a label the schema does not have', async () => {
    const store = newProject();
    await expect(importInto(store, [writeFixture()], { labelMap: { Claim: 'Nope' } })).rejects.toThrow(
      'cannot map "Claim" to "Nope": the schema has no label "Nope"',
    );
  });
});

describe('export options', () => {
  async function fixtureProject() {
    const store = newProject();
    await importInto(store, [writeFixture()]);
    return store;
  }
  const readNative = (path: string) =>
    readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            id: string;
            offset_unit: string;
            text: string;
            spans: { label: string; annotator: string; start: number; end: number; text: string }[];
            relations: unknown[];
          },
      );

  it('exports only the chosen annotators, labels and done documents', async () => {
    const store = await fixtureProject();
    const out = join(dir, 'chosen.jsonl');
    const report = await exportFrom(store, {
      path: out,
      annotators: ['bob'],
      labels: ['Figure', 'Location'],
    });
    expect(report).toMatchObject({ documents: 3, spans: 6, relations: 0, annotators: ['bob'] });
    const docs = readNative(out);
    expect(docs.flatMap((d) => d.spans.map((s) => `${s.annotator}:${s.label}`)).sort()).toEqual([
      'bob:Figure',
      'bob:Figure',
      'bob:Figure',
      'bob:Location',
      'bob:Location',
      'bob:Location',
    ]);
    const done = await exportFrom(store, { path: join(dir, 'done.jsonl'), doneOnly: true });
    expect(done.documents).toBe(1);
    expect(readNative(join(dir, 'done.jsonl')).map((d) => d.id)).toEqual(['kervadi']);
  });

  it('keeps relations only when both their spans are exported', async () => {
    const store = await fixtureProject();
    const out = join(dir, 'rel.jsonl');
    expect((await exportFrom(store, { path: out, labels: ['Claim', 'Figure'] })).relations).toBe(1);
  });

  it('exports the stored gold layer the reviewers wrote, and says so when there is none', async () => {
    const store = await fixtureProject();
    await expect(exportFrom(store, { path: join(dir, 'gold.jsonl'), gold: true })).rejects.toThrow(
      /there is no gold layer: no reviewer has written gold spans in this project/,
    );
    expect(existsSync(join(dir, 'gold.jsonl'))).toBe(false);
    // A role alone makes no gold: bob's own spans stay his layer.
    store.setAnnotatorRole('bob', 'reviewer', null);
    await expect(exportFrom(store, { path: join(dir, 'gold.jsonl'), gold: true })).rejects.toThrow(
      /no gold layer/,
    );
    const bob = store.annotators().find((a) => a.name === 'bob')!.id;
    for (const span of store.spansOfAnnotator(bob, null).slice(0, 3))
      store.addSpan(bob, span.documentId, span, { kind: 'gold' });
    const gold = await exportFrom(store, { path: join(dir, 'gold.jsonl'), gold: true });
    expect(gold).toMatchObject({ spans: 3, annotators: ['gold (bob)'] });
    // bob's layer is exported without the gold copies, and everything with them.
    expect(await exportFrom(store, { path: join(dir, 'bob.jsonl'), annotators: ['bob'] })).toMatchObject({
      spans: 7,
    });
    expect(await exportFrom(store, { path: join(dir, 'all.jsonl') })).toMatchObject({ spans: 16 });
  });

  it('writes offsets in code points or UTF-8 bytes when asked, each span with its text', async () => {
    const store = await fixtureProject();
    const at = (unit: 'utf16' | 'codepoint' | 'utf8') =>
      exportFrom(store, { path: join(dir, `${unit}.jsonl`), offsetUnit: unit, annotators: ['bob'] }).then(
        () => readNative(join(dir, `${unit}.jsonl`))[0]!,
      );
    const [utf16, codepoint, utf8] = [await at('utf16'), await at('codepoint'), await at('utf8')];
    expect([utf16.offset_unit, codepoint.offset_unit, utf8.offset_unit]).toEqual([
      'utf16-code-units',
      'code-points',
      'utf8-bytes',
    ]);
    const kervadi = (doc: typeof utf16) => doc.spans.find((s) => s.text === 'Kervadi')!;
    // After the emoji: one code point fewer than UTF-16 units, two bytes more.
    expect(kervadi(codepoint).start).toBe(kervadi(utf16).start - 1);
    expect(kervadi(utf8).start).toBe(kervadi(utf16).start + 2);
    expect([...utf16.text].slice(kervadi(codepoint).start, kervadi(codepoint).end).join('')).toBe('Kervadi');
  });

  it('writes how a Hugging Face folder was made into its dataset card', async () => {
    const store = await fixtureProject();
    const out = join(dir, 'hf');
    const split = { train: 0.34, dev: 0.33, test: 0.33, seed: 9 };
    await exportFrom(store, { format: 'hf', path: out, annotators: ['bob'], labels: ['Figure'], split });
    const card = readFileSync(join(out, 'README.md'), 'utf8');
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const line of [
      '- Project: p',
      '- Annotators: bob',
      '- Labels: Figure',
      '- Documents: all',
      '- Offsets: utf16-code-units',
      '- Split: train 0.34, validation 0.33, test 0.33; seed 9',
    ])
      expect(card).toContain(line);
    expect(card).toMatch(
      new RegExp(`^- Exported: \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z with Marginalia ${version}$`, 'm'),
    );
  });

  it('writes doccano in the entities form, relations kept, when asked', async () => {
    const store = await fixtureProject();
    const out = join(dir, 'entities.jsonl');
    const report = await exportFrom(store, { format: 'doccano', path: out, doccanoForm: 'entities' });
    const lines = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { entities: unknown[]; relations: unknown[]; label?: unknown });
    expect(lines.every((l) => Array.isArray(l.entities) && l.label === undefined)).toBe(true);
    expect(lines.flatMap((l) => l.relations)).toHaveLength(report.relations);
    expect(report.relations).toBeGreaterThan(0);
    expect(report.losses.map((l) => l.kind)).not.toContain('relations');
  });

  it('refuses unknown annotators and labels by name, writing nothing', async () => {
    const store = await fixtureProject();
    const out = join(dir, 'none.jsonl');
    await expect(exportFrom(store, { path: out, annotators: ['zed'] })).rejects.toThrow(
      'no annotator "zed" in this project',
    );
    await expect(exportFrom(store, { path: out, labels: ['Person'] })).rejects.toThrow(
      'no label "Person" in the schema',
    );
    expect(readdirSync(dir).filter((f) => f.startsWith('none'))).toEqual([]);
  });
});

describe('every format through the pipeline', () => {
  const formats = formatInfos().filter((f) => f.canExport);

  it.each(formats.map((f) => [f.id, f] as const))(
    '%s: exports every span of the layer (or counts it as lost) with a loss report beside it',
    async (_id, format) => {
      const store = newProject('source');
      await importInto(store, [writeFixture()]);
      const out = join(dir, format.layout === 'file' ? `bob.${format.extension}` : `bob-${format.id}`);
      const report = await exportFrom(store, {
        format: format.id,
        path: out,
        annotators: ['bob'],
        ...(format.id === 'hf' ? { split: { train: 0.34, dev: 0.33, test: 0.33, seed: 7 } } : {}),
      });
      expect(report.documents).toBe(3);
      expect(existsSync(out)).toBe(true);
      expect(existsSync(`${out}.partial`)).toBe(false);
      expect(readFileSync(`${out}.loss.txt`, 'utf8')).toContain(format.name);
      const json = JSON.parse(readFileSync(`${out}.loss.json`, 'utf8')) as {
        format: string;
        losses: unknown[];
      };
      expect(json).toMatchObject({ format: format.id });
      expect(json.losses).toEqual(report.losses);
      if (format.id === 'txt') {
        // Plain text holds no spans: each of Bob's is counted as lost, none silently.
        expect(report.losses.find((l) => l.kind === 'spans')?.count).toBe(bobTexts(store).length);
        return;
      }
      const written = spansInExport(format.id, out);
      if (written !== null) {
        expect(written).toEqual(bobTexts(store));
        return;
      }

      // Bob's layer is flat and on word boundaries: every format holds it whole.
      const copy = newProject('copy');
      const back = await importInto(copy, [out], { format: format.id as ImportFormat });
      expect(back.problems).toEqual([]);
      expect(back.written).toBe(true);
      expect(labelledTexts(copy)).toEqual(bobTexts(store));
    },
  );

  function bobTexts(store: ProjectStore): string[] {
    const found: string[] = [];
    for (const { document, spans } of store.documentsWithSpans())
      for (const s of spans.filter((x) => x.annotator === 'bob'))
        found.push(`${s.label}:${s.fragments.map((f) => document.text.slice(f.start, f.end)).join('…')}`);
    return found.sort();
  }

  it("CoNLL writes each of Alice's spans it can hold and counts each one it cannot, by kind", async () => {
    const store = newProject();
    await importInto(store, [writeFixture()]);
    const out = join(dir, 'all.conll');
    const report = await exportFrom(store, { format: 'conll', path: out, annotators: ['alice'] });
    const counts = Object.fromEntries(report.losses.map((l) => [l.kind, l.count]));
    // Alice has 6 spans: Figure and Location inside the Kervadi Claim overlap it, the Hedge has two
    // pieces, two spans carry attributes, one a note, and two relations link them.
    expect(counts).toMatchObject({ overlap: 2, discontinuous: 1, attributes: 2, notes: 1, relations: 2 });
    const overlapped = report.losses.find((l) => l.kind === 'overlap')!.examples.map((e) => e.detail);
    expect(overlapped).toEqual([
      'Figure "12 people" at 15-24 (alice)',
      'Location "Kervadi" at 43-50 (alice)',
    ]);
    // The rest is in the file: read back, it holds every span not counted as an overlap.
    const copy = newProject('copy');
    expect((await importInto(copy, [out], { format: 'conll' })).problems).toEqual([]);
    expect(labelledTexts(copy)).toEqual(
      [
        'Claim:12 people 🔥 were killed in Kervadi',
        'Hedge:Officials',
        'Hedge:said',
        'Claim:5 افراد ہلاک ہوئے',
        'Location:Zoe\u0308tal',
      ].sort(),
    );
    const text = readFileSync(`${out}.loss.txt`, 'utf8');
    for (const loss of report.losses) expect(text).toContain(`${loss.kind} (${loss.count})`);
  });
});

describe('jobs: cancel leaves nothing', () => {
  /** Starts importing the fixture as a job; returns its id. */
  const startFixtureImport = (jobs: JobRunner, store: ProjectStore) =>
    jobs.start('import', (context) =>
      runImport(
        store,
        { paths: [writeFixture()], format: 'auto', localUser: 'x', importerId: null },
        context,
      ),
    );

  it('cancels an export before its write: neither the target nor a temporary file exists', async () => {
    const store = newProject();
    await importInto(store, [writeFixture()]);
    const jobs = new JobRunner();
    const out = join(dir, 'cancelled.jsonl');
    const id = jobs.start('export', (context) =>
      runExport(store, { format: 'jsonl', path: out, offsetUnit: 'utf16' }, context),
    );
    jobs.cancel(id);
    expect(await jobs.settled(id)).toMatchObject({ state: 'cancelled', result: null });
    expect(readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });

  it('cancels an import: the project is unchanged', async () => {
    const store = newProject();
    const before = eventRows(store);
    const jobs = new JobRunner();
    const id = startFixtureImport(jobs, store);
    jobs.cancel(id);
    expect((await jobs.settled(id)).state).toBe('cancelled');
    expect(eventRows(store)).toEqual(before);
  });

  it('reports progress and the result of a finished job', async () => {
    const store = newProject();
    const jobs = new JobRunner();
    const id = startFixtureImport(jobs, store);
    expect(jobs.get(id)).toMatchObject({ state: 'running', kind: 'import' });
    const done = await jobs.settled(id);
    expect(done).toMatchObject({ state: 'done', phase: 'finished', error: null });
    expect(done.kind === 'import' && done.result?.imported).toHaveLength(3);
  });

  it('turns a failure into a failed job with its message', async () => {
    const store = newProject();
    const jobs = new JobRunner();
    const id = jobs.start('export', (context) =>
      runExport(
        store,
        { format: 'jsonl', path: join(dir, 'no', 'such', 'x.jsonl'), offsetUnit: 'utf16' },
        context,
      ),
    );
    expect(await jobs.settled(id)).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/^cannot write /),
    });
  });
});
