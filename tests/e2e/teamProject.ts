/** The project the teams tests start from, made directly in the store (no app needed). */
import { join } from 'node:path';
import { placesProject } from '../../electron/store/testing';

/** olga's project `team` in `dir` (she made it: its owner) with three articles; ann1 and ann2 have joined. */
export function teamProject(dir: string): string {
  const path = join(dir, 'team.marginalia');
  placesProject(path, 'team', ['Kabul', 'Quetta', 'Sindh'], ['ann1', 'ann2']);
  return path;
}
