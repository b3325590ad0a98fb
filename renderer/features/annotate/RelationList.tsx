/** The relations of the selected span, outgoing and incoming, each with a jump and a delete. */
import type { ProjectSchema, Relation, Span } from '../../../electron/contract/types';
import { fragmentsText } from '../../../electron/core/fragments';
import { labelName } from '../../../electron/core/schemaRules';

interface Props {
  text: string;
  span: Span;
  spans: readonly Span[];
  relations: readonly Relation[];
  schema: ProjectSchema;
  onJump: (span: Span) => void;
  onDelete: (relation: Relation) => void;
}

export function RelationList({ text, span, spans, relations, schema, onJump, onDelete }: Props) {
  const mine = relations.filter((r) => r.fromSpan === span.id || r.toSpan === span.id);
  if (mine.length === 0) return <p className="mg-muted">No relations.</p>;
  return (
    <ul className="mg-relations" aria-label="Relations">
      {mine.map((relation) => {
        const outgoing = relation.fromSpan === span.id;
        const other = spans.find((s) => s.id === (outgoing ? relation.toSpan : relation.fromSpan));
        const otherText = other ? fragmentsText(text, other.fragments) : '(missing span)';
        const otherLabel = other ? labelName(schema, other.label) : '';
        const description = outgoing
          ? `${relation.type} → ${otherLabel}`
          : `← ${relation.type} from ${otherLabel}`;
        return (
          <li key={relation.id} className="mg-relation">
            <button
              type="button"
              className="mg-link mg-relation-jump"
              title="Go to this span"
              disabled={!other}
              onClick={() => other && onJump(other)}
            >
              <span className="mg-relation-type">{description}</span>{' '}
              <span className="mg-relation-text">“{otherText}”</span>
            </button>
            <button
              type="button"
              className="mg-link mg-danger"
              aria-label={`Delete relation ${relation.type} ${outgoing ? 'to' : 'from'} “${otherText}”`}
              title="Delete this relation"
              onClick={() => onDelete(relation)}
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
