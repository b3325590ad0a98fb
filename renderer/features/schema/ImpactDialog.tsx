/** Asks before a schema change removes annotations, listing what goes and how much; not undoable. */
import type { SchemaImpact } from '../../../electron/contract/types';
import { describeImpact } from '../../../electron/core/schemaRules';

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

interface Props {
  impact: SchemaImpact;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ImpactDialog({ impact, busy, onConfirm, onCancel }: Props) {
  return (
    <div className="mg-modal-backdrop">
      <div className="mg-modal mg-card" role="alertdialog" aria-modal="true" aria-label="Confirm removal">
        <h2>This change removes {describeImpact(impact)}</h2>
        <ul>
          {impact.labels.map((l) => (
            <li key={l.key}>
              Label <strong>{l.name}</strong> is on {count(l.spans, 'span')}
              {l.relations > 0 && ` with ${count(l.relations, 'relation')}`}: they are deleted.
            </li>
          ))}
          {impact.attributes.map((a) => (
            <li key={`${a.label}-${a.attribute}`}>
              {a.label} <strong>{a.attribute}</strong>:{' '}
              {a.spans === 1 ? '1 span loses its value' : `${a.spans} spans lose their value`}.
            </li>
          ))}
          {impact.relationTypes.map((r) => (
            <li key={`${r.fromLabel}-${r.name}`}>
              Relation <strong>{r.name}</strong> from {r.fromLabel}: {count(r.relations, 'relation')} deleted.
            </li>
          ))}
        </ul>
        <p className="mg-muted">
          This applies to every annotator’s work in the project, and cannot be undone (Ctrl+Z goes on to the
          edit before it).
        </p>
        <div className="mg-row">
          <button type="button" className="mg-primary mg-danger-fill" disabled={busy} onClick={onConfirm}>
            Remove and save
          </button>
          <button type="button" onClick={onCancel} autoFocus>
            Go back
          </button>
        </div>
      </div>
    </div>
  );
}
