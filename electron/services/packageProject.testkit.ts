/**
 * For the work-package tests: olga's project of one document "Kabul" (she made it, so she owns
 * it), and sessions opened one at a time as the project's one-writer lock wants.
 */
import { HeadlessProject, createProjectFile } from './headless';
import { sha256 } from './importer';

/** Creates olga's project at `path` holding `text` as document 1, with `others` already known. */
export function kabulProject(path: string, text: string, others: readonly string[] = []): void {
  const store = createProjectFile(path, 'reports', {}, 'olga');
  store.insertDocuments(
    [{ externalId: 'd1', title: 'Kabul', text, sha256: sha256(text), source: {}, newlinePolicy: 'none' }],
    null,
  );
  for (const name of others) store.ensureAnnotator(name);
  store.close();
}

/** One open session at a time: `as` closes the last one and opens `file` (the project) as `user`. */
export function oneAtATime(project: () => string, text: string) {
  let open: HeadlessProject | null = null;
  return {
    as(user: string, file = project()): HeadlessProject {
      open?.close();
      open = HeadlessProject.open(file, user, {});
      return open;
    },
    closeAll(): void {
      open?.close();
      open = null;
    },
    /** `label` on the first `word` of document 1, in `p`'s own layer. */
    tag(p: HeadlessProject, word: string, label: string) {
      const start = text.indexOf(word);
      return p.call('addSpan', { documentId: 1, start, end: start + word.length, label });
    },
  };
}
