/**
 * A document's conflict places as the review queue keeps them in the project file: compact arrays
 * without the gold mark (the gold layer changes with every decision, the annotators' layers do not)
 * and without the summary (rebuilt from versions and "none"). core/conflicts.ts `goldMarker` puts
 * the mark back from the gold layer. docs/adjudication.md, Speed.
 */
import {
  whoSaidWhat,
  type AttributeValues,
  type RelationPlace,
  type SpanPlace,
  type SpanVersion,
} from './conflicts';
import type { Fragment } from './spans';

/** A place of either kind. */
export type Place = SpanPlace | RelationPlace;

/** A span version: label, fragment bounds (start, end, start, end…), attribute values, annotators. */
type StoredVersion = [string, number[], AttributeValues, ...string[]];
type StoredSpanPlace = [key: string, kind: string, versions: StoredVersion[], none: string[]];
type StoredRelationPlace = [
  key: string,
  kind: string,
  from: StoredVersion,
  to: StoredVersion,
  versions: [string, ...string[]][],
  none: string[],
];

/** Built with loops: auto-accept writes 60,000 places at 1,000 documents (flatMap took a third more). */
function storedVersion(v: SpanVersion): StoredVersion {
  const bounds: number[] = [];
  for (const f of v.fragments) bounds.push(f.start, f.end);
  const stored: StoredVersion = [v.label, bounds, v.attributes];
  for (const a of v.annotators) stored.push(a);
  return stored;
}

function versionOf([label, bounds, attributes, ...annotators]: StoredVersion): SpanVersion {
  const fragments: Fragment[] = [];
  for (let i = 0; i < bounds.length; i += 2) fragments.push({ start: bounds[i]!, end: bounds[i + 1]! });
  return { label, fragments, attributes, annotators };
}

/** The places as one string, gold and summaries left out. */
export function encodePlaces(places: readonly Place[]): string {
  const stored: (StoredSpanPlace | StoredRelationPlace)[] = [];
  for (const p of places)
    stored.push(
      'from' in p
        ? [
            p.key,
            p.kind!,
            storedVersion(p.from),
            storedVersion(p.to),
            p.versions.map((v) => [v.type, ...v.annotators]),
            p.none,
          ]
        : [p.key, p.kind!, p.versions.map(storedVersion), p.none],
    );
  return JSON.stringify(stored);
}

/**
 * The places `encodePlaces` wrote, each with its summary for a document of `annotators` (everyone
 * with a layer there) and no gold mark (null).
 */
export function decodePlaces(text: string, annotators: number): Place[] {
  const stored = JSON.parse(text) as (StoredSpanPlace | StoredRelationPlace)[];
  return stored.map((p): Place => {
    if (p.length === 6) {
      const [key, kind, from, to, versions, none] = p;
      const relationVersions = versions.map(([type, ...who]) => ({ type, annotators: who }));
      return {
        key,
        kind: kind as RelationPlace['kind'],
        from: versionOf(from),
        to: versionOf(to),
        versions: relationVersions,
        none,
        gold: null,
        summary: whoSaidWhat(relationVersions, none, annotators),
      };
    }
    const [key, kind, stored, none] = p;
    const versions = stored.map(versionOf);
    return {
      key,
      kind: kind as SpanPlace['kind'],
      versions,
      none,
      gold: null,
      summary: whoSaidWhat(versions, none, annotators),
    };
  });
}
