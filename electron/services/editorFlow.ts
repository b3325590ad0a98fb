/**
 * The annotator's workflow around the editor: undo and redo, the history list, moving span
 * boundaries, labelling every occurrence of a text, search in a document or the whole project,
 * document status and the project's guidelines. Search runs here over the store, one document
 * at a time, so the renderer never receives the project's texts.
 */
import type { ApiHandlers } from '../contract/api';
import type { HistoryEntry, LabelAllPreview, SearchResult } from '../contract/types';
import { UserError } from '../core/errors';
import { describeAction, groupByAction, type LoggedEvent } from '../core/history';
import type { LayerRef } from '../core/layers';
import { seesOtherLayers, visibleDocumentIds } from './blind';
import { hitsInDocument, SEARCH_CAP, searchProjectText } from './projectSearch';
import { compileQuery, contextOf, findMatches, type TextQuery } from '../core/search';
import { fragmentsProblem, type Span } from '../core/spans';
import { editorOf, requireLayer } from '../store/layers';
import type { ProjectStore, StoredDocument } from '../store/projectStore';

/** Label-all refuses more places than this: a one-letter selection would tag the whole text. */
export const LABEL_ALL_CAP = 2000;
/** The history panel lists this many of the latest actions. */
export const HISTORY_LIMIT = 200;

type FlowMethod =
  | 'undo'
  | 'redo'
  | 'getHistory'
  | 'setSpanBounds'
  | 'previewLabelAll'
  | 'labelAll'
  | 'search'
  | 'setDocumentStatus'
  | 'renameDocument'
  | 'getGuidelines'
  | 'setGuidelines';

/** The API handlers of the editor flow, over the open project and the local user. */
export function editorFlowHandlers(
  annotating: () => { store: ProjectStore; annotatorId: number },
  openStore: () => ProjectStore,
): Pick<ApiHandlers, FlowMethod> {
  const documentOf = (store: ProjectStore, id: number): StoredDocument => {
    const document = store.getDocument(id);
    if (!document) throw new UserError(`document ${id} does not exist`);
    return document;
  };

  /** The layer a flow action works on: the one named, else the user's own. */
  const layerOr = (store: ProjectStore, annotatorId: number, layer: LayerRef | undefined): LayerRef =>
    layer ?? { kind: 'annotator', annotator: editorOf(store.database, annotatorId).annotator };

  const revert = (documentId: number, direction: 'undo' | 'redo', named: LayerRef | undefined) => {
    const { store, annotatorId } = annotating();
    const document = documentOf(store, documentId);
    const layer = layerOr(store, annotatorId, named);
    const result = store.revertAction(annotatorId, documentId, direction, layer);
    if (!result) return null;
    return {
      spans: result.spans,
      removedSpanIds: result.removedSpanIds,
      relations: store.layerRelations(documentId, layer),
      description: describeAction(store.eventsOfAction(result.action, documentId), document.text),
    };
  };

  /** The places labelAll would tag, and how many it skips as already labelled. */
  const labelAllPlan = (
    store: ProjectStore,
    annotatorId: number,
    args: {
      documentId: number;
      start: number;
      end: number;
      label: string;
      skip?: number[];
      layer?: LayerRef;
    } & Omit<TextQuery, 'pattern'>,
  ) => {
    const document = documentOf(store, args.documentId);
    const text = document.text.slice(args.start, args.end);
    if (!store.schema().labels.some((l) => l.key === args.label))
      throw new UserError(`unknown label "${args.label}"`);
    if (args.end > document.text.length || text.trim() === '')
      throw new UserError('select some text to label all its occurrences');
    const layer = layerOr(store, annotatorId, args.layer);
    requireLayer(store.database, annotatorId, layer, 'cannot label all occurrences there: that layer');
    const existing = new Set(
      store
        .layerSpans(args.documentId, layer)
        .filter((s) => s.label === args.label && s.fragments.length === 1)
        .map((s) => `${s.start}:${s.end}`),
    );
    const all = findMatches(document.text, { pattern: text, ...args, regex: false }, LABEL_ALL_CAP + 1);
    if (all.length > LABEL_ALL_CAP)
      throw new UserError(`"${text}" occurs more than ${LABEL_ALL_CAP} times; select a longer text`);
    const skipped = new Set(args.skip);
    const matches = all.filter((m) => !existing.has(`${m.start}:${m.end}`) && !skipped.has(m.start));
    return { document, text, matches, alreadyLabelled: all.length - matches.length };
  };

  return {
    undo: ({ documentId, layer }) => revert(documentId, 'undo', layer),
    redo: ({ documentId, layer }) => revert(documentId, 'redo', layer),

    getHistory: ({ documentId, layer }) => {
      const store = openStore();
      const { text } = documentOf(store, documentId);
      return historyEntries(store, documentId, store.historyOf(documentId, HISTORY_LIMIT, layer), text);
    },

    setSpanBounds: ({ spanId, start, end }) => {
      const { store, annotatorId } = annotating();
      const span = store.getSpan(spanId);
      if (!span) throw new UserError(`span ${spanId} does not exist`);
      const fragments = span.fragments.map((f) => ({ ...f }));
      fragments[0]!.start = start ?? fragments[0]!.start;
      fragments.at(-1)!.end = end ?? fragments.at(-1)!.end;
      const problem = fragmentsProblem(documentOf(store, span.documentId).text, fragments);
      if (problem) throw new UserError(`cannot move the span's boundary: ${problem}`);
      return store.setSpanFragments(annotatorId, spanId, fragments);
    },

    previewLabelAll: (args): LabelAllPreview => {
      const { store, annotatorId } = annotating();
      const plan = labelAllPlan(store, annotatorId, args);
      return {
        text: plan.text,
        matches: plan.matches.map((m) => ({ ...m, context: contextOf(plan.document.text, m.start, m.end) })),
        alreadyLabelled: plan.alreadyLabelled,
      };
    },

    labelAll: (args) => {
      const { store, annotatorId } = annotating();
      const plan = labelAllPlan(store, annotatorId, args);
      return store.addSpans(
        annotatorId,
        args.documentId,
        plan.matches.map((m) => ({ label: args.label, start: m.start, end: m.end })),
        args.layer,
      );
    },

    search: ({ documentId, text, label, attributes, layers }) => {
      const { store, annotatorId } = annotating();
      // A text over the whole project reads the text index's candidates (services/projectSearch.ts).
      if (label === undefined && documentId === undefined && text)
        return searchProjectText(store, annotatorId, text);
      const scope =
        documentId === undefined ? visibleDocumentIds(store, annotatorId) : [documentOf(store, documentId)];
      const results: SearchResult[] = [];
      // One more than the cap, to know whether the cap was reached.
      const room = () => SEARCH_CAP + 1 - results.length;
      // Compiled once: a bad pattern is refused before any document is read.
      const query = text ? compileQuery(text) : undefined;
      // Every layer the user may see: under blind annotation that is their own alone.
      const everyLayer = layers === 'all' && seesOtherLayers(store, annotatorId);
      if (label !== undefined) {
        if (!store.schema().labels.some((l) => l.key === label))
          throw new UserError(`unknown label "${label}"`);
        const wanted = Object.entries(attributes ?? {});
        const spans = store
          .spansOfAnnotator(everyLayer ? null : annotatorId, label)
          .filter((s) => documentId === undefined || s.documentId === documentId)
          .filter((s) => wanted.every(([name, value]) => String(s.attributes[name] ?? '') === value));
        const byDocument = new Map<number, Span[]>();
        for (const span of spans) {
          const list = byDocument.get(span.documentId);
          if (list) list.push(span);
          else byDocument.set(span.documentId, [span]);
        }
        for (const { id } of scope) {
          const found = byDocument.get(id);
          if (!found || room() <= 0) continue;
          const document = documentOf(store, id);
          for (const span of found) {
            if (room() <= 0) break;
            if (query && findMatches(spanText(span, document.text), query, 1).length === 0) continue;
            results.push(spanResult(document, span, layers === 'all'));
          }
        }
      } else if (query) {
        // One document (the project's texts went to searchProjectText above).
        for (const { id } of scope) results.push(...hitsInDocument(store, id, query, room()));
      }
      return { results: results.slice(0, SEARCH_CAP), capped: results.length > SEARCH_CAP, cap: SEARCH_CAP };
    },

    renameDocument: ({ documentId, title }) => {
      const { store, annotatorId } = annotating();
      documentOf(store, documentId);
      store.renameDocument(documentId, annotatorId, title);
      return { documentId, title };
    },

    setDocumentStatus: ({ documentId, status }) => {
      const { store, annotatorId } = annotating();
      documentOf(store, documentId);
      store.setDocumentStatus(documentId, annotatorId, status);
      return { documentId, status };
    },

    getGuidelines: () => ({ markdown: openStore().guidelines() }),
    setGuidelines: ({ markdown }) => {
      openStore().setGuidelines(markdown);
      return { markdown };
    },
  };
}

const spanText = (span: Span, text: string) =>
  span.fragments.map((f) => text.slice(f.start, f.end)).join(' ');

/** A span found, with whose layer it is in when the search covered every layer. */
function spanResult(document: StoredDocument, span: Span, withOwner: boolean): SearchResult {
  return {
    ...(withOwner ? { owner: span.gold ? 'gold' : span.annotator } : {}),
    documentId: document.id,
    title: document.title,
    start: span.start,
    end: span.end,
    context: contextOf(document.text, span.start, span.end),
    spanId: span.id,
    label: span.label,
  };
}

/** The history list: one entry per action, newest first; an undo names what it undid. */
function historyEntries(
  store: ProjectStore,
  documentId: number,
  events: LoggedEvent[],
  text: string,
): HistoryEntry[] {
  const entries = groupByAction(events).map((group): HistoryEntry => {
    const first = group[0]!;
    const kind = first.op === 'undo' || first.op === 'redo' ? first.op : 'edit';
    const subject = kind === 'edit' ? group : store.eventsOfAction(first.undoes!, documentId);
    const words = describeAction(subject, text);
    return {
      action: first.action,
      at: first.at,
      annotator: first.annotator,
      kind,
      description: kind === 'edit' ? words : `${kind === 'undo' ? 'undid' : 'redid'} ${words}`,
    };
  });
  return entries.reverse();
}
