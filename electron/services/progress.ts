/**
 * The progress dashboard and `marginalia progress` (core/progress.ts): status, spans, active time
 * and last activity per person and per document, labels per person. Under blind annotation an
 * annotator reads only their own row and their own documents; owners and reviewers read all.
 */
import type { ApiHandlers } from '../contract/api';
import { annotatorProgress, activeSeconds, type ProgressReport } from '../core/progress';
import {
  annotatorCounts,
  annotatorSessions,
  documentPage,
  documentTotals,
  labelOrder,
  spansPerLabel,
  type ProgressScope,
} from '../store/progressReads';
import type { ProjectStore } from '../store/projectStore';
import { seesOtherLayers } from './blind';
import type { ProjectAccess } from './projectAccess';

/** Who `userName` may read about: everyone, or only themselves (0: nobody, for a stranger). */
function progressScope(store: ProjectStore, userName: string): ProgressScope {
  const onlyAssigned = store.team.hasAssignments();
  const row = store.annotators().find((a) => a.name === userName);
  const all = row ? seesOtherLayers(store, row.id) : !onlyAssigned || store.team.policy().annotatorsSeeOthers;
  return { onlyAssigned, only: all ? null : (row?.id ?? 0) };
}

/** The report `userName` may read, with documents `offset` to `offset + limit` of the page. */
export function progressReport(
  store: ProjectStore,
  userName: string,
  page: { offset: number; limit: number },
): ProgressReport {
  const db = store.database;
  const scope = progressScope(store, userName);
  const totals = documentTotals(db, scope);
  const annotators = annotatorProgress(
    annotatorCounts(db, scope),
    spansPerLabel(db, scope),
    annotatorSessions(db, scope),
    labelOrder(db),
  );
  const { rows, sessions } = documentPage(db, scope, page.offset, page.limit);
  return {
    documents: { ...totals, todo: Math.max(0, totals.total - totals.inProgress - totals.done) },
    annotators,
    documentPage: {
      offset: page.offset,
      total: totals.total,
      rows: rows.map((r) => ({ ...r, activeSeconds: activeSeconds(sessions.get(r.id) ?? []) })),
    },
    ownOnly: scope.only !== null,
  };
}

export function progressHandlers(access: ProjectAccess): Pick<ApiHandlers, 'getProgress'> {
  return {
    getProgress: (page) => progressReport(access.openStore(), access.userName(), page),
  };
}
