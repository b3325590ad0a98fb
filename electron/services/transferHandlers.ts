/**
 * The API handlers that start import and export jobs, and the job bodies they run. The CLI runs the
 * same bodies on the same parsed arguments, in the foreground with its own progress and Ctrl-C.
 */
import type { ApiHandlers, ApiParsedArgs } from '../contract/api';
import type { ExportReport, FormatInfo, ImportReport } from '../contract/types';
import type { ProjectStore } from '../store/projectStore';
import { blindExportLimit } from './blind';
import { runExport } from './exporter';
import { formatFor, formatInfos } from './formats';
import { runImport, type ImportRequest } from './importer';
import type { JobContext, JobRunner } from './jobs';
import type { ImportChoices } from './pathHandles';
import type { Dialogs, ProjectAccess } from './projectAccess';
import { catchUpInBackground } from './textIndexing';

/**
 * An import of `paths` as asked for by startImport's arguments, recorded as `importerId`'s — or, for
 * a caller whose user may have no annotator row yet (the CLI), as `importer`'s, made only when the
 * batch is written. `cancellableWrite` is for a caller that nothing else writes beside.
 */
export function importJob(
  store: ProjectStore,
  args: ApiParsedArgs<'startImport'>,
  paths: readonly string[],
  who: { localUser: string; importerId: number | null; importer?: string; cancellableWrite?: boolean },
): (context: JobContext) => Promise<ImportReport> {
  const { format, annotator, gold, offsetUnit, labelMap, addLabels, skipBad } = args;
  const request: ImportRequest = {
    paths,
    format,
    localUser: who.localUser,
    importerId: who.importerId,
    ...(who.importer !== undefined ? { importer: who.importer } : {}),
    ...(who.cancellableWrite ? { cancellableWrite: true } : {}),
    ...(skipBad ? { skipBad } : {}),
    ...(annotator ? { annotator } : {}),
    ...(gold ? { gold } : {}),
    ...(offsetUnit ? { offsetUnit } : {}),
    ...(labelMap ? { labelMap } : {}),
    ...(addLabels ? { addLabels } : {}),
  };
  return (context) => runImport(store, request, context);
}

/** An export to `path` as asked for by startExport's arguments. */
export function exportJob(
  store: ProjectStore,
  args: ApiParsedArgs<'startExport'>,
  path: string,
  userName: string | null,
): (context: JobContext) => Promise<ExportReport> {
  // Checked before anything is written: blind annotation withholds others' documents and layers.
  const limit = blindExportLimit(store, userName, args);
  return (context) => runExport(store, { ...args, ...limit, path }, context);
}

/** Told when an export starts writing its target and when it has ended, however it ended. */
export interface ExportsInFlight {
  started(target: string): void;
  ended(target: string): void;
}

export function transferHandlers(
  access: ProjectAccess,
  dialogs: Dialogs,
  jobs: JobRunner,
  importChoices: ImportChoices,
  inFlight?: ExportsInFlight,
): Pick<ApiHandlers, 'startImport' | 'startExport'> {
  return {
    startImport: async (args) => {
      const { store: project, annotatorId: who } = access.annotating();
      const info = args.format === 'auto' ? null : infoOf(formatFor(args.format, 'import').id);
      const chosen = args.again
        ? importChoices.pathsOf(args.again)
        : await dialogs.chooseImportPaths(args.folder ?? false, info);
      if (!chosen) return null;
      const work = importJob(project, args, chosen, { localUser: access.userName(), importerId: who });
      const jobId = jobs.start('import', work);
      importChoices.remember(jobId, chosen);
      // The new documents are searchable at once (read in full) and indexed after the import.
      void jobs.settled(jobId).then(() => catchUpInBackground(project));
      return { jobId };
    },

    startExport: async (args) => {
      const project = access.openStore();
      blindExportLimit(project, access.userName(), args);
      const info = infoOf(formatFor(args.format, 'export').id);
      const suggested = `${project.info().name}${info.layout === 'file' ? `.${info.extension}` : `-${info.id}`}`;
      const target = await dialogs.chooseExportPath(suggested, info);
      if (!target) return null;
      inFlight?.started(target);
      const jobId = jobs.start('export', exportJob(project, args, target, access.userName()));
      // However it ends (done, failed, cancelled before it began), the target is no longer in flight.
      void jobs.settled(jobId).then(() => inFlight?.ended(target));
      return { jobId, path: target };
    },
  };
}

function infoOf(id: string): FormatInfo {
  return formatInfos().find((f) => f.id === id)!;
}
