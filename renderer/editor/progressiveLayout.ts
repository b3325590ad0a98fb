/**
 * Lays out a long text a slice at a time instead of all at once when it opens.
 *
 * Shaping and laying out a 240,000-character article takes Chromium about 300 ms on these machines,
 * before the first paint. With `content-visibility: auto` only the paragraphs on screen are laid out,
 * but leaving it on costs every scrolled frame an intersection pass over all ~1,200 paragraphs (we
 * measured 40 ms frames). So the rule starts on every paragraph, and after the first paint a
 * constructed stylesheet (the CSP allows no inline styles) moves its `:nth-child` start down in slices
 * sized to a few milliseconds each, until no paragraph is left under it and the rule is removed.
 */

/** Time one slice may take, so a key pressed meanwhile still gets the next frame. */
const SLICE_BUDGET_MS = 8;
/** Placeholder height of a paragraph not yet laid out: about two lines of the text. */
const PLACEHOLDER = 'auto 74px';

export interface ProgressiveLayout {
  /** Stops and lays out what is left at once (the editor is going away, or a test needs it done). */
  finish(): void;
  /** Resolves when every paragraph is laid out. */
  readonly done: Promise<void>;
}

/**
 * Starts deferring the layout of the paragraphs of `root` (the editor's element, which must carry
 * `scopeClass`). Call before the text is in the DOM, so the first layout already skips them.
 */
export function layOutProgressively(
  root: HTMLElement,
  scopeClass: string,
  paragraphs: number,
): ProgressiveLayout {
  const sheet = new CSSStyleSheet();
  const owner = root.ownerDocument;
  owner.adoptedStyleSheets = [...owner.adoptedStyleSheets, sheet];
  const deferFrom = (first: number) =>
    sheet.replaceSync(
      `.${scopeClass} > p:nth-child(n + ${first}) { content-visibility: auto; contain-intrinsic-size: ${PLACEHOLDER}; }`,
    );

  let first = 1;
  let slice = 40;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));

  let stopped = false;
  const finish = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    owner.adoptedStyleSheets = owner.adoptedStyleSheets.filter((s) => s !== sheet);
    resolveDone();
  };

  const step = () => {
    if (stopped) return;
    first += slice;
    if (first > paragraphs) {
      finish();
      return;
    }
    const started = performance.now();
    deferFrom(first);
    // Lay the slice out now, inside this task, to time it and size the next slice by it.
    void root.offsetHeight;
    const took = performance.now() - started;
    slice = Math.max(10, Math.min(400, Math.round((slice * SLICE_BUDGET_MS) / Math.max(took, 0.5))));
    timer = setTimeout(step, 0);
  };

  deferFrom(first);
  // After the first paint: a frame, then a task.
  requestAnimationFrame(() => {
    if (!stopped) timer = setTimeout(step, 0);
  });
  return { finish, done };
}
