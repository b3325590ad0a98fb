/**
 * The headless entry: the same store and services as the app, for pipelines and scripts.
 *   marginalia new PROJECT | import PROJECT PATH... | export PROJECT --format jsonl --out FILE | info PROJECT
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../core/errors';
import { DEFAULT_SCHEMA } from '../core/schema';
import { exportNativeJsonl } from '../services/exporter';
import { importTextFiles } from '../services/importer';
import { PROJECT_EXTENSION, projectNameOf, withProjectExtension } from '../services/workbench';
import { ProjectStore } from '../store/projectStore';

const USAGE = `Usage: marginalia <command> [options]

Commands:
  new PROJECT                           create an empty project file (${PROJECT_EXTENSION}) with the default schema
  import PROJECT PATH...                import .txt files, or every .txt file under a folder
  export PROJECT --format jsonl --out FILE
                                        write every document and span as native JSONL (UTF-16 offsets)
  info PROJECT                          show the project's counts and labels

Options:
  --annotator NAME   who imports (recorded in the event log); default $MARGINALIA_USER or the login name
  -h, --help         show this help

Exit codes: 0 done, 1 failed, 2 some files of an import could not be read (the others were imported).`;

type Command = (positionals: string[], values: Record<string, string | boolean | undefined>) => number;

const annotatorName = (values: Record<string, unknown>) =>
  (values.annotator as string | undefined) ?? process.env.MARGINALIA_USER ?? userInfo().username;

function withProject<T>(path: string | undefined, use: (store: ProjectStore) => T): T {
  if (!path) throw new UserError('name the project file');
  const store = ProjectStore.open(resolve(path));
  try {
    return use(store);
  } finally {
    store.close();
  }
}

const commands: Record<string, Command> = {
  new([path]) {
    if (!path) throw new UserError('name the project file to create');
    const target = withProjectExtension(resolve(path));
    ProjectStore.create(target, projectNameOf(target), DEFAULT_SCHEMA).close();
    console.log(`created ${target}`);
    return 0;
  },

  import([project, ...paths], values) {
    if (paths.length === 0) throw new UserError('name at least one .txt file or folder to import');
    return withProject(project, (store) => {
      const report = importTextFiles(
        store,
        store.ensureAnnotator(annotatorName(values)),
        paths.map((p) => resolve(p)),
      );
      console.log(`imported ${report.imported.length} documents`);
      if (report.duplicates.length)
        console.log(`${report.duplicates.length} already in the project (skipped)`);
      for (const failure of report.failed) console.error(`not imported: ${failure.file}: ${failure.reason}`);
      return report.failed.length ? 2 : 0;
    });
  },

  export([project], values) {
    const format = values.format ?? 'jsonl';
    if (format !== 'jsonl')
      throw new UserError(`unknown format "${String(format)}"; this version writes jsonl`);
    if (typeof values.out !== 'string') throw new UserError('name the output file with --out FILE');
    const out = resolve(values.out);
    return withProject(project, (store) => {
      const result = exportNativeJsonl(store, out);
      console.log(`exported ${result.documents} documents, ${result.spans} spans to ${result.path}`);
      return 0;
    });
  },

  info([project]) {
    return withProject(project, (store) => {
      const { name, offsetUnit, createdAt } = store.info();
      const counts = store.counts();
      console.log(`project     ${name} (${store.path})`);
      console.log(`created     ${createdAt}`);
      console.log(`offsets     ${offsetUnit}`);
      console.log(`documents   ${counts.documents}`);
      console.log(`spans       ${counts.spans}`);
      console.log(`annotators  ${counts.annotators}`);
      console.log(
        `labels      ${store
          .schema()
          .labels.map((l) => `${l.hotkey} ${l.name}`)
          .join(', ')}`,
      );
      return 0;
    });
  },
};

export function runCli(argv: string[]): number {
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
      },
    });
  } catch (error) {
    console.error(`marginalia: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const [name, ...rest] = parsed.positionals;
  if (parsed.values.help || !name) {
    console.log(USAGE);
    return parsed.values.help ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`marginalia: unknown command "${name}"\n\n${USAGE}`);
    return 1;
  }
  try {
    return command(rest, parsed.values);
  } catch (error) {
    if (error instanceof UserError) {
      console.error(`marginalia ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
