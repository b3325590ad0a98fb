/**
 * Annotating one document: the text with its spans, the label bar and the span panel. Every edit
 * is sent to the API first and painted when it comes back committed, so what is on screen is
 * what is stored.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DocumentView, ProjectSchema, Span } from '../../../electron/contract/types';
import { trimRange } from '../../../electron/core/spans';
import { api } from '../../api/client';
import { AnnotationEditor, type EditorHandle } from '../../editor/AnnotationEditor';
import { withSpan } from '../../editor/spanList';
import type { Notices } from '../../ui/notices';
import { SpanPanel } from './SpanPanel';

interface Props {
  document: DocumentView;
  schema: ProjectSchema;
  notices: Notices;
  onSpanCount: (documentId: number, count: number) => void;
}

export function AnnotateView({ document, schema, notices, onSpanCount }: Props) {
  const { run, show } = notices;
  const editor = useRef<EditorHandle>(null);
  const [spans, setSpans] = useState<Span[]>(document.spans);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const selected = spans.find((s) => s.id === selectedId) ?? null;

  const labelIndex = useMemo(() => {
    const index = new Map(schema.labels.map((l, i) => [l.key, i]));
    return (label: string) => index.get(label) ?? -1;
  }, [schema]);
  const labelName = useMemo(() => {
    const names = new Map(schema.labels.map((l) => [l.key, l.name]));
    return (label: string) => names.get(label) ?? label;
  }, [schema]);
  const hotkeys = useMemo(() => new Map(schema.labels.map((l) => [l.hotkey, l.key])), [schema]);

  // Edits arrive asynchronously and may overlap (a key pressed before the last reply painted), so
  // the span list is only ever changed from its latest value.
  const updateSpans = useCallback((change: (current: Span[]) => Span[]) => setSpans(change), []);
  useEffect(() => onSpanCount(document.id, spans.length), [document.id, spans.length, onSpanCount]);

  const select = useCallback((span: Span | null) => {
    setSelectedId(span?.id ?? null);
    editor.current?.apply({ selected: span?.id ?? null });
  }, []);

  /** Tags the selected text, or relabels the selected span when no text is selected. */
  const applyLabel = useCallback(
    async (label: string) => {
      const range = editor.current?.selectedRange();
      const trimmed = range && trimRange(document.text, range.start, range.end);
      if (trimmed) {
        const span = await run(() => api.addSpan({ documentId: document.id, label, ...trimmed }));
        if (!span) return;
        editor.current?.apply({ added: [span], selected: span.id, collapseSelection: range });
        setSelectedId(span.id);
        updateSpans((current) => withSpan(current, span));
      } else if (selected) {
        if (selected.label === label) return;
        const span = await run(() => api.setSpanLabel({ spanId: selected.id, label }));
        if (!span) return;
        editor.current?.apply({ removed: [span.id], added: [span] });
        updateSpans((current) => current.map((s) => (s.id === span.id ? span : s)));
      } else {
        show('info', 'Select some text first, then press a label key or click a label.');
      }
    },
    [document, run, show, selected, updateSpans],
  );

  const deleteSelected = useCallback(async () => {
    if (!selected) return;
    const done = await run(() => api.deleteSpan({ spanId: selected.id }));
    if (!done) return;
    editor.current?.apply({ removed: [selected.id], selected: null });
    setSelectedId(null);
    updateSpans((current) => current.filter((s) => s.id !== selected.id));
  }, [selected, run, updateSpans]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest('input, select, textarea')) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const label = hotkeys.get(event.key);
      let handled = true;
      if (label) void applyLabel(label);
      else if ((event.key === 'Delete' || event.key === 'Backspace') && selected) void deleteSelected();
      else if (event.key === 'Escape') select(null);
      else handled = false;
      if (handled) {
        // Capture phase: keep ProseMirror from also acting on the key.
        event.preventDefault();
        event.stopPropagation();
      }
    },
    [hotkeys, applyLabel, deleteSelected, selected, select],
  );

  return (
    <div className="mg-annotate" onKeyDownCapture={onKeyDown}>
      <div className="mg-labelbar" role="toolbar" aria-label="Labels">
        {schema.labels.map((label, index) => (
          <button
            key={label.key}
            type="button"
            className={`mg-label-button mg-label-${index}`}
            // Keep the text selection: a mousedown on a button would otherwise clear it.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void applyLabel(label.key)}
            title={`Tag the selection as ${label.name} (key ${label.hotkey})`}
          >
            <kbd>{label.hotkey}</kbd> {label.name}
          </button>
        ))}
        <span className="mg-hint">
          Select text, then press a number. Click a span to select it; Delete removes it.
        </span>
      </div>
      <div className="mg-annotate-body">
        <article className="mg-article">
          <h1 className="mg-article-title">{document.title}</h1>
          <AnnotationEditor
            ref={editor}
            text={document.text}
            spans={document.spans}
            labelIndex={labelIndex}
            labelName={labelName}
            onClickSpan={select}
          />
        </article>
        <SpanPanel
          text={document.text}
          spans={spans}
          selected={selected}
          schema={schema}
          labelIndex={labelIndex}
          onSelect={(span) => {
            select(span);
            editor.current?.scrollToSpan(span.id);
          }}
          onRelabel={(label) => void applyLabel(label)}
          onDelete={() => void deleteSelected()}
        />
      </div>
    </div>
  );
}
