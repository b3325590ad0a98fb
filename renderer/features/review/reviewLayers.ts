/**
 * The review mode of a document: the gold layer is the one edited, and the annotators' layers are
 * drawn beside it merged, so identical spans (label, characters, attribute values) are drawn once,
 * in a layer named for everyone who drew them ("ann1 and ann2"). Each group of annotators is one
 * drawn layer with its own line style: the editor and its layer machinery stay as they are.
 */
import type { DocumentView, LayerInfo, LayerView } from '../../../electron/contract/types';
import { identicalSpanKey } from '../../../electron/core/conflicts';
import type { Span } from '../../../electron/core/spans';

/** "ann1", "ann1 and ann2", "ann1, ann2 and ann3". */
export function namesOf(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * The annotators' layers as groups: each span once, in the group of every annotator who drew it
 * identically. Groups of one annotator come first (in the layers' order), then shared ones by size.
 */
export function mergeIdentical(layers: readonly LayerView[]): LayerView[] {
  const owners = new Map<string, { span: Span; who: string[] }>();
  for (const layer of layers)
    for (const span of layer.spans) {
      const key = identicalSpanKey(span);
      const seen = owners.get(key);
      if (!seen) owners.set(key, { span, who: [layer.owner] });
      else if (!seen.who.includes(layer.owner)) seen.who.push(layer.owner);
    }
  const order = layers.map((l) => l.owner);
  const groups = new Map<string, { who: string[]; spans: Span[] }>();
  for (const { span, who } of owners.values()) {
    who.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const name = namesOf(who);
    const group = groups.get(name) ?? { who, spans: [] };
    group.spans.push(span);
    groups.set(name, group);
  }
  return [...groups.entries()]
    .sort(
      ([, a], [, b]) => a.who.length - b.who.length || order.indexOf(a.who[0]!) - order.indexOf(b.who[0]!),
    )
    .map(([name, group]) => ({
      // A drawn group, not a stored layer: the ref only names it for the line style (layerSlot).
      ref: { kind: 'annotator', annotator: name },
      owner: name,
      spans: group.spans.sort((a, b) => a.start - b.start || b.end - a.end),
      relations: [],
    }));
}

/** The document as the review screen shows it: gold edited, the annotators' layers merged beside it. */
export function reviewDocument(document: DocumentView): DocumentView {
  const shown = mergeIdentical(document.shown.filter((l) => l.ref.kind === 'annotator'));
  const layers: LayerInfo[] = shown.map((l) => ({
    ref: l.ref,
    owner: l.owner,
    writers: [],
    spans: l.spans.length,
  }));
  return { ...document, shown, layers };
}

/**
 * The gold span a reviewer's edit at a conflict made: one overlapping the conflict's bounds that gold
 * did not hold (label, characters, attribute values) when the edit began, the latest written if
 * several; null when there is none (a span gold already held, such as an auto-accepted sentence
 * around the conflict, is never taken for the edit).
 */
export function editedGoldSpan(
  before: readonly Span[],
  after: readonly Span[],
  bounds: { start: number; end: number },
): Span | null {
  const held = new Set(before.map(identicalSpanKey));
  return (
    after
      .filter((s) => s.start < bounds.end && bounds.start < s.end && !held.has(identicalSpanKey(s)))
      .sort((a, b) => b.id - a.id)[0] ?? null
  );
}
