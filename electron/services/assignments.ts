/**
 * The API handlers of assignment: a page of the documents × annotators table, one cell changed by
 * hand, a bulk assignment planned by core/assignment.ts, and unassigning. Owners only (a project
 * without an owner lets anyone, core/teams.ts).
 */
import type { ApiHandlers, ApiParsedArgs } from '../contract/api';
import type { AssignReport } from '../contract/types';
import { assignProblem, planAssignment } from '../core/assignment';
import { UserError } from '../core/errors';
import { annotatorOf } from '../store/layers';
import type { ProjectStore } from '../store/projectStore';
import { teamManager } from './annotatorHandlers';
import { blindScope } from './blind';
import type { ProjectAccess } from './projectAccess';

type AssignmentMethod = 'listAssignments' | 'setAssignment' | 'assignDocuments' | 'unassignDocuments';

export function assignmentHandlers(access: ProjectAccess): Pick<ApiHandlers, AssignmentMethod> {
  return {
    listAssignments: ({ offset, limit }) => {
      const { store, annotatorId: who } = access.annotating();
      // The table names every document: not for an annotator under blind annotation.
      if (blindScope(store, who).onlyAssigned)
        throw new UserError(
          'this project shows annotators only their own documents; the assignment table is for owners and reviewers',
        );
      const people = store.annotatorIdentities();
      const uidOf = new Map(people.map((p) => [p.id, p.uid]));
      const { total, rows } = store.team.page(offset, limit);
      return {
        total,
        offset,
        annotators: people.map(({ uid, name }) => ({ id: uid, name })),
        rows: rows.map((r) => ({ id: r.id, title: r.title, assigned: r.assigned.map((a) => uidOf.get(a)!) })),
      };
    },

    setAssignment: ({ documentId, annotator, assigned }) => {
      const { store, annotatorId: who } = teamManager(access, 'change assignments');
      const document = store.getDocument(documentId);
      if (!document) throw new UserError(`document ${documentId} does not exist; nothing was changed`);
      store.team.setAssigned(documentId, annotatorOf(store.database, annotator).id, assigned, who);
      const uidOf = new Map(store.annotatorIdentities().map((p) => [p.id, p.uid]));
      return {
        id: documentId,
        title: document.title,
        assigned: store.team.assignedTo(documentId).map((a) => uidOf.get(a)!),
      };
    },

    assignDocuments: (args) => {
      const { store, annotatorId: who } = teamManager(access, 'assign documents');
      return assignDocuments(store, who, args);
    },

    unassignDocuments: ({ annotators, documents }) => {
      const { store, annotatorId: who } = teamManager(access, 'unassign documents');
      const ids = annotators?.map((name) => knownAnnotator(store, name));
      return { removed: store.team.unassign(documents ?? null, ids ?? null, who) };
    },
  };
}

function knownAnnotator(store: ProjectStore, name: string): number {
  const row = store.annotatorIdentities().find((a) => a.name === name);
  if (!row)
    throw new UserError(
      `no annotator "${name}" in this project; it has ${
        store
          .annotatorIdentities()
          .map((a) => a.name)
          .join(', ') || 'none'
      }. Nothing was changed.`,
    );
  return row.id;
}

/**
 * Plans and writes a bulk assignment. Annotators named for the first time get their row here (a
 * team is assigned before its members ever open the project); every check runs before any write.
 */
function assignDocuments(
  store: ProjectStore,
  who: number,
  args: ApiParsedArgs<'assignDocuments'>,
): AssignReport {
  const problem = assignProblem({
    documents: [],
    annotators: args.annotators,
    perDocument: args.perDocument,
  });
  if (problem) throw new UserError(`cannot assign: ${problem}; nothing was changed`);
  const known = new Set(store.documentIds().map((d) => d.id));
  const documents = args.documents ?? [...known];
  const missing = documents.filter((id) => !known.has(id));
  if (missing.length)
    throw new UserError(
      `cannot assign: no document ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''} in this project; nothing was changed`,
    );
  if (documents.length === 0) throw new UserError('cannot assign: the project has no documents yet');
  const seed = args.strategy === 'random' ? (args.seed ?? 1) : null;
  return store.database.action(() => {
    const rows = args.annotators.map((name) => store.ensureAnnotator(name));
    const uids = args.annotators.map((name) => store.annotatorIdentities().find((a) => a.name === name)!.uid);
    const plan = planAssignment({
      documents,
      annotators: uids,
      perDocument: args.perDocument,
      strategy: args.strategy,
      ...(seed === null ? {} : { seed }),
    });
    store.team.assign(
      documents.map((documentId, i) => ({ documentId, annotatorIds: Array.from(plan[i]!, (a) => rows[a]!) })),
      who,
      {
        strategy: args.strategy,
        seed,
        perDocument: args.perDocument,
        annotators: uids,
        documents: documents.length,
      },
    );
    const counts = store.team.counts();
    return {
      documents: documents.length,
      perDocument: args.perDocument,
      strategy: args.strategy,
      seed,
      counts: args.annotators.map((name, i) => ({ name, assigned: counts.get(rows[i]!) ?? 0 })),
    };
  });
}
