/**
 * "Review feedback" in the annotate view (docs/adjudication.md, Feedback): what review changed in
 * the user's own layer of this document against gold — kept, boundary moved, relabelled, removed,
 * added, then relations kept, retyped, removed, added — each with the reviewer's reason. The button
 * is a Tab stop of the label bar; opening the panel focuses its first change, ↓/↑ move, Enter or a
 * click selects that span (a relation's from-span) in the text, Esc closes and gives the focus back
 * to the button.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type {
  DocumentFeedback,
  FeedbackItemView,
  FeedbackSpanView,
  RelationFeedbackItemView,
} from '../../../electron/contract/feedback';
import type { Span } from '../../../electron/contract/types';
import {
  changeText,
  decisionText,
  FEEDBACK_KIND_WORDS,
  type FeedbackDecision,
} from '../../../electron/core/feedback';
import { relationChangeText, RELATION_FEEDBACK_WORDS } from '../../../electron/core/relationFeedback';
import { api } from '../../api/client';
import type { EditorHandle } from '../../editor/AnnotationEditor';
import type { Notices } from '../../ui/notices';

/**
 * Selects a change in the text: the user's own span when the editable layer holds it (so a key
 * relabels or deletes it), else the gold span's characters (so a label key tags them).
 */
export function pickFeedback(
  item: Pick<FeedbackItemView, 'mine' | 'gold'>,
  spans: readonly Span[],
  select: (span: Span | null) => void,
  editor: Pick<EditorHandle, 'scrollToSpan' | 'setSelection'> | null,
): void {
  const own = item.mine && spans.find((s) => s.id === item.mine!.id);
  if (own) {
    select(own);
    editor?.scrollToSpan(own.id);
    return;
  }
  const target = (item.gold ?? item.mine)!;
  select(null);
  editor?.setSelection(target.fragments[0]!.start, target.fragments.at(-1)!.end);
}

interface Props {
  documentId: number;
  labelName: (label: string) => string;
  notices: Notices;
  /**
   * Selects the change in the text: the user's span when it is there, else the gold span's
   * characters; for a relation, its from-span the same way.
   */
  onPick: (item: Pick<FeedbackItemView, 'mine' | 'gold'>) => void;
}

const capitalised = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/** One change: its kind in words, what it was (and became), and the reviewer's reason. */
function Change({ kind, what, decision }: { kind: string; what: string; decision: FeedbackDecision | null }) {
  return (
    <>
      <strong>{capitalised(kind)}:</strong> {what}
      {decision && (
        <span className="mg-feedback-reason">
          {' — '}
          {decisionText(decision)}
        </span>
      )}
    </>
  );
}

/** A relation change is picked at its from-span: the user's when they drew it, else gold's. */
const fromSpans = (item: RelationFeedbackItemView) => ({
  mine: item.mine?.from ?? null,
  gold: item.gold?.from ?? null,
});

export function FeedbackPanel({ documentId, labelName, notices, onPick }: Props) {
  const [feedback, setFeedback] = useState<DocumentFeedback | null>(null);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const span = (s: FeedbackSpanView) => `${labelName(s.label)} “${s.text}”`;

  const toggle = async () => {
    if (open) return close();
    const read = await notices.run(() => api.getFeedback({ documentId }));
    if (!read) return;
    setFeedback(read);
    setOpen(true);
  };
  // Focus the first change once the panel is drawn (after React commits it, not on a timer).
  useEffect(() => {
    if (open) list.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [open, feedback]);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const items = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[Math.max(0, Math.min(items.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    }
  };

  return (
    <div className="mg-feedback">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        onClick={() => void toggle()}
        title="What review changed in your layer against gold, with the reviewer's reasons"
      >
        Review feedback
      </button>
      {open && feedback && (
        // A non-modal dialog: the annotate view leaves its keys (labels, Delete, Esc) to it.
        <section
          className="mg-feedback-panel"
          role="dialog"
          aria-label="Review feedback"
          onKeyDown={onKeyDown}
        >
          {!feedback.reviewed ? (
            <p>Not reviewed yet: there is no gold for this document to compare your layer with.</p>
          ) : feedback.items.length === 0 && feedback.relations.length === 0 ? (
            <p>Nothing of yours here, and the reviewer added nothing.</p>
          ) : (
            <div ref={list}>
              <ul aria-label="Spans">
                {feedback.items.map((item, i) => (
                  <li key={i}>
                    <button type="button" onClick={() => onPick(item)}>
                      <Change
                        kind={FEEDBACK_KIND_WORDS[item.kind]}
                        what={changeText(item, span)}
                        decision={item.decision}
                      />
                    </button>
                  </li>
                ))}
              </ul>
              {feedback.relations.length > 0 && (
                <ul aria-label="Relations">
                  {feedback.relations.map((item, i) => (
                    <li key={i}>
                      <button type="button" onClick={() => onPick(fromSpans(item))}>
                        <Change
                          kind={`relation ${RELATION_FEEDBACK_WORDS[item.kind]}`}
                          what={relationChangeText(item, span)}
                          decision={item.decision}
                        />
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </section>
      )}
    </div>
  );
}
