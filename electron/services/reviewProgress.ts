/**
 * The reviewer's progress (issue 14 item 6): conflicts left per document and in the project, and
 * each annotator's agreement with gold per label — the agreement service's exact and partial F1 of
 * the annotator against the gold layer (gold is the reference), not a second computation of F1.
 */
import type { ApiHandlers } from '../contract/api';
import type { GoldAgreement, ReviewProgress } from '../contract/review';
import type { ProjectStore } from '../store/projectStore';
import { computeAgreement } from './agreement';
import type { ProjectAccess } from './projectAccess';
import { queuedProject } from './projectPlaces';
import { requireReviewer } from './review';
import { decidedConflicts } from './reviewDecisions';

/** Conflicts per document (documents without any left out), decided or open: the queue's own. */
function conflictsLeft(store: ProjectStore): Pick<ReviewProgress, 'project' | 'documents'> {
  const decided = decidedConflicts(store.database);
  const documents: ReviewProgress['documents'] = [];
  let total = 0;
  for (const { documentId, title, keys } of queuedProject(store)) {
    total++;
    if (!keys.length) continue;
    const done = decided.get(documentId);
    const open = done ? keys.filter((k) => !done.has(k)).length : keys.length;
    documents.push({ documentId, title, conflicts: keys.length, open });
  }
  const sum = (pick: (d: ReviewProgress['documents'][number]) => number) =>
    documents.reduce((n, d) => n + pick(d), 0);
  return {
    project: {
      documents: total,
      withConflicts: documents.length,
      documentsLeft: documents.filter((d) => d.open > 0).length,
      conflicts: sum((d) => d.conflicts),
      open: sum((d) => d.open),
    },
    documents,
  };
}

/** Each annotator against gold, per label they or gold used; empty until gold has a span. */
function goldAgreement(store: ProjectStore): GoldAgreement[] {
  const annotators = new Set(
    store
      .annotators()
      .filter((a) => a.role === 'annotator')
      .map((a) => a.name),
  );
  const hasGold = store.database
    .prepare<[], { one: number }>('SELECT 1 AS one FROM span WHERE gold = 1 LIMIT 1')
    .get();
  if (!hasGold || !annotators.size) return [];
  const report = computeAgreement(store, { gold: true });
  const gold = report.raters.at(-1)!;
  const f1 = (figures: { exact: { f1: number | null }; partial: { f1: number | null } }) => ({
    exactF1: figures.exact.f1,
    partialF1: figures.partial.f1,
  });
  return report.pairs
    .filter((p) => p.b === gold && annotators.has(p.a))
    .map((p) => ({
      annotator: p.a,
      ...f1(p),
      // A label neither gold nor the annotator used says nothing about them.
      labels: Object.entries(p.labels)
        .filter(([, figures]) => figures.exact.reference + figures.exact.candidate > 0)
        .map(([label, figures]) => ({
          label,
          ...f1(figures),
          gold: figures.exact.reference,
          spans: figures.exact.candidate,
        })),
    }));
}

export function reviewProgress(store: ProjectStore): ReviewProgress {
  return { ...conflictsLeft(store), annotators: goldAgreement(store) };
}

export function reviewProgressHandlers(access: ProjectAccess): Pick<ApiHandlers, 'reviewProgress'> {
  return {
    reviewProgress: () => {
      requireReviewer(access.openStore(), access.userName(), 'review progress');
      return reviewProgress(access.openStore());
    },
  };
}
