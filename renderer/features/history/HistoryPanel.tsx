/**
 * The history of the open document: who did what when, newest first, read from the event log; or,
 * ticked, only the edits of the layer the user edits (what Ctrl+Z there steps back through).
 */
import { useEffect, useState } from 'react';
import type { HistoryEntry, LayerRef } from '../../../electron/contract/types';
import { api } from '../../api/client';
import type { Notices } from '../../ui/notices';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function HistoryPanel(props: {
  documentId: number;
  version: number;
  notices: Notices;
  /** The layer the user edits, and its name as the layer picker says it. */
  layer: { ref: LayerRef; name: string };
}) {
  const { run } = props.notices;
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [layerOnly, setLayerOnly] = useState(false);
  const { ref } = props.layer;

  useEffect(() => {
    let current = true;
    const args = { documentId: props.documentId, ...(layerOnly ? { layer: ref } : {}) };
    void run(() => api.getHistory(args)).then((list) => current && list && setEntries(list));
    return () => {
      current = false;
    };
  }, [props.documentId, props.version, run, layerOnly, ref]);

  const filter = (
    <label className="mg-history-filter">
      <input type="checkbox" checked={layerOnly} onChange={(e) => setLayerOnly(e.target.checked)} /> Only{' '}
      {props.layer.name}&apos;s edits
    </label>
  );
  if (!entries) return <p className="mg-empty">Loading…</p>;
  if (entries.length === 0)
    return (
      <>
        {filter}
        <p className="mg-empty">No edits in this document yet.</p>
      </>
    );
  return (
    <>
      {filter}
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
    </>
  );
}
