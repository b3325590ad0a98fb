/**
 * Label colours as CSS custom properties on `.mg-label-N`, in a constructed stylesheet: it follows
 * the project's schema and needs no inline styles, which the strict CSP forbids. Tags waiting
 * for the store are CSS highlights, which custom properties do not reach: their rules name the
 * colour itself. Each label also has its own underline pattern, for readers who cannot tell the colours apart.
 */
import { useEffect } from 'react';
import type { ProjectSchema } from '../../electron/contract/types';
import { pendingTagHighlight } from '../editor/AnnotationEditor';
import { chipInk, linePattern } from './colours';

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

export function useLabelStyles(schema: ProjectSchema): void {
  useEffect(() => {
    const sheet = new CSSStyleSheet();
    const rules = schema.labels.map((label, index) => {
      const colour = HEX_COLOUR.test(label.color) ? label.color : '#868e96';
      const line = linePattern(index);
      // Dark mode draws lines and tints in a lighter shade, so dark label colours stay visible on a
      // dark page; chips keep the colour itself, under the ink chosen for it.
      const themed = `light-dark(${colour}, color-mix(in oklab, ${colour} 70%, white))`;
      return `.mg-label-${index} { --label: ${themed}; --label-base: ${colour}; --label-line: ${line.style}; --label-line-width: ${line.width}; --label-ink: ${chipInk(colour)}; }
::highlight(${pendingTagHighlight(index)}) { background-color: color-mix(in srgb, ${colour} 13%, transparent); text-decoration: underline 2px ${colour}; }`;
    });
    sheet.replaceSync(rules.join('\n'));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [schema]);
}
