/**
 * Export to any format: the selected layer streamed one document at a time through the format's
 * writer into an atomic output, yielding to the event loop between documents (cancellable), then
 * renamed into place with its loss report written beside it.
 */
import packageJson from '../../package.json' with { type: 'json' };
import { DEFAULT_SPLIT } from '../core/formats/huggingFace';
import { LossReport } from '../core/formats/lossReport';
import type { FormatId, WriteOptions } from '../core/formats/model';
import { OFFSET_UNIT_NAMES, type OffsetUnit } from '../core/offsets';
import { schemaByNames } from '../core/schemaRules';
import type { ExportReport } from '../contract/types';
import { UserError } from '../core/errors';
import { canonical, isProjectFile } from '../store/projectFile';
import type { ProjectStore } from '../store/projectStore';
import { AtomicOutput, writeFileAtomically } from './atomicOutput';
import { resolveSelection, selectedDocuments, type ResolvedSelection, type Selection } from './corpus';
import { formatFor } from './formats';
import type { JobContext } from './jobs';

export interface ExportRequest extends Selection {
  format: FormatId;
  path: string;
  offsetUnit: OffsetUnit;
  split?: WriteOptions['split'];
  doccanoForm?: WriteOptions['doccanoForm'];
}

/** The dataset card's account of how an export was made: what was chosen, when, by which version. */
export function provenanceLines(
  projectName: string,
  selection: ResolvedSelection,
  offsetUnit: OffsetUnit,
  split: NonNullable<WriteOptions['split']>,
  exportedAt: Date,
): string[] {
  return [
    `Project: ${projectName}`,
    `Annotators: ${selection.description.join(', ')}`,
    `Labels: ${selection.labels ? [...selection.labels].map((k) => selection.labelNames.get(k) ?? k).join(', ') : 'all'}`,
    `Documents: ${selection.doneOnly ? 'only those marked done' : 'all'}`,
    `Offsets: ${OFFSET_UNIT_NAMES[offsetUnit]}`,
    `Split: train ${split.train}, validation ${split.dev}, test ${split.test}; seed ${split.seed}`,
    `Exported: ${exportedAt.toISOString()} with Marginalia ${packageJson.version}`,
  ];
}

/** Where the loss report of an export at `path` goes: beside it, never inside (HF folders stay loadable). */
export const lossReportPaths = (path: string) => ({ text: `${path}.loss.txt`, json: `${path}.loss.json` });

/** An export over the open project (or its journal, lock or backups) would replace the project itself. */
function refuseProjectTarget(projectPath: string, target: string): void {
  if (isProjectFile(canonical(projectPath), canonical(target)))
    throw new UserError(
      `cannot export to ${target}: it is the open project or one of its own files (journal, lock, backup). ` +
        'Nothing was written and the project is untouched; choose another name.',
    );
}

export async function runExport(
  store: ProjectStore,
  request: ExportRequest,
  context: JobContext,
): Promise<ExportReport> {
  refuseProjectTarget(store.path, request.path);
  const format = formatFor(request.format, 'export');
  const selection = resolveSelection(store, request);
  const offsetUnit = format.fixedOffsetUnit ?? request.offsetUnit;
  const split = request.split ?? DEFAULT_SPLIT;
  const writer = format.createWriter!({
    offsetUnit,
    schema: schemaByNames(store.schema()),
    split,
    provenance: provenanceLines(store.info().name, selection, offsetUnit, split, new Date()),
    ...(request.doccanoForm ? { doccanoForm: request.doccanoForm } : {}),
  });
  const loss = new LossReport();
  if (offsetUnit !== request.offsetUnit)
    loss.add(
      'offset-unit',
      `${format.name} fixes its offset unit; offsets are in ${offsetUnit}, not ${request.offsetUnit} as asked`,
      '(all)',
      `unit ${offsetUnit}`,
    );
  const total = store.counts().documents;
  const output = new AtomicOutput(request.path, format.layout);
  let documents = 0;
  let spans = 0;
  let relations = 0;
  try {
    let seen = 0;
    for (const document of selectedDocuments(store, selection, format.keepsIdentities === true)) {
      seen++;
      if (document) {
        writer.document(document, output, loss);
        documents++;
        spans += document.spans.length;
        relations += document.relations.length;
      }
      if (seen % 20 === 0) {
        context.progress('writing', seen, total);
        await context.checkpoint();
      }
    }
    writer.finish(output, loss);
    context.throwIfCancelled();
    output.commit();
  } catch (error) {
    output.abort();
    throw error;
  }
  const paths = lossReportPaths(request.path);
  writeFileAtomically(paths.text, loss.toText(format.name));
  writeFileAtomically(paths.json, loss.toJson(format.id));
  context.progress('writing', total, total);
  return {
    path: request.path,
    format: format.id,
    offsetUnit,
    documents,
    spans,
    relations,
    annotators: selection.description,
    losses: loss.list(),
    lossReportPaths: paths,
  };
}
