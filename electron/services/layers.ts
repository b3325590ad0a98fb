/**
 * A document with its layers: the editable one (checked against the edit rule) and the others the
 * user asked to see, each in the compact wire form, plus every layer's owner and span count for
 * the layer picker.
 */
import { spanColumns, type CompactDocumentView, type CompactLayer } from '../contract/compactDocument';
import type { LayerInfo } from '../contract/types';
import { UserError } from '../core/errors';
import { GOLD, layerKey, mayEdit, sameLayer, type LayerRef } from '../core/layers';
import { blindScope, mayView, requireDocumentVisible } from './blind';
import { annotatorOf, editorOf, layerSummaries, projectIdentity, requireLayer } from '../store/layers';
import type { ProjectStore } from '../store/projectStore';

/** The layer's owner as a person reads it: the annotator's name, or "gold". */
function ownerOf(store: ProjectStore, layer: LayerRef, layers: readonly LayerInfo[]): string {
  if (layer.kind === 'gold') return 'gold';
  return (
    layers.find((l) => sameLayer(l.ref, layer))?.owner ?? annotatorOf(store.database, layer.annotator).name
  );
}

function readLayer(store: ProjectStore, documentId: number, ref: LayerRef, owner: string): CompactLayer {
  return {
    ref,
    owner,
    spans: spanColumns(store.layerSpans(documentId, ref), owner),
    relations: store.layerRelations(documentId, ref),
  };
}

/**
 * A document as `who` annotates it: `editable` (their own layer when not given; refused in words
 * when the edit rule does not let them edit it) and, read only, each of `shown`.
 */
export function documentWithLayers(
  store: ProjectStore,
  who: number,
  request: { id: number; editable?: LayerRef; layers?: readonly LayerRef[] },
): CompactDocumentView {
  const document = store.getDocument(request.id);
  if (!document) throw new UserError(`document ${request.id} does not exist`);
  requireDocumentVisible(store, who, request.id);
  const scope = blindScope(store, who);
  const viewer = editorOf(store.database, who);
  const own: LayerRef = { kind: 'annotator', annotator: viewer.annotator };
  const editable = request.editable ?? own;
  // Blind annotation: layers the viewer may not see are neither listed nor sent.
  const layers: LayerInfo[] = layerSummaries(store.database, request.id).filter((l) => mayView(scope, l.ref));
  if (!layers.some((l) => sameLayer(l.ref, own)))
    layers.push({ ref: own, owner: viewer.name, writers: [viewer.name], spans: 0 });
  // A reviewer can start the gold layer of a document that has none yet.
  const { policy } = projectIdentity(store.database);
  if (mayEdit(viewer, GOLD, policy) && !layers.some((l) => l.ref.kind === 'gold'))
    layers.unshift({ ref: GOLD, owner: 'gold', writers: [], spans: 0 });
  requireLayer(store.database, who, editable, `cannot edit that layer of "${document.title}": it`);
  const editableLayer = readLayer(store, request.id, editable, ownerOf(store, editable, layers));
  const seen = new Set([layerKey(editable)]);
  const shown: CompactLayer[] = [];
  for (const ref of request.layers ?? []) {
    if (seen.has(layerKey(ref))) continue;
    if (!mayView(scope, ref))
      throw new UserError(`this project does not show you other annotators' layers of "${document.title}"`);
    seen.add(layerKey(ref));
    shown.push(readLayer(store, request.id, ref, ownerOf(store, ref, layers)));
  }
  return {
    id: request.id,
    title: document.title,
    text: document.text,
    status: store.documentStatus(request.id, who),
    annotator: editableLayer.owner,
    spans: editableLayer.spans,
    relations: editableLayer.relations,
    editable,
    viewer: { annotator: viewer.annotator, role: viewer.role },
    policy,
    layers,
    shown,
  };
}
