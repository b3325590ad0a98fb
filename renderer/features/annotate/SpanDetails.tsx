/**
 * Everything about the selected span beyond its label: fragments, typed attributes, a note and
 * relations. Each control saves at once through the API; nothing here holds unsaved state
 * except the draft of a field being typed in.
 */
import { useEffect, useState, type RefObject } from 'react';
import type { ProjectSchema, Relation, Span } from '../../../electron/contract/types';
import type { AttributeValue } from '../../../electron/core/attributes';
import { AttributeFields } from './AttributeFields';
import { RelationList } from './RelationList';

interface Props {
  text: string;
  span: Span;
  spans: readonly Span[];
  relations: readonly Relation[];
  schema: ProjectSchema;
  onAttribute: (name: string, value: AttributeValue | null) => void;
  onNote: (note: string | null) => void;
  onAddFragment: () => void;
  onRemoveFragment: (index: number) => void;
  onStartLink: () => void;
  onJump: (span: Span) => void;
  onDeleteRelation: (relation: Relation) => void;
  /** Esc in any field: the user is done here and goes back to the text. */
  onLeave: () => void;
  containerRef?: RefObject<HTMLDivElement | null>;
}

/** Keeps a button from taking the text selection away (its mousedown would clear it). */
const keepSelection = (event: { preventDefault(): void }) => event.preventDefault();

export function SpanDetails(props: Props) {
  const { text, span } = props;
  const label = props.schema.labels.find((l) => l.key === span.label);
  return (
    <div
      className="mg-span-details"
      ref={props.containerRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onLeave();
      }}
    >
      {span.fragments.length > 1 && (
        <ol className="mg-fragments" aria-label="Fragments">
          {span.fragments.map((fragment, index) => {
            const covered = text.slice(fragment.start, fragment.end);
            return (
              <li key={`${fragment.start}-${fragment.end}`}>
                <span className="mg-fragment-text">{covered}</span>
                <button
                  type="button"
                  className="mg-link mg-danger"
                  aria-label={`Remove fragment “${covered}”`}
                  onClick={() => props.onRemoveFragment(index)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <div className="mg-row">
        <button
          type="button"
          onMouseDown={keepSelection}
          onClick={props.onAddFragment}
          title="Select more text, then click here or press + to add it to this span"
        >
          <kbd>+</kbd> Add fragment
        </button>
        <button
          type="button"
          onMouseDown={keepSelection}
          onClick={props.onStartLink}
          title="Link this span to another: then click the other span, or Tab to it and press Enter"
        >
          <kbd>L</kbd> Link…
        </button>
      </div>
      {label && <AttributeFields span={span} label={label} onChange={props.onAttribute} />}
      <NoteField key={span.id} note={span.note} onSave={props.onNote} />
      <h3 className="mg-subheading">Relations</h3>
      <RelationList
        text={text}
        span={span}
        spans={props.spans}
        relations={props.relations}
        schema={props.schema}
        onJump={props.onJump}
        onDelete={props.onDeleteRelation}
      />
    </div>
  );
}

/** A free-text note, saved on Enter (Shift+Enter for a new line) or when the field loses focus. */
function NoteField({ note, onSave }: { note: string | null; onSave: (note: string | null) => void }) {
  const stored = note ?? '';
  const [draft, setDraft] = useState(stored);
  useEffect(() => setDraft(stored), [stored]);
  const save = () => {
    if (draft.trim() !== stored) onSave(draft.trim() || null);
  };
  return (
    <label className="mg-attribute mg-note">
      <span className="mg-attribute-name">Note</span>
      <textarea
        rows={2}
        value={draft}
        placeholder="A note on this span"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            save();
          }
          if (e.key === 'Escape') setDraft(stored);
        }}
      />
    </label>
  );
}
