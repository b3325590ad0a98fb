/**
 * The progress dashboard and `marginalia progress` (core/progress.ts): status, spans, active time
 * and last activity per person and per document, labels per person. Under blind annotation an
 * annotator reads only their own row and their own documents; owners and reviewers read all.
 */
import type { ApiHandlers } from '../contract/api';
import {
  activeSeconds,
  annotatorProgress,
  extendSessions,
  type AnnotatorCounts,
  type ProgressReport,
  type Session,
} from '../core/progress';
import { projectMark, type ProjectMark } from '../store/agreementReads';
import type { ProjectDatabase } from '../store/database';
import {
  annotatorCounts,
  annotatorSessions,
  assignmentChanges,
  documentPage,
  documentTotals,
  eventTimesAfter,
  labelOrder,
  personStatuses,
  spansPerLabel,
  type PersonStatuses,
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

/** The status counts of one scope, as of one count of assignment changes (and of documents). */
interface Statuses {
  key: string;
  totals: ReturnType<typeof documentTotals>;
  people: PersonStatuses;
}

/** The project-wide figures of one scope, as of one mark of the project's history. */
interface Figures {
  scope: string;
  mark: ProjectMark;
  statuses: Statuses;
  people: AnnotatorCounts[];
  labels: Map<string, Map<string, number>>;
  sessions: Map<string, Session[]>;
}

/**
 * Per open project file, the last figures: reused while nothing changed (the screen opened again).
 * After new events only those are read into the sessions (splitting the whole log is the costly
 * part on a large project), and status counts are added up again only when an assignment row
 * changed; spans per label and last activity are read again (each from an index).
 */
const kept = new WeakMap<ProjectDatabase, Figures>();

function figures(db: ProjectDatabase, scope: ProgressScope): Figures {
  const mark = projectMark(db);
  const key = JSON.stringify(scope);
  const old = kept.get(db);
  const same = old?.scope === key;
  if (same && JSON.stringify(old.mark) === JSON.stringify(mark)) return old;
  const sessions =
    (same && mark.event >= old.mark.event && extended(db, old, scope)) || annotatorSessions(db, scope);
  const statusKey = JSON.stringify([key, mark.documents, assignmentChanges(db)]);
  const statuses =
    old?.statuses.key === statusKey
      ? old.statuses
      : { key: statusKey, totals: documentTotals(db, scope), people: personStatuses(db, scope) };
  const next: Figures = {
    scope: key,
    mark,
    statuses,
    people: annotatorCounts(db, scope, statuses.people),
    labels: spansPerLabel(db, scope),
    sessions,
  };
  kept.set(db, next);
  return next;
}

/** The kept sessions with the events since, or null when one came before a session's end. */
function extended(db: ProjectDatabase, old: Figures, scope: ProgressScope): Map<string, Session[]> | null {
  const sessions = new Map(old.sessions);
  for (const [who, times] of eventTimesAfter(db, old.mark.event, scope)) {
    const next = extendSessions(sessions.get(who) ?? [], times);
    if (!next) return null;
    sessions.set(who, next);
  }
  return sessions;
}

/** The report `userName` may read, with documents `offset` to `offset + limit` of the page. */
export function progressReport(
  store: ProjectStore,
  userName: string,
  page: { offset: number; limit: number },
): ProgressReport {
  const db = store.database;
  const scope = progressScope(store, userName);
  const { statuses, people, labels, sessions } = figures(db, scope);
  const { totals } = statuses;
  const annotators = annotatorProgress(people, labels, sessions, labelOrder(db));
  const { rows, sessions: perDocument } = documentPage(db, scope, page.offset, page.limit);
  return {
    documents: { ...totals, todo: Math.max(0, totals.total - totals.inProgress - totals.done) },
    annotators,
    documentPage: {
      offset: page.offset,
      total: totals.total,
      rows: rows.map((r) => ({ ...r, activeSeconds: activeSeconds(perDocument.get(r.id) ?? []) })),
    },
    ownOnly: scope.only !== null,
  };
}

export function progressHandlers(access: ProjectAccess): Pick<ApiHandlers, 'getProgress'> {
  return {
    getProgress: (page) => progressReport(access.openStore(), access.userName(), page),
  };
}
