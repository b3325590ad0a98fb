/**
 * Relation markers and link highlighting in the text, as a constructed stylesheet keyed on the
 * spans' `data-span-id`: the editor's decorations stay as they are (no redraw of thousands of
 * spans when a relation changes), and no inline style breaks the strict CSP.
 */
import { useEffect } from 'react';

export interface SpanHighlights {
  /** Spans that take part in any relation: marked with a dotted line above. */
  linked: Iterable<number>;
  /** The other ends of the selected span's relations. */
  related: Iterable<number>;
  /** Spans that could be linked to in link mode. */
  candidates: Iterable<number>;
  /** The link target the keyboard or mouse points at. */
  target: number | null;
}

const select = (ids: Iterable<number>) => [...ids].map((id) => `.mg-text [data-span-id="${id}"]`).join(',\n');

/** The CSS marking linked spans; changes only when relations do. */
export function linkedRules(linked: Iterable<number>): string {
  const selector = select(linked);
  return selector ? `${selector} { border-top: 2px dotted var(--label); }` : '';
}

/** The CSS for the selection and link-mode highlights; empty groups write no rule. */
export function focusRules({ related, candidates, target }: Omit<SpanHighlights, 'linked'>): string {
  const rules: string[] = [];
  const add = (ids: Iterable<number>, body: string) => {
    const selector = select(ids);
    if (selector) rules.push(`${selector} { ${body} }`);
  };
  add(related, 'outline: 2px dashed var(--label); outline-offset: 1px;');
  add(candidates, 'outline: 1px dashed var(--accent); outline-offset: 1px;');
  add(target === null ? [] : [target], 'outline: 3px solid var(--accent); outline-offset: 2px;');
  return rules.join('\n');
}

/**
 * Two sheets: the linked-span markers (possibly hundreds of selectors) are left alone when only
 * the selection moves, so selecting a span swaps a sheet of a few rules, not all of them.
 */
export function useSpanHighlights(highlights: SpanHighlights): void {
  useStyleSheet(linkedRules(highlights.linked));
  useStyleSheet(focusRules(highlights));
}

function useStyleSheet(css: string): void {
  useEffect(() => {
    if (!css) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [css]);
}
