/**
 * `marginalia package PROJECT --annotator NAME --out FILE`: one annotator's work package, an
 * ordinary project file of their documents, the schema, the guidelines and their layer so far
 * (docs/teams.md). Owners only; nothing is written on a refusal.
 */
import { resolve } from 'node:path';
import { UserError } from '../core/errors';
import type { HeadlessProject } from '../services/headless';

export const PACKAGE_USAGE = `  package PROJECT --annotator NAME --out FILE
                             write NAME's work package: their assigned documents (all, if nothing is
                             assigned), the schema, the guidelines and their layer, as a project file
                             they open in the app and annotate offline (owners only; docs/teams.md)`;

/** Runs the command on an open project; returns the lines to print. */
export function packageCommand(
  project: HeadlessProject,
  annotator: string | undefined,
  out: string | undefined,
): string[] {
  if (!annotator)
    throw new UserError('name whose package to write with --annotator NAME; nothing was written');
  if (!out) throw new UserError('name the package file with --out FILE; nothing was written');
  const report = project.writePackage(annotator, resolve(out));
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return [
    `wrote ${report.path}: the work package of ${report.annotator}, ${count(report.documents, 'document')} with ${count(
      report.spans,
      'span',
    )} of theirs`,
    ...(report.allDocuments
      ? ['no document is assigned in this project, so the package holds every document']
      : []),
  ];
}
