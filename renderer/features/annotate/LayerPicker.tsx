/**
 * The layer picker: every layer of the document with its owner and span count, a checkbox to draw
 * it beside the editable layer, and a choice of the one editable layer — offered only where the
 * edit rule (core/layers.ts) lets the user edit it. The editable layer is always named on screen.
 */
import { useState } from 'react';
import type { DocumentView, LayerInfo, LayerRef } from '../../../electron/contract/types';
import { layerKey, mayEdit, sameLayer } from '../../../electron/core/layers';
import { api, type LayerChoice } from '../../api/client';
import type { Notices } from '../../ui/notices';

/** The line style (1–4) a layer is drawn in: gold has its own; annotators take 1–3 in list order. */
export function layerSlot(layers: readonly LayerInfo[], ref: LayerRef): number {
  if (ref.kind === 'gold') return 4;
  const annotators = layers.filter((l) => l.ref.kind === 'annotator');
  return (annotators.findIndex((l) => sameLayer(l.ref, ref)) % 3) + 1;
}

/** A layer's name as the user reads it: "gold (rita)", "alice (you)", "ann2". */
export function layerName(document: DocumentView, layer: LayerInfo | undefined, ref: LayerRef): string {
  if (ref.kind === 'gold') return layer?.writers.length ? `gold (${layer.writers.join(', ')})` : 'gold';
  const owner = layer?.owner ?? 'unknown';
  return ref.annotator === document.viewer.annotator ? `${owner} (you)` : owner;
}

interface Props {
  document: DocumentView;
  /** Spans in the editable layer now: tags change it after the document was read. */
  editableSpans: number;
  onChange: (choice: LayerChoice) => void;
  notices: Notices;
}

export function LayerPicker({ document, editableSpans, onChange, notices }: Props) {
  const [open, setOpen] = useState(false);
  const { editable, layers, viewer, policy } = document;
  const shown = document.shown.map((l) => l.ref);
  const editing = layers.find((l) => sameLayer(l.ref, editable));
  const choose = (next: { editable?: LayerRef; shown?: LayerRef[] }) => {
    const nextEditable = next.editable ?? editable;
    onChange({
      editable: nextEditable,
      layers: (next.shown ?? shown).filter((ref) => !sameLayer(ref, nextEditable)),
    });
  };
  return (
    <div className="mg-layers">
      <span className="mg-layers-editing">
        Editing: <strong>{layerName(document, editing, editable)}</strong>
      </span>
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Layers ({layers.length})
      </button>
      {open && (
        <ul className="mg-layers-list" aria-label="Layers of this document">
          {layers.map((layer) => {
            const isEditable = sameLayer(layer.ref, editable);
            const isShown = isEditable || shown.some((ref) => sameLayer(ref, layer.ref));
            const name = layerName(document, layer, layer.ref);
            const count = isEditable ? editableSpans : layer.spans;
            return (
              <li key={layerKey(layer.ref)}>
                <span
                  className={`mg-layer-swatch ${isEditable ? 'mg-layer-swatch-editable' : `mg-other-${layerSlot(layers, layer.ref)}`}`}
                  aria-hidden="true"
                />
                <label>
                  <input
                    type="checkbox"
                    checked={isShown}
                    disabled={isEditable}
                    onChange={() =>
                      choose({
                        shown: isShown
                          ? shown.filter((ref) => !sameLayer(ref, layer.ref))
                          : [...shown, layer.ref],
                      })
                    }
                  />{' '}
                  Show {name}, {count} {count === 1 ? 'span' : 'spans'}
                </label>
                <label>
                  <input
                    type="radio"
                    name="mg-editable-layer"
                    checked={isEditable}
                    disabled={!mayEdit(viewer, layer.ref, policy)}
                    onChange={() => choose({ editable: layer.ref, shown: [...shown, editable] })}
                  />{' '}
                  Edit {name}
                </label>
              </li>
            );
          })}
          {viewer.role === 'reviewer' && (
            <li>
              <label>
                <input
                  type="checkbox"
                  checked={policy.reviewersEditAnnotatorLayers}
                  onChange={(event) => {
                    const allowed = event.target.checked;
                    void notices
                      .run(() => api.setLayerPolicy({ reviewersEditAnnotatorLayers: allowed }))
                      // Read again: the edit rule's answers for every layer follow the new policy.
                      .then((done) => done && choose({}));
                  }}
                />{' '}
                Reviewers may edit annotators&apos; layers (whole project)
              </label>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
