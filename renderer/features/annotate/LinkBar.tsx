/** The bar shown while linking: the span linked from, the current target, and how to go on. */
import type { ProjectSchema } from '../../../electron/contract/types';
import { fragmentsText } from '../../../electron/core/fragments';
import { labelName } from '../../../electron/core/schemaRules';
import type { LinkOption } from './linking';
import type { LinkingState } from './useSpanDetails';

interface Props {
  text: string;
  linking: LinkingState;
  schema: ProjectSchema;
  onChoose: (option: LinkOption) => void;
}

export function LinkBar({ text, linking, schema, onChoose }: Props) {
  const name = (key: string) => labelName(schema, key);
  const target = linking.candidates[linking.index]!;
  const quote = (span: { fragments: { start: number; end: number }[] }) =>
    `“${fragmentsText(text, span.fragments)}”`;
  return (
    <div className="mg-linkbar" role="status" aria-label="Linking">
      <span>
        Link {name(linking.source.label)} {quote(linking.source)} to {name(target.label)}{' '}
        <strong>{quote(target)}</strong> ({linking.index + 1} of {linking.candidates.length})
      </span>
      {linking.choices ? (
        <span className="mg-row">
          Relation:
          {linking.choices.map((choice, index) => (
            <button key={`${choice.type}-${choice.from.id}`} type="button" onClick={() => onChoose(choice)}>
              <kbd>{index + 1}</kbd> {name(choice.from.label)} {choice.type} {name(choice.to.label)}
            </button>
          ))}
        </span>
      ) : (
        <span className="mg-hint">Tab / arrows: next span · Enter: link · Esc: cancel · or click a span</span>
      )}
    </div>
  );
}
