/**
 * Annotating one document: the text with its spans, the label bar and the span panel. A tag is
 * painted at once and stored in the same moment (a few milliseconds); every other edit is sent to
 * the API first and painted when it comes back committed. Either way what stays on screen is what
 * is stored: a tag the store refuses is taken back, with the reason.
 */
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import type { DocumentStatus, DocumentView, ProjectSchema, Span } from '../../../electron/contract/types';
import { opensWithTitle } from '../../../electron/core/headline';
import { compareSpans, trimRange } from '../../../electron/core/spans';
import { api, type LayerChoice } from '../../api/client';
import { afterNextPaint, AnnotationEditor, type EditorHandle } from '../../editor/AnnotationEditor';
import { spanListChange, withSpan } from '../../editor/spanList';
import type { Notices } from '../../ui/notices';
import { commandFor, type Command, type KeyPress } from './commands';
import { FlowBar, HelpOverlay } from './FlowBar';
import { LabelAllDialog } from './LabelAllDialog';
import { LayerPicker, layerSlot } from './LayerPicker';
import { FeedbackPanel, pickFeedback } from '../feedback/FeedbackPanel';
import type { DrawnLayer } from '../../editor/otherLayers';
import type { SearchHits } from '../../editor/searchHits';
import { LinkBar } from './LinkBar';
import { SpanDetails } from './SpanDetails';
import { SpanPanel } from './SpanPanel';
import { useFlowCommands } from './useFlowCommands';
import { useSpanDetails } from './useSpanDetails';

/** A place to show when the document opens or a search result is chosen; `nonce` repeats a visit. */
export interface FocusTarget {
  start: number;
  end: number;
  spanId?: number;
  nonce: number;
}

/** Commands that act on the selected span and mean nothing without one (the key falls through). */
const NEEDS_SPAN = new Set<Command['kind']>(['delete', 'link', 'addFragment', 'editFields']);

/** A text range as offsets. */
type Range = { start: number; end: number };

/**
 * A key press as the annotate view reads it, kept to act on later while a tag is being stored.
 * `range` is the text selected when it was pressed (null: none), absent for a key acting now.
 */
interface HeldKey extends KeyPress {
  target: HTMLElement;
  range?: Range | null;
  /** Set when a held key acts: the keys held behind it do not hold it back again. */
  replay?: boolean;
}

/**
 * What the annotator asked for while a tag was being stored: a key, or a label chosen by mouse,
 * with the text selected at that moment: the user may drag a new selection before it acts.
 */
type HeldAction = HeldKey | { label: string; range: Range | null; replay?: boolean };

interface Props {
  document: DocumentView;
  schema: ProjectSchema;
  notices: Notices;
  onSpanCount: (documentId: number, count: number) => void;
  status: DocumentStatus;
  onStatus: (status: DocumentStatus) => void;
  onOtherDocument: (direction: 'forward' | 'backward') => void;
  /** Called after every change to the spans (the history panel reloads). */
  onEdited: () => void;
  focus: FocusTarget | null;
  /** Search hits in this document, highlighted in the text; null when no search is open. */
  searchHits?: SearchHits | null;
  /** The user chose another editable layer or other layers to draw: the document is read again. */
  onLayers?: (choice: LayerChoice) => void;
}

/**
 * Memoised: the project screen re-renders after every tag (span counts, history), and rendering
 * this view again with unchanged props would redo the span panel's work a second time per tag.
 */
export const AnnotateView = memo(function AnnotateView({
  document,
  schema,
  notices,
  onSpanCount,
  onLayers,
  ...flow
}: Props) {
  const { run, show } = notices;
  const editor = useRef<EditorHandle>(null);
  const [spans, setSpans] = useState<Span[]>(document.spans);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const selected = spans.find((s) => s.id === selectedId) ?? null;

  // A headline title is already the text's first line: shown once, the heading stays for screen readers.
  const titleInText = useMemo(
    () => opensWithTitle(document.text, document.title),
    [document.text, document.title],
  );
  const labelIndex = useMemo(() => {
    const index = new Map(schema.labels.map((l, i) => [l.key, i]));
    return (label: string) => index.get(label) ?? -1;
  }, [schema]);
  const labelName = useMemo(() => {
    const names = new Map(schema.labels.map((l) => [l.key, l.name]));
    return (label: string) => names.get(label) ?? label;
  }, [schema]);
  const hotkeys = useMemo(() => new Map(schema.labels.map((l) => [l.hotkey, l.key])), [schema]);
  // Layers: the others drawn read only, each in its slot's line style; tags go into the editable one.
  const otherLayers = useMemo<DrawnLayer[]>(
    () =>
      document.shown.map((l) => ({
        slot: layerSlot(document.layers, l.ref),
        owner: l.ref.kind === 'gold' ? 'the gold layer' : `${l.owner}'s layer`,
        spans: l.spans,
      })),
    [document.shown, document.layers],
  );
  const { editable, viewer } = document;
  const intoLayer =
    editable.kind === 'annotator' && editable.annotator === viewer.annotator ? {} : { layer: editable };

  // Edits arrive asynchronously and may overlap (a key pressed before the last reply painted), so
  // the span list is only ever changed from its latest value.
  const updateSpans = useCallback((change: (current: Span[]) => Span[]) => setSpans(change), []);
  useEffect(() => onSpanCount(document.id, spans.length), [document.id, spans.length, onSpanCount]);
  const { onEdited, onStatus, onOtherDocument, status, focus } = flow;
  const firstSpans = useRef(spans);
  useEffect(() => {
    if (spans !== firstSpans.current) onEdited();
  }, [spans, onEdited]);

  const select = useCallback((span: Span | null) => {
    setSelectedId(span?.id ?? null);
    editor.current?.apply({ selected: span?.id ?? null });
  }, []);

  // While a tag is being stored, keys and label clicks wait: they act on the selected span and the
  // text selection, which its reply changes. `settled` counts replies, so what was held runs once
  // React has them.
  const storing = useRef(false);
  const held = useRef<HeldAction[]>([]);
  const [settled, setSettled] = useState(0);

  /**
   * Tags the selected text (or `given`, the text selected when a held key was pressed), or
   * relabels the selected span when no text is selected.
   */
  const applyLabel = useCallback(
    async (label: string, given?: Range | null) => {
      const range = given === undefined ? editor.current?.selectedRange() : given;
      const trimmed = range && trimRange(document.text, range.start, range.end);
      if (range && trimmed) {
        // Shown in the frame after the key while the store commits it (the call goes out first);
        // the reply draws the stored span in its place.
        const stored = run(() => api.addSpan({ documentId: document.id, label, ...trimmed, ...intoLayer }));
        const hidePending = editor.current?.showPendingTag(trimmed, labelIndex(label), range);
        const shown = afterNextPaint();
        storing.current = true;
        const span = await stored;
        // When the store answers before the next frame, drawing its reply (the paragraph redrawn,
        // the span panel rendered: ~10 ms) would hold that frame back, and the tag with it: the
        // reply is drawn once the frame showing the tag is out.
        await shown;
        // Keys stay held until the render that has this reply (the effect below lets them go): one
        // pressed before it would act on the span selected before the tag.
        setSettled((count) => count + 1);
        hidePending?.();
        if (!span) {
          // Not stored (the notice says why): the text is selected again, to try once more.
          editor.current?.setSelection(trimmed.start, trimmed.end);
          return;
        }
        editor.current?.apply({ added: [span], selected: span.id });
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
    [document, run, show, selected, labelIndex, updateSpans, intoLayer],
  );

  const details = useSpanDetails({ document, schema, spans, selected, editor, notices, updateSpans, select });
  // The owner read the editable layer again (the review screen after a decision): only the spans
  // that changed are repainted, and the editor is not built again.
  const givenSpans = useRef(document.spans);
  useEffect(() => {
    if (givenSpans.current === document.spans) return;
    givenSpans.current = document.spans;
    const change = spanListChange(spans, document.spans);
    editor.current?.apply(change);
    if (selectedId !== null && change.removed.includes(selectedId)) select(null);
    updateSpans(() => document.spans);
    details.setRelations(document.relations);
    // Only a new list from the owner repaints: the user's own edits change `spans`, not this.
  }, [document.spans]);
  const drawnRelations = useMemo(
    () => details.relations.map((r) => ({ id: r.id, from: r.fromSpan, to: r.toSpan, type: r.type })),
    [details.relations],
  );

  const deleteSelected = useCallback(async () => {
    if (!selected) return;
    const done = await run(() => api.deleteSpan({ spanId: selected.id }));
    if (!done) return;
    editor.current?.apply({ removed: [selected.id], selected: null });
    setSelectedId(null);
    updateSpans((current) => current.filter((s) => s.id !== selected.id));
  }, [selected, run, updateSpans]);

  const [message, say] = useState('');
  const [helpOpen, setHelpOpen] = useState(false);
  const [labelAll, setLabelAll] = useState<{ start: number; end: number; label: string } | null>(null);
  const commands = useFlowCommands({
    document,
    editor,
    spans,
    selected,
    select,
    updateSpans,
    onRelations: details.setRelations,
    notices,
    say,
  });

  // Opened by a key in the text (Alt+PageDown), the old text is gone and the focus with it until the
  // new text is built, after the next paint: a key pressed meanwhile would reach no one. The view
  // holds the focus from its first commit, so such a key still acts (the text takes it over below).
  const root = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const active = globalThis.document.activeElement;
    if (!active || active === globalThis.document.body) root.current?.focus();
  }, []);

  // A search result or the list asks for a place: select the span, or the text, and scroll to it.
  // Without one, the text takes the focus, so keys work at once in a document just opened (from the
  // list or by Alt+PageDown) without a click.
  useEffect(() => {
    if (!focus) {
      editor.current?.focus();
      return;
    }
    const span = focus.spanId === undefined ? undefined : spans.find((s) => s.id === focus.spanId);
    if (span) {
      editor.current?.setSelection(span.start, span.start);
      select(span);
      editor.current?.scrollToSpan(span.id);
    } else editor.current?.setSelection(focus.start, focus.end);
    // Only a new focus target moves the selection, not span edits: spans and select are left out.
  }, [focus]);

  /**
   * Opens "label all" for the selected text, else for the selected span's text and label. The label
   * proposed for a selected text is the one the same text already has elsewhere, if any.
   */
  const openLabelAll = useCallback(() => {
    const range = editor.current?.selectedRange();
    const trimmed = range && trimRange(document.text, range.start, range.end);
    const same = (s: Span) =>
      trimmed &&
      s.fragments.length === 1 &&
      s.end - s.start === trimmed.end - trimmed.start &&
      document.text.startsWith(document.text.slice(trimmed.start, trimmed.end), s.start);
    const source = trimmed
      ? { ...trimmed, label: selected?.label ?? spans.find(same)?.label ?? schema.labels[0]?.key ?? '' }
      : selected && { start: selected.start, end: selected.end, label: selected.label };
    if (source) setLabelAll(source);
    else say('Select some text (or a span) first, then label all its occurrences.');
  }, [document.text, selected, schema, spans]);

  const runCommand = useCallback(
    (command: Command) => {
      if (command.kind === 'move') commands.moveSelection(command.unit, command.direction, command.extend);
      else if (command.kind === 'cycleSpan') commands.cycleSpan(command.direction);
      else if (command.kind === 'moveBoundary')
        void commands.moveSelectedBoundary(command.edge, command.direction, command.unit);
      else if (command.kind === 'undo' || command.kind === 'redo') void commands.revert(command.kind);
      else if (command.kind === 'toggleDone') onStatus(status === 'done' ? 'in_progress' : 'done');
      else if (command.kind === 'otherDocument') onOtherDocument(command.direction);
      else if (command.kind === 'labelAll') openLabelAll();
      else if (command.kind === 'help') setHelpOpen((open) => !open);
      else if (command.kind === 'delete') void deleteSelected();
      else if (command.kind === 'link') details.startLink();
      else if (command.kind === 'addFragment') void details.addFragment();
      else if (command.kind === 'editFields') details.focusFields();
      else if (command.kind === 'deselect') {
        select(null);
        setHelpOpen(false);
      }
    },
    [commands, status, onStatus, onOtherDocument, deleteSelected, select, openLabelAll, details],
  );

  /** Acts on a key press in the view; returns whether it was taken (held keys count as taken). */
  const handleKey = useCallback(
    (press: HeldKey): boolean => {
      const { target } = press;
      // Keys typed in a field or a dialog belong to it, not to the text.
      if (target.closest('input, select, textarea, [role="dialog"]')) return false;
      let command = commandFor(press);
      // Arrows and Tab keep their usual meaning (moving focus) outside the text, for keyboard users.
      if ((command?.kind === 'move' || command?.kind === 'cycleSpan') && !target.closest('.mg-text'))
        command = null;
      const label = press.ctrlKey || press.metaKey || press.altKey ? undefined : hotkeys.get(press.key);
      if (!command && !label && !details.linking) return false;
      // Held until the tag is stored, and behind keys held before it (in order), with the text
      // selected now: a drag made before it acts must not change what it tags.
      if (storing.current || (!press.replay && held.current.length > 0)) {
        const range = press.range !== undefined ? press.range : (editor.current?.selectedRange() ?? null);
        held.current.push({ ...press, range, replay: false });
        return true;
      }
      // While linking, the link bar takes the keys (Tab, arrows, Enter, Esc, numbers).
      if (details.onLinkKey(press)) return true;
      if (command && !(NEEDS_SPAN.has(command.kind) && !selected)) runCommand(command);
      else if (label) void applyLabel(label, press.range);
      else return false;
      return true;
    },
    [hotkeys, applyLabel, selected, runCommand, details],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      const { key, code, ctrlKey, metaKey, altKey, shiftKey } = event;
      const press = { key, code, ctrlKey, metaKey, altKey, shiftKey, target: event.target as HTMLElement };
      if (handleKey(press)) {
        // Capture phase: keep ProseMirror from also acting on the key.
        event.preventDefault();
        event.stopPropagation();
      }
    },
    [handleKey],
  );

  /** A label chosen by mouse (label bar, span panel): tags or relabels, after a tag being stored. */
  const chooseLabel = useCallback(
    (label: string, range?: Range | null, replay = false) => {
      if (storing.current || (!replay && held.current.length > 0))
        held.current.push({
          label,
          range: range === undefined ? (editor.current?.selectedRange() ?? null) : range,
        });
      else void applyLabel(label, range);
    },
    [applyLabel],
  );

  // What was held while a tag was stored acts now, in order, on what its reply left: one action per
  // render, so each finds what the one before it changed (L begins a link that Enter then makes).
  // An action that starts another tag holds the rest again until its reply.
  useEffect(() => {
    storing.current = false;
    const action = held.current.shift();
    if (!action) return;
    if ('label' in action) chooseLabel(action.label, action.range, true);
    else handleKey({ ...action, replay: true });
    if (held.current.length > 0 && !storing.current) setSettled((count) => count + 1);
    // Only a settled tag (or the action before) releases them; the handlers are this render's.
  }, [settled]);

  return (
    <div className="mg-annotate" ref={root} tabIndex={-1} onKeyDownCapture={onKeyDown}>
      <div className="mg-labelbar" role="toolbar" aria-label="Labels">
        {schema.labels.map((label, index) => (
          <button
            key={label.key}
            type="button"
            className={`mg-label-button mg-label-${index}`}
            // Keep the text selection: a mousedown on a button would otherwise clear it.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => chooseLabel(label.key)}
            title={`Tag the selection as ${label.name} (key ${label.hotkey})`}
          >
            <kbd>{label.hotkey}</kbd> {label.name}
          </button>
        ))}
        <span className="mg-hint">Select text, then press a number. Press ? for every key.</span>
        <FeedbackPanel
          documentId={document.id}
          labelName={labelName}
          notices={notices}
          onPick={(item) => pickFeedback(item, spans, select, editor.current)}
        />
        {onLayers && (
          <LayerPicker
            document={document}
            editableSpans={spans.length}
            onChange={onLayers}
            notices={notices}
          />
        )}
      </div>
      {details.linking && (
        <LinkBar text={document.text} linking={details.linking} schema={schema} onChoose={details.link} />
      )}
      <FlowBar
        status={status}
        message={message}
        spanSelected={selected !== null}
        onStatus={onStatus}
        onCommand={runCommand}
      />
      <div className="mg-annotate-body">
        <article className="mg-article" onMouseUp={(e) => commands.snapMouseSelection(e.altKey)}>
          <h1 className={titleInText ? 'mg-article-title mg-visually-hidden' : 'mg-article-title'}>
            {document.title}
          </h1>
          <AnnotationEditor
            ref={editor}
            text={document.text}
            spans={document.spans}
            labelIndex={labelIndex}
            labelName={labelName}
            onClickSpan={(span) => (details.linking ? details.pickTarget(span) : select(span))}
            otherLayers={otherLayers}
            relations={drawnRelations}
            searchHits={flow.searchHits ?? null}
            onClickOther={(span, owner) => {
              const by = span.gold ? ` (written by ${span.annotator})` : '';
              say(
                `${labelName(span.label)} “${document.text.slice(span.start, span.end)}” is in ${owner}${by}, read only.`,
              );
            }}
          />
        </article>
        <SpanPanel
          text={document.text}
          spans={spans}
          selected={selected}
          schema={schema}
          labelIndex={labelIndex}
          onSelect={(span) => {
            if (details.linking) return details.pickTarget(span);
            select(span);
            editor.current?.scrollToSpan(span.id);
          }}
          onRelabel={chooseLabel}
          onDelete={() => void deleteSelected()}
          linked={details.linked}
          details={
            selected && (
              <SpanDetails
                text={document.text}
                span={selected}
                spans={spans}
                relations={details.relations}
                schema={schema}
                onAttribute={details.setAttribute}
                onNote={details.setNote}
                onAddFragment={() => void details.addFragment()}
                onRemoveFragment={details.removeFragment}
                onStartLink={details.startLink}
                onJump={details.jumpTo}
                onDeleteRelation={details.deleteRelation}
                onLeave={details.leaveFields}
                containerRef={details.fieldsRef}
              />
            )
          }
        />
      </div>
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
      {labelAll && (
        <LabelAllDialog
          documentId={document.id}
          layer={editable}
          source={labelAll}
          schema={schema}
          notices={notices}
          onDone={(added) => {
            setLabelAll(null);
            if (added.length === 0) return;
            editor.current?.collapseSelection();
            editor.current?.apply({ added });
            updateSpans((current) => [...current, ...added].sort(compareSpans));
            say(`Labelled ${added.length} ${added.length === 1 ? 'place' : 'places'} as ${added[0]!.label}.`);
          }}
        />
      )}
    </div>
  );
});
