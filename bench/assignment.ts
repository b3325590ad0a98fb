/**
 * Assignment at team scale (issue 12): 100,000 documents × 3 annotators, 2 per document, through
 * the same handler the app's Assign… and `marginalia assign` call (plan, then one action writing
 * 200,000 assignments), and the first page of the assignment table.
 */
import { join } from 'node:path';
import { createProjectFile, HeadlessProject } from '../electron/services/headless';

export interface AssignmentFigures {
  documents: number;
  assignRandomMs: number;
  assignRoundRobinMs: number;
  firstPageMs: number;
  assigned: number;
}

export async function assignmentAtScale(dir: string, documents: number): Promise<AssignmentFigures> {
  const path = join(dir, 'assignment.marginalia');
  const store = createProjectFile(path, 'assignment', {}, 'owner');
  const batch = Array.from({ length: documents }, (_, i) => ({
    externalId: `doc-${i}`,
    title: `Article ${i}`,
    text: `Officials said ${i} people were evacuated.`,
    sha256: `sha-${i}`,
    source: {},
    newlinePolicy: 'none',
  }));
  store.insertDocuments(batch, null);
  store.close();
  const project = HeadlessProject.open(path, 'owner', { program: 'bench' });
  try {
    const annotators = ['ann1', 'ann2', 'ann3'];
    const time = async (run: () => unknown) => {
      const t0 = performance.now();
      await run();
      return performance.now() - t0;
    };
    const assignRandomMs = await time(() =>
      project.call('assignDocuments', { annotators, perDocument: 2, strategy: 'random', seed: 1 }),
    );
    const assignRoundRobinMs = await time(() =>
      project.call('assignDocuments', { annotators, perDocument: 2, strategy: 'round-robin' }),
    );
    const firstPageMs = await time(() => project.call('listAssignments', { offset: 0, limit: 100 }));
    const people = await project.call('listAnnotators', {});
    return {
      documents,
      assignRandomMs,
      assignRoundRobinMs,
      firstPageMs,
      assigned: people.reduce((sum, p) => sum + p.assigned, 0),
    };
  } finally {
    project.close();
  }
}
