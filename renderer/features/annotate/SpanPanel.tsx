/** The spans of the open document, in text order, and the selected span's controls. */
import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ProjectSchema, Span } from '../../../electron/contract/types';
import { fragmentsText } from '../../../electron/core/fragments';
import { labelName } from '../../../electron/core/schemaRules';

const ROW_HEIGHT = 30;

interface Props {
  text: string;
  spans: Span[];
  selected: Span | null;
  schema: ProjectSchema;
  labelIndex: (label: string) => number;
  onSelect: (span: Span) => void;
  onRelabel: (label: string) => void;
  onDelete: () => void;
  /** Attributes, note, fragments and relations of the selected span, under its label. */
  details?: ReactNode;
  /** Spans that take part in a relation, marked in the list. */
  linked?: ReadonlySet<number>;
}

export function SpanPanel(props: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // Long articles carry thousands of spans: only the visible rows are in the DOM.
  const rows = useVirtualizer({
    count: props.spans.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const { selected } = props;

  return (
    <aside className="mg-panel" aria-label="Spans">
      <section className="mg-selected-span" aria-label="Selected span">
        {selected ? (
          <>
            <div className="mg-selected-text">“{fragmentsText(props.text, selected.fragments)}”</div>
            <div className="mg-row">
              <label className="mg-field-inline">
                Label
                <select
                  aria-label="Label of the selected span"
                  value={selected.label}
                  onChange={(e) => props.onRelabel(e.target.value)}
                >
                  {props.schema.labels.map((l) => (
                    <option key={l.key} value={l.key}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="mg-danger" onClick={props.onDelete}>
                Delete
              </button>
            </div>
            <div className="mg-offsets">
              {selected.start}–{selected.end} (UTF-16)
            </div>
            {props.details}
          </>
        ) : (
          <p className="mg-empty">No span selected.</p>
        )}
      </section>
      <h2 className="mg-panel-heading">
        {props.spans.length} {props.spans.length === 1 ? 'span' : 'spans'}
      </h2>
      <div ref={scroller} className="mg-spanlist" role="list">
        <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {rows.getVirtualItems().map((row) => {
            const span = props.spans[row.index]!;
            return (
              <button
                key={span.id}
                type="button"
                role="listitem"
                className={`mg-spanrow mg-label-${props.labelIndex(span.label)}${span.id === selected?.id ? ' mg-spanrow-selected' : ''}`}
                style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                data-span-row={span.id}
                onClick={() => props.onSelect(span)}
              >
                <span className="mg-chip">{labelName(props.schema, span.label)}</span>
                <span className="mg-spanrow-text">{fragmentsText(props.text, span.fragments)}</span>
                {props.linked?.has(span.id) && (
                  <span className="mg-marker" title="Has relations" aria-label="has relations">
                    ⇄
                  </span>
                )}
                {span.note && (
                  <span className="mg-marker mg-note-marker" title={span.note} aria-label="has a note">
                    ✎
                  </span>
                )}
              </button>
            );
          })}
        </div>
      </div>
    </aside>
  );
}
