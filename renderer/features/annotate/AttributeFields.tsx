/**
 * The typed attributes of the selected span, one field per attribute of its label: a select for
 * an enum, a checkbox for a bool, checked text for a number, text for a string. Selects and
 * checkboxes save on change; typed fields on Enter or when they lose focus.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { Span } from '../../../electron/contract/types';
import { parseNumberInput, type AttributeValue } from '../../../electron/core/attributes';
import type { AttributeDef, LabelDef } from '../../../electron/core/schema';

interface Props {
  span: Span;
  label: LabelDef;
  onChange: (name: string, value: AttributeValue | null) => void;
}

export function AttributeFields({ span, label, onChange }: Props) {
  if (label.attributes.length === 0) return null;
  return (
    <div className="mg-attributes" role="group" aria-label="Attributes">
      {label.attributes.map((def) => (
        <AttributeField
          key={`${span.id}:${def.name}`}
          def={def}
          value={span.attributes[def.name]}
          onChange={(value) => onChange(def.name, value)}
        />
      ))}
    </div>
  );
}

function AttributeField(props: {
  def: AttributeDef;
  value: AttributeValue | undefined;
  onChange: (value: AttributeValue | null) => void;
}) {
  const { def, value, onChange } = props;
  if (def.type === 'enum') {
    return (
      <label className="mg-attribute">
        <span className="mg-attribute-name">{def.name}</span>
        <select
          aria-label={def.name}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">—</option>
          {def.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
    );
  }
  if (def.type === 'bool') {
    return (
      <label className="mg-attribute">
        <span className="mg-attribute-name">{def.name}</span>
        <input
          type="checkbox"
          aria-label={def.name}
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      </label>
    );
  }
  return <TypedField def={def} value={value} onChange={onChange} />;
}

/** A text or number field that keeps a draft while typing and saves it on Enter or blur. */
function TypedField(props: {
  def: AttributeDef;
  value: AttributeValue | undefined;
  onChange: (value: AttributeValue | null) => void;
}) {
  const { def, value, onChange } = props;
  const stored = value === undefined ? '' : String(value);
  const [draft, setDraft] = useState(stored);
  const [problem, setProblem] = useState<string | null>(null);
  // An edit from elsewhere (undo, another field) replaces the draft.
  useEffect(() => setDraft(stored), [stored]);

  const save = () => {
    const text = draft.trim();
    if (text === stored) return setProblem(null);
    if (text === '') return (setProblem(null), onChange(null));
    if (def.type === 'number') {
      const number = parseNumberInput(text);
      if (number === null) return setProblem(`${def.name} must be a number`);
      setProblem(null);
      if (String(number) !== stored) onChange(number);
      setDraft(String(number));
      return;
    }
    setProblem(null);
    onChange(text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') save();
    if (event.key === 'Escape') {
      setDraft(stored);
      setProblem(null);
    }
  };

  return (
    <label className="mg-attribute">
      <span className="mg-attribute-name">{def.name}</span>
      <input
        type="text"
        aria-label={def.name}
        inputMode={def.type === 'number' ? 'decimal' : undefined}
        value={draft}
        aria-invalid={problem !== null}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={save}
        onKeyDown={onKeyDown}
      />
      {problem && <span className="mg-field-problem">{problem}</span>}
    </label>
  );
}
