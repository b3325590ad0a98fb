/**
 * Conflicts between annotators' layers of one document, typed for adjudication (docs/adjudication.md).
 * Spans are grouped into places: two spans are at one place when they have the same characters
 * (every fragment), or the same label and a character in common. Nested spans of other labels
 * (a Figure inside a Claim) stay apart. Identical spans from several annotators are one version
 * carrying all their names. A place where every annotator has the same version is agreement;
 * otherwise it is a conflict of one kind. Relations are compared by their endpoints' versions.
 */
import type { Fragment } from './spans';

export type ConflictKind = 'boundary' | 'label' | 'attribute' | 'missing' | 'relation';
export const CONFLICT_KINDS: readonly ConflictKind[] = [
  'boundary',
  'label',
  'attribute',
  'missing',
  'relation',
];

export type AttributeValues = Record<string, string | number | boolean>;

export interface LayerSpan {
  /** The span's id in its layer, for the layer's relations. */
  id: number;
  label: string;
  fragments: readonly Fragment[];
  attributes?: AttributeValues;
}

export interface LayerRelation {
  type: string;
  from: number;
  to: number;
}

export interface AnnotatorLayer {
  annotator: string;
  spans: readonly LayerSpan[];
  relations?: readonly LayerRelation[];
}

/** One thing an annotator (or several, identically) said at a place. */
export interface SpanVersion {
  label: string;
  fragments: Fragment[];
  attributes: AttributeValues;
  annotators: string[];
}

export interface RelationVersion {
  type: string;
  annotators: string[];
}

/** Agreement (kind null) or a conflict at one place of a document. */
export interface SpanPlace {
  key: string;
  kind: Exclude<ConflictKind, 'relation'> | null;
  /** Versions, the most annotators first. */
  versions: SpanVersion[];
  /** Annotators with nothing at this place. */
  none: string[];
  /** The version the gold layer holds exactly (label, characters, attributes), or null. */
  gold: number | null;
  /** Who said what: "2 of 3: ann1, ann2; ann3: none". */
  summary: string;
}

export interface RelationPlace {
  key: string;
  kind: 'relation' | null;
  from: SpanVersion;
  to: SpanVersion;
  versions: RelationVersion[];
  none: string[];
  gold: number | null;
  summary: string;
}

export interface DocumentConflicts {
  spans: SpanPlace[];
  relations: RelationPlace[];
}

/** A span's characters, every fragment: two spans with the same key cover the same text. */
export const extentKey = (fragments: readonly Fragment[]) =>
  // One fragment (nearly every span) needs no list of pieces to join.
  fragments.length === 1
    ? `${fragments[0]!.start}-${fragments[0]!.end}`
    : fragments.map((f) => `${f.start}-${f.end}`).join(',');
/** A span version's identity: label and characters. */
export const spanVersionKey = (s: { label: string; fragments: readonly Fragment[] }) =>
  `${s.label}@${extentKey(s.fragments)}`;
const attributesKey = (a: AttributeValues = {}) =>
  JSON.stringify(
    Object.keys(a)
      .sort()
      .map((k) => [k, a[k]]),
  );
/** The attribute key of a span without attribute values, the most common by far. */
const NO_ATTRIBUTES = attributesKey();
const attributesKeyOf = (a: AttributeValues | undefined) => {
  for (const _ in a) return attributesKey(a);
  return NO_ATTRIBUTES;
};
/** What makes two spans identical: label, characters and attribute values (in any order). */
export const identicalSpanKey = (s: {
  label: string;
  fragments: readonly Fragment[];
  attributes?: AttributeValues;
}) => `${spanVersionKey(s)}|${attributesKeyOf(s.attributes)}`;

/** How many characters two spans share, fragment by fragment. */
export const overlap = (a: readonly Fragment[], b: readonly Fragment[]) =>
  a.reduce(
    (n, f) => n + b.reduce((m, g) => m + Math.max(0, Math.min(f.end, g.end) - Math.max(f.start, g.start)), 0),
    0,
  );
const shareCharacter = (a: readonly Fragment[], b: readonly Fragment[]) => overlap(a, b) > 0;

const byPosition = (a: SpanVersion, b: SpanVersion) =>
  a.fragments[0]!.start - b.fragments[0]!.start ||
  b.fragments.at(-1)!.end - a.fragments.at(-1)!.end ||
  (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) ||
  a.fragments.length - b.fragments.length;

/** "2 of 3: ann1, ann2; ann3: none" — each version's names, the largest first. */
export function whoSaidWhat(
  versions: readonly { annotators: string[] }[],
  none: readonly string[],
  n: number,
) {
  const parts = versions.map((v) => `${v.annotators.length} of ${n}: ${v.annotators.join(', ')}`);
  if (none.length) parts.push(`${none.join(', ')}: none`);
  return parts.join('; ');
}

const mostFirst = <V extends { annotators: string[] }>(versions: V[]) =>
  versions.sort((a, b) => b.annotators.length - a.annotators.length);

/** The versions of one label and extent (attribute values aside), with their attribute keys. */
interface PlainVersions {
  key: string;
  versions: SpanVersion[];
  attributes: string[];
}

/**
 * Every place of one document where annotators said something, agreed or not, in text order.
 * `gold` (the gold layer, if any) tells which version it already holds.
 */
export function documentPlaces(layers: readonly AnnotatorLayer[], gold?: AnnotatorLayer): DocumentConflicts {
  const names = layers.map((l) => l.annotator);
  const n = names.length;
  // Who drew a version, as bits: words per entry, one bit per layer (annotator) index.
  const words = Math.max(1, Math.ceil(n / 32));
  // Span versions: one per (label, characters, attribute values), grouped by label and characters;
  // an annotator's own duplicates count once. Keys are built once per span.
  const byKey = new Map<string, number>();
  const plain: PlainVersions[] = [];
  const who: number[] = [];
  const spanOf = new Map<string, Map<number, string>>();
  layers.forEach((layer, a) => {
    const ids = layer.relations?.length ? new Map<number, string>() : null;
    if (ids) spanOf.set(layer.annotator, ids);
    for (const s of layer.spans) {
      const key = spanVersionKey(s);
      ids?.set(s.id, key);
      let i = byKey.get(key);
      if (i === undefined) {
        byKey.set(key, (i = plain.length));
        plain.push({ key, versions: [], attributes: [] });
        for (let w = 0; w < words; w++) who.push(0);
      }
      who[i * words + (a >>> 5)]! |= 1 << (a & 31);
      const entry = plain[i]!;
      const attributes = attributesKeyOf(s.attributes);
      const v = entry.versions[entry.attributes.indexOf(attributes)];
      // Layers are read one after another, so an annotator's duplicate is the last name there.
      if (v) {
        if (v.annotators.at(-1) !== layer.annotator) v.annotators.push(layer.annotator);
        continue;
      }
      entry.attributes.push(attributes);
      entry.versions.push({
        label: s.label,
        fragments: s.fragments.map((f) => ({ start: f.start, end: f.end })),
        attributes: attributes === NO_ATTRIBUTES ? {} : { ...s.attributes },
        annotators: [layer.annotator],
      });
    }
  });
  const count = plain.length;
  const first = plain.map((p) => p.versions[0]!);
  // Versions at one place are alternatives: each annotator has at most one there, so two spans one
  // annotator drew (a Claim nested in a Claim) stay two places. Candidate pairs join in order: the
  // same characters first, then the largest overlap of one label, then text order.
  const parent = Array.from({ length: count }, (_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const pairs: { i: number; j: number; rank: number }[] = [];
  // Only spans whose outer bounds meet can share a character: a sweep in start order finds them.
  const extents = plain.map((p) => p.key.slice(p.key.lastIndexOf('@')));
  const starts = first.map((v) => v.fragments[0]!.start);
  const ends = first.map((v) => v.fragments.at(-1)!.end);
  const byStart = Array.from({ length: count }, (_, i) => i).sort((a, b) => starts[a]! - starts[b]!);
  for (let x = 0; x < byStart.length; x++) {
    const i = byStart[x]!;
    for (let y = x + 1; y < byStart.length && starts[byStart[y]!]! < ends[i]!; y++) {
      const j = byStart[y]!;
      const a = first[i]!;
      const b = first[j]!;
      if (extents[i] === extents[j]) pairs.push({ i, j, rank: Infinity });
      else if (a.label === b.label && shareCharacter(a.fragments, b.fragments))
        pairs.push({ i, j, rank: overlap(a.fragments, b.fragments) });
    }
  }
  pairs.sort(
    (p, q) => q.rank - p.rank || byPosition(first[p.i]!, first[q.i]!) || byPosition(first[p.j]!, first[q.j]!),
  );
  const shareAnnotator = (r: number, s: number) => {
    for (let w = 0; w < words; w++) if (who[r * words + w]! & who[s * words + w]!) return true;
    return false;
  };
  for (const { i, j } of pairs) {
    const [ri, rj] = [root(i), root(j)];
    if (ri === rj || shareAnnotator(ri, rj)) continue;
    parent[ri] = rj;
    for (let w = 0; w < words; w++) who[rj * words + w]! |= who[ri * words + w]!;
  }
  // Places in the order of their first member, as the members were first drawn. Most places have
  // one member, and need no list of them.
  const firsts: number[] = [];
  const others: (number[] | undefined)[] = [];
  const groupOf = new Int32Array(count).fill(-1);
  for (let i = 0; i < count; i++) {
    const r = root(i);
    const g = groupOf[r]!;
    if (g === -1) {
      groupOf[r] = firsts.push(i) - 1;
      others.push(undefined);
    } else (others[g] ??= [firsts[g]!]).push(i);
  }

  // Who said what at a place of one version follows from who drew it: made once per set of names.
  const said = new Map<number, string>();
  const spans: SpanPlace[] = [];
  for (let g = 0; g < firsts.length; g++) {
    const members = others[g];
    const r = root(firsts[g]!);
    const none: string[] = [];
    for (let a = 0; a < n; a++) if (!(who[r * words + (a >>> 5)]! & (1 << (a & 31)))) none.push(names[a]!);
    let kind: SpanPlace['kind'];
    let versions: SpanVersion[];
    let key: string;
    if (!members) {
      // One label and one extent: agreement, missing, or differing attribute values.
      const entry = plain[firsts[g]!]!;
      versions = entry.versions.length > 1 ? mostFirst([...entry.versions]) : entry.versions;
      kind = versions.length > 1 ? 'attribute' : none.length ? 'missing' : null;
      const v = versions[0]!;
      key = `span:${v.fragments[0]!.start}-${v.fragments.at(-1)!.end}:${v.label}`;
    } else {
      versions = members.flatMap((m) => plain[m]!.versions);
      kind = members.some((m) => extents[m] !== extents[members[0]!]) ? 'boundary' : 'label';
      // The outer bounds of all versions and their labels, in one pass (no sorted copy).
      let start = Infinity;
      let end = -Infinity;
      const labels: string[] = [];
      for (const v of versions) {
        start = Math.min(start, v.fragments[0]!.start);
        end = Math.max(end, v.fragments.at(-1)!.end);
        if (!labels.includes(v.label)) labels.push(v.label);
      }
      mostFirst(versions.sort(byPosition));
      key = `span:${start}-${end}:${labels.sort().join('+')}`;
    }
    let summary: string | undefined;
    if (versions.length === 1 && words === 1) {
      summary = said.get(who[r]!);
      if (summary === undefined) said.set(who[r]!, (summary = whoSaidWhat(versions, none, n)));
    }
    spans.push({
      key,
      kind,
      versions,
      none,
      gold: null,
      summary: summary ?? whoSaidWhat(versions, none, n),
    });
  }
  spans.sort((a, b) => byPosition(a.versions[0]!, b.versions[0]!) || (a.key < b.key ? -1 : 1));

  const relations = relationPlaces(layers, spanOf, plain, byKey);
  if (gold?.spans.length) {
    const mark = goldMarker(gold);
    for (const place of spans) place.gold = mark(place);
    for (const place of relations) place.gold = mark(place);
  }
  return { spans, relations };
}

/**
 * For a document's gold layer, which version of a place it holds exactly (label, characters,
 * attribute values; a relation's type between its two span versions), or null. The one rule for
 * the mark, whether places were just computed or read back from the review queue's rows.
 */
export function goldMarker(gold: {
  spans: readonly LayerSpan[];
  relations?: readonly LayerRelation[];
}): (place: SpanPlace | RelationPlace) => number | null {
  const spans = new Set(gold.spans.map(identicalSpanKey));
  const keys = new Map(gold.spans.map((s) => [s.id, spanVersionKey(s)]));
  const relations = new Set(
    (gold.relations ?? []).map((r) => `rel:${keys.get(r.from)}>${keys.get(r.to)}|${r.type}`),
  );
  return (place) => {
    const i =
      'from' in place
        ? place.versions.findIndex((v) => relations.has(`${place.key}|${v.type}`))
        : place.versions.findIndex((v) => spans.has(identicalSpanKey(v)));
    return i < 0 ? null : i;
  };
}

function relationPlaces(
  layers: readonly AnnotatorLayer[],
  spanOf: Map<string, Map<number, string>>,
  plain: readonly PlainVersions[],
  byKey: ReadonlyMap<string, number>,
): RelationPlace[] {
  const n = layers.length;
  const names = layers.map((l) => l.annotator);
  const places = new Map<string, { from: string; to: string; types: Map<string, string[]> }>();
  for (const layer of layers)
    for (const r of layer.relations ?? []) {
      const from = spanOf.get(layer.annotator)!.get(r.from);
      const to = spanOf.get(layer.annotator)!.get(r.to);
      if (!from || !to) continue;
      const key = `rel:${from}>${to}`;
      const place = places.get(key) ?? { from, to, types: new Map<string, string[]>() };
      places.set(key, place);
      const who = place.types.get(r.type) ?? [];
      if (!who.includes(layer.annotator)) who.push(layer.annotator);
      place.types.set(r.type, who);
    }
  return [...places.entries()]
    .map(([key, place]) => {
      const versions = mostFirst(
        [...place.types.entries()]
          .map(([type, annotators]) => ({ type, annotators }))
          .sort((a, b) => (a.type < b.type ? -1 : 1)),
      );
      const said = new Set(versions.flatMap((v) => v.annotators));
      const none = names.filter((a) => !said.has(a));
      return {
        key,
        kind: none.length || versions.length > 1 ? ('relation' as const) : null,
        from: plain[byKey.get(place.from)!]!.versions[0]!,
        to: plain[byKey.get(place.to)!]!.versions[0]!,
        versions,
        none,
        gold: null as number | null,
        summary: whoSaidWhat(versions, none, n),
      };
    })
    .sort((a, b) => byPosition(a.from, b.from) || byPosition(a.to, b.to) || (a.key < b.key ? -1 : 1));
}

/** A document's conflicts alone (places where annotators do not all agree), spans before relations. */
export const conflictsAmong = ({ spans, relations }: DocumentConflicts): (SpanPlace | RelationPlace)[] => [
  ...spans.filter((p) => p.kind !== null),
  ...relations.filter((p) => p.kind !== null),
];

/** The conflicts of `layers` (with `gold`, each marked with the version gold holds). */
export const findConflicts = (layers: readonly AnnotatorLayer[], gold?: AnnotatorLayer) =>
  conflictsAmong(documentPlaces(layers, gold));
