/**
 * Relations drawn where their spans are: an arc above the lines from one span to the other, an
 * arrowhead at the target and the relation's type at the top of the arc. Drawn in an SVG layer of
 * its own over the text, so the text's DOM (and a tag's frame) never waits for it: arcs are redrawn
 * a frame after the relations change, after a scroll and after the text is laid out again, and
 * only for relations with an end in a section near the screen.
 */

/** A relation as the arcs show it: the span ids at its ends and its type. */
export interface DrawnRelation {
  id: number;
  from: number;
  to: number;
  type: string;
}

const SVG = 'http://www.w3.org/2000/svg';
/** How far above a span's line box the arcs rise: at least, and at most (pixels). */
const LIFT_MIN = 9;
const LIFT_MAX = 22;
/** Sections within this distance of the visible part are drawn too, so a short scroll shows arcs at once. */
const MARGIN = 400;

let nextMarker = 1;

function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  return element;
}

export class RelationArcs {
  private readonly svg: SVGSVGElement;
  private readonly layer: SVGGElement;
  private readonly marker: string;
  private relations: readonly DrawnRelation[] = [];
  private frame = 0;
  private readonly resize: ResizeObserver;
  private scroller: HTMLElement | null = null;
  private readonly onScroll = () => this.schedule();

  /**
   * @param host the positioned element holding the text: the layer is its child, in its coordinates
   * @param text the editor's text element, whose `[data-span-id]` elements are the spans
   * @param findScroller the element the text scrolls in (known once the text is in the page)
   */
  constructor(
    private readonly host: HTMLElement,
    private readonly text: HTMLElement,
    private readonly findScroller: () => HTMLElement | null,
  ) {
    this.marker = `mg-arc-head-${nextMarker++}`;
    this.svg = svgElement('svg', { class: 'mg-arcs', 'aria-hidden': 'true' });
    const defs = svgElement('defs', {});
    const marker = svgElement('marker', {
      id: this.marker,
      viewBox: '0 0 8 8',
      refX: 7,
      refY: 4,
      markerWidth: 7,
      markerHeight: 7,
      orient: 'auto-start-reverse',
    });
    marker.append(svgElement('path', { d: 'M0,0 L8,4 L0,8 z', class: 'mg-arc-head' }));
    defs.append(marker);
    this.layer = svgElement('g', {});
    this.svg.append(defs, this.layer);
    host.append(this.svg);
    this.resize = new ResizeObserver(() => this.schedule());
    this.resize.observe(text);
  }

  /** Shows these relations (drawn in the next frame). */
  set(relations: readonly DrawnRelation[]): void {
    this.relations = relations;
    this.schedule();
  }

  /** Redraws in the next frame, once however often it is asked. */
  schedule(): void {
    if (!this.scroller) {
      this.scroller = this.findScroller();
      this.scroller?.addEventListener('scroll', this.onScroll, { passive: true });
    }
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.resize.disconnect();
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.svg.remove();
  }

  private draw(): void {
    // Nothing to draw and nothing drawn (most documents): no layout is read.
    if (this.relations.length === 0 && this.layer.childElementCount === 0) return;
    const origin = this.host.getBoundingClientRect();
    this.svg.setAttribute('width', String(this.host.scrollWidth));
    this.svg.setAttribute('height', String(this.host.scrollHeight));
    const view = (this.scroller ?? this.host).getBoundingClientRect();
    const near = (element: Element) => {
      // A section's box is known without laying out its text (content-visibility), a span's is not.
      const box = (element.closest('.mg-section') ?? element).getBoundingClientRect();
      return box.bottom > view.top - MARGIN && box.top < view.bottom + MARGIN;
    };
    const arcs: SVGGElement[] = [];
    // Arcs over the same stretch of text rise one above the other, so their types do not overlap.
    const placed: { left: number; right: number; top: number }[] = [];
    for (const relation of this.relations) {
      const from = this.text.querySelector(`[data-span-id="${relation.from}"]`);
      const to = this.text.querySelector(`[data-span-id="${relation.to}"]`);
      if (!from || !to || !(near(from) || near(to))) continue;
      const a = from.getClientRects()[0];
      const b = to.getClientRects()[0];
      if (!a || !b) continue;
      const x1 = a.left + a.width / 2 - origin.left;
      let x2 = b.left + b.width / 2 - origin.left;
      // Nested spans share a centre: the arrow then lands nearer the target's start, off the source.
      if (Math.abs(x2 - x1) < 16) x2 = Math.max(b.left - origin.left + 6, x1 - Math.min(40, b.width / 3));
      const y1 = a.top - origin.top;
      const y2 = b.top - origin.top;
      const left = Math.min(x1, x2);
      const right = Math.max(x1, x2);
      let top = Math.min(y1, y2) - Math.min(LIFT_MAX, LIFT_MIN + (right - left) / 60);
      for (const other of placed)
        if (other.left < right + 40 && left < other.right + 40 && Math.abs(other.top - top) < 10)
          top = other.top - 10;
      placed.push({ left, right, top });
      const group = svgElement('g', {
        class: 'mg-arc',
        'data-relation-id': relation.id,
        'data-from': relation.from,
        'data-to': relation.to,
      });
      const path = svgElement('path', {
        d: `M${x1},${y1} C${x1},${top} ${x2},${top} ${x2},${y2}`,
        'marker-end': `url(#${this.marker})`,
      });
      // The curve's top is three quarters of the way from its ends to its control points.
      const label = svgElement('text', { x: (x1 + x2) / 2, y: (Math.min(y1, y2) + 3 * top) / 4 - 3 });
      label.textContent = relation.type;
      group.append(path, label);
      arcs.push(group);
    }
    this.layer.replaceChildren(...arcs);
  }
}
