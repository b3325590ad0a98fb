/**
 * `marginalia assign PROJECT --annotators a,b,c --per-document 2 [--seed N] [--documents ...]`:
 * N annotators per document by round-robin (or a seeded random draw with --seed or --random),
 * replacing those documents' assignments; `--unassign` takes documents off annotators instead.
 */
import type { AssignReport } from '../contract/types';
import { UserError } from '../core/errors';
import type { HeadlessProject } from '../services/headless';
import { wholeNumber } from './wholeNumber';

export interface AssignOptions {
  annotators: string[];
  documents: string[];
  perDocument?: string;
  seed?: string;
  random: boolean;
  unassign: boolean;
}

/** Runs the command on an open project; returns the lines to print. Nothing is written on a refusal. */
export async function assignCommand(project: HeadlessProject, options: AssignOptions): Promise<string[]> {
  const documents = options.documents.length ? resolveDocuments(project, options.documents) : undefined;
  if (options.unassign) {
    if (options.perDocument !== undefined || options.seed !== undefined || options.random)
      throw new UserError('--unassign takes only --annotators and --documents; nothing was changed');
    const { removed } = await project.call('unassignDocuments', {
      ...(options.annotators.length ? { annotators: options.annotators } : {}),
      ...(documents ? { documents } : {}),
    });
    return [`unassigned ${removed} document assignment${removed === 1 ? '' : 's'}`];
  }
  if (options.annotators.length === 0) throw new UserError('name the annotators with --annotators a,b,c');
  const untouched = 'nothing was changed';
  const perDocument = wholeNumber('--per-document', options.perDocument ?? '1', { untouched });
  const seed = options.seed === undefined ? undefined : wholeNumber('--seed', options.seed, { untouched });
  const report = await project.call('assignDocuments', {
    annotators: options.annotators,
    perDocument,
    strategy: seed !== undefined || options.random ? 'random' : 'round-robin',
    ...(seed !== undefined ? { seed } : {}),
    ...(documents ? { documents } : {}),
  });
  return describeAssignment(report);
}

export function describeAssignment(report: AssignReport): string[] {
  const how = report.strategy === 'random' ? `seeded random, seed ${report.seed}` : 'round-robin';
  return [
    `assigned ${report.documents} document${report.documents === 1 ? '' : 's'}, ${report.perDocument} annotator${
      report.perDocument === 1 ? '' : 's'
    } each (${how})`,
    ...report.counts.map(({ name, assigned }) => `  ${name}: ${assigned} documents in all`),
  ];
}

/**
 * Document numbers for what the user named: a number, an id (the file name at import) or a title;
 * a value that names no document as a whole is read as a comma list. Every name must match.
 */
function resolveDocuments(project: HeadlessProject, names: readonly string[]): number[] {
  const all = project.documentTitles();
  const one = (name: string): number[] => {
    const byId = project.documentsWithExternalId(name).map((d) => d.id);
    if (byId.length) return byId;
    if (/^\d+$/.test(name) && all.some((d) => d.id === Number(name))) return [Number(name)];
    return all.filter((d) => d.title === name).map((d) => d.id);
  };
  const ids = new Set<number>();
  const unknown: string[] = [];
  for (const raw of names) {
    const whole = one(raw.trim());
    const parts = whole.length
      ? [raw]
      : raw
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean);
    for (const part of parts) {
      const found = whole.length ? whole : one(part);
      if (found.length === 0) unknown.push(`"${part}"`);
      for (const id of found) ids.add(id);
    }
  }
  if (unknown.length)
    throw new UserError(
      `no document ${unknown.join(', ')} in this project (name documents by number, id or title); nothing was changed`,
    );
  return [...ids];
}
