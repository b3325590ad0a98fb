/**
 * `marginalia merge PROJECT PACKAGE...`: returned work packages into their annotators' layers, with a
 * line per annotator and document of what was added, changed and removed (docs/teams.md). All
 * packages or none: any refusal leaves the project as it was.
 */
import { resolve } from 'node:path';
import type { MergeReport } from '../contract/types';
import type { LabelChoices } from '../core/packageMerge';
import type { HeadlessProject } from '../services/headless';

export const MERGE_USAGE = `  merge PROJECT PACKAGE...    merge returned work packages into each annotator's layer, span by span
                             (later work replaces earlier, deletions included); merging one again
                             changes nothing (owners only; docs/teams.md)
      --map-label FROM=TO    merge a package's label FROM as the project's label TO (repeatable)
      --add-labels           add labels the project lacks (after --map-label) instead of refusing`;

export function mergeCommand(
  project: HeadlessProject,
  packages: readonly string[],
  choices: LabelChoices,
): string[] {
  return describeMerge(
    project.mergePackages(
      packages.map((p) => resolve(p)),
      choices,
    ),
  );
}

export function describeMerge(report: MergeReport): string[] {
  const lines: string[] = [];
  for (const pkg of report.packages) {
    lines.push(`${pkg.path}: ${pkg.annotator}'s work of ${pkg.madeAt}`);
    for (const d of pkg.documents) {
      const kept = d.keptNewer ? `, ${d.keptNewer} kept (newer in the project)` : '';
      lines.push(`  ${d.title}: ${d.added} added, ${d.changed} changed, ${d.removed} removed${kept}`);
    }
  }
  if (report.addedLabels.length) lines.push(`labels added to the schema: ${report.addedLabels.join(', ')}`);
  lines.push(report.changed ? 'merged' : 'nothing to merge: the project already holds this work');
  return lines;
}
