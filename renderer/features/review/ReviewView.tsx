/**
 * The review screen, keyboard first: the open conflicts of the project (filtered and sorted), one
 * at a time with who said what, above the conflict's document in review mode (gold edited with the
 * annotate view's own editor and keys, the annotators' layers merged beside it). Queue keys are in
 * reviewKeys.ts; E puts the focus in the text on the conflict, Enter there records "edited"; A (or
 * the Auto-accept… button) opens AutoAcceptDialog.
 * docs/adjudication.md.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AutoAcceptCounts, ConflictPage, ConflictView } from '../../../electron/contract/review';
import {
  QUEUE_PAGE,
  type DocumentStatus,
  type DocumentView,
  type ProjectSchema,
  type Span,
} from '../../../electron/contract/types';
import { GOLD, type LayerRef } from '../../../electron/core/layers';
import { api, fetchDocument } from '../../api/client';
import type { SearchHits } from '../../editor/searchHits';
import type { Notices } from '../../ui/notices';
import { AnnotateView, type FocusTarget } from '../annotate/AnnotateView';
import { layerSlot } from '../annotate/LayerPicker';
import { acceptedText } from './autoAcceptForm';
import { AutoAcceptDialog } from './AutoAcceptDialog';
import { ReviewProgress } from './ReviewProgress';
import { ConflictCard } from './ConflictCard';
import { ReviewFilters } from './ReviewFilters';
import {
  EDIT_KEY_LINE,
  moveInQueue,
  queueArgs,
  queueKeyLine,
  reviewCommandFor,
  type ReviewFilter,
} from './reviewKeys';
import { editedGoldSpan, reviewDocument } from './reviewLayers';

/** The outer bounds of a conflict in its text: its versions' spans, or a relation's two ends. */
function boundsOf(c: ConflictView): { start: number; end: number } | null {
  const fragments = c.relation
    ? [...(c.relation.from.fragments ?? []), ...(c.relation.to.fragments ?? [])]
    : c.versions.flatMap((v) => v.fragments ?? []);
  if (!fragments.length) return null;
  return {
    start: Math.min(...fragments.map((f) => f.start)),
    end: Math.max(...fragments.map((f) => f.end)),
  };
}

/** Names a conflict in the project: its document and its key there. */
const placeOf = (c: ConflictView) => `${c.documentId}:${c.key}`;

export function ReviewView(props: { notices: Notices; schema: ProjectSchema; filter?: ReviewFilter }) {
  const { notices, schema } = props;
  const { run } = notices;
  const [filter, setFilter] = useState<ReviewFilter>(props.filter ?? {});
  const [page, setPage] = useState<ConflictPage | null>(null);
  // Where the conflicts read start in the queue: past the first page once ↓ went beyond it. The ref
  // is what `load` reads by default: as a dependency, the offset would read the queue again itself.
  const [offset, setOffset] = useState(0);
  const offsetNow = useRef(0);
  const [at, setAt] = useState(0);
  // The version E starts an edit from (←/→), marked in the card.
  const [pointed, setPointed] = useState(0);
  const [reason, setReason] = useState('');
  const [message, say] = useState('');
  // Changes the store has taken from this screen: the progress figures follow them.
  const [stored, setStored] = useState(0);
  const [editing, setEditing] = useState(false);
  const [document, setDocument] = useState<DocumentView | null>(null);
  const [focus, setFocus] = useState<FocusTarget | null>(null);
  const [status, setStatus] = useState<DocumentStatus>('in_progress');
  const [autoAccepting, setAutoAccepting] = useState(false);
  const queue = useRef<HTMLDivElement>(null);
  const reasonField = useRef<HTMLInputElement>(null);
  const firstFilter = useRef<HTMLSelectElement>(null);
  // Documents whose gold a decision (or an undo) changed in this screen, for Ctrl+Z and Ctrl+Y.
  const undoable = useRef<number[]>([]);
  const redoable = useRef<number[]>([]);
  const annotatorLayers = useRef(new Map<number, LayerRef[]>());

  const labelName = useMemo(() => {
    const names = new Map(schema.labels.map((l) => [l.key, l.name]));
    return (key: string) => names.get(key) ?? key;
  }, [schema]);

  // Changes made in this screen: a queue read begun before the latest one is out of date.
  const queueEdits = useRef(0);
  const shownKey = useRef<string | null>(null);
  /**
   * Reads the queue again, from its `from`-th conflict; `show`: the conflict (placeOf) to show, where
   * it is in the queue read, else the `index`-th read.
   */
  const load = useCallback(
    async (show?: () => string | null, from = offsetNow.current, index?: number) => {
      const asked = queueEdits.current;
      const result = await run(() => api.listConflicts(queueArgs(filter, QUEUE_PAGE, from)));
      if (!result || asked !== queueEdits.current) return;
      offsetNow.current = from;
      setOffset(from);
      setPage(result);
      const shown = show?.();
      const at = shown ? result.conflicts.findIndex((c) => placeOf(c) === shown) : -1;
      if (at >= 0) setAt(at);
      else if (index !== undefined) setAt(index);
    },
    [run, filter],
  );
  // A new filter reads its queue from the start.
  useEffect(() => void load(undefined, 0), [load]);

  const conflicts = page?.conflicts ?? [];
  const shownAt = Math.min(at, conflicts.length - 1);
  const current: ConflictView | undefined = conflicts[shownAt];
  shownKey.current = current ? placeOf(current) : null;
  const documentId = current?.documentId;

  /** The conflict's document, gold edited and every annotator's layer drawn beside it. */
  const read = useCallback(async (id: number) => {
    let layers = annotatorLayers.current.get(id);
    if (!layers) {
      const first = await fetchDocument(id, { editable: GOLD });
      layers = first.layers.map((l) => l.ref).filter((ref) => ref.kind === 'annotator');
      annotatorLayers.current.set(id, layers);
    }
    return fetchDocument(id, { editable: GOLD, layers });
  }, []);
  // The queue's next document, read while the reviewer works on this one: opened at once after.
  const nextDocument = conflicts.slice(at + 1).find((c) => c.documentId !== documentId)?.documentId;
  const readAhead = useRef(new Map<number, Promise<DocumentView>>());
  useEffect(() => {
    if (documentId === undefined) return setDocument(null);
    let live = true;
    void (async () => {
      const ahead = readAhead.current.get(documentId);
      readAhead.current.delete(documentId);
      const doc = await run(() => ahead ?? read(documentId));
      if (live && doc) {
        setDocument(reviewDocument(doc));
        setStatus(doc.status);
      }
    })();
    return () => {
      live = false;
    };
  }, [documentId, run, read]);
  // Once this document is shown, so that its own read goes first.
  const shownId = document?.id;
  useEffect(() => {
    if (shownId !== documentId || nextDocument === undefined || readAhead.current.has(nextDocument)) return;
    const reading = read(nextDocument);
    // A failed read ahead is read again (and its error shown) when the document is opened.
    reading.catch(() => readAhead.current.delete(nextDocument));
    readAhead.current.clear();
    readAhead.current.set(nextDocument, reading);
  }, [shownId, documentId, nextDocument, read]);

  /** The open document's gold read again and repainted in place (the editor is not rebuilt). */
  const refreshGold = async (id: number) => {
    const gold = await run(() => fetchDocument(id, { editable: GOLD, layers: [] }));
    if (gold)
      setDocument((shown) =>
        shown?.id === id ? { ...shown, spans: gold.spans, relations: gold.relations } : shown,
      );
  };

  // The conflict is selected in its text; the focus stays in the queue unless E asked for the text.
  const bounds = current ? boundsOf(current) : null;
  useEffect(() => {
    setPointed(0);
    if (bounds) setFocus((f) => ({ ...bounds, nonce: (f?.nonce ?? 0) + 1 }));
  }, [current?.key, documentId, bounds?.start, bounds?.end]);
  // The conflict stays marked in the text (as a search hit is) wherever the focus goes.
  const marked = useMemo<SearchHits | null>(
    () => (bounds ? { ranges: [bounds], current: 0 } : null),
    [bounds?.start, bounds?.end],
  );
  const pane = useRef<HTMLDivElement>(null);
  // Showing a conflict selects it in the text, which takes the focus: it goes back to where it was
  // in the screen (the queue, or the reason being typed), unless E asked for the text.
  const lastFocus = useRef<HTMLElement | null>(null);
  useEffect(() => queue.current?.focus(), []);
  useEffect(() => {
    const active = globalThis.document.activeElement;
    const inText = !active || active === globalThis.document.body || pane.current?.contains(active);
    // Also while a dialog is open (the text takes the focus when its document comes in); a closed
    // dialog's control is gone: the queue then.
    const back = lastFocus.current?.isConnected ? lastFocus.current : queue.current;
    if (!editing && inText) back?.focus();
  }, [focus, document, editing]);

  // Decisions go to the store one after another, in the order of the keys, while the screen moves on.
  const sent = useRef<Promise<unknown>>(Promise.resolve());
  const inOrder = <T,>(call: () => Promise<T>): Promise<T> => {
    const next = sent.current.then(call);
    sent.current = next.catch(noop);
    return next;
  };

  /**
   * The conflict leaves the queue at once (the page already holds the next one, shown in the same
   * frame), the decision is stored behind it, then gold is repainted in place and the queue read
   * again for the counts. A decision refused is shown again with the notice saying why.
   */
  const decide = async (
    outcome: 'accept' | 'reject' | 'edit',
    extra: { version?: number; span?: Pick<Span, 'label' | 'fragments' | 'attributes'> } = {},
  ) => {
    if (!current) return;
    const decided = current;
    const why = reason.trim();
    queueEdits.current += 1;
    const mine = queueEdits.current;
    setPage(
      (p) =>
        p && {
          ...p,
          total: p.total - 1,
          open: p.open - 1,
          conflicts: p.conflicts.filter((c) => placeOf(c) !== placeOf(decided)),
        },
    );
    setReason('');
    lastFocus.current = queue.current;
    const what = `${decided.kind} in ${decided.title}`;
    say(`Decided: ${outcome === 'edit' ? 'edited' : outcome} (${what}).`);
    setEditing(false);
    const done = await inOrder(async () => {
      const stored = await run(() =>
        api.decideConflict({
          documentId: decided.documentId,
          key: decided.key,
          outcome,
          ...extra,
          ...(why ? { reason: why } : {}),
        }),
      );
      // Before an undo pressed meanwhile runs: it takes this decision back.
      if (stored) {
        setStored((n) => n + 1);
        undoable.current.push(decided.documentId);
        redoable.current = [];
      }
      return stored;
    });
    if (!done) {
      say(`Not decided: the ${what} is back in the queue.`);
      setReason((typed) => typed || why);
      queueEdits.current += 1;
      return load(() => placeOf(decided));
    }
    // Read again once the keys stop: the reads of a later decision make this one's stale.
    await refreshGold(decided.documentId);
    if (mine === queueEdits.current) await load(() => shownKey.current);
  };

  // Gold as it was when E was pressed: the edit is what changed at the conflict since.
  const goldBefore = useRef<Span[]>([]);

  /** Enter in the text while editing: the gold span the reviewer drew or adjusted at the conflict. */
  const recordEdit = async () => {
    if (!current || !bounds) return;
    const gold = await run(() => fetchDocument(current.documentId, { editable: GOLD }));
    if (!gold) return;
    const edited = editedGoldSpan(goldBefore.current, gold.spans, bounds);
    if (!edited)
      return say('Nothing new in gold at this conflict: select its text and press a label key, then Enter.');
    const { label, fragments, attributes } = edited;
    await decide('edit', { span: { label, fragments, attributes } });
  };

  const revert = (direction: 'undo' | 'redo') => inOrder(() => revertNow(direction));
  const revertNow = async (direction: 'undo' | 'redo') => {
    const [from, to] = direction === 'undo' ? [undoable, redoable] : [redoable, undoable];
    let target = from.current.pop();
    if (target === undefined && direction === 'undo') {
      // After a restart: the latest decision a person made in the project.
      const decisions = await run(() => api.listDecisions({}));
      target = decisions
        ?.filter((d) => !d.auto)
        .sort((a, b) => (a.decidedAt < b.decidedAt ? -1 : 1))
        .at(-1)?.documentId;
    }
    if (target === undefined) return say(direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
    const call = direction === 'undo' ? api.undo : api.redo;
    const result = await run(() => call({ documentId: target, layer: GOLD }));
    if (result === null) return say(direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
    if (!result) return;
    to.current.push(target);
    setStored((n) => n + 1);
    say(`${direction === 'undo' ? 'Undid' : 'Redid'}: ${result.description}`);
    queueEdits.current += 1;
    readAhead.current.delete(target);
    await Promise.all([refreshGold(target), load()]);
  };

  /**
   * Auto-accept wrote gold in many documents: the queue, its counts and the progress figures are
   * read again, the open document's gold repainted, and documents read ahead read afresh.
   */
  const autoAccepted = async (counts: AutoAcceptCounts) => {
    setAutoAccepting(false);
    notices.show('info', acceptedText(counts, labelName));
    say('');
    queueEdits.current += 1;
    readAhead.current.clear();
    setStored((n) => n + 1);
    await Promise.all([document ? refreshGold(document.id) : null, load(() => shownKey.current)]);
  };

  const startEdit = () => {
    if (!current || !bounds) return;
    if (current.relation)
      return say('A relation’s type is decided with 1–9 or X here; edit its spans in gold first.');
    const first = current.versions[pointed]?.fragments ?? [bounds];
    goldBefore.current = document?.spans ?? [];
    setEditing(true);
    setFocus((f) => ({ start: first[0]!.start, end: first.at(-1)!.end, nonce: (f?.nonce ?? 0) + 1 }));
    say('');
  };

  /** ↓ and ↑: to the next or previous conflict, read first when it lies past what was read. */
  const move = (by: number) => {
    const step = moveInQueue(
      { offset, at: Math.max(0, shownAt), read: conflicts.length, total: page?.total ?? 0 },
      by,
    );
    if ('at' in step) return setAt(step.at);
    queueEdits.current += 1;
    void load(undefined, step.read.offset, step.read.at);
  };

  const onQueueKey = (event: KeyboardEvent) => {
    const command = reviewCommandFor(event);
    if (!command) return;
    event.preventDefault();
    if (command.kind === 'point')
      setPointed((v) => Math.max(0, Math.min(v + command.by, (current?.versions.length ?? 1) - 1)));
    else if (command.kind === 'move') move(command.by);
    else if (command.kind === 'accept') {
      if (current && command.version < current.versions.length)
        void decide('accept', { version: command.version });
    } else if (command.kind === 'reject') void decide('reject');
    else if (command.kind === 'reason') reasonField.current?.focus();
    else if (command.kind === 'edit') startEdit();
    else if (command.kind === 'filters') firstFilter.current?.focus();
    else if (command.kind === 'autoAccept') setAutoAccepting(true);
    else void revert(command.kind);
  };

  // Enter and Esc while editing gold are the screen's; every other key is the editor's.
  const onDocumentKey = (event: KeyboardEvent) => {
    if (!editing || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    if (!(event.target as HTMLElement).closest('.mg-text')) return;
    if (event.key !== 'Enter' && event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Enter') void recordEdit();
    else {
      lastFocus.current = queue.current;
      setEditing(false);
      say('');
    }
  };

  return (
    <section
      className="mg-review"
      aria-label="Review"
      onFocus={(e) => {
        if (!pane.current?.contains(e.target)) lastFocus.current = e.target;
      }}
    >
      <header className="mg-review-head">
        <ReviewFilters
          filter={filter}
          counts={page?.counts ?? null}
          labelName={labelName}
          first={firstFilter}
          onChange={(next) => {
            setFilter(next);
            setAt(0);
          }}
          onLeave={() => queue.current?.focus()}
        />
        <span role="status">
          {page ? `${page.open} open conflict${page.open === 1 ? '' : 's'}` : 'Reading the conflicts…'}
        </span>
        <button
          type="button"
          className="mg-review-auto"
          title="Accept into gold what k annotators agree on, with a preview first (A in the queue)"
          onClick={() => setAutoAccepting(true)}
        >
          Auto-accept…
        </button>
      </header>
      <div
        ref={queue}
        className="mg-review-queue"
        tabIndex={0}
        role="group"
        aria-label="Conflict queue"
        onKeyDown={onQueueKey}
      >
        {current ? (
          <ConflictCard
            conflict={current}
            at={offset + shownAt}
            of={page?.total ?? conflicts.length}
            text={document?.id === current.documentId ? document.text : null}
            pointed={pointed}
          />
        ) : (
          <p>No open conflicts{Object.keys(filter).length ? ' with these filters' : ''}.</p>
        )}
        <p className="mg-review-keys">
          {editing ? EDIT_KEY_LINE : queueKeyLine(current?.versions.length ?? 1)}
        </p>
      </div>
      {document && (
        <p className="mg-review-legend" aria-label="Layers drawn">
          <span>
            <span className="mg-layer-swatch mg-layer-swatch-editable" aria-hidden="true" /> gold (edited)
          </span>
          {document.shown.map((l) => (
            <span key={l.owner}>
              <span
                className={`mg-layer-swatch mg-other-${layerSlot(document.layers, l.ref)}`}
                aria-hidden="true"
              />{' '}
              {l.owner}
            </span>
          ))}
        </p>
      )}
      <div className="mg-review-line">
        <label>
          Reason{' '}
          <input
            ref={reasonField}
            value={reason}
            maxLength={1000}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === 'Escape') {
                e.preventDefault();
                queue.current?.focus();
              }
            }}
          />
        </label>
        <span className="mg-review-message" aria-live="polite">
          {message}
        </span>
      </div>
      <ReviewProgress notices={notices} stored={stored} />
      {document && current && document.id === current.documentId && (
        <div
          ref={pane}
          className="mg-review-document"
          aria-label="Conflict in its document"
          role="region"
          onKeyDownCapture={onDocumentKey}
        >
          <AnnotateView
            key={document.id}
            document={document}
            schema={schema}
            notices={notices}
            onSpanCount={noop}
            status={status}
            onStatus={(next) => {
              void run(() => api.setDocumentStatus({ documentId: document.id, status: next })).then(
                (done) => done && setStatus(next),
              );
            }}
            onOtherDocument={(direction) => move(direction === 'forward' ? 1 : -1)}
            onEdited={noop}
            focus={focus}
            searchHits={marked}
          />
        </div>
      )}
      {autoAccepting && (
        <AutoAcceptDialog
          schema={schema}
          onClose={() => setAutoAccepting(false)}
          onAccepted={(counts) => void autoAccepted(counts)}
        />
      )}
    </section>
  );
}

const noop = () => undefined;
