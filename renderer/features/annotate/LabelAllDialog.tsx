/**
 * Label all occurrences of a text: a preview of every match with its context (places where the
 * user already has this label on the same range are skipped and counted), then one apply that
 * stores them all in one transaction, so one undo takes them all back.
 */
import { useEffect, useState } from 'react';
import type { LabelAllPreview, ProjectSchema, Span } from '../../../electron/contract/types';
import { api } from '../../api/client';
import type { Notices } from '../../ui/notices';

export function LabelAllDialog(props: {
  documentId: number;
  source: { start: number; end: number; label: string };
  schema: ProjectSchema;
  notices: Notices;
  /** Called with the spans added (none when cancelled). */
  onDone: (added: Span[]) => void;
}) {
  const { run } = props.notices;
  const [label, setLabel] = useState(props.source.label);
  const [wholeWord, setWholeWord] = useState(true);
  const [caseSensitive, setCaseSensitive] = useState(true);
  const [preview, setPreview] = useState<LabelAllPreview | null>(null);
  const args = {
    documentId: props.documentId,
    start: props.source.start,
    end: props.source.end,
    label,
    wholeWord,
    caseSensitive,
  };

  useEffect(() => {
    let current = true;
    void run(() => api.previewLabelAll(args)).then((result) => current && result && setPreview(result));
    return () => {
      current = false;
    };
    // The preview follows the options; args is rebuilt from them on every render.
  }, [label, wholeWord, caseSensitive]);

  const apply = async () => {
    const added = await run(() => api.labelAll(args));
    if (added) props.onDone(added);
  };

  const count = preview?.matches.length ?? 0;
  return (
    <div className="mg-overlay" onKeyDown={(e) => e.key === 'Escape' && props.onDone([])}>
      <div className="mg-dialog" role="dialog" aria-label="Label all occurrences">
        <h2>Label all occurrences of “{preview?.text ?? '…'}”</h2>
        <div className="mg-row">
          <label className="mg-field-inline">
            Label
            <select
              autoFocus
              aria-label="Label for all occurrences"
              value={label}
              onChange={(e) => setLabel(e.target.value)}
            >
              {props.schema.labels.map((l) => (
                <option key={l.key} value={l.key}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <label className="mg-field-inline">
            <input type="checkbox" checked={wholeWord} onChange={(e) => setWholeWord(e.target.checked)} />
            Whole words
          </label>
          <label className="mg-field-inline">
            <input
              type="checkbox"
              checked={caseSensitive}
              onChange={(e) => setCaseSensitive(e.target.checked)}
            />
            Match case
          </label>
        </div>
        <p className="mg-labelall-count" aria-live="polite">
          {preview
            ? `${count} ${count === 1 ? 'place' : 'places'} to label` +
              (preview.alreadyLabelled
                ? `; ${preview.alreadyLabelled} already labelled ${label}, skipped`
                : '')
            : 'Finding matches…'}
        </p>
        <ol className="mg-matches" aria-label="Matches">
          {preview?.matches.map((m) => (
            <li key={m.start}>
              {m.context.before}
              <mark>{m.context.match}</mark>
              {m.context.after}
            </li>
          ))}
        </ol>
        <div className="mg-row mg-dialog-actions">
          <button type="button" onClick={() => props.onDone([])}>
            Cancel
          </button>
          <button
            type="button"
            className="mg-primary"
            disabled={!preview || count === 0}
            onClick={() => void apply()}
          >
            Label {count} as {label}
          </button>
        </div>
      </div>
    </div>
  );
}
