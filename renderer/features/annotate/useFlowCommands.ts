/**
 * What the editor-flow keys and buttons do in an open document: keyboard selection by character,
 * word and sentence; word-snapped mouse selection; cycling through spans; moving a span's
 * boundaries; undo and redo. Every edit goes to the API first and is painted when it comes back.
 */
import { useCallback, type RefObject } from 'react';
import type { DocumentView, Relation, RevertResult, Span } from '../../../electron/contract/types';
import {
  moveBoundary,
  snapToWords,
  step,
  type Direction,
  type Unit,
} from '../../../electron/core/boundaries';
import { compareSpans } from '../../../electron/core/spans';
import { api } from '../../api/client';
import type { EditorHandle } from '../../editor/AnnotationEditor';
import type { Notices } from '../../ui/notices';

interface Options {
  document: DocumentView;
  editor: RefObject<EditorHandle | null>;
  spans: Span[];
  selected: Span | null;
  select: (span: Span | null) => void;
  updateSpans: (change: (current: Span[]) => Span[]) => void;
  /** Receives the user's relations after an undo or redo. */
  onRelations: (relations: Relation[]) => void;
  notices: Notices;
  /** Shows a short message in the editor's status line (what was undone, why nothing happened). */
  say: (message: string) => void;
}

export function useFlowCommands({
  document,
  editor,
  spans,
  selected,
  select,
  updateSpans,
  onRelations,
  notices,
  say,
}: Options) {
  const { run } = notices;
  const { text } = document;

  /**
   * Moves the caret, or the moving end of the selection when extending. The arrow keys name what
   * is seen: in a right-to-left paragraph (Urdu) → moves back in the text.
   */
  const moveSelection = useCallback(
    (unit: Unit, visual: Direction, extend: boolean) => {
      const current = editor.current?.selection();
      if (!current) return;
      const rtl = editor.current?.directionAt(current.head) === 'rtl';
      const direction: Direction = rtl ? (visual === 'forward' ? 'backward' : 'forward') : visual;
      const head = step(text, current.head, unit, direction);
      // A selection begun by word from a caret inside a word takes the whole word, as a mouse drag does.
      let anchor = current.anchor;
      if (extend && unit === 'word' && anchor === current.head)
        anchor =
          direction === 'forward'
            ? snapToWords(text, anchor, anchor).start
            : snapToWords(text, Math.max(0, anchor - 1), anchor).end;
      editor.current?.setSelection(extend ? anchor : head, head);
    },
    [editor, text],
  );

  /**
   * After a mouse selection: widen it to whole words unless Alt was held, and hand it to the
   * editor at once. ProseMirror otherwise reads the browser's selection a moment later, and a
   * label key pressed in that moment would act on the previous selection.
   */
  const snapMouseSelection = useCallback(
    (exact: boolean) => {
      const current = editor.current?.domSelection();
      if (!current || current.anchor === current.head) return;
      const backward = current.head < current.anchor;
      const from = Math.min(current.anchor, current.head);
      const to = Math.max(current.anchor, current.head);
      const { start, end } = exact ? { start: from, end: to } : snapToWords(text, from, to);
      const [anchor, head] = backward ? [end, start] : [start, end];
      const known = editor.current?.selection();
      if (known?.anchor !== anchor || known.head !== head) editor.current?.setSelection(anchor, head);
    },
    [editor, text],
  );

  /** Selects the next or previous span after the selected one (or the caret), wrapping around. */
  const cycleSpan = useCallback(
    (direction: Direction) => {
      if (spans.length === 0) return say('This document has no spans yet.');
      const ordered = [...spans].sort(compareSpans);
      let index: number;
      if (selected) {
        const at = ordered.findIndex((s) => s.id === selected.id);
        index = at + (direction === 'forward' ? 1 : -1);
      } else {
        const caret = editor.current?.selection()?.head ?? 0;
        index =
          direction === 'forward'
            ? ordered.findIndex((s) => s.start >= caret)
            : ordered.findLastIndex((s) => s.start < caret);
        if (index === -1) index = direction === 'forward' ? 0 : ordered.length - 1;
      }
      const span = ordered[(index + ordered.length) % ordered.length]!;
      editor.current?.collapseSelection();
      select(span);
      editor.current?.scrollToSpan(span.id);
    },
    [spans, selected, select, editor, say],
  );

  const replaceSpan = useCallback(
    (span: Span) => {
      editor.current?.apply({ removed: [span.id], added: [span] });
      updateSpans((current) => current.map((s) => (s.id === span.id ? span : s)).sort(compareSpans));
    },
    [editor, updateSpans],
  );

  /** Moves a boundary of the selected span and stores it at once (one logged edit). */
  const moveSelectedBoundary = useCallback(
    async (edge: 'start' | 'end', direction: Direction, unit: Unit) => {
      if (!selected) return say('Select a span first (click it, or press Tab).');
      const from = edge === 'start' ? selected.start : selected.end;
      const to = moveBoundary(text, from, edge, unit, direction);
      if (to === from) return;
      const span = await run(() => api.setSpanBounds({ spanId: selected.id, [edge]: to }));
      if (span) replaceSpan(span);
    },
    [selected, text, run, say, replaceSpan],
  );

  /** Applies what an undo or redo changed: exactly those spans are repainted. */
  const applyRevert = useCallback(
    (result: RevertResult) => {
      const removed = new Set([...result.removedSpanIds, ...result.spans.map((s) => s.id)]);
      editor.current?.apply({ removed: [...removed], added: result.spans });
      updateSpans((current) =>
        [...current.filter((s) => !removed.has(s.id)), ...result.spans].sort(compareSpans),
      );
      onRelations(result.relations);
      if (selected && result.removedSpanIds.includes(selected.id)) select(null);
    },
    [editor, updateSpans, onRelations, selected, select],
  );

  const revert = useCallback(
    async (direction: 'undo' | 'redo') => {
      const call = direction === 'undo' ? api.undo : api.redo;
      // Layers: the editable layer's last action, so a reviewer editing gold undoes gold.
      const result = await run(() => call({ documentId: document.id, layer: document.editable }));
      if (result === null) say(direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
      else if (result) {
        applyRevert(result);
        say(`${direction === 'undo' ? 'Undid' : 'Redid'}: ${result.description}`);
      }
    },
    [document.id, document.editable, run, say, applyRevert],
  );

  return { moveSelection, snapMouseSelection, cycleSpan, moveSelectedBoundary, revert };
}
