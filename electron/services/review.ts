/**
 * Review (adjudication): the conflicts of the project as a queue, and one decision written to the
 * gold layer with its record in one action (so Ctrl+Z in gold takes both back). Conflicts are found
 * by core/conflicts.ts over the annotators' layers of each document. docs/adjudication.md.
 */
import type { ApiHandlers, ApiParsedArgs } from '../contract/api';
import type {
  ConflictPage,
  ConflictVersionView,
  ConflictView,
  DecisionRecord,
  DecisionView,
} from '../contract/review';
import { QUEUE_PAGE } from '../contract/types';
import {
  CONFLICT_KINDS,
  spanVersionKey,
  type RelationPlace,
  type SpanPlace,
  type SpanVersion,
} from '../core/conflicts';
import { UserError } from '../core/errors';
import type { Place } from '../core/queuedPlaces';
import { GOLD, writesGold } from '../core/layers';
import { fragmentsProblem, type Span } from '../core/spans';
import { projectMark } from '../store/agreementReads';
import type { ProjectDatabase } from '../store/database';
import type { Decision } from '../store/decisions';
import type { NewSpan, ProjectStore } from '../store/projectStore';
import { ConflictCounter } from './conflictCounts';
import type { ProjectAccess } from './projectAccess';
import { forgetQueue, keptQueue, LABEL_SEPARATOR, pagePlaces } from './conflictQueue';
import { backgroundTurn } from './jobs';
import { labelsOf, placesOfDocument, projectPlaces, queuedProject } from './projectPlaces';
import { decidedConflicts, decisionIndex, placeId } from './reviewDecisions';

export { decisionIndex, placeId };

export type { Place };

const spanView = (v: SpanVersion): ConflictVersionView => ({
  label: v.label,
  fragments: v.fragments,
  attributes: v.attributes,
  annotators: v.annotators,
});

export const versionsOf = (place: Place): ConflictVersionView[] =>
  'from' in place ? place.versions.map((v) => ({ ...v })) : place.versions.map(spanView);

const decisionView = ({ id: _id, ...view }: Decision): DecisionView => view;

/** Per open project file, the page listed last, with its arguments and where the log stood. */
const lastListed = new WeakMap<ProjectDatabase, { args: string; mark: string; page: ConflictPage }>();

/**
 * The queue: conflicts matching the filters, sorted, one page. The page listed last is kept until
 * the log moves (store/agreementReads.ts projectMark, as every cache of review): the page read ahead
 * as a reviewer's project opens (`readQueueAhead`) is then what their first click on Review shows,
 * and the queue reopened shows it again, without building 500 conflicts' views twice.
 */
export function listConflicts(store: ProjectStore, args: ApiParsedArgs<'listConflicts'>): ConflictPage {
  const db = store.database;
  const asked = JSON.stringify([
    args.state,
    args.sort,
    args.offset,
    args.limit,
    args.kinds,
    args.labels,
    args.documents,
    args.annotators,
  ]);
  const mark = JSON.stringify(projectMark(db));
  const kept = lastListed.get(db);
  if (kept?.args === asked && kept.mark === mark) return kept.page;
  const page = conflictPage(store, args);
  lastListed.set(db, { args: asked, mark, page });
  return page;
}

function conflictPage(store: ProjectStore, args: ApiParsedArgs<'listConflicts'>, retry = true): ConflictPage {
  const labels = new Set(store.schema().labels.map((l) => l.key));
  const unknown = (args.labels ?? []).filter(
    (l) => !labels.has(l) && !store.schema().relationTypes.some((t) => t.name === l),
  );
  if (unknown.length)
    throw new UserError(
      `this project has no label or relation type ${unknown.map((l) => `"${l}"`).join(', ')}`,
    );
  const decided = decidedConflicts(store.database);
  const isDecided = (documentId: number, key: string) => decided.get(documentId)?.has(key) ?? false;
  // The queue is filtered, counted and sorted from what it keeps of each document (nothing is built
  // per conflict: a large project holds tens of thousands); only the page's are read in full.
  const shownDoc: number[] = [];
  const shownConflict: number[] = [];
  let open = 0;
  const counts = new ConflictCounter(LABEL_SEPARATOR);
  const wanted = new Map<string, boolean>();
  const labelsWanted = (labels: string) => {
    let yes = wanted.get(labels);
    if (yes === undefined)
      wanted.set(labels, (yes = labels.split(LABEL_SEPARATOR).some((l) => args.labels!.includes(l))));
    return yes;
  };
  const documents = queuedProject(store);
  for (let d = 0; d < documents.length; d++) {
    const doc = documents[d]!;
    const keys = decided.get(doc.documentId);
    // Every conflict of a document involves all its annotators (a version's, or "none").
    const listed =
      (!args.documents || args.documents.includes(doc.documentId)) &&
      (!args.annotators || args.annotators.some((a) => doc.annotators.includes(a)));
    for (let c = 0; c < doc.keys.length; c++) {
      const kind = doc.kinds[c]!;
      const done = keys?.has(doc.keys[c]!) ?? false;
      // The filters' counts are over the whole project, so a filter shows what the others hold.
      if (!done) counts.add(doc, kind, doc.labels[c]!);
      if (!listed) continue;
      if (args.kinds && !args.kinds.includes(kind)) continue;
      if (args.labels && !labelsWanted(doc.labels[c]!)) continue;
      if (!done) open++;
      if (args.state !== 'all' && done === (args.state === 'open')) continue;
      shownDoc.push(d);
      shownConflict.push(c);
    }
  }
  const docAt = (i: number) => documents[shownDoc[i]!]!;
  const order = shownDoc.map((_, i) => i);
  // A stable sort: within a kind or label, the document order of the queue stays.
  if (args.sort === 'kind') {
    const rank = (i: number) => CONFLICT_KINDS.indexOf(docAt(i).kinds[shownConflict[i]!]!);
    order.sort((a, b) => rank(a) - rank(b));
  }
  if (args.sort === 'label') {
    const first = (i: number) => docAt(i).labels[shownConflict[i]!]!.split(LABEL_SEPARATOR)[0]!;
    order.sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
  }
  const page = order
    .slice(args.offset, args.offset + args.limit)
    .map((i) => ({ doc: docAt(i), key: docAt(i).keys[shownConflict[i]!]! }));
  const places = new Map<string, Place>();
  for (const [documentId, kept] of pagePlaces(store.database, [
    ...new Set(page.map((c) => c.doc.documentId)),
  ]))
    for (const p of kept ?? []) places.set(placeId(documentId, p.key), p);
  if (page.some((c) => !places.has(placeId(c.doc.documentId, c.key)))) {
    // What was kept disagrees with the layers (it never should): computed again from them.
    forgetQueue(store.database);
    if (retry) return conflictPage(store, args, false);
    throw new Error('the conflict queue disagrees with the layers it was computed from');
  }
  const conflicts = page.map(({ doc, key }): ConflictView => {
    const place = places.get(placeId(doc.documentId, key))!;
    const decision = isDecided(doc.documentId, key) ? store.decisions.get(doc.documentId, key) : undefined;
    return {
      documentId: doc.documentId,
      title: doc.title,
      key: place.key,
      kind: place.kind!,
      labels: labelsOf(place),
      versions: versionsOf(place),
      ...('from' in place ? { relation: { from: spanView(place.from), to: spanView(place.to) } } : {}),
      none: place.none,
      summary: place.summary,
      gold: place.gold,
      decision: decision ? decisionView(decision) : null,
    };
  });
  return { total: order.length, open, conflicts, counts: counts.result() };
}

/** The gold spans a place's versions (or an earlier decision's choice) put there. */
function goldSpansAt(store: ProjectStore, documentId: number, keys: ReadonlySet<string>): Span[] {
  return store.layerSpans(documentId, GOLD).filter((s) => keys.has(spanVersionKey(s)));
}

/**
 * Refuses, with a sentence, a user who may not write the gold layer (core/layers.ts): the queue
 * shows every annotator's layer, so it is for reviewers and owners only.
 */
export function requireReviewer(store: ProjectStore, userName: string, what: string): void {
  const role = store.annotators().find((a) => a.name === userName)?.role;
  if (!role || !writesGold(role))
    throw new UserError(
      `${what} is for reviewers and owners, and ${userName} is ${role ? `an ${role}` : 'not in this project'}; ask an owner for the reviewer role`,
    );
}

/** Writes one decision: the gold layer at the conflict's place and the decision record, in one action. */
export function decideConflict(
  store: ProjectStore,
  reviewerId: number,
  args: ApiParsedArgs<'decideConflict'>,
): DecisionView {
  const places = placesOfDocument(store, args.documentId);
  const place: Place | undefined = [...places.spans, ...places.relations].find((p) => p.key === args.key);
  if (!place || place.kind === null)
    throw new UserError(
      `document ${args.documentId} has no conflict "${args.key}" (the layers may have changed since it was listed); nothing was decided`,
    );
  if (args.version !== undefined && args.version >= place.versions.length)
    throw new UserError(
      `conflict "${args.key}" has ${place.versions.length} versions, so there is no version ${args.version + 1}; nothing was decided`,
    );
  if (args.outcome === 'edit' && ('from' in place ? !args.relationType : !args.span))
    throw new UserError(
      `this conflict is about ${'from' in place ? 'a relation: edit needs the relation type' : 'spans: edit needs the span'} to put in gold; nothing was decided`,
    );
  // The reviewer's own span is checked as any drawn span is, before anything in gold is removed.
  const problem =
    args.outcome === 'edit' && args.span
      ? fragmentsProblem(store.getDocument(args.documentId)!.text, args.span.fragments)
      : null;
  if (problem) throw new UserError(`cannot put this span in gold: ${problem}; nothing was decided`);
  return store.database.action(() => decisionView(applyDecision(store, reviewerId, place, args, false)));
}

/** The gold edits of one decision and its record; inside the caller's action. */
export function applyDecision(
  store: ProjectStore,
  reviewerId: number,
  place: Place,
  args: Omit<ApiParsedArgs<'decideConflict'>, 'key'>,
  auto: boolean,
): Decision {
  const earlier = store.decisions.get(args.documentId, place.key);
  const chosen =
    'from' in place
      ? decideRelation(store, reviewerId, place, args)
      : decideSpan(store, reviewerId, place, args, earlier);
  return store.decisions.record(reviewerId, {
    documentId: args.documentId,
    conflictKey: place.key,
    kind: place.kind ?? 'agreed',
    outcome: args.outcome,
    chosen,
    reason: args.reason ?? '',
    auto,
  });
}

/** A version as the new gold span it becomes. */
export function goldSpanOf(version: Pick<SpanVersion, 'label' | 'fragments' | 'attributes'>): NewSpan {
  const { fragments } = version;
  return {
    label: version.label,
    start: fragments[0]!.start,
    end: fragments.at(-1)!.end,
    ...(fragments.length > 1 ? { fragments } : {}),
    attributes: version.attributes,
    origin: 'adjudicated',
  };
}

const editedSpan = (span: NonNullable<ApiParsedArgs<'decideConflict'>['span']>) => ({
  ...span,
  attributes: span.attributes ?? {},
});

function decideSpan(
  store: ProjectStore,
  reviewerId: number,
  place: SpanPlace,
  args: Omit<ApiParsedArgs<'decideConflict'>, 'key'>,
  earlier: Decision | undefined,
): string[] {
  // What is in gold at this place (any version, what an earlier decision wrote, or the edited span
  // itself, which a reviewer may have drawn in gold before deciding) is replaced.
  const edited = args.outcome === 'edit' && args.span ? [spanVersionKey(editedSpan(args.span))] : [];
  const keys = new Set([...place.versions.map(spanVersionKey), ...(earlier?.chosen ?? []), ...edited]);
  for (const s of goldSpansAt(store, args.documentId, keys)) store.deleteSpan(reviewerId, s.id);
  const chosen =
    args.outcome === 'accept'
      ? place.versions[args.version!]!
      : args.outcome === 'edit' && args.span
        ? editedSpan(args.span)
        : null;
  if (!chosen) return [];
  store.addSpan(reviewerId, args.documentId, goldSpanOf(chosen), GOLD);
  return [spanVersionKey(chosen)];
}

function decideRelation(
  store: ProjectStore,
  reviewerId: number,
  place: RelationPlace,
  args: Omit<ApiParsedArgs<'decideConflict'>, 'key'>,
): string[] {
  const gold = store.layerSpans(args.documentId, GOLD);
  const find = (v: SpanVersion) => gold.find((s) => spanVersionKey(s) === spanVersionKey(v));
  const from = find(place.from);
  const to = find(place.to);
  if (!from || !to)
    throw new UserError(
      `the relation's spans (${spanVersionKey(place.from)}, ${spanVersionKey(place.to)}) are not in the gold layer yet: decide them first; nothing was decided`,
    );
  for (const r of store.layerRelations(args.documentId, GOLD))
    if (r.fromSpan === from.id && r.toSpan === to.id) store.deleteRelation(reviewerId, r.id);
  const type =
    args.outcome === 'accept'
      ? place.versions[args.version!]!.type
      : args.outcome === 'edit'
        ? args.relationType
        : null;
  if (!type) return [];
  store.addRelation(reviewerId, { type, fromSpan: from.id, toSpan: to.id });
  return [type];
}

/** Every decision with the versions of its conflict as the layers are now (export). */
export function listDecisions(store: ProjectStore, documents?: readonly number[]): DecisionRecord[] {
  const decisions = store.decisions.list().filter((d) => !documents || documents.includes(d.documentId));
  const wanted = new Set(decisions.map((d) => d.documentId));
  const places = new Map<string, Place>();
  const titles = new Map<number, string>();
  for (const doc of projectPlaces(store, wanted)) {
    titles.set(doc.documentId, doc.title);
    for (const p of [...doc.places.spans, ...doc.places.relations])
      places.set(placeId(doc.documentId, p.key), p);
  }
  return decisions.map((d) => {
    const place = places.get(placeId(d.documentId, d.conflictKey));
    return {
      ...decisionView(d),
      title: titles.get(d.documentId) ?? '',
      versions: place ? versionsOf(place) : [],
      none: place?.none ?? [],
    };
  });
}

/**
 * Documents changed since the queue was kept that a read ahead computes again (a few ms each); more
 * (a merge, an import into many layers) are left to the first Review click, which would otherwise
 * wait behind them less than the app's first calls would.
 */
const AHEAD_CHANGED_AT_MOST = 32;

/**
 * Reads the review queue ahead as a project opens for someone who writes gold, where review has
 * begun and the queue the file keeps is current, or nearly: the decided keys, each document's queue
 * row and the screen's first page, a step at a time between other calls. The first Review click then
 * finds them read (at 1,000 documents they are most of that click's few hundred ms). Stops when the
 * project closes.
 */
export async function readQueueAhead(store: ProjectStore, userName: string): Promise<void> {
  const role = store.annotators().find((a) => a.name === userName)?.role;
  if (!role || !writesGold(role)) return;
  const db = store.database;
  const kept = keptQueue(db);
  if (!kept || kept.stale.length > AHEAD_CHANGED_AT_MOST) return;
  const steps = [
    () => decidedConflicts(db),
    () => queuedProject(store),
    () => listConflicts(store, { state: 'open', sort: 'document', offset: 0, limit: QUEUE_PAGE }),
  ];
  // Not inside another's transaction: what is read there may be rolled back, and the caches keep it.
  for (const step of steps) {
    if (!(await backgroundTurn(db.connection))) return;
    step();
  }
}

export function reviewHandlers(
  access: ProjectAccess,
): Pick<ApiHandlers, 'listConflicts' | 'decideConflict' | 'listDecisions'> {
  return {
    listConflicts: (args) => {
      requireReviewer(access.openStore(), access.userName(), 'the conflict queue');
      return listConflicts(access.openStore(), args);
    },
    decideConflict: (args) => {
      const { store, annotatorId } = access.annotating();
      return decideConflict(store, annotatorId, args);
    },
    listDecisions: (args) => {
      requireReviewer(access.openStore(), access.userName(), 'the list of decisions');
      return listDecisions(access.openStore(), args.documents);
    },
  };
}
