/**
 * The state and actions behind the span details: attributes, notes, fragments and relations of
 * the document, and the link mode in which the user picks a relation's other span by keyboard
 * (Tab / arrows, Enter) or by clicking it. Every action is one API call; the screen changes only
 * when it comes back committed.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { DocumentView, ProjectSchema, Relation, Span } from '../../../electron/contract/types';
import type { AttributeValue } from '../../../electron/core/attributes';
import { withFragment, withoutFragment } from '../../../electron/core/fragments';
import { labelName, relationTypesBetween } from '../../../electron/core/schemaRules';
import { trimRange } from '../../../electron/core/spans';
import { api } from '../../api/client';
import type { EditorHandle } from '../../editor/AnnotationEditor';
import type { Notices } from '../../ui/notices';
import {
  candidateAt,
  linkCandidates,
  linkOptions,
  MAX_OUTLINED_CANDIDATES,
  type LinkOption,
} from './linking';
import type { KeyPress } from './commands';

/** Link mode: from `source`, the candidate at `index` is the current target. */
export interface LinkingState {
  source: Span;
  candidates: Span[];
  index: number;
  /** Set when more than one relation type fits the target: the user picks one. */
  choices: LinkOption[] | null;
}

interface Options {
  document: DocumentView;
  schema: ProjectSchema;
  spans: readonly Span[];
  selected: Span | null;
  editor: RefObject<EditorHandle | null>;
  notices: Notices;
  updateSpans: (change: (current: Span[]) => Span[]) => void;
  select: (span: Span | null) => void;
}

export function useSpanDetails(options: Options) {
  const { document, schema, spans, selected, editor, notices, updateSpans, select } = options;
  const { run, show } = notices;
  const [relations, setRelations] = useState<Relation[]>(document.relations);
  const [linking, setLinking] = useState<LinkingState | null>(null);
  const fieldsRef = useRef<HTMLDivElement>(null);

  // The store deletes relations with their spans and those a relabel makes unfit; mirror that here.
  useEffect(() => {
    setRelations((current) => {
      if (current.length === 0) return current;
      const byId = new Map(spans.map((s) => [s.id, s]));
      const fitting = current.filter((r) => {
        const [from, to] = [byId.get(r.fromSpan), byId.get(r.toSpan)];
        return (
          !!from && !!to && relationTypesBetween(schema, from.label, to.label).some((t) => t.name === r.type)
        );
      });
      return fitting.length === current.length ? current : fitting;
    });
  }, [spans, schema]);

  const linked = useMemo(() => new Set(relations.flatMap((r) => [r.fromSpan, r.toSpan])), [relations]);
  const related = useMemo(
    () =>
      selected
        ? relations.flatMap((r) =>
            r.fromSpan === selected.id ? [r.toSpan] : r.toSpan === selected.id ? [r.fromSpan] : [],
          )
        : [],
    [relations, selected],
  );
  const target = linking ? linking.candidates[linking.index]!.id : null;
  // Same array while Tab moves the target, so only the target's and the old target's spans redraw.
  const candidates = linking?.candidates;
  const spanClasses = useMemo(() => {
    const classes = new Map<number, string>();
    const add = (id: number, name: string) => classes.set(id, `${classes.get(id) ?? ''} ${name}`.trim());
    for (const id of linked) add(id, 'mg-linked');
    for (const id of related) add(id, 'mg-related');
    if (candidates && candidates.length <= MAX_OUTLINED_CANDIDATES)
      for (const span of candidates) add(span.id, 'mg-link-candidate');
    if (target !== null) add(target, 'mg-link-target');
    return classes;
  }, [linked, related, candidates, target]);
  useEffect(() => editor.current?.apply({ classes: spanClasses }), [editor, spanClasses]);

  const replaceSpan = useCallback(
    (span: Span) => {
      editor.current?.apply({ removed: [span.id], added: [span] });
      updateSpans((current) => current.map((s) => (s.id === span.id ? span : s)));
    },
    [editor, updateSpans],
  );

  const setAttribute = async (name: string, value: AttributeValue | null) => {
    if (!selected) return;
    const span = await run(() => api.setSpanAttribute({ spanId: selected.id, name, value }));
    if (span) replaceSpan(span);
  };

  const setNote = async (note: string | null) => {
    if (!selected) return;
    const span = await run(() => api.setSpanNote({ spanId: selected.id, note }));
    if (span) replaceSpan(span);
  };

  const saveFragments = async (spanId: number, fragments: Span['fragments']) => {
    const span = await run(() => api.setSpanFragments({ spanId, fragments }));
    if (span) replaceSpan(span);
    return span;
  };

  /** Adds the selected text to the selected span as another fragment. */
  const addFragment = async () => {
    if (!selected) return show('info', 'Select a span first, then select more text and press +.');
    const range = editor.current?.selectedRange();
    const trimmed = range && trimRange(document.text, range.start, range.end);
    if (!trimmed)
      return show('info', 'Select the text to add to the span, then press + or click Add fragment.');
    const fragments = withFragment(selected.fragments, trimmed);
    if (await saveFragments(selected.id, fragments)) editor.current?.collapseSelection();
  };

  const removeFragment = (index: number) => {
    if (!selected) return;
    const fragments = withoutFragment(selected.fragments, index);
    if (fragments) void saveFragments(selected.id, fragments);
  };

  const jumpTo = (span: Span) => {
    select(span);
    editor.current?.scrollToSpan(span.id);
  };

  const startLink = () => {
    if (!selected) return show('info', 'Select the span to link first, then press L.');
    const candidates = linkCandidates(schema, relations, spans, selected);
    if (candidates.length === 0) {
      const name = labelName(schema, selected.label);
      return show('info', `No relation type of the schema links this ${name} to another span here.`);
    }
    setLinking({ source: selected, candidates, index: 0, choices: null });
    editor.current?.scrollToSpan(candidates[0]!.id);
  };

  const link = async (option: LinkOption) => {
    setLinking(null);
    const relation = await run(() =>
      api.addRelation({ type: option.type, fromSpan: option.from.id, toSpan: option.to.id }),
    );
    if (relation) setRelations((current) => [...current, relation]);
  };

  const confirmTarget = (state: LinkingState, target: Span) => {
    const choices = linkOptions(schema, relations, state.source, target);
    if (choices.length === 1) return void link(choices[0]!);
    setLinking({ ...state, index: state.candidates.indexOf(target), choices });
  };

  /** A click on a span (in the text or the list) while linking: link to it if it can be. */
  const pickTarget = (span: Span | null) => {
    if (!linking || !span) return;
    const target = candidateAt(linking.candidates, span);
    if (target) return confirmTarget(linking, target);
    const [from, to] = [labelName(schema, linking.source.label), labelName(schema, span.label)];
    show('info', `A ${from} cannot be linked to that ${to}. Esc ends linking.`);
  };

  /** Keys in link mode; returns whether the key was taken (all are, so none tags text by accident). */
  const onLinkKey = (event: KeyPress): boolean => {
    if (!linking) return false;
    if (linking.choices) {
      const choice = linking.choices[Number(event.key) - 1];
      if (choice) void link(choice);
      else if (event.key === 'Escape') setLinking({ ...linking, choices: null });
      return true;
    }
    const step =
      (event.key === 'Tab' && event.shiftKey) || event.key === 'ArrowUp' || event.key === 'ArrowLeft'
        ? -1
        : event.key === 'Tab' || event.key === 'ArrowDown' || event.key === 'ArrowRight'
          ? 1
          : 0;
    if (step !== 0) {
      const count = linking.candidates.length;
      const index = (linking.index + step + count) % count;
      setLinking({ ...linking, index });
      editor.current?.scrollToSpan(linking.candidates[index]!.id);
    } else if (event.key === 'Enter') confirmTarget(linking, linking.candidates[linking.index]!);
    else if (event.key === 'Escape') setLinking(null);
    return true;
  };

  const deleteRelation = async (relation: Relation) => {
    const done = await run(() => api.deleteRelation({ relationId: relation.id }));
    if (done) setRelations((current) => current.filter((r) => r.id !== relation.id));
  };

  /** Enter on a selected span: into its first field, so attributes are set without the mouse. */
  const focusFields = () => fieldsRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();

  /**
   * Esc in a field: back to the text. Deferred a tick so the field's own Esc (which restores the
   * stored value) has re-rendered before its blur would save the draft.
   */
  const leaveFields = () =>
    setTimeout(() =>
      fieldsRef.current?.closest('.mg-annotate')?.querySelector<HTMLElement>('.mg-text')?.focus(),
    );

  return {
    fieldsRef,
    focusFields,
    leaveFields,
    relations,
    /** Replaces the relations after an undo or redo, which may restore or remove some. */
    setRelations,
    linked,
    linking,
    startLink,
    pickTarget,
    link: (option: LinkOption) => void link(option),
    onLinkKey,
    setAttribute: (name: string, value: AttributeValue | null) => void setAttribute(name, value),
    setNote: (note: string | null) => void setNote(note),
    addFragment,
    removeFragment,
    jumpTo,
    deleteRelation: (relation: Relation) => void deleteRelation(relation),
  };
}
