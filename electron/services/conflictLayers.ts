/**
 * The annotators' layers and the gold layer of one document, as core/conflicts reads them: from
 * Span rows (one document) or from a page of the project read for the queue (store/conflictReads).
 */
import {
  documentPlaces,
  type AnnotatorLayer,
  type DocumentConflicts,
  type LayerRelation,
  type LayerSpan,
} from '../core/conflicts';
import type { Relation, Span } from '../core/spans';
import { annotatorRows } from '../store/agreementReads';
import { doneByDocument } from '../store/conflictQueue';
import { conflictPages, type ConflictPage } from '../store/conflictReads';
import type { ProjectDatabase } from '../store/database';

export interface DocumentLayers {
  layers: AnnotatorLayer[];
  gold: AnnotatorLayer & { spans: LayerSpan[] };
}

/** `eachSpan` hands every span with its layer: an annotator's name, or null for gold. */
function buildLayers(
  eachSpan: (add: (layer: string | null, span: LayerSpan) => void) => void,
  relations: readonly Relation[],
  doneBy: readonly string[],
): DocumentLayers {
  const own = new Map<string, { spans: LayerSpan[]; relations: LayerRelation[] }>();
  const gold = { annotator: 'gold', spans: [] as LayerSpan[], relations: [] as LayerRelation[] };
  const layerOf = (name: string) => {
    const layer = own.get(name) ?? { spans: [], relations: [] };
    own.set(name, layer);
    return layer;
  };
  const goldIds = new Set<number>();
  eachSpan((layer, span) => {
    if (layer === null) {
      gold.spans.push(span);
      goldIds.add(span.id);
    } else layerOf(layer).spans.push(span);
  });
  // An annotator who marked the document done without a span in it said "none" everywhere.
  for (const name of doneBy) layerOf(name);
  for (const r of relations) {
    const relation = { type: r.type, from: r.fromSpan, to: r.toSpan };
    if (goldIds.has(r.fromSpan)) gold.relations.push(relation);
    else layerOf(r.annotator).relations.push(relation);
  }
  const layers = [...own.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([annotator, layer]) => ({ annotator, ...layer }));
  return { layers, gold };
}

export const documentLayers = (
  spans: readonly Span[],
  relations: readonly Relation[],
  doneBy: readonly string[] = [],
): DocumentLayers =>
  buildLayers(
    (add) => {
      for (const s of spans)
        add(s.gold ? null : s.annotator, {
          id: s.id,
          label: s.label,
          fragments: s.fragments,
          attributes: s.attributes,
        });
    },
    relations,
    doneBy,
  );

/** `names`: annotator names by row id. */
export const pageLayers = (
  page: ConflictPage,
  names: ReadonlyMap<number, string>,
  doneBy: readonly string[],
): DocumentLayers =>
  buildLayers(
    (add) => {
      for (const { annotatorId, spans, ids } of page.layers) {
        const layer = annotatorId === null ? null : names.get(annotatorId)!;
        spans.forEach((s, i) =>
          add(layer, { id: ids[i]!, label: s.label, fragments: s.fragments, attributes: s.attributes }),
        );
      }
    },
    page.relations,
    doneBy,
  );

/** The layers of each of `ids` (ascending) that still exists, read a page of documents at a time. */
export function* layersByPage(
  db: ProjectDatabase,
  ids: readonly number[],
): Generator<[number, DocumentLayers]> {
  const names = new Map(annotatorRows(db).map((a) => [a.id, a.name]));
  const done = doneByDocument(db);
  for (const page of conflictPages(db, ids))
    yield [page.id, pageLayers(page, names, done.get(page.id) ?? [])];
}

/** One document's layers compared: its places, with what the queue reads beside them. */
export interface ComparedDocument {
  documentId: number;
  places: DocumentConflicts;
  goldSpans: LayerSpan[];
  annotators: string[];
}

export const compareLayers = (documentId: number, { layers, gold }: DocumentLayers): ComparedDocument => ({
  documentId,
  places: documentPlaces(layers, gold),
  goldSpans: gold.spans,
  annotators: layers.map((l) => l.annotator),
});
