/** The history of the open document: who did what when, newest first, read from the event log. */
import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../../electron/contract/types';
import { api } from '../../api/client';
import type { Notices } from '../../ui/notices';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function HistoryPanel(props: { documentId: number; version: number; notices: Notices }) {
  const { run } = props.notices;
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);

  useEffect(() => {
    let current = true;
    void run(() => api.getHistory({ documentId: props.documentId })).then(
      (list) => current && list && setEntries(list),
    );
    return () => {
      current = false;
    };
  }, [props.documentId, props.version, run]);

  if (!entries) return <p className="mg-empty">Loading…</p>;
  if (entries.length === 0) return <p className="mg-empty">No edits in this document yet.</p>;
  return (
    <ol className="mg-history" aria-label="History">
      {entries.map((entry) => (
        <li key={entry.action} className={`mg-history-${entry.kind}`}>
          <span className="mg-history-what">{entry.description}</span>
          <span className="mg-history-meta">
            {entry.annotator ?? 'import'} ·{' '}
            <time dateTime={entry.at}>{timeFormat.format(new Date(entry.at))}</time>
          </span>
        </li>
      ))}
    </ol>
  );
}
