/** The project's documents with the local user's status and span count, filtered by status. */
import type { DocumentStatus, DocumentSummary } from '../../../electron/contract/types';

const STATUS_TEXT = { todo: 'to do', in_progress: 'in progress', done: 'done' } as const;

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
  filter: StatusFilter;
  onFilter: (filter: StatusFilter) => void;
  openId: number | null;
  onOpen: (id: number) => void;
}) {
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
            {text}
          </button>
        ))}
      </div>
      {props.documents.length === 0 && <p className="mg-empty">No documents with this status.</p>}
      <ul className="mg-doclist" aria-label="Documents">
        {props.documents.map((doc) => (
          <li key={doc.id}>
            <button
              type="button"
              className={doc.id === props.openId ? 'mg-doc mg-doc-open' : 'mg-doc'}
              aria-current={doc.id === props.openId}
              onClick={() => props.onOpen(doc.id)}
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
          </li>
        ))}
      </ul>
    </>
  );
}
