/**
 * The document list as pages fetched when their rows come into view (listDocumentPage), so a project
 * of 100,000 documents answers its first screen at once instead of sending the whole list. A new
 * filter or `revision` starts again from the first page; local changes (a title, a span count) are
 * patched into the pages already read.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentStatus, DocumentSummary } from '../../../electron/contract/types';
import { api } from '../../api/client';
import type { Notices } from '../../ui/notices';

export type StatusFilter = DocumentStatus | 'all';
export const PAGE_SIZE = 100;

export interface DocumentPages {
  /** Null until the first page has come. */
  counts: Record<StatusFilter, number> | null;
  /** Rows the filter shows. */
  total: number;
  /** The row at `index`, or undefined while its page is on its way. */
  rowAt(index: number): DocumentSummary | undefined;
  /** Fetches the pages holding rows `from` to `to` that are not read yet. */
  ensure(from: number, to: number): void;
  /** Changes one document's row where it is already read. */
  patch(documentId: number, change: (row: DocumentSummary) => DocumentSummary): void;
}

export function useDocumentPages(filter: StatusFilter, revision: number, run: Notices['run']): DocumentPages {
  const [counts, setCounts] = useState<Record<StatusFilter, number> | null>(null);
  const [pages, setPages] = useState<ReadonlyMap<number, DocumentSummary[]>>(new Map());
  // Pages asked for in this generation; an answer from an older one (another filter) is dropped.
  const asked = useRef(new Set<number>());
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (page: number) => {
      const mine = generation.current;
      asked.current.add(page);
      const status = filter === 'all' ? {} : { status: filter };
      const answer = await run(() =>
        api.listDocumentPage({ ...status, offset: page * PAGE_SIZE, limit: PAGE_SIZE }),
      );
      if (!answer || mine !== generation.current) return;
      setCounts(answer.counts);
      setPages((old) => new Map(old).set(page, answer.documents));
    },
    [filter, run],
  );

  // A new filter starts from nothing; a new revision of the same list keeps its rows on screen
  // until the pages in view are read again (no flash of empty rows after a status change).
  const shownFilter = useRef(filter);
  useEffect(() => {
    generation.current++;
    asked.current = new Set();
    if (shownFilter.current !== filter) setPages(new Map());
    shownFilter.current = filter;
    void fetchPage(0);
  }, [fetchPage, filter, revision]);

  const ensure = useCallback(
    (from: number, to: number) => {
      for (let page = Math.floor(from / PAGE_SIZE); page <= Math.floor(to / PAGE_SIZE); page++)
        if (!asked.current.has(page)) void fetchPage(page);
    },
    [fetchPage],
  );

  const rowAt = useCallback(
    (index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [pages],
  );

  const patch = useCallback((documentId: number, change: (row: DocumentSummary) => DocumentSummary) => {
    setPages((old) => {
      for (const [page, rows] of old) {
        const at = rows.findIndex((r) => r.id === documentId);
        if (at === -1) continue;
        const next = [...rows];
        next[at] = change(rows[at]!);
        return new Map(old).set(page, next);
      }
      return old;
    });
  }, []);

  return { counts, total: counts?.[filter] ?? 0, rowAt, ensure, patch };
}
