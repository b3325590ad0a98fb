/**
 * Label all occurrences of a text: a preview of every match with its context (places where the
 * user already has this label on the same range are skipped and counted; any other can be
 * unticked), then one apply that stores them all in one transaction, so one undo takes them all back.
 */
import { useEffect, useState } from 'react';
import type { LabelAllPreview, ProjectSchema, Span } from '../../../electron/contract/types';
import type { LayerRef } from '../../../electron/core/layers';
import { api } from '../../api/client';
import type { Notices } from '../../ui/notices';
import { useReturnFocus } from '../../ui/useReturnFocus';

export function LabelAllDialog(props: {
  documentId: number;
  /** The editable layer the places go into. */
  layer: LayerRef;
  source: { start: number; end: number; label: string };
  schema: ProjectSchema;
  notices: Notices;
  /** Called with the spans added (none when cancelled). */
  onDone: (added: Span[]) => void;
}) {
  const { run } = props.notices;
  // Back to the text, so Ctrl+Z takes the step back at once.
  useReturnFocus();
  const [label, setLabel] = useState(props.source.label);
  const [wholeWord, setWholeWord] = useState(true);
  const [caseSensitive, setCaseSensitive] = useState(true);
  const [preview, setPreview] = useState<LabelAllPreview | null>(null);
  /** Starts of the places the user unticked (a heading, a quote): left as they are. */
  const [unticked, setUnticked] = useState<ReadonlySet<number>>(new Set());
  const args = {
    documentId: props.documentId,
    start: props.source.start,
    end: props.source.end,
    label,
    wholeWord,
    caseSensitive,
    layer: props.layer,
  };

  useEffect(() => {
    let current = true;
    void run(() => api.previewLabelAll(args)).then((result) => {
      if (!current || !result) return;
      setPreview(result);
      setUnticked(new Set());
    });
    return () => {
      current = false;
    };
    // The preview follows the options; args is rebuilt from them on every render.
  }, [label, wholeWord, caseSensitive]);

  const apply = async () => {
    const added = await run(() => api.labelAll({ ...args, skip: [...unticked] }));
    if (added) props.onDone(added);
  };

  const labelName = props.schema.labels.find((l) => l.key === label)?.name ?? label;
  const count = (preview?.matches.length ?? 0) - unticked.size;
  const toggle = (start: number, ticked: boolean) =>
    setUnticked((current) => {
      const next = new Set(current);
      if (ticked) next.delete(start);
      else next.add(start);
      return next;
    });
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
              <label className="mg-match">
                <input
                  type="checkbox"
                  aria-label={`Label this place (at ${m.start})`}
                  checked={!unticked.has(m.start)}
                  onChange={(e) => toggle(m.start, e.target.checked)}
                />
                <span>
                  {m.context.before}
                  <mark>{m.context.match}</mark>
                  {m.context.after}
                </span>
              </label>
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
            Label {count} as {labelName}
          </button>
        </div>
      </div>
    </div>
  );
}
