/**
 * The headless entry: the same handlers and argument schemas as the app (services/headless.ts), for
 * pipelines and scripts.
 *   marginalia new PROJECT | import PROJECT PATH... | export PROJECT --format F --out PATH | info PROJECT
 *   | annotators PROJECT [--role NAME=ROLE]... | rename PROJECT DOCUMENT TITLE | serve [PROJECT] [--port N]
 *   | assign PROJECT --annotators a,b --per-document N | rename-me PROJECT NAME
 *   | agreement PROJECT [--json | --csv] (cli/agreement.ts)
 *   | review PROJECT [--auto-accept K | --progress [--json]] | decisions PROJECT --out FILE (cli/review.ts)
 *   | package PROJECT --annotator NAME --out FILE (cli/package.ts) | merge PROJECT PACKAGE... (cli/merge.ts)
 *   | progress PROJECT [--json] (cli/progress.ts)
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../core/errors';
import { OFFSET_UNITS, type OffsetUnit } from '../core/offsets';
import { DEFAULT_SPLIT } from '../core/formats/huggingFace';
import type { AnnotatorInfo, ExportReport, ImportFormat, ImportReport, JobPhase } from '../contract/types';
import { serveUntilStopped } from '../host/serve';
import { formatFor } from '../services/formats';
import { createProjectFile, failureSentence, HeadlessProject } from '../services/headless';
import { describeProblem } from '../services/importer';
import { directContext, JobCancelled, type JobContext } from '../services/jobs';
import { projectNameOf, withProjectExtension } from '../services/workbench';
import { exportable, usage } from './usage';
import { annotatorList, printAnnotators, printInfo, projectInfo } from './describe';
import { assignCommand } from './assign';
import { renameDocument } from './rename';
import { requestedPolicy, runSettings, SETTINGS_OPTIONS } from './settings';
import { renameMeCommand } from './renameMe';
import { AGREEMENT_OPTIONS, agreementCommand } from './agreement';
import { decisionsCommand, REVIEW_OPTIONS, reviewCommand } from './review';
import { packageCommand } from './package';
import { mergeCommand } from './merge';
import { feedbackCommand } from './feedback';
import { PROGRESS_OPTIONS, progressCommand } from './progress';
import { wholeNumber } from './wholeNumber';

type Values = Record<string, string | boolean | string[] | undefined>;
type Command = (positionals: string[], values: Values) => Promise<number>;

const localUser = () => process.env.MARGINALIA_USER ?? userInfo().username;
const str = (value: Values[string]) => (typeof value === 'string' ? value : undefined);
/** A comma list that may also be given as repeated flags. */
const list = (value: Values[string]) =>
  (Array.isArray(value) ? value : typeof value === 'string' ? [value] : [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** Opens the project for one command; `read` commands do not need (or take) the project's lock. */
async function withProject<T>(
  command: string,
  access: 'read' | 'write',
  path: string | undefined,
  use: (project: HeadlessProject) => Promise<T>,
): Promise<T> {
  if (!path) throw new UserError('name the project file');
  const project = HeadlessProject.open(resolve(path), localUser(), {
    program: `marginalia ${command}`,
    readOnly: access === 'read',
    // A command that writes has the file checked before it commits: meanwhile, where it reads a
    // while first (auto-accept), its reading thread checks it (services/placesReader.ts).
    checkBeforeWriting: access === 'write',
  });
  try {
    return await use(project);
  } finally {
    project.close();
  }
}

/** Progress on stderr, at most a few lines a second; Ctrl-C cancels at the next checkpoint. */
function cliContext(command: string): { context: JobContext; dispose: () => void } {
  let cancelled = false;
  let last = 0;
  let lastPhase = '';
  const onInterrupt = () => {
    cancelled = true;
    console.error(`marginalia ${command}: interrupted, stopping`);
  };
  process.on('SIGINT', onInterrupt);
  const context = directContext(
    (phase: JobPhase, done: number, total: number, message?: string) => {
      const now = Date.now();
      // A new phase always shows, so the user sees (and scripts can wait for) the write starting.
      if (now - last < 500 && done < total && phase === lastPhase) return;
      last = now;
      lastPhase = phase;
      console.error(`${command}: ${phase} ${done}/${total}${message ? ` ${message}` : ''}`);
    },
    () => cancelled,
  );
  return { context, dispose: () => process.off('SIGINT', onInterrupt) };
}

async function runJob<T>(command: string, work: (context: JobContext) => Promise<T>): Promise<T | null> {
  const { context, dispose } = cliContext(command);
  try {
    return await work(context);
  } catch (error) {
    if (error instanceof JobCancelled) {
      console.error(`marginalia ${command}: interrupted; nothing was written`);
      return null;
    }
    throw error;
  } finally {
    dispose();
  }
}

function offsetsOption<D extends OffsetUnit | undefined>(values: Values, fallback: D): OffsetUnit | D {
  const offsets = str(values.offsets);
  if (offsets === undefined) return fallback;
  if (!OFFSET_UNITS.includes(offsets as OffsetUnit))
    throw new UserError(`--offsets takes ${OFFSET_UNITS.join(', ')}, not "${offsets}"`);
  return offsets as OffsetUnit;
}

type AnnotatorRole = AnnotatorInfo['role'];

function roleChanges(values: Values): { name: string; role: AnnotatorRole }[] {
  return (Array.isArray(values.role) ? values.role : []).map((pair) => {
    const match = /^(.+)=(owner|reviewer|annotator)$/.exec(pair);
    if (!match)
      throw new UserError(`--role takes NAME=owner, NAME=reviewer or NAME=annotator, not "${pair}"`);
    return { name: match[1]!.trim(), role: match[2] as AnnotatorRole };
  });
}

function yesNo(value: Values[string], flag: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'yes' || value === 'no') return value === 'yes';
  throw new UserError(`${flag} takes yes or no, not "${String(value)}"; nothing was changed`);
}

function labelMap(values: Values): Record<string, string> {
  const pairs = (Array.isArray(values['map-label']) ? values['map-label'] : []).map((pair) => {
    const match = /^([^=]+)=([^=]+)$/.exec(pair);
    if (!match) throw new UserError(`--map-label takes FROM=TO, not "${pair}"`);
    return [match[1]!.trim(), match[2]!.trim()] as const;
  });
  // Own keys, so `--map-label __proto__=Claim` maps a label rather than setting a prototype.
  return Object.fromEntries(pairs);
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function printImport(report: ImportReport): number {
  for (const problem of report.problems) console.error(describeProblem(problem));
  for (const warning of report.warnings) console.error(`left out: ${describeProblem(warning)}`);
  for (const notice of report.notices) console.error(`note: ${describeProblem(notice)}`);
  for (const { label, count, files } of report.unknownLabels)
    console.error(`unknown label "${label}" on ${count} spans (${files.join(', ')})`);
  for (const type of report.unknownRelationTypes) console.error(`unknown relation type ${type}`);
  for (const { file, reason } of report.skippedFiles) console.error(`skipped ${file}: ${reason}`);
  if (!report.written) {
    if (report.problems.length) {
      const skip =
        report.goodFiles > 0 ? `; --skip-bad imports the ${count(report.goodFiles, 'good file')}` : '';
      console.error(
        `nothing imported: ${report.problems.length} problems in the files (listed above)${skip}`,
      );
      return 2;
    }
    console.error(
      'nothing imported: map the unknown labels with --map-label FROM=TO or add them with --add-labels',
    );
    return 3;
  }
  const added = Object.entries(report.spansAdded);
  console.log(`imported ${report.imported.length} documents`);
  if (report.merged.length)
    console.log(`${report.merged.length} already in the project: their spans joined the existing documents`);
  console.log(
    `spans added: ${added.length ? added.map(([name, n]) => `${n} for ${name}`).join(', ') : 'none'}` +
      `; ${report.spansSkipped} identical spans skipped`,
  );
  if (report.relationsAdded || report.relationsSkipped)
    console.log(`relations added: ${report.relationsAdded}; ${report.relationsSkipped} identical skipped`);
  if (report.addedLabels.length) console.log(`labels added to the schema: ${report.addedLabels.join(', ')}`);
  return 0;
}

function printExport(report: ExportReport): void {
  console.log(
    `exported ${report.documents} documents, ${report.spans} spans, ${report.relations} relations to ${report.path}` +
      ` (${report.format}, offsets ${report.offsetUnit}, ${report.annotators.join(', ')})`,
  );
  if (report.losses.length === 0) console.log('loss report: nothing lost');
  for (const loss of report.losses) console.log(`lost: ${loss.kind} ×${loss.count}: ${loss.message}`);
  console.log(`loss report written to ${report.lossReportPaths.text}`);
}

function doccanoFormOption(values: Values, format: string): 'label' | 'entities' | undefined {
  const form = str(values['doccano-form']);
  if (form === undefined) return undefined;
  if (form !== 'label' && form !== 'entities')
    throw new UserError(`--doccano-form takes label or entities, not "${form}"`);
  if (formatFor(format, 'export').id !== 'doccano')
    throw new UserError(`--doccano-form applies to --format doccano, not ${format}`);
  return form;
}

function splitOption(values: Values): { train: number; dev: number; test: number; seed: number } | undefined {
  const raw = str(values.split);
  const seedRaw = str(values.seed);
  if (raw === undefined && seedRaw === undefined) return undefined;
  const parts = (raw ?? '0.8,0.1,0.1').split(',').map(Number);
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p) || p < 0 || p > 1))
    throw new UserError(`--split takes three fractions such as 0.8,0.1,0.1, not "${raw}"`);
  if (Math.abs(parts[0]! + parts[1]! + parts[2]! - 1) > 1e-6)
    throw new UserError(
      `--split fractions must sum to 1 (${raw} sums to ${parts[0]! + parts[1]! + parts[2]!})`,
    );
  const seed =
    seedRaw === undefined
      ? DEFAULT_SPLIT.seed
      : wholeNumber('--seed', seedRaw, { untouched: 'nothing was written' });
  return { train: parts[0]!, dev: parts[1]!, test: parts[2]!, seed };
}

const commands: Record<string, Command> = {
  agreement: agreementCommand(withProject),
  review: reviewCommand(withProject),
  decisions: decisionsCommand(withProject),
  feedback: feedbackCommand(withProject),
  progress: progressCommand(withProject),
  async new([path]) {
    if (!path) throw new UserError('name the project file to create');
    const target = withProjectExtension(resolve(path));
    createProjectFile(target, projectNameOf(target), { program: 'marginalia new' }, localUser()).close();
    console.log(`created ${target}`);
    return 0;
  },

  async import([project, ...paths], values) {
    if (paths.length === 0) throw new UserError('name at least one file or folder to import');
    const format = (str(values.format) ?? 'auto') as ImportFormat;
    if (format !== 'auto') formatFor(format, 'import');
    const addLabels = values['add-labels'] === true;
    const offsetUnit = offsetsOption(values, undefined);
    return withProject('import', 'write', project, async (headless) => {
      const annotator = str(values.annotator);
      const work = headless.importJob(
        {
          format,
          ...(annotator ? { annotator } : {}),
          ...(values.gold ? { gold: true } : {}),
          ...(offsetUnit ? { offsetUnit } : {}),
          labelMap: labelMap(values),
          ...(addLabels ? { addLabels: true as const } : {}),
          ...(values['skip-bad'] ? { skipBad: true } : {}),
        },
        paths.map((p) => resolve(p)),
      );
      const report = await runJob('import', work);
      return report ? printImport(report) : 130;
    });
  },

  async export([project], values) {
    const format = str(values.format);
    if (!format) throw new UserError(`name the format with --format F (${exportable().join(', ')})`);
    formatFor(format, 'export');
    const out = str(values.out);
    if (!out) throw new UserError('name the output file or folder with --out PATH');
    const offsets = offsetsOption(values, 'utf16');
    const annotators = list(values.annotators);
    if (values.gold && annotators.length) throw new UserError('choose --annotators or --gold, not both');
    const labels = list(values.labels);
    const split = splitOption(values);
    const doccanoForm = doccanoFormOption(values, format);
    return withProject('export', 'read', project, async (headless) => {
      const work = headless.exportJob(
        {
          format: formatFor(format, 'export').id,
          offsetUnit: offsets,
          ...(annotators.length ? { annotators } : {}),
          ...(values.gold ? { gold: true } : {}),
          ...(labels.length ? { labels } : {}),
          ...(values['done-only'] ? { doneOnly: true } : {}),
          ...(split ? { split } : {}),
          ...(doccanoForm ? { doccanoForm } : {}),
        },
        resolve(out),
      );
      const report = await runJob('export', work);
      if (!report) return 130;
      printExport(report);
      return 0;
    });
  },

  async annotators([project], values) {
    const changes = roleChanges(values);
    const seeOthers = yesNo(values['see-others'], '--see-others');
    const writes = changes.length > 0 || seeOthers !== undefined;
    return withProject('annotators', writes ? 'write' : 'read', project, async (headless) => {
      if (changes.length) {
        // Every name is checked before any role changes, so a typo changes nothing.
        const known = (await headless.call('listAnnotators', {})).map((a) => a.name);
        const missing = changes.filter((c) => !known.includes(c.name)).map((c) => `"${c.name}"`);
        if (missing.length)
          throw new UserError(
            `no annotator ${missing.join(', ')} in this project; it has ${known.join(', ') || 'none'}`,
          );
        for (const { name, role } of changes) await headless.call('setAnnotatorRole', { name, role });
      }
      if (seeOthers !== undefined) await headless.call('setTeamPolicy', { annotatorsSeeOthers: seeOthers });
      printAnnotators(annotatorList(await headless.call('listAnnotators', {})), values.json === true);
      return 0;
    });
  },

  async serve([project, ...extra], values) {
    if (extra.length > 0) throw new UserError(`serve opens one project, not ${extra.length + 1}`);
    const port = wholeNumber('--port', str(values.port) ?? '0', {
      max: 65535,
      untouched: 'the server was not started',
    });
    await serveUntilStopped({ project, port }, (line) => console.log(line));
    return 0;
  },

  async rename([project, document, title, ...extra]) {
    if (!document || title === undefined || extra.length)
      throw new UserError('rename takes PROJECT DOCUMENT "NEW TITLE" (quote a title with spaces)');
    return withProject('rename', 'write', project, async (headless) => {
      console.log(renameDocument(headless, document, title, () => headless.localAnnotator()));
      return 0;
    });
  },

  async settings([project], values) {
    const change = requestedPolicy(values['reviewers-edit-layers']);
    return withProject('settings', change ? 'write' : 'read', project, async (headless) => {
      for (const line of await runSettings(headless, change)) console.log(line);
      return 0;
    });
  },

  assign: ([project], values) =>
    withProject('assign', 'write', project, async (headless) => {
      const lines = await assignCommand(headless, {
        annotators: list(values.annotators),
        documents: Array.isArray(values.documents) ? values.documents : [],
        ...(str(values['per-document']) !== undefined ? { perDocument: str(values['per-document'])! } : {}),
        ...(str(values.seed) !== undefined ? { seed: str(values.seed)! } : {}),
        random: values.random === true,
        unassign: values.unassign === true,
      });
      for (const line of lines) console.log(line);
      return 0;
    }),

  'rename-me': ([project, name, ...extra]) =>
    withProject('rename-me', 'write', project, async (headless) => {
      if (extra.length) throw new UserError('rename-me takes PROJECT "NEW NAME" (quote a name with spaces)');
      for (const line of await renameMeCommand(headless, name, localUser())) console.log(line);
      return 0;
    }),

  package: ([project, ...extra], values) =>
    withProject('package', 'read', project, async (headless) => {
      if (extra.length) throw new UserError(`package takes one project, not ${extra.length + 1}`);
      for (const line of packageCommand(headless, str(values.annotator), str(values.out))) console.log(line);
      return 0;
    }),

  merge: ([project, ...packages], values) =>
    withProject('merge', 'write', project, async (headless) => {
      const choices = { labelMap: labelMap(values), ...(values['add-labels'] ? { addLabels: true } : {}) };
      for (const line of mergeCommand(headless, packages, choices)) console.log(line);
      return 0;
    }),

  async info([project], values) {
    return withProject('info', 'read', project, async (headless) => {
      printInfo(projectInfo(headless.summary()), values.json === true);
      return 0;
    });
  },
};

/** Commands that can answer in JSON with --json. */
const JSON_COMMANDS = ['info', 'annotators', 'agreement', 'feedback', 'progress', 'review'];

export async function runCli(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        format: { type: 'string' },
        out: { type: 'string' },
        annotator: { type: 'string' },
        'map-label': { type: 'string', multiple: true },
        'add-labels': { type: 'boolean' },
        'skip-bad': { type: 'boolean' },
        annotators: { type: 'string', multiple: true },
        gold: { type: 'boolean' },
        labels: { type: 'string', multiple: true },
        'done-only': { type: 'boolean' },
        offsets: { type: 'string' },
        split: { type: 'string' },
        seed: { type: 'string' },
        'doccano-form': { type: 'string' },
        role: { type: 'string', multiple: true },
        'see-others': { type: 'string' },
        'per-document': { type: 'string' },
        random: { type: 'boolean' },
        unassign: { type: 'boolean' },
        port: { type: 'string' },
        json: { type: 'boolean' },
        ...SETTINGS_OPTIONS,
        ...AGREEMENT_OPTIONS,
        ...REVIEW_OPTIONS,
        ...PROGRESS_OPTIONS,
      },
    });
  } catch (error) {
    console.error(`marginalia: ${(error as Error).message}\n\n${usage()}`);
    return 1;
  }
  const [name, ...rest] = parsed.positionals;
  if (parsed.values.help || !name) {
    console.log(usage());
    return parsed.values.help ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`marginalia: unknown command "${name}"\n\n${usage()}`);
    return 1;
  }
  if (parsed.values.json && !JSON_COMMANDS.includes(name)) {
    console.error(
      `marginalia ${name}: --json works with ${JSON_COMMANDS.slice(0, -1).join(', ')} and ${JSON_COMMANDS.at(-1)} only; nothing was done`,
    );
    return 1;
  }
  try {
    return await command(rest, parsed.values);
  } catch (error) {
    if (error instanceof UserError) {
      console.error(`marginalia ${name}: ${error.message}`);
      return 1;
    }
    // A full disk or an unwritable target is the user's to fix, not a stack trace to read.
    const sentence = failureSentence(error, rest[0] ?? 'the project');
    if (sentence) {
      console.error(`marginalia ${name}: ${sentence}. Nothing was written.`);
      return 1;
    }
    throw error;
  }
}
