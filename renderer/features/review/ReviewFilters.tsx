/**
 * The queue's filters, each choice with the number of open conflicts it holds in the project
 * (ConflictCounts), and the sort. Plain selects, so Tab and the arrows reach every one; F focuses
 * the first from the queue and Esc goes back to it.
 */
import type { RefObject } from 'react';
import type { ConflictCounts } from '../../../electron/contract/review';
import { CONFLICT_KINDS, type ConflictKind } from '../../../electron/core/conflicts';
import type { ReviewFilter } from './reviewKeys';
import { namesOf } from './reviewLayers';

const counted = (name: string, n: number | undefined) => `${name} (${n ?? 0})`;
const sum = (counts: Record<string, number | undefined>) =>
  Object.values(counts).reduce<number>((a, b) => a + (b ?? 0), 0);

export function ReviewFilters(props: {
  filter: ReviewFilter;
  counts: ConflictCounts | null;
  labelName: (key: string) => string;
  first: RefObject<HTMLSelectElement | null>;
  onChange: (filter: ReviewFilter) => void;
  onLeave: () => void;
}) {
  const { filter, onChange } = props;
  const counts = props.counts ?? { kinds: {}, labels: {}, documents: [], annotators: {} };
  const total = sum(counts.kinds);
  const labels = [
    ...new Set([...Object.keys(counts.labels), ...(filter.label ? [filter.label] : [])]),
  ].sort();
  const people = Object.keys(counts.annotators).sort();
  const pair = filter.annotators && filter.annotators.length > 1 ? filter.annotators : null;
  // A choice of "every …" leaves that filter out.
  const set = (change: Partial<ReviewFilter>) =>
    onChange(
      Object.fromEntries(
        Object.entries({ ...filter, ...change }).filter(([, v]) => v !== undefined && v !== ''),
      ) as ReviewFilter,
    );
  return (
    <div
      className="mg-review-filters"
      role="group"
      aria-label="Filters"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        props.onLeave();
      }}
    >
      <label>
        Kind{' '}
        <select
          aria-label="Kind"
          ref={props.first}
          value={filter.kind ?? ''}
          onChange={(e) => set({ kind: (e.target.value || undefined) as ConflictKind | undefined })}
        >
          <option value="">{counted('every kind', total)}</option>
          {CONFLICT_KINDS.map((k) => (
            <option key={k} value={k}>
              {counted(k, counts.kinds[k])}
            </option>
          ))}
        </select>
      </label>
      <label>
        Label{' '}
        <select
          aria-label="Label"
          value={filter.label ?? ''}
          onChange={(e) => set({ label: e.target.value || undefined })}
        >
          <option value="">{counted('every label', total)}</option>
          {labels.map((l) => (
            <option key={l} value={l}>
              {counted(props.labelName(l), counts.labels[l])}
            </option>
          ))}
        </select>
      </label>
      <label>
        Document{' '}
        <select
          aria-label="Document"
          value={filter.document ?? ''}
          onChange={(e) => set({ document: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">{counted('every document', total)}</option>
          {filter.document && !counts.documents.some((d) => d.id === filter.document) && (
            <option value={filter.document}>{counted(`document ${filter.document}`, 0)}</option>
          )}
          {counts.documents.map((d) => (
            <option key={d.id} value={d.id}>
              {counted(d.title, d.open)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Annotator{' '}
        <select
          aria-label="Annotator"
          value={filter.annotators?.join('\u0000') ?? ''}
          onChange={(e) => set({ annotators: e.target.value ? e.target.value.split('\u0000') : undefined })}
        >
          <option value="">{counted('every annotator', total)}</option>
          {pair && <option value={pair.join('\u0000')}>{namesOf(pair).replace(/ and /, ' or ')}</option>}
          {people.map((a) => (
            <option key={a} value={a}>
              {counted(a, counts.annotators[a])}
            </option>
          ))}
        </select>
      </label>
      <label>
        Sort{' '}
        <select
          aria-label="Sort"
          value={filter.sort ?? 'document'}
          onChange={(e) => set({ sort: e.target.value as ReviewFilter['sort'] })}
        >
          <option value="document">by document</option>
          <option value="kind">by kind</option>
          <option value="label">by label</option>
        </select>
      </label>
    </div>
  );
}
