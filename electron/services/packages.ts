/**
 * Work packages out and back (docs/teams.md). Out: one annotator's documents, the schema, the
 * guidelines and their layer so far, as an ordinary project file that says whose package of which
 * project it is. Back: each package's layer lands in that annotator's layer of the origin project,
 * span by span by UUID, all packages in one action; a package of another project, an altered text,
 * labels the project lacks or a damaged file refuse the whole merge before anything is written.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { ApiHandlers } from '../contract/api';
import type { MergeLabelsNeeded, MergeReport, PackageReport } from '../contract/types';
import { UserError } from '../core/errors';
import {
  planIsEmpty,
  planLayerMerge,
  resolveLabels,
  schemaGaps,
  type LabelChoices,
  type LayerMergePlan,
} from '../core/packageMerge';
import type { ProjectSchema } from '../core/schema';
import { schemaProblem } from '../core/schemaRules';
import { teamRefusal } from '../core/teams';
import { now } from '../store/database';
import { projectIdentity } from '../store/layers';
import {
  annotatorByUid,
  documentByHash,
  foreignSpanUids,
  layerSpanCount,
  layerContent,
  layerLabelKeys,
  logPackageMerge,
  packageDocuments,
  packageOrigin,
  statusOf,
  writeLayerMerge,
  writeMergedStatus,
  writePackageFile,
  type PackageOrigin,
} from '../store/packages';
import { ProjectStore } from '../store/projectStore';
import { produceAtomically } from './atomicOutput';
import { documentFeedback, feedbackDecisions } from './feedback';
import type { Dialogs, ProjectAccess } from './projectAccess';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Refused in words unless `userName` runs the team (an owner, or anyone in a project without one). */
function requireTeamRunner(store: ProjectStore, userName: string, what: string): void {
  const role = store.annotators().find((a) => a.name === userName)?.role ?? 'annotator';
  const refusal = teamRefusal(role, store.owners() > 0);
  if (refusal) throw new UserError(`cannot ${what}: ${refusal}; nothing was written`);
}

/** Writes `annotator`'s work package to `target` (a new file), as `userName` (an owner). */
export function writePackage(
  store: ProjectStore,
  annotator: string,
  target: string,
  userName: string,
): PackageReport {
  requireTeamRunner(store, userName, 'write a work package');
  const person = store.annotatorIdentities().find((a) => a.name === annotator);
  if (!person)
    throw new UserError(
      `no annotator "${annotator}" in this project (it has ${
        store
          .annotators()
          .map((a) => a.name)
          .join(', ') || 'none'
      }); nothing was written`,
    );
  if (existsSync(target))
    throw new UserError(
      `${target} already exists; choose a new file name for the package. Nothing was written.`,
    );
  const allDocuments = !store.team.hasAssignments();
  const documents = allDocuments ? store.documentIds() : store.listDocuments(person.id, true);
  if (documents.length === 0)
    throw new UserError(
      allDocuments
        ? 'the project has no documents to package; nothing was written'
        : `no document is assigned to ${annotator} (assign some first, or take every assignment off to package all); nothing was written`,
    );
  const identity = projectIdentity(store.database);
  const origin: PackageOrigin = {
    packageUid: randomUUID(),
    projectUid: identity.uid,
    projectName: store.info().name,
    annotatorUid: person.uid,
    annotatorName: person.name,
    madeAt: now(),
    madeBy: userName,
    documents: documents.map(({ id, title }) => ({ sha256: store.getDocument(id)!.sha256, title })),
  };
  const ids = documents.map((d) => d.id);
  const decisions = feedbackDecisionsOf(store, userName, annotator, ids);
  produceAtomically(target, (temp) =>
    writePackageFile(store.database, temp, person.id, ids, origin, decisions),
  );
  const spans = layerSpanCount(store.database, person.id, ids);
  return { path: target, annotator, documents: ids.length, spans, allDocuments };
}

/**
 * The decisions the annotator's feedback shows on these documents, of spans and relations
 * (docs/teams.md): the package carries those and the documents' gold layer, so the feedback reads
 * the same offline.
 */
function feedbackDecisionsOf(
  store: ProjectStore,
  userName: string,
  annotator: string,
  documentIds: readonly number[],
): { documentId: number; conflictKey: string }[] {
  return documentIds.flatMap((documentId) => {
    if (feedbackDecisions(store, documentId).length === 0) return [];
    const { items, relations } = documentFeedback(store, userName, documentId, annotator);
    return [...items, ...relations].flatMap((item) =>
      item.decision ? [{ documentId, conflictKey: item.decision.conflictKey }] : [],
    );
  });
}

/**
 * The work package a project file holds, if it is one: of which project and for whom (the app's
 * banner). Whoever opens a package works as that annotator (by id: a rename-me there keeps it).
 */
export function packageLabel(store: ProjectStore): { project: string; annotator: string } | null {
  const origin = packageOrigin(store.database);
  if (!origin) return null;
  const annotator = annotatorByUid(store.database, origin.annotatorUid)?.name ?? origin.annotatorName;
  return { project: origin.projectName, annotator };
}

/** The API's work-package handlers: the paths come from the dialogs, as the app's exports do. */
export function packageHandlers(
  access: ProjectAccess,
  dialogs: Pick<Dialogs, 'choosePackagePath' | 'choosePackagesToMerge'>,
): Pick<ApiHandlers, 'exportWorkPackage' | 'mergeWorkPackages'> {
  // Files of a merge waiting for label choices, by token: the renderer never names a path itself.
  const waiting = new Map<string, readonly string[]>();
  return {
    exportWorkPackage: async ({ annotator }) => {
      const store = access.openStore();
      requireTeamRunner(store, access.userName(), 'write a work package');
      const target = await dialogs.choosePackagePath(
        `${store.info().name}-${annotator}${extname(store.path) || '.marginalia'}`,
      );
      return target ? writePackage(store, annotator, target, access.userName()) : null;
    },
    mergeWorkPackages: async ({ again, labelMap, addLabels }) => {
      const store = access.openStore();
      requireTeamRunner(store, access.userName(), 'merge returned work');
      const paths = again ? waiting.get(again) : await dialogs.choosePackagesToMerge();
      if (again && !paths)
        throw new UserError(
          'that merge is no longer waiting for label choices; choose the packages again (Merge Returned Work…). Nothing was merged.',
        );
      if (!paths || !paths.length) return null;
      const choices: LabelChoices = {
        ...(labelMap ? { labelMap } : {}),
        ...(addLabels ? { addLabels } : {}),
      };
      const labels = labelsToPlace(store, paths, choices);
      if (labels.length) {
        const token = randomUUID();
        waiting.set(token, paths);
        return { again: token, labelsToPlace: labels };
      }
      if (again) waiting.delete(again);
      return mergePackages(store, paths, access.userName(), choices);
    },
  };
}

/**
 * The labels the packages at `paths` use that the project lacks once `choices` are applied, each
 * with the file using it: what the app's merge dialog asks the user to map or add. A file that is no
 * package of this project lists nothing here: the merge itself refuses it in words.
 */
export function labelsToPlace(
  store: ProjectStore,
  paths: readonly string[],
  choices: LabelChoices,
): MergeLabelsNeeded['labelsToPlace'] {
  const found: MergeLabelsNeeded['labelsToPlace'] = [];
  for (const path of paths) {
    let pkg: ProjectStore | null = null;
    try {
      pkg = ProjectStore.open(path, { readOnly: true, program: 'marginalia merge' });
      const origin = packageOrigin(pkg.database);
      const theirs = origin && annotatorByUid(pkg.database, origin.annotatorUid);
      if (!theirs) continue;
      const schema = pkg.schema();
      const used = layerLabelKeys(pkg.database, theirs.id);
      const placed = resolveLabels(store.schema(), schema, used, choices).keys;
      for (const key of used)
        if (!placed.has(key) && !found.some((f) => f.key === key))
          found.push({
            key,
            name: schema.labels.find((l) => l.key === key)?.name ?? key,
            file: basename(path),
          });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
    } finally {
      pkg?.close();
    }
  }
  return found;
}

/** One package read and checked against the project: its plans per document, nothing written yet. */
interface CheckedPackage {
  path: string;
  origin: PackageOrigin;
  annotatorId: number;
  documents: { id: number; title: string; plan: LayerMergePlan; status: string }[];
}

/**
 * Reads one package and plans its merge into `store`, its labels placed by `choices` in `schema`
 * (the project's, with labels earlier packages add); refuses in words what cannot be merged.
 */
function checkPackage(
  store: ProjectStore,
  path: string,
  schema: ProjectSchema,
  choices: LabelChoices,
): CheckedPackage & { schema: ProjectSchema; added: string[] } {
  const pkg = ProjectStore.open(path, { readOnly: true, program: 'marginalia merge' });
  try {
    const origin = packageOrigin(pkg.database);
    const name = basename(path);
    if (!origin)
      throw new UserError(`${name} is a project, not a work package (write one with "marginalia package")`);
    const project = projectIdentity(store.database).uid;
    if (origin.projectUid !== project)
      throw new UserError(
        `${name} is a work package of another project ("${origin.projectName}", id ${origin.projectUid}), not of this one (id ${project})`,
      );
    const person = annotatorByUid(store.database, origin.annotatorUid);
    if (!person)
      throw new UserError(`${name} is the work of ${origin.annotatorName}, who is no longer in this project`);
    const theirs = annotatorByUid(pkg.database, origin.annotatorUid);
    if (!theirs) throw new UserError(`${name} is damaged: it lacks the annotator it was written for`);
    const recorded = new Set(origin.documents.map((d) => d.sha256));
    const checked: CheckedPackage['documents'] = [];
    const gaps = new Set<string>();
    const documents = packageDocuments(pkg.database).map((document) => ({
      document,
      incoming: layerContent(pkg.database, document.id, theirs.id),
    }));
    const used = layerLabelKeys(pkg.database, theirs.id);
    const labels = resolveLabels(schema, pkg.schema(), used, choices);
    if (labels.problems.length) throw new UserError(`${name}: ${labels.problems.join('; ')}`);
    for (const { document, incoming: raw } of documents) {
      const key = (label: string) => labels.keys.get(label) ?? label;
      const incoming = {
        spans: raw.spans.map((s) => ({ ...s, label: key(s.label) })),
        relations: raw.relations.map((r) => ({ ...r, fromLabel: key(r.fromLabel) })),
        deleted: raw.deleted,
      };
      const mine = documentByHash(store.database, document.sha256);
      if (!recorded.has(document.sha256) || !mine || mine.text !== document.text)
        throw new UserError(
          `${name}: the text of "${document.title}" no longer matches the project's (its hash differs), so its spans would land in the wrong places`,
        );
      for (const gap of schemaGaps(labels.schema, labels.theirs, incoming.spans, incoming.relations))
        gaps.add(gap);
      const foreign = foreignSpanUids(
        store.database,
        person.id,
        incoming.spans.map((s) => s.uid),
      );
      if (foreign.length)
        throw new UserError(
          `${name}: ${plural(foreign.length, 'span')} of "${document.title}" belong to another layer of the project (ids ${foreign
            .slice(0, 3)
            .join(', ')}); it was not written from this project's package`,
        );
      const current = layerContent(store.database, mine.id, person.id);
      checked.push({
        id: mine.id,
        title: mine.title,
        plan: planLayerMerge(current, incoming, origin.madeAt),
        status: statusOf(pkg.database, document.id, theirs.id),
      });
    }
    if (gaps.size)
      throw new UserError(
        `${name} uses what the project's schema lacks: ${[...gaps].join('; ')}. Map labels with --map-label FROM=TO, add them with --add-labels, or add them to the schema (Schema…), and merge again`,
      );
    return {
      path,
      origin,
      annotatorId: person.id,
      documents: checked,
      schema: labels.schema,
      added: labels.added,
    };
  } finally {
    pkg.close();
  }
}

/**
 * Merges the packages at `paths` into `store` as `userName` (an owner): each checked first, then all
 * written in one action (oldest package first, so later work wins), or nothing on any refusal.
 */
export function mergePackages(
  store: ProjectStore,
  paths: readonly string[],
  userName: string,
  choices: LabelChoices = {},
): MergeReport {
  requireTeamRunner(store, userName, 'merge returned work');
  if (paths.length === 0) throw new UserError('name at least one work package to merge');
  const checked: CheckedPackage[] = [];
  let schema = store.schema();
  const addedLabels: string[] = [];
  for (const path of paths) {
    try {
      const one = checkPackage(store, path, schema, choices);
      schema = one.schema;
      addedLabels.push(...one.added);
      checked.push(one);
    } catch (error) {
      if (error instanceof UserError)
        throw new UserError(
          `${error.message.replace(/\.?$/, '.')} Nothing was merged; the project is as it was.`,
        );
      throw error;
    }
  }
  // Each is planned against the project as it is: two of one annotator could both add one span.
  const annotators = checked.map((p) => p.origin.annotatorName);
  const twice = annotators.filter((name, i) => annotators.indexOf(name) !== i);
  if (twice.length)
    throw new UserError(
      `two packages of ${twice[0]} were named; merge them one at a time (oldest first). Nothing was merged; the project is as it was.`,
    );
  checked.sort((a, b) => a.origin.madeAt.localeCompare(b.origin.madeAt));
  const problem = addedLabels.length ? schemaProblem(schema) : null;
  if (problem)
    throw new UserError(`the labels to add do not fit the schema: ${problem}. Nothing was merged.`);
  const changed =
    addedLabels.length > 0 ||
    checked.some((p) =>
      p.documents.some(
        (d) =>
          !planIsEmpty(d.plan) ||
          (d.status !== 'todo' && d.status !== statusOf(store.database, d.id, p.annotatorId)),
      ),
    );
  if (changed) {
    const by = store.ensureAnnotator(userName);
    store.database.action(() => {
      if (addedLabels.length) store.replaceSchema(by, schema);
      const at = now();
      for (const pkg of checked) {
        const annotatorUid = pkg.origin.annotatorUid;
        for (const document of pkg.documents) {
          const write = { documentId: document.id, annotatorId: pkg.annotatorId, annotatorUid, by, at };
          writeLayerMerge(store.database, document.plan, write);
          if (document.status !== 'todo') writeMergedStatus(store.database, document.status, write);
        }
        logPackageMerge(store.database, by, at, {
          package: pkg.origin.packageUid,
          file: basename(pkg.path),
          annotator: pkg.origin.annotatorName,
          madeAt: pkg.origin.madeAt,
          ...counts(pkg.documents.map((d) => d.plan)),
        });
      }
    });
  }
  return {
    changed,
    addedLabels,
    packages: checked.map((pkg) => ({
      path: pkg.path,
      annotator: pkg.origin.annotatorName,
      madeAt: pkg.origin.madeAt,
      documents: pkg.documents.map(({ title, plan }) => ({ title, ...counts([plan]) })),
    })),
  };
}

function counts(plans: readonly LayerMergePlan[]) {
  const sum = (pick: (plan: LayerMergePlan) => readonly unknown[]) =>
    plans.reduce((n, plan) => n + pick(plan).length, 0);
  return {
    added: sum((p) => p.add),
    changed: sum((p) => p.change),
    removed: sum((p) => p.remove),
    keptNewer: sum((p) => p.keptNewer),
  };
}
