/**
 * The schema editor: labels (name, colour, hotkey), their typed attributes, and relation types.
 * Edits stay in a draft, checked live by the same core rules the service applies; saving asks
 * first when the change would remove annotations, and says how many. The draft remembers the
 * stored name of each attribute and relation type, so a rename is sent as one and keeps its data.
 */
import { useMemo, useState } from 'react';
import type { ProjectSchema, SchemaImpact, Session } from '../../../electron/contract/types';
import type { AttributeDef, AttributeType, LabelDef, RelationTypeDef } from '../../../electron/core/schema';
import { reservedKeyUse } from '../../../electron/core/keys';
import type { SchemaRenames } from '../../../electron/core/schemaRenames';
import { isHarmless, newLabelKey, schemaProblem } from '../../../electron/core/schemaRules';
import { api } from '../../api/client';
import { distinctColour } from '../../ui/colours';
import type { Notices } from '../../ui/notices';
import { ImpactDialog } from './ImpactDialog';

interface Props {
  schema: ProjectSchema;
  notices: Notices;
  onSaved: (session: Session) => void;
  onClose: () => void;
}

/** Labels added in this editing session carry a temporary key until saved. */
const NEW_KEY = 'new:';
const TYPES: AttributeType[] = ['enum', 'string', 'number', 'bool'];

/** An attribute or relation type as edited; `stored` is its name in the saved schema (none when new). */
type Draft<T> = T & { stored?: string };
interface DraftSchema {
  labels: (Omit<LabelDef, 'attributes'> & { attributes: Draft<AttributeDef>[] })[];
  relationTypes: (Draft<RelationTypeDef> & { storedFrom?: string })[];
}

export function SchemaEditor({ schema, notices, onSaved, onClose }: Props) {
  const [draft, setDraft] = useState<DraftSchema>(() => draftOf(schema));
  const [impact, setImpact] = useState<SchemaImpact | null>(null);
  const [saving, setSaving] = useState(false);
  const final = useMemo(() => withFinalKeys(draft), [draft]);
  const renames = useMemo(() => renamesIn(draft), [draft]);
  const problem = schemaProblem(final);
  const changed = JSON.stringify(final) !== JSON.stringify(schema);

  const edit = (change: (next: DraftSchema) => void) =>
    setDraft((current) => {
      const next = structuredClone(current);
      change(next);
      return next;
    });
  const editLabel = (key: string, change: (label: LabelDef) => void) =>
    edit((next) => change(next.labels.find((l) => l.key === key)!));

  const save = async (confirmRemovals: boolean) => {
    setSaving(true);
    try {
      if (!confirmRemovals) {
        const found = await notices.run(() => api.schemaImpact({ schema: final, renames }));
        if (!found) return;
        if (!isHarmless(found)) return setImpact(found);
      }
      const session = await notices.run(() => api.updateSchema({ schema: final, renames, confirmRemovals }));
      if (!session) return;
      // No notice: the document reopens with the new labels, which shows the change.
      setImpact(null);
      onSaved(session);
    } finally {
      setSaving(false);
    }
  };

  const addLabel = () =>
    edit((next) => {
      const used = new Set(next.labels.map((l) => l.hotkey));
      next.labels.push({
        key: `${NEW_KEY}${Date.now()}`,
        name: uniqueName(next, 'New label'),
        color: distinctColour(next.labels.map((l) => l.color)),
        hotkey: [...'123456789'].find((k) => !used.has(k)) ?? '',
        kind: 'span',
        attributes: [],
      });
    });

  return (
    <section className="mg-schema" aria-label="Schema editor">
      <header className="mg-schema-header">
        <h1>Schema</h1>
        <span className="mg-spacer" />
        {problem && (
          <span className="mg-field-problem" role="note">
            {problem}
          </span>
        )}
        <button type="button" onClick={onClose}>
          {changed ? 'Discard changes' : 'Back to documents'}
        </button>
        <button
          type="button"
          className="mg-primary"
          disabled={!changed || problem !== null || saving}
          onClick={() => void save(false)}
        >
          Save schema
        </button>
      </header>
      <div className="mg-schema-body">
        <h2 className="mg-panel-heading">Labels</h2>
        {draft.labels.map((label) => (
          <LabelEditor
            key={label.key}
            label={label}
            onChange={(change) => editLabel(label.key, change)}
            onRemove={() =>
              edit((next) => {
                next.labels = next.labels.filter((l) => l.key !== label.key);
                next.relationTypes = next.relationTypes.filter(
                  (r) => r.fromLabel !== label.key && r.toLabel !== label.key,
                );
              })
            }
          />
        ))}
        <div>
          <button type="button" onClick={addLabel}>
            Add label
          </button>
        </div>
        <h2 className="mg-panel-heading">Relation types</h2>
        <table className="mg-relation-types">
          <thead>
            <tr>
              <th>Name</th>
              <th>From</th>
              <th>To</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.relationTypes.map((relation, index) => (
              <tr key={index} data-relation-type={index}>
                <td>
                  <input
                    aria-label="Relation name"
                    value={relation.name}
                    onChange={(e) => edit((next) => (next.relationTypes[index]!.name = e.target.value))}
                  />
                </td>
                <td>
                  <select
                    aria-label="From label"
                    value={relation.fromLabel}
                    onChange={(e) => edit((next) => (next.relationTypes[index]!.fromLabel = e.target.value))}
                  >
                    {draft.labels.map((l) => (
                      <option key={l.key} value={l.key}>
                        {l.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    aria-label="To label"
                    value={relation.toLabel ?? ''}
                    onChange={(e) =>
                      edit((next) => (next.relationTypes[index]!.toLabel = e.target.value || null))
                    }
                  >
                    <option value="">any span</option>
                    {draft.labels.map((l) => (
                      <option key={l.key} value={l.key}>
                        {l.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className="mg-link mg-danger"
                    aria-label={`Remove relation type ${relation.name}`}
                    onClick={() => edit((next) => next.relationTypes.splice(index, 1))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <button
            type="button"
            onClick={() =>
              edit((next) =>
                next.relationTypes.push({
                  name: 'relates_to',
                  fromLabel: next.labels[0]!.key,
                  toLabel: null,
                }),
              )
            }
          >
            Add relation type
          </button>
        </div>
      </div>
      {impact && (
        <ImpactDialog
          impact={impact}
          busy={saving}
          onConfirm={() => void save(true)}
          onCancel={() => setImpact(null)}
        />
      )}
    </section>
  );
}

function LabelEditor(props: {
  label: LabelDef;
  onChange: (change: (label: LabelDef) => void) => void;
  onRemove: () => void;
}) {
  const { label, onChange } = props;
  const editAttribute = (index: number, change: (attribute: AttributeDef) => void) =>
    onChange((l) => change(l.attributes[index]!));
  return (
    <fieldset className={`mg-label-editor`} data-label-key={label.key}>
      <legend className="mg-row">
        <input
          aria-label="Label name"
          className="mg-label-name"
          value={label.name}
          onChange={(e) => onChange((l) => (l.name = e.target.value))}
        />
        <label className="mg-field-inline">
          Colour
          <input
            type="color"
            value={label.color}
            onChange={(e) => onChange((l) => (l.color = e.target.value))}
          />
        </label>
        <label className="mg-field-inline">
          Hotkey
          <input
            className="mg-hotkey"
            value={label.hotkey}
            aria-invalid={reservedKeyUse(label.hotkey) !== null}
            maxLength={1}
            onChange={(e) => onChange((l) => (l.hotkey = e.target.value.trim()))}
          />
        </label>
        <button type="button" className="mg-link mg-danger" onClick={props.onRemove}>
          Remove label
        </button>
      </legend>
      {label.attributes.map((attribute, index) => (
        <div className="mg-row mg-attribute-def" key={index} data-attribute={attribute.name}>
          <input
            aria-label="Attribute name"
            value={attribute.name}
            onChange={(e) => editAttribute(index, (a) => (a.name = e.target.value))}
          />
          <select
            aria-label="Attribute type"
            value={attribute.type}
            onChange={(e) =>
              editAttribute(index, (a) => {
                a.type = e.target.value as AttributeType;
                if (a.type !== 'enum') a.options = [];
              })
            }
          >
            {TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
          {attribute.type === 'enum' && (
            <OptionsField
              options={attribute.options}
              onChange={(options) => editAttribute(index, (a) => (a.options = options))}
            />
          )}
          <button
            type="button"
            className="mg-link mg-danger"
            aria-label={`Remove attribute ${attribute.name}`}
            onClick={() => onChange((l) => l.attributes.splice(index, 1))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="mg-link"
        onClick={() =>
          onChange((l) => l.attributes.push({ name: uniqueAttributeName(l), type: 'string', options: [] }))
        }
      >
        + attribute
      </button>
    </fieldset>
  );
}

/** Enum options typed as "a, b, c"; the raw text is kept so a trailing comma can be typed. */
function OptionsField({ options, onChange }: { options: string[]; onChange: (options: string[]) => void }) {
  const [raw, setRaw] = useState(options.join(', '));
  return (
    <input
      aria-label="Options"
      className="mg-options"
      placeholder="option, option, …"
      value={raw}
      onChange={(e) => {
        setRaw(e.target.value);
        onChange(
          e.target.value
            .split(',')
            .map((o) => o.trim())
            .filter((o) => o !== ''),
        );
      }}
    />
  );
}

/** The editable draft of a stored schema, each attribute and relation type knowing its stored name. */
function draftOf(schema: ProjectSchema): DraftSchema {
  return {
    labels: schema.labels.map((l) => ({
      ...l,
      attributes: l.attributes.map((a) => ({ ...a, stored: a.name })),
    })),
    relationTypes: schema.relationTypes.map((r) => ({ ...r, stored: r.name, storedFrom: r.fromLabel })),
  };
}

/**
 * The attributes and relation types of the draft whose name changed. A relation type moved to
 * another start label is a new type there, not a rename (relations are kept per start label).
 */
function renamesIn(draft: DraftSchema): SchemaRenames {
  return {
    attributes: draft.labels.flatMap((label) =>
      label.attributes
        .filter((a) => a.stored !== undefined && a.stored !== a.name.trim())
        .map((a) => ({ label: label.key, from: a.stored!, to: a.name.trim() })),
    ),
    relationTypes: draft.relationTypes
      .filter((r) => r.stored !== undefined && r.storedFrom === r.fromLabel && r.stored !== r.name.trim())
      .map((r) => ({ fromLabel: r.fromLabel, from: r.stored!, to: r.name.trim() })),
  };
}

function uniqueName(schema: { labels: { name: string }[] }, base: string): string {
  let name = base;
  for (let n = 2; schema.labels.some((l) => l.name === name); n++) name = `${base} ${n}`;
  return name;
}

function uniqueAttributeName(label: LabelDef): string {
  let name = 'attribute';
  for (let n = 2; label.attributes.some((a) => a.name === name); n++) name = `attribute${n}`;
  return name;
}

/** The draft as a schema: real keys for new labels (made from their final names), trimmed names. */
function withFinalKeys(draft: DraftSchema): ProjectSchema {
  const schema: ProjectSchema = { labels: [], relationTypes: [] };
  const keys = new Map<string, string>();
  for (const label of draft.labels) {
    const key = label.key.startsWith(NEW_KEY)
      ? newLabelKey({ ...schema, labels: [...schema.labels, ...draft.labels] }, label.name)
      : label.key;
    keys.set(label.key, key);
    schema.labels.push({
      ...label,
      key,
      name: label.name.trim(),
      attributes: label.attributes.map((a) => ({ name: a.name.trim(), type: a.type, options: a.options })),
    });
  }
  schema.relationTypes = draft.relationTypes.map((r) => ({
    name: r.name.trim(),
    fromLabel: keys.get(r.fromLabel) ?? r.fromLabel,
    toLabel: r.toLabel === null ? null : (keys.get(r.toLabel) ?? r.toLabel),
  }));
  return schema;
}
