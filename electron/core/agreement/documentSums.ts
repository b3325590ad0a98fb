/**
 * One document's contribution to every agreement figure, as sums that add up over documents: the
 * service caches these per document and adds them on demand, so an edit recomputes one document.
 * Raters are the compared layers in a fixed order (annotators, then gold when present); the
 * group figures (Fleiss, alpha-U over all, attribute alpha) use the annotators only, never gold.
 * docs/agreement.md, Which documents count.
 */
import { segmentsOf, sumsOfSegments, type UnitizingSums } from './alphaUnitizing';
import type { Contingency } from './cohenKappa';
import type { AgreementSpan } from './figures';
import type { FleissSums } from './fleissKappa';
import { addUnit, type Coincidences } from './krippendorffAlpha';
import {
  exactMatchOfKeys,
  extentsOf,
  partialMatchOfExtents,
  sameLabelKeys,
  type MatchCounts,
} from './spanMatch';
import { fleissOfRanges, pairTableOfRanges, tokenRanges, tokenStarts } from './tokenLabels';

/** A span with the attribute values agreement on attributes reads. */
export interface RatedSpan extends AgreementSpan {
  attributes?: Readonly<Record<string, string | number | boolean>>;
}

export interface LabelPairSums {
  exact: MatchCounts;
  partial: MatchCounts;
  tokens: Contingency;
  unitizing: UnitizingSums;
}

/** Two raters (by index, a < b) on one document; absent when neither has a span there. */
export interface PairSums {
  a: number;
  b: number;
  labels: Record<string, LabelPairSums>;
}

export interface LabelGroupSums {
  fleiss: FleissSums;
  unitizing: UnitizingSums;
}

export interface DocumentSums {
  length: number;
  pairs: PairSums[];
  /** Over the annotators (not gold), when at least one of them has a span here; else null. */
  group: Record<string, LabelGroupSums> | null;
  /** Attribute values of spans several annotators marked identically, by "label\u0000attribute". */
  attributes: Record<string, Coincidences>;
}

/**
 * The sums of one document. `layers[i]` are rater i's spans; the first `annotators` raters are
 * annotators and any after them gold. `labels` are the labels to compute (all the project uses).
 */
export function documentSums(
  text: string,
  layers: readonly (readonly RatedSpan[])[],
  annotators: number,
  labels: readonly string[],
): DocumentSums {
  const length = text.length;
  const starts = tokenStarts(text, layers);
  // Each rater's spans of each label, in one pass; then everything a pair or the group needs of a
  // rater and label is built once and shared by them.
  const spansOf = new Map(labels.map((l) => [l, layers.map((): RatedSpan[] => [])]));
  for (let i = 0; i < layers.length; i++) for (const s of layers[i]!) spansOf.get(s.label)?.[i]!.push(s);
  const byLabel = labels.map((label) => {
    const perRater = spansOf.get(label)!;
    return {
      label,
      runs: perRater.map((spans) => tokenRanges(starts, spans, label)),
      keys: perRater.map(sameLabelKeys),
      extents: perRater.map(extentsOf),
      segments: perRater.map((spans) => segmentsOf(spans, label, length)),
    };
  });
  const pairs: PairSums[] = [];
  for (let a = 0; a < layers.length; a++)
    for (let b = a + 1; b < layers.length; b++) {
      if (layers[a]!.length === 0 && layers[b]!.length === 0) continue;
      // Gold, when it is in the pair (always as b), is the reference: precision is the annotator's.
      const [ri, ci] = b >= annotators ? [b, a] : [a, b];
      const perLabel: Record<string, LabelPairSums> = {};
      for (const l of byLabel)
        perLabel[l.label] = {
          exact: exactMatchOfKeys(l.keys[ri]!, l.keys[ci]!),
          partial: partialMatchOfExtents(l.extents[ri]!, l.extents[ci]!),
          tokens: pairTableOfRanges(l.runs[a]!, l.runs[b]!, starts.length),
          unitizing: sumsOfSegments([l.segments[a]!, l.segments[b]!], length),
        };
      pairs.push({ a, b, labels: perLabel });
    }
  const people = layers.slice(0, annotators);
  let group: DocumentSums['group'] = null;
  if (people.some((spans) => spans.length > 0)) {
    group = {};
    for (const l of byLabel)
      group[l.label] = {
        fleiss: fleissOfRanges(l.runs.slice(0, annotators), starts.length),
        unitizing: sumsOfSegments(l.segments.slice(0, annotators), length),
      };
  }
  return { length, pairs, group, attributes: attributeCoincidences(people) };
}

/** Units are spans with the same label and characters; each annotator's value of each attribute. */
function attributeCoincidences(people: readonly (readonly RatedSpan[])[]): Record<string, Coincidences> {
  // Nearly every document has no attribute value at all: then no unit has one either.
  if (!people.some((spans) => spans.some((s) => s.attributes && Object.keys(s.attributes).length))) return {};
  const units = new Map<string, (RatedSpan | undefined)[]>();
  people.forEach((spans, r) => {
    for (const s of spans) {
      const key = `${s.label}\u0000${s.fragments.map((f) => `${f.start}-${f.end}`).join(',')}`;
      const row = units.get(key) ?? new Array<RatedSpan | undefined>(people.length).fill(undefined);
      row[r] ??= s;
      units.set(key, row);
    }
  });
  const result: Record<string, Coincidences> = {};
  for (const row of units.values()) {
    const label = row.find((s) => s)!.label;
    const names = new Set(row.flatMap((s) => Object.keys(s?.attributes ?? {})));
    for (const name of names) {
      const key = `${label}\u0000${name}`;
      const values = row.map((s) => {
        const v = s?.attributes?.[name];
        return v === undefined ? null : String(v);
      });
      result[key] = addUnit(result[key] ?? new Map(), values);
    }
  }
  return result;
}
