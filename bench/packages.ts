/**
 * Work packages at scale (issue 12): a project of 3,000 articles of about 1,500 characters, each
 * assigned to one of 3 annotators with 20 spans of theirs; ann1's package of 1,000 documents is
 * written, ann1 adds a span to every document in it, and the package is merged back (then again,
 * which writes nothing). Through the same services as `marginalia package` and `merge`.
 */
import { join } from 'node:path';
import { createProjectFile, HeadlessProject } from '../electron/services/headless';

export interface PackageFigures {
  documents: number;
  packageMs: number;
  mergeMs: number;
  mergeAgainMs: number;
  added: number;
}

const SENTENCE = 'Officials said 12 people were evacuated from the valley after the river rose overnight. ';

export async function packagesAtScale(dir: string, perAnnotator: number): Promise<PackageFigures> {
  const path = join(dir, 'packages.marginalia');
  const annotators = ['ann1', 'ann2', 'ann3'];
  const store = createProjectFile(path, 'packages', {}, 'owner');
  const text = (i: number) => `Article ${i}. ${SENTENCE.repeat(17)}`;
  const count = perAnnotator * annotators.length;
  store.insertDocuments(
    Array.from({ length: count }, (_, i) => ({
      externalId: `doc-${i}`,
      title: `Article ${i}`,
      text: text(i),
      sha256: `sha-${i}`,
      source: {},
      newlinePolicy: 'none',
    })),
    null,
  );
  const ids = annotators.map((name) => store.ensureAnnotator(name));
  for (let d = 1; d <= count; d++) {
    const who = ids[(d - 1) % ids.length]!;
    const spans = Array.from({ length: 20 }, (_, k) => ({
      label: 'Figure',
      start: 20 + k * 70,
      end: 29 + k * 70,
    }));
    store.addSpans(who, d, spans);
  }
  store.close();

  const owner = HeadlessProject.open(path, 'owner', { program: 'bench' });
  const out = join(dir, 'ann1.marginalia');
  let packageMs: number;
  try {
    await owner.call('assignDocuments', { annotators, perDocument: 1, strategy: 'round-robin' });
    const t0 = performance.now();
    owner.writePackage('ann1', out);
    packageMs = performance.now() - t0;
  } finally {
    owner.close();
  }

  const laptop = HeadlessProject.open(out, 'ann1', { program: 'bench' });
  const documents = laptop.documentTitles();
  try {
    for (const { id } of documents)
      await laptop.call('addSpan', { documentId: id, start: 0, end: 7, label: 'Claim' });
  } finally {
    laptop.close();
  }

  const back = HeadlessProject.open(path, 'owner', { program: 'bench' });
  try {
    const t1 = performance.now();
    const report = back.mergePackages([out]);
    const mergeMs = performance.now() - t1;
    const t2 = performance.now();
    back.mergePackages([out]);
    const mergeAgainMs = performance.now() - t2;
    const added = report.packages[0]!.documents.reduce((n, d) => n + d.added, 0);
    return { documents: documents.length, packageMs, mergeMs, mergeAgainMs, added };
  } finally {
    back.close();
  }
}
