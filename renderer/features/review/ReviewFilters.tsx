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
      <FilterSelect
        name="Kind"
        selectRef={props.first}
        value={filter.kind ?? ''}
        options={[
          ['', counted('every kind', total)],
          ...CONFLICT_KINDS.map((k): Option => [k, counted(k, counts.kinds[k])]),
        ]}
        onChange={(v) => set({ kind: (v || undefined) as ConflictKind | undefined })}
      />
      <FilterSelect
        name="Label"
        value={filter.label ?? ''}
        options={[
          ['', counted('every label', total)],
          ...labels.map((l): Option => [l, counted(props.labelName(l), counts.labels[l])]),
        ]}
        onChange={(v) => set({ label: v || undefined })}
      />
      <FilterSelect
        name="Document"
        value={String(filter.document ?? '')}
        options={[
          ['', counted('every document', total)],
          ...(filter.document && !counts.documents.some((d) => d.id === filter.document)
            ? [[String(filter.document), counted(`document ${filter.document}`, 0)] as Option]
            : []),
          ...counts.documents.map((d): Option => [String(d.id), counted(d.title, d.open)]),
        ]}
        onChange={(v) => set({ document: v ? Number(v) : undefined })}
      />
      <FilterSelect
        name="Annotator"
        value={filter.annotators?.join(SEPARATOR) ?? ''}
        options={[
          ['', counted('every annotator', total)],
          ...(pair ? [[pair.join(SEPARATOR), namesOf(pair).replace(/ and /, ' or ')] as Option] : []),
          ...people.map((a): Option => [a, counted(a, counts.annotators[a])]),
        ]}
        onChange={(v) => set({ annotators: v ? v.split(SEPARATOR) : undefined })}
      />
      <FilterSelect
        name="Sort"
        value={filter.sort ?? 'document'}
        options={[
          ['document', 'by document'],
          ['kind', 'by kind'],
          ['label', 'by label'],
        ]}
        onChange={(v) => set({ sort: v as ReviewFilter['sort'] })}
      />
    </div>
  );
}

/** A choice's value and the text shown for it. */
type Option = [value: string, text: string];

/** Annotators of a pair in one option's value (a name holds no NUL). */
const SEPARATOR = '\u0000';

function FilterSelect(props: {
  name: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  selectRef?: RefObject<HTMLSelectElement | null>;
}) {
  return (
    <label>
      {props.name}{' '}
      <select
        aria-label={props.name}
        ref={props.selectRef}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
