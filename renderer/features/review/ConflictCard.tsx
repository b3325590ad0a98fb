/**
 * The current conflict: where it is, who said what, and its versions numbered for the keys, each
 * with a chip naming the annotators who drew it identically.
 */
import type { ConflictVersionView, ConflictView } from '../../../electron/contract/review';
import { namesOf } from './reviewLayers';

const extent = (v: ConflictVersionView) => (v.fragments ?? []).map((f) => `${f.start}–${f.end}`).join(', ');

/** A version as one line: "Figure 15–24 {category: count}", or a relation's type. */
export function versionText(v: ConflictVersionView): string {
  if (v.type) return v.type;
  const attributes = Object.entries(v.attributes ?? {});
  const values = attributes.length ? ` {${attributes.map(([k, a]) => `${k}: ${String(a)}`).join(', ')}}` : '';
  return `${v.label} ${extent(v)}${values}`;
}

export function ConflictCard(props: {
  conflict: ConflictView;
  at: number;
  of: number;
  text: string | null;
  /** The version E would edit from. */
  pointed: number;
}) {
  const { conflict, text } = props;
  const quote = (v: ConflictVersionView | undefined) => {
    const f = v?.fragments;
    return text && f?.length ? ` “${f.map((g) => text.slice(g.start, g.end)).join(' … ')}”` : '';
  };
  return (
    <article aria-label="Current conflict">
      <p>
        {props.at + 1} of {props.of}: <strong>{conflict.kind}</strong> in {conflict.title} —{' '}
        {conflict.summary}
      </p>
      {conflict.relation && (
        <p>
          between {versionText(conflict.relation.from)}
          {quote(conflict.relation.from)} and {versionText(conflict.relation.to)}
          {quote(conflict.relation.to)}
        </p>
      )}
      <ol aria-label="Versions">
        {conflict.versions.map((v, i) => (
          <li
            key={i}
            aria-current={i === props.pointed}
            className={i === props.pointed ? 'mg-review-pointed' : ''}
          >
            <kbd>{i + 1}</kbd> {versionText(v)}
            {quote(v)} <span className="mg-review-chip">{namesOf(v.annotators)}</span>
          </li>
        ))}
        {conflict.none.length > 0 && (
          <li className="mg-review-none">
            none: <span className="mg-review-chip">{namesOf(conflict.none)}</span>
          </li>
        )}
      </ol>
    </article>
  );
}
