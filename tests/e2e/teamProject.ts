/** The project the teams tests start from, made directly in the store (no app needed). */
import { join } from 'node:path';
import { DEFAULT_SCHEMA } from '../../electron/core/schema';
import { ProjectStore } from '../../electron/store/projectStore';

const PLACES = ['Kabul', 'Quetta', 'Sindh'];

/** olga's project `team` in `dir` (she made it: its owner) with three articles; ann1 and ann2 have joined. */
export function teamProject(dir: string): string {
  const path = join(dir, 'team.marginalia');
  const store = ProjectStore.create(path, 'team', DEFAULT_SCHEMA, {}, 'olga');
  store.ensureAnnotator('ann1');
  store.ensureAnnotator('ann2');
  store.insertDocuments(
    PLACES.map((place, i) => ({
      externalId: place.toLowerCase(),
      title: place,
      text: `Officials said 12 people died in ${place}.`,
      sha256: `h${i}`,
      source: {},
      newlinePolicy: 'none',
    })),
    null,
  );
  store.close();
  return path;
}
