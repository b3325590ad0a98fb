/**
 * The headless CLI as a user runs it: `node bin/marginalia.mjs ...` in a child process, checking
 * exit codes, what it prints and the files it writes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/store/projectStore';
import { tableDump } from '../../electron/store/testing';
import { runMarginalia, runMarginaliaBin, type Run } from './cliRun';

const marginalia = (...args: string[]): Promise<Run> => runMarginalia('cli-tester', ...args);
/** Through bin/marginalia.mjs: the tests of what the entry point itself does (exit codes, output). */
const marginaliaBin = (...args: string[]): Promise<Run> => runMarginaliaBin('cli-tester', ...args);

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-cli-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Each run starts Node (0.3-1 s from the bundle on a busy 2-core machine, 1-4 s through tsx); some tests make several runs.
describe.concurrent('marginalia CLI', { timeout: 120_000 }, () => {
  it('prints its usage with --help and exits 0', async () => {
    const run = await marginaliaBin('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: marginalia <command>/);
    for (const command of [
      'new PROJECT',
      'import PROJECT PATH...',
      'export PROJECT',
      'info PROJECT',
      'annotators PROJECT',
      'rename PROJECT DOCUMENT TITLE',
      'settings PROJECT',
      'progress PROJECT',
    ])
      expect(run.stdout).toContain(command);
    for (const flag of [
      '--map-label FROM=TO',
      '--add-labels',
      '--gold',
      '--done-only',
      '--offsets U',
      '--split',
      '--doccano-form F',
      '--role NAME=ROLE',
      '--reviewers-edit-layers on|off',
    ])
      expect(run.stdout).toContain(flag);
    expect(run.stdout).toMatch(/^ {2}3 {4}import refused: labels/m);
    expect(run.stderr).toBe('');
  });

  it('exits 1 for an unknown command, naming it', async () => {
    const run = await marginaliaBin('frobnicate', 'x');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stderr).toContain('Usage:');
  });

  it('exits 1 for an unknown option and when no command is given', async () => {
    const option = await marginalia('info', '--verbose');
    expect(option.code).toBe(1);
    expect(option.stderr).toMatch(/Unknown option '--verbose'/);
    expect((await marginalia()).code).toBe(1);
  });

  it('exports a missing project with exit 1 and a clear message, writing nothing', async () => {
    const missing = join(dir, 'missing.marginalia');
    const out = join(dir, 'missing.jsonl');
    const run = await marginalia('export', missing, '--format', 'jsonl', '--out', out);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`marginalia export: ${missing} does not exist`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it('creates, imports into, describes and exports a project', async () => {
    const project = join(dir, 'news.marginalia');
    const created = await marginalia('new', project);
    expect(created).toMatchObject({ code: 0, stdout: `created ${project}\n` });
    expect(existsSync(project)).toBe(true);

    const again = await marginalia('new', project);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);

    const articles = join(dir, 'articles');
    mkdirSync(articles);
    writeFileSync(join(articles, 'kabul.txt'), 'Fire 🔥 in Kabul\r\nOfficials said 12 people died.\r\n');
    writeFileSync(join(articles, 'karachi.txt'), 'کراچی میں بارش\nپولیس کے مطابق\n');
    const bad = join(articles, 'latin1.txt');
    writeFileSync(bad, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));

    // One bad file stops the whole batch: nothing is written, and the file is named with its reason.
    const refused = await marginalia('import', project, articles);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`${bad}: the file is not valid UTF-8 (first bad byte at 3)`);
    expect(refused.stderr).toContain('nothing imported: 1 problems in the files');
    expect((await marginalia('info', project)).stdout).toMatch(/^documents +0$/m);

    rmSync(bad);
    const imported = await marginalia('import', project, articles);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('imported 2 documents');
    expect(imported.stderr).toMatch(/^import: reading /m);

    const reimport = await marginalia('import', project, join(articles, 'kabul.txt'));
    expect(reimport.code).toBe(0);
    expect(reimport.stdout).toContain('imported 0 documents');
    expect(reimport.stdout).toContain('1 already in the project: their spans joined the existing documents');

    const info = await marginalia('info', project);
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/^project +news \(/m);
    expect(info.stdout).toMatch(/^offsets +utf16-code-units$/m);
    expect(info.stdout).toMatch(/^documents +2$/m);
    expect(info.stdout).toMatch(/^spans +0$/m);
    expect(info.stdout).toMatch(/^annotators +1$/m);
    expect(info.stdout).toMatch(/^labels +1 Claim, 2 Figure, 3 Location, 4 Hedge$/m);

    const out = join(dir, 'export.jsonl');
    const exported = await marginalia('export', project, '--format', 'jsonl', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`exported 2 documents, 0 spans, 0 relations to ${out}`);
    expect(exported.stdout).toContain('loss report: nothing lost');
    expect(readFileSync(`${out}.loss.txt`, 'utf8')).toContain('nothing was lost');
    const records = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; offset_unit: string; text: string; source: unknown });
    expect(records.map((r) => [r.id, r.offset_unit])).toEqual([
      ['kabul', 'utf16-code-units'],
      ['karachi', 'utf16-code-units'],
    ]);
    expect(records[0]!.text).toBe('Fire 🔥 in Kabul\nOfficials said 12 people died.\n');
    expect(records[0]!.source).toEqual({ file: 'kabul.txt', newlines: 'crlf' });
    expect(records[1]!.text).toBe('کراچی میں بارش\nپولیس کے مطابق\n');
  });

  it('reads a doccano file that states no unit as doccano counts (UTF-16) and says so', async () => {
    const project = join(dir, 'doccano-units.marginalia');
    expect((await marginalia('new', project)).code).toBe(0);
    const text = '😀 Police said 47 people died in Karachi.';
    const file = join(dir, 'doccano-ui.jsonl');
    const writeLine = (locationEnd: number) =>
      writeFileSync(
        file,
        `${JSON.stringify({
          text,
          label: [
            [3, 9, 'Claim'],
            [33, locationEnd, 'Location'],
          ],
        })}\n`,
      );
    // Offsets past the text in either unit: refused by file and line, and nothing is written.
    writeLine(90);
    const refused = await marginalia('import', project, file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${file}:1: span 2 (Location): range 33-90 is outside the text`);
    expect((await marginalia('info', project)).stdout).toMatch(/^documents +0$/m);

    writeLine(40);
    const imported = await marginalia('import', project, file);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain(`note: ${file}: offsets read as UTF-16 code units`);
    const out = join(dir, 'doccano-units-export.jsonl');
    expect((await marginalia('export', project, '--format', 'jsonl', '--out', out)).code).toBe(0);
    const [record] = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { spans: { text: string }[] });
    expect(record!.spans.map((s) => s.text)).toEqual(['Police', 'Karachi']);
  });

  it('refuses an export without --format or --out, or with an unknown format or bad option, with exit 1', async () => {
    const project = join(dir, 'formats.marginalia');
    expect((await marginalia('new', project)).code).toBe(0);
    const noFormat = await marginalia('export', project, '--out', join(dir, 'x.jsonl'));
    expect(noFormat.code).toBe(1);
    expect(noFormat.stderr).toContain('name the format with --format F');
    const noOut = await marginalia('export', project, '--format', 'jsonl');
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toContain('name the output file or folder with --out PATH');
    const docx = await marginalia('export', project, '--format', 'docx', '--out', join(dir, 'x.docx'));
    expect(docx.code).toBe(1);
    expect(docx.stderr).toContain('"docx" is not a format this version can export');
    const out = join(dir, 'x.jsonl');
    for (const [flags, message] of [
      [['--offsets', 'bytes'], '--offsets takes utf16, codepoint, utf8, not "bytes"'],
      [['--split', '0.5,0.5'], '--split takes three fractions'],
      [['--split', '0.5,0.5,0.5'], '--split fractions must sum to 1'],
      [['--seed', '1.5'], '--seed takes a whole number'],
      [['--gold', '--annotators', 'a'], 'choose --annotators or --gold, not both'],
      [['--annotators', 'nobody'], 'no annotator "nobody" in this project'],
      [['--labels', 'Person'], 'no label "Person" in the schema'],
      [['--gold'], 'there is no gold layer'],
      [['--doccano-form', 'spans'], '--doccano-form takes label or entities, not "spans"'],
      [['--doccano-form', 'entities'], '--doccano-form applies to --format doccano, not jsonl'],
    ] as const) {
      const run = await marginalia('export', project, '--format', 'jsonl', '--out', out, ...flags);
      expect(run.code, flags.join(' ')).toBe(1);
      expect(run.stderr).toContain(message);
    }
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'x.docx'))).toBe(false);
  });

  it('answers info and annotators in JSON for pipelines, and refuses --json elsewhere', async () => {
    const project = join(dir, 'pipeline.marginalia');
    expect((await marginalia('new', project)).code).toBe(0);
    const file = join(dir, 'pipeline.jsonl');
    const text = 'Officials said 40 people died in Quetta.';
    writeFileSync(file, JSON.stringify({ text, annotator: 'bo', label: [[33, 39, 'Location']] }) + '\n');
    expect((await marginalia('import', project, file)).code).toBe(0);

    const info = await marginalia('info', project, '--json');
    expect(info).toMatchObject({ code: 0, stderr: '' });
    const parsed: unknown = JSON.parse(info.stdout);
    expect(parsed).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'pipeline',
      path: project,
      createdAt: expect.any(String),
      offsetUnit: 'utf16-code-units',
      documents: 1,
      spans: 1,
      annotators: 2,
      labels: [
        { name: 'Claim', hotkey: '1', color: expect.stringMatching(/^#[0-9a-f]{6}$/i) },
        { name: 'Figure', hotkey: '2', color: expect.any(String) },
        { name: 'Location', hotkey: '3', color: expect.any(String) },
        { name: 'Hedge', hotkey: '4', color: expect.any(String) },
      ],
      relationTypes: expect.any(Array),
      assignments: 0,
      annotatorsSeeOthers: false,
    });

    const people = await marginalia('annotators', project, '--json', '--role', 'bo=reviewer');
    expect(people.code).toBe(0);
    expect(JSON.parse(people.stdout)).toEqual({
      annotators: [
        { id: expect.any(String), name: 'bo', role: 'reviewer', spans: 1, assigned: 0 },
        { id: expect.any(String), name: 'cli-tester', role: 'owner', spans: 0, assigned: 0 },
      ],
    });

    const out = join(dir, 'pipeline-out.jsonl');
    const refused = await marginalia('export', project, '--format', 'jsonl', '--out', out, '--json');
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      'marginalia export: --json works with info, annotators, agreement, feedback, progress and review only; nothing was done',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('titles a wire story by its file name, renames it, and refuses a blank title or unknown document', async () => {
    const project = join(dir, 'titles.marginalia');
    expect((await marginalia('new', project)).code).toBe(0);
    const file = join(dir, 'kabul-wire.txt');
    writeFileSync(file, 'KABUL, March 3 (Reuters) - Twelve people died in floods, officials said.\n');
    expect((await marginalia('import', project, file)).code).toBe(0);
    const exported = async () => {
      const out = join(dir, `titles-${Date.now()}.jsonl`);
      expect((await marginalia('export', project, '--format', 'jsonl', '--out', out)).code).toBe(0);
      return (JSON.parse(readFileSync(out, 'utf8').split('\n')[0]!) as { title: string }).title;
    };
    expect(await exported()).toBe('kabul-wire');

    const blank = await marginalia('rename', project, 'kabul-wire', '  ');
    expect(blank.code).toBe(1);
    expect(blank.stderr.trim()).toBe(
      'marginalia rename: a title cannot be empty; the project was not changed',
    );
    const unknown = await marginalia('rename', project, 'karachi', 'Floods');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no document "karachi" in this project');

    const renamed = await marginalia('rename', project, 'kabul-wire', 'Kabul floods: 12 dead');
    expect(renamed).toMatchObject({
      code: 0,
      stdout: 'renamed kabul-wire: "kabul-wire" → "Kabul floods: 12 dead"\n',
    });
    expect(await exported()).toBe('Kabul floods: 12 dead');
  });

  it('lists annotators with roles and span counts, makes one a reviewer, and exports their gold layer', async () => {
    const project = join(dir, 'gold.marginalia');
    expect((await marginalia('new', project)).code).toBe(0);
    const text = 'Officials said 40 people died in Quetta.';
    const at = (s: string) => [text.indexOf(s), text.indexOf(s) + s.length];
    const file = join(dir, 'two-layers.jsonl');
    const line = (annotator: string, label: unknown[]) => JSON.stringify({ text, annotator, label });
    writeFileSync(
      file,
      [
        line('bo', [
          [...at('40 people'), 'Figure'],
          [...at('Quetta'), 'Location'],
        ]),
        line('cy', [[...at('Quetta'), 'Location']]),
      ].join('\n') + '\n',
    );
    expect((await marginalia('import', project, file)).code).toBe(0);

    const listed = await marginalia('annotators', project);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toBe(
      [
        'name        role       spans  assigned',
        'bo          annotator  2      0',
        'cli-tester  owner      0      0',
        'cy          annotator  1      0',
        '',
      ].join('\n'),
    );
    const typo = await marginalia('annotators', project, '--role', 'bo=reviewer', '--role', 'zed=reviewer');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('no annotator "zed" in this project; it has bo, cli-tester, cy');
    const badRole = await marginalia('annotators', project, '--role', 'bo=boss');
    expect(badRole.stderr).toContain(
      '--role takes NAME=owner, NAME=reviewer or NAME=annotator, not "bo=boss"',
    );
    expect((await marginalia('annotators', project)).stdout).not.toContain('reviewer');

    const promoted = await marginalia('annotators', project, '--role', 'bo=reviewer');
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toMatch(/^bo +reviewer +2 +0$/m);
    // A role lets bo write gold; what bo writes there (in the app) is the gold layer.
    const store = ProjectStore.open(project);
    const bo = store.annotators().find((a) => a.name === 'bo')!.id;
    for (const span of store.spansOfAnnotator(bo, null))
      store.addSpan(bo, span.documentId, span, { kind: 'gold' });
    store.close();

    const out = join(dir, 'gold-doccano.jsonl');
    const exported = await marginalia(
      'export',
      project,
      ...['--format', 'doccano', '--out', out, '--gold', '--doccano-form', 'entities'],
    );
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('(doccano, offsets utf16, gold (bo))');
    const lines = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      annotator: 'bo',
      entities: [
        {
          label: 'Figure',
          start_offset: at('40 people')[0],
          end_offset: at('40 people')[1],
          text: '40 people',
        },
        { label: 'Location', text: 'Quetta' },
      ],
      relations: [],
    });

    const hf = join(dir, 'gold-hf');
    const card = await marginalia('export', project, '--format', 'hf', '--out', hf, '--gold', '--seed', '3');
    expect(card.code).toBe(0);
    const readme = readFileSync(join(hf, 'README.md'), 'utf8');
    expect(readme).toContain('- Project: gold\n- Annotators: gold (bo)\n- Labels: all\n');
    expect(readme).toContain('- Split: train 0.8, validation 0.1, test 0.1; seed 3');
  });

  it("shows and changes the reviewers-edit setting, imports a reviewer's file into gold, and exports that gold layer", async () => {
    const project = join(dir, 'settings.marginalia');
    expect((await marginalia('new', project)).code).toBe(0);
    const text = 'Officials said 40 people died in Quetta.';
    const at = (s: string) => [text.indexOf(s), text.indexOf(s) + s.length];
    const layer = join(dir, 'bo.jsonl');
    writeFileSync(
      layer,
      JSON.stringify({ text, annotator: 'bo', label: [[...at('40 people'), 'Figure']] }) + '\n',
    );
    expect((await marginalia('import', project, layer)).code).toBe(0);
    expect((await marginalia('settings', project)).stdout).toBe("reviewers edit annotators' layers: off\n");

    const untouched = tableDump(project);
    // The project's creator is its owner; bo, who only annotates, may not change the setting.
    const notReviewer = await runMarginalia('bo', 'settings', project, '--reviewers-edit-layers', 'on');
    expect(notReviewer.code).toBe(1);
    expect(notReviewer.stderr).toBe(
      "marginalia settings: bo is not a reviewer, and only reviewers (and owners) decide whether reviewers may edit annotators' layers; nothing was changed\n",
    );
    const badValue = await marginalia('settings', project, '--reviewers-edit-layers', 'yes');
    expect(badValue.stderr).toContain(
      '--reviewers-edit-layers takes on or off, not "yes"; nothing was changed',
    );
    const gold = join(dir, 'gold.jsonl');
    writeFileSync(gold, JSON.stringify({ text, label: [[...at('Quetta'), 'Location']] }) + '\n');
    const refused = await marginalia('import', project, gold, '--gold', '--annotator', 'bo');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'marginalia import: bo is not a reviewer in this project, and only reviewers (and owners) write the gold layer; nothing was imported.',
    );
    expect(tableDump(project)).toBe(untouched);

    expect((await marginalia('annotators', project, '--role', 'bo=reviewer')).code).toBe(0);
    const on = await marginalia('settings', project, '--reviewers-edit-layers', 'on');
    expect(on.code).toBe(0);
    expect(on.stdout).toBe("reviewers edit annotators' layers: on\n");
    const imported = await marginalia('import', project, gold, '--gold', '--annotator', 'bo');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('spans added: 1 for bo');

    const out = join(dir, 'settings-gold.jsonl');
    expect((await marginalia('export', project, '--format', 'jsonl', '--out', out, '--gold')).code).toBe(0);
    const spans = JSON.parse(readFileSync(out, 'utf8')).spans as Record<string, unknown>[];
    expect(spans.map((s) => [s.label, s.text, s.annotator, s.layer])).toEqual([
      ['Location', 'Quetta', 'bo', { kind: 'gold' }],
    ]);
    const store = ProjectStore.open(project, { readOnly: true });
    const logged = store.database.connection
      .prepare<[], { op: string; who: string; after: string }>(
        "SELECT e.op, a.name AS who, e.after FROM event e JOIN annotator a ON a.id = e.annotator_id WHERE e.entity = 'project'",
      )
      .all();
    store.close();
    expect(logged).toEqual([
      { op: 'policy', who: 'cli-tester', after: '{"reviewersEditAnnotatorLayers":true}' },
    ]);
  });

  it('refuses to open a file that is not a project, with exit 1', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'just notes\n');
    const run = await marginalia('info', notes);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${notes} is not a Marginalia project`);
    expect(readFileSync(notes, 'utf8')).toBe('just notes\n');
  });

  it('adds the .marginalia extension to a new project named without one', async () => {
    const run = await marginalia('new', join(dir, 'bare'));
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'bare.marginalia'))).toBe(true);
    expect((await marginalia('info', join(dir, 'bare.marginalia'))).stdout).toContain('documents   0');
  });

  it('refuses an export into a folder that does not exist, with exit 1 and no stack trace', async () => {
    const project = join(dir, 'nowhere.marginalia');
    expect((await marginalia('new', project)).code).toBe(0);
    const target = join(dir, 'missing-folder', 'out.jsonl');
    const run = await marginaliaBin('export', project, '--format', 'jsonl', '--out', target);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`marginalia export: cannot write ${target}`);
    expect(run.stderr).not.toContain('    at ');
  });

  it('refuses unknown labels with exit 3, imports them mapped or added, and exports with options and a loss report', async () => {
    const project = join(dir, 'labels.marginalia');
    expect((await marginalia('new', project)).code).toBe(0);
    const text = 'Dr. Amina Rauf said 40 people were treated in Quetta.';
    const at = (s: string) => [text.indexOf(s), text.indexOf(s) + s.length];
    const file = join(dir, 'clinic.jsonl');
    writeFileSync(
      file,
      JSON.stringify({
        text,
        annotator: 'bo',
        label: [
          [...at('Dr. Amina Rauf'), 'Person'],
          [...at('40 people'), 'Number'],
          [...at('Quetta'), 'Location'],
        ],
      }) + '\n',
    );
    const refused = await marginalia('import', project, file);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`unknown label "Person" on 1 spans (${file})`);
    expect(refused.stderr).toContain(
      'map the unknown labels with --map-label FROM=TO or add them with --add-labels',
    );

    const bad = await marginalia('import', project, file, '--map-label', 'Number');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--map-label takes FROM=TO, not "Number"');

    const imported = await marginalia(
      'import',
      project,
      file,
      '--map-label',
      'Number=Figure',
      '--add-labels',
    );
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('spans added: 3 for bo');
    expect(imported.stdout).toContain('labels added to the schema: Person');

    const out = join(dir, 'clinic.conll');
    const exported = await marginalia(
      'export',
      project,
      '--format',
      'conll',
      '--out',
      out,
      '--annotators',
      'bo',
      '--labels',
      'Person,Figure',
      '--offsets',
      'codepoint',
    );
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(
      `exported 1 documents, 2 spans, 0 relations to ${out} (conll, offsets codepoint, bo)`,
    );
    expect(exported.stdout).toMatch(/^lost: text-layout ×1: /m);
    expect(exported.stdout).toContain(`loss report written to ${out}.loss.txt`);
    expect(readFileSync(out, 'utf8')).toContain('Amina -X- -X- I-Person');
    expect(readFileSync(out, 'utf8')).not.toContain('Quetta -X- -X- B-Location');
  });
  it('refuses an annotator name the app would refuse (over 100 characters), naming it, and writes nothing', async () => {
    const project = join(dir, 'argument-names.marginalia');
    expect((await marginalia('new', project)).code).toBe(0);
    const file = join(dir, 'argument-story.txt');
    writeFileSync(file, 'Floods reached Sukkur on Monday.\n');
    const before = tableDump(project);

    const run = await marginalia('import', project, file, '--annotator', 'x'.repeat(101));

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^marginalia import: annotator: .*100.*; nothing was imported\n$/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(tableDump(project)).toBe(before);

    // The same file under a name within the limit is imported: only the name was refused.
    const ok = await marginalia('import', project, file, '--annotator', 'x'.repeat(100));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('imported 1 documents');
  });
});
