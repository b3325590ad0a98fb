/**
 * The project's documents with the local user's status and span count, filtered by status, as a
 * virtual list: only the rows on screen are drawn, and their pages are fetched as they scroll into
 * view (useDocumentPages), so 100,000 documents open as fast as ten. ↑/↓ move between documents,
 * Home/End go to the first and last, Enter opens one. F2 on a document (or its Rename button)
 * edits its title in place: Enter saves, Esc keeps the old one.
 */
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DocumentSummary } from '../../../electron/contract/types';
import type { DocumentPages, StatusFilter } from './useDocumentPages';

const STATUS_TEXT = { todo: 'to do', in_progress: 'in progress', done: 'done' } as const;

/** The field stops a little past the API's limit, so an overlong paste is refused with its reason, not cut. */
const TITLE_INPUT_MAX = 400;
/** A row's height before it is measured: title and meta on two lines. */
const ROW_HEIGHT = 52;

export type { StatusFilter };
const FILTERS: [StatusFilter, string][] = [
  ['all', 'All'],
  ['todo', 'To do'],
  ['in_progress', 'In progress'],
  ['done', 'Done'],
];

/** The row a list key moves to from `at` of `count`, or null for a key the list does not take. */
function rowFor(key: string, at: number, count: number): number | null {
  if (key === 'ArrowDown') return Math.min(at + 1, count - 1);
  if (key === 'ArrowUp') return Math.max(at - 1, 0);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

export function DocumentList(props: {
  pages: DocumentPages;
  filter: StatusFilter;
  onFilter: (filter: StatusFilter) => void;
  openId: number | null;
  onOpen: (id: number) => void;
  /** Saves a new title; resolves to false when it was refused (the reason is shown as a notice). */
  onRename: (id: number, title: string) => Promise<boolean>;
}) {
  const { pages } = props;
  const [renaming, setRenaming] = useState<number | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  /**
   * The row a list key moved to, whose button takes the focus once drawn (its page may still be on
   * its way). It stays drawn while the list measures its rows and settles the scroll, so the
   * focus is not lost with it.
   */
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const keepRow = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      return focusRow === null || indexes.includes(focusRow)
        ? indexes
        : [...indexes, focusRow].sort((a, b) => a - b);
    },
    [focusRow],
  );
  const rows = useVirtualizer({
    count: pages.total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    rangeExtractor: keepRow,
  });
  const items = rows.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = pages;
  useEffect(() => {
    if (pages.total > 0) ensure(first, last);
  }, [ensure, first, last, pages.total]);

  /** Back to the document's button, so the keyboard user carries on from where they were. */
  const endRename = (index: number) => {
    setFocusRow(index);
    setRenaming(null);
  };
  const onTitleKey = async (id: number, index: number, event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      endRename(index);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (await props.onRename(id, event.currentTarget.value)) endRename(index);
    }
  };
  const onListKey = (index: number, event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'F2') {
      event.preventDefault();
      const doc = pages.rowAt(index);
      if (doc) setRenaming(doc.id);
      return;
    }
    const to = rowFor(event.key, index, pages.total);
    if (to === null || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    rows.scrollToIndex(to);
    setFocusRow(to);
  };
  if (pages.counts === null) return null;
  if (pages.counts.all === 0) {
    return (
      <p className="mg-empty">
        No documents yet. Import text or annotated files (Import…), or a folder of them.
      </p>
    );
  }
  return (
    <>
      <div className="mg-filter" role="radiogroup" aria-label="Show documents">
        {FILTERS.map(([value, text]) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={props.filter === value}
            className={props.filter === value ? 'mg-filter-on' : ''}
            onClick={() => props.onFilter(value)}
          >
            {text} <span className="mg-filter-count">{pages.counts?.[value]}</span>
          </button>
        ))}
      </div>
      {pages.total === 0 && <p className="mg-empty">No documents with this status.</p>}
      <div className="mg-doclist-scroll" ref={scroller}>
        <ul className="mg-doclist" aria-label="Documents" style={{ height: rows.getTotalSize() }}>
          {items.map((item) => {
            const doc = pages.rowAt(item.index);
            return (
              <li
                key={item.key}
                className="mg-doc-row"
                data-index={item.index}
                ref={rows.measureElement}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {!doc ? (
                  <div className="mg-doc mg-doc-loading" aria-busy="true">
                    <span className="mg-doc-title">…</span>
                  </div>
                ) : renaming === doc.id ? (
                  <input
                    className="mg-doc-rename"
                    aria-label="New title (Enter saves, Esc cancels)"
                    defaultValue={doc.title}
                    maxLength={TITLE_INPUT_MAX}
                    autoFocus
                    onFocus={(e) => e.currentTarget.select()}
                    onKeyDown={(e) => void onTitleKey(doc.id, item.index, e)}
                    onBlur={() => setRenaming(null)}
                  />
                ) : (
                  <DocumentButton
                    doc={doc}
                    open={doc.id === props.openId}
                    onOpen={props.onOpen}
                    onKey={(e) => onListKey(item.index, e)}
                    takeFocus={focusRow === item.index && renaming === null}
                    onLeft={() => setFocusRow((row) => (row === item.index ? null : row))}
                  />
                )}
                {doc && doc.id === props.openId && renaming !== doc.id && (
                  <button
                    type="button"
                    className="mg-link mg-doc-rename-button"
                    title="Rename this document (F2)"
                    onClick={() => setRenaming(doc.id)}
                  >
                    Rename
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </>
  );
}

function DocumentButton(props: {
  doc: DocumentSummary;
  open: boolean;
  onOpen: (id: number) => void;
  onKey: (event: KeyboardEvent<HTMLButtonElement>) => void;
  /** Take the focus once drawn (a list key moved here), and keep it until it leaves. */
  takeFocus: boolean;
  onLeft: () => void;
}) {
  const { doc, takeFocus } = props;
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (takeFocus) button.current?.focus();
  }, [takeFocus]);
  return (
    <button
      ref={button}
      type="button"
      className={props.open ? 'mg-doc mg-doc-open' : 'mg-doc'}
      aria-current={props.open}
      aria-keyshortcuts="F2"
      onClick={() => props.onOpen(doc.id)}
      onKeyDown={props.onKey}
      onBlur={(e) => {
        // The focus went elsewhere on the page (not to nowhere, as when the row is redrawn).
        if (e.relatedTarget) props.onLeft();
      }}
      data-document-id={doc.id}
    >
      <span className="mg-doc-title">{doc.title}</span>
      <span className="mg-doc-meta">
        <span className={`mg-status mg-status-${doc.status}`}>{STATUS_TEXT[doc.status]}</span>
        <span className="mg-doc-spans" data-testid="span-count">
          {doc.spanCount} {doc.spanCount === 1 ? 'span' : 'spans'}
        </span>
      </span>
    </button>
  );
}
