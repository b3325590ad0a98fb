/**
 * The project's documents with the local user's status and span count, filtered by status. F2 on a
 * document (or its Rename button) edits its title in place: Enter saves, Esc keeps the old one.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DocumentStatus, DocumentSummary } from '../../../electron/contract/types';

const STATUS_TEXT = { todo: 'to do', in_progress: 'in progress', done: 'done' } as const;

/** The field stops a little past the API's limit, so an overlong paste is refused with its reason, not cut. */
const TITLE_INPUT_MAX = 400;

export type StatusFilter = DocumentStatus | 'all';
const FILTERS: [StatusFilter, string][] = [
  ['all', 'All'],
  ['todo', 'To do'],
  ['in_progress', 'In progress'],
  ['done', 'Done'],
];

export function DocumentList(props: {
  /** The documents the filter lets through. */
  documents: DocumentSummary[];
  total: number;
  /** How many documents each filter shows, beside its name. */
  counts: Record<StatusFilter, number>;
  filter: StatusFilter;
  onFilter: (filter: StatusFilter) => void;
  openId: number | null;
  onOpen: (id: number) => void;
  /** Saves a new title; resolves to false when it was refused (the reason is shown as a notice). */
  onRename: (id: number, title: string) => Promise<boolean>;
}) {
  const [renaming, setRenaming] = useState<number | null>(null);
  const list = useRef<HTMLUListElement>(null);
  /** The document whose button takes the focus back once the title field is gone. */
  const refocus = useRef<number | null>(null);
  useEffect(() => {
    if (renaming !== null || refocus.current === null) return;
    list.current?.querySelector<HTMLButtonElement>(`.mg-doc[data-document-id="${refocus.current}"]`)?.focus();
    refocus.current = null;
  }, [renaming]);
  /** Back to the document's button, so the keyboard user carries on from where they were. */
  const endRename = (id: number) => {
    refocus.current = id;
    setRenaming(null);
  };
  const onTitleKey = async (id: number, event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      endRename(id);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (await props.onRename(id, event.currentTarget.value)) endRename(id);
    }
  };
  if (props.total === 0) {
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
            {text} <span className="mg-filter-count">{props.counts[value]}</span>
          </button>
        ))}
      </div>
      {props.documents.length === 0 && <p className="mg-empty">No documents with this status.</p>}
      <ul className="mg-doclist" aria-label="Documents" ref={list}>
        {props.documents.map((doc) => (
          <li key={doc.id} className="mg-doc-row">
            {renaming === doc.id ? (
              <input
                className="mg-doc-rename"
                aria-label="New title (Enter saves, Esc cancels)"
                defaultValue={doc.title}
                maxLength={TITLE_INPUT_MAX}
                autoFocus
                onFocus={(e) => e.currentTarget.select()}
                onKeyDown={(e) => void onTitleKey(doc.id, e)}
                onBlur={() => setRenaming(null)}
              />
            ) : (
              <button
                type="button"
                className={doc.id === props.openId ? 'mg-doc mg-doc-open' : 'mg-doc'}
                aria-current={doc.id === props.openId}
                aria-keyshortcuts="F2"
                onClick={() => props.onOpen(doc.id)}
                onKeyDown={(e) => {
                  if (e.key !== 'F2') return;
                  e.preventDefault();
                  setRenaming(doc.id);
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
            )}
            {doc.id === props.openId && renaming !== doc.id && (
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
        ))}
      </ul>
    </>
  );
}
