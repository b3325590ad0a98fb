/**
 * The fast grouping of documentPlaces (keys built once, a sweep in start order, annotators as bits)
 * against the plain rule written out directly: every pair of versions, names in sets. Random
 * documents from a fixed seed: nested, overlapping and discontinuous spans, attribute values,
 * duplicates, a gold layer and relations.
 */
import { describe, expect, it } from 'vitest';
import {
  documentPlaces,
  extentKey,
  identicalSpanKey,
  overlap,
  spanVersionKey,
  whoSaidWhat,
  type AnnotatorLayer,
  type AttributeValues,
  type LayerSpan,
  type SpanVersion,
} from './conflicts';
import { seededRandom } from './formats/prng';

const byPosition = (a: SpanVersion, b: SpanVersion) =>
  a.fragments[0]!.start - b.fragments[0]!.start ||
  b.fragments.at(-1)!.end - a.fragments.at(-1)!.end ||
  (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) ||
  a.fragments.length - b.fragments.length;
const mostFirst = (versions: SpanVersion[]) =>
  versions.sort(byPosition).sort((a, b) => b.annotators.length - a.annotators.length);

/** The span places by the rule of docs/adjudication.md, pair by pair. */
function plainSpanPlaces(layers: readonly AnnotatorLayer[], gold: AnnotatorLayer) {
  const names = layers.map((l) => l.annotator);
  const full = new Map<string, SpanVersion>();
  for (const layer of layers)
    for (const s of layer.spans) {
      const v = full.get(identicalSpanKey(s));
      if (v && !v.annotators.includes(layer.annotator)) v.annotators.push(layer.annotator);
      if (!v)
        full.set(identicalSpanKey(s), {
          label: s.label,
          fragments: s.fragments.map((f) => ({ ...f })),
          attributes: { ...s.attributes },
          annotators: [layer.annotator],
        });
    }
  const plain = new Map<string, SpanVersion[]>();
  for (const v of full.values()) plain.set(spanVersionKey(v), [...(plain.get(spanVersionKey(v)) ?? []), v]);
  const groups = [...plain.values()].map((versions) => ({
    versions,
    who: new Set(versions.flatMap((v) => v.annotators)),
  }));
  const pairs: { i: number; j: number; rank: number }[] = [];
  for (let i = 0; i < groups.length; i++)
    for (let j = 0; j < groups.length; j++) {
      const [a, b] = [groups[i]!.versions[0]!, groups[j]!.versions[0]!];
      const before =
        a.fragments[0]!.start < b.fragments[0]!.start ||
        (a.fragments[0]!.start === b.fragments[0]!.start && i < j);
      if (!before) continue;
      if (extentKey(a.fragments) === extentKey(b.fragments)) pairs.push({ i, j, rank: Infinity });
      else if (a.label === b.label && overlap(a.fragments, b.fragments) > 0)
        pairs.push({ i, j, rank: overlap(a.fragments, b.fragments) });
    }
  const head = (i: number) => groups[i]!.versions[0]!;
  pairs.sort(
    (p, q) => q.rank - p.rank || byPosition(head(p.i), head(q.i)) || byPosition(head(p.j), head(q.j)),
  );
  const place = groups.map((_, i) => i);
  const find = (i: number): number => (place[i] === i ? i : find(place[i]!));
  for (const { i, j } of pairs) {
    const [ri, rj] = [find(i), find(j)];
    if (ri === rj || [...groups[ri]!.who].some((a) => groups[rj]!.who.has(a))) continue;
    place[ri] = rj;
    for (const a of groups[ri]!.who) groups[rj]!.who.add(a);
  }
  const goldKeys = new Set(gold.spans.map(identicalSpanKey));
  return groups
    .map((_, i) => i)
    .filter((i) => find(i) === i)
    .map((r) => {
      const members = groups.map((_, i) => i).filter((i) => find(i) === r);
      const versions = mostFirst(members.flatMap((i) => groups[i]!.versions));
      const none = names.filter((a) => !groups[r]!.who.has(a));
      const extents = new Set(versions.map((v) => extentKey(v.fragments)));
      const kind =
        members.length > 1
          ? extents.size > 1
            ? 'boundary'
            : 'label'
          : versions.length > 1
            ? 'attribute'
            : none.length
              ? 'missing'
              : null;
      const start = Math.min(...versions.map((v) => v.fragments[0]!.start));
      const end = Math.max(...versions.map((v) => v.fragments.at(-1)!.end));
      const labels = [...new Set(versions.map((v) => v.label))].sort().join('+');
      const goldIndex = versions.findIndex((v) => goldKeys.has(identicalSpanKey(v)));
      return {
        key: `span:${start}-${end}:${labels}`,
        kind,
        versions,
        none,
        gold: goldIndex < 0 ? null : goldIndex,
        summary: whoSaidWhat(versions, none, names.length),
      };
    })
    .sort((a, b) => byPosition(a.versions[0]!, b.versions[0]!) || (a.key < b.key ? -1 : 1));
}

/** A document of 2–4 annotators (or `team`) over 80 characters, often copying each other's spans. */
function randomDocument(random: () => number, team?: readonly string[]) {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const int = (n: number) => Math.floor(random() * n);
  let id = 1;
  const pool: Omit<LayerSpan, 'id'>[] = [];
  const fresh = (): Omit<LayerSpan, 'id'> => {
    const start = int(70);
    const end = start + 1 + int(12);
    const fragments =
      random() < 0.15 && end - start > 3
        ? [
            { start, end: start + 1 },
            { start: start + 2, end },
          ]
        : [{ start, end }];
    const attributes =
      random() < 0.2
        ? pick<AttributeValues>([{ negated: true }, { negated: false }, { n: 2, a: 'x' }])
        : undefined;
    return { label: pick(['Claim', 'Figure', 'Hedge']), fragments, ...(attributes ? { attributes } : {}) };
  };
  const annotators = team ?? ['ann1', 'ann2', 'ann3', 'ann4'].slice(0, 2 + int(3));
  const layers: AnnotatorLayer[] = annotators.map((annotator) => {
    const spans: LayerSpan[] = Array.from({ length: int(9) }, () => {
      const s = pool.length && random() < 0.5 ? pick(pool) : fresh();
      pool.push(s);
      return { id: id++, ...s };
    });
    const relations =
      spans.length > 1 && random() < 0.5
        ? [{ type: pick(['supports', 'cites']), from: spans[0]!.id, to: spans.at(-1)!.id }]
        : [];
    return { annotator, spans, relations };
  });
  const goldSpans = pool.filter(() => random() < 0.2).map((s) => ({ id: id++, ...s }));
  return { layers, gold: { annotator: 'gold', spans: goldSpans } };
}

describe('conflict places on random documents', () => {
  it('are the places of the plain pair-by-pair rule, version for version', () => {
    const random = seededRandom(14);
    for (let n = 0; n < 400; n++) {
      const { layers, gold } = randomDocument(random);
      const places = documentPlaces(layers, gold);
      expect(places.spans, `document ${n}`).toEqual(plainSpanPlaces(layers, gold));
      // Each relation names its spans' versions: the first drawn of that label and extent.
      for (const r of places.relations) {
        const [from, to] = r.key.slice(4).split('>');
        expect(spanVersionKey(r.from)).toBe(from);
        expect(spanVersionKey(r.to)).toBe(to);
      }
    }
  });

  it('are the same with more annotators than fit in one word of bits (40)', () => {
    const random = seededRandom(40);
    const team = Array.from({ length: 40 }, (_, i) => `ann${i + 1}`);
    for (let n = 0; n < 40; n++) {
      const { layers, gold } = randomDocument(random, team);
      expect(documentPlaces(layers, gold).spans, `document ${n}`).toEqual(plainSpanPlaces(layers, gold));
    }
  });
});
