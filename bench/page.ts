/**
 * Probes that run inside the page (serialized by page.evaluate, so each is self-contained). They
 * time in the page's own clock, from the input event to the frame after the change is in the DOM:
 * the decoration is found in a requestAnimationFrame callback, and a task posted there runs once
 * that frame is painted (its paint handed to the compositor). A user-blocking task, not
 * setTimeout(0) or a message: Chromium holds those back behind the next frame while frames are
 * being drawn, which added up to a frame to the figures.
 */

/** The few DOM members the probes use: the Node-side tsconfig has no DOM lib, and gets none. */
interface PageNode {
  nodeType: number;
  textContent: string | null;
}
interface PageCollection<T> {
  length: number;
  [index: number]: T;
}
interface PageElement extends PageNode {
  childNodes: ArrayLike<PageNode>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  focus(): void;
  scrollIntoView(options: { block: 'center' }): void;
}
interface PageRange {
  setStart(node: PageNode, offset: number): void;
  setEnd(node: PageNode, offset: number): void;
}
interface PageWindow {
  document: PageElement & {
    getElementsByClassName(name: string): PageCollection<PageElement>;
    createRange(): PageRange;
    getSelection(): { removeAllRanges(): void; addRange(range: PageRange): void } | null;
  };
  requestAnimationFrame(callback: () => void): number;
  scheduler: { postTask(task: () => void, options: { priority: 'user-blocking' }): Promise<void> };
  addEventListener(type: string, listener: () => void, options: { capture: boolean; once: boolean }): void;
  __mgProbe?: Promise<ProbeResult>;
}

export interface ProbeResult {
  ms: number;
  /** open: distinct span ids painted; tag: id of the new span. */
  spans: number;
  /** tag: the text under the new span. */
  text: string;
  /** tag: ms from the keydown until the new span was painted (before or after the store answered). */
  paintedMs?: number;
  /** tag: in which frame after the keydown it was painted (1 = the first). */
  paintedFrame?: number;
  /** tag: ms from the keydown until the store's reply had arrived (the span committed to SQLite). */
  committedMs?: number;
  /** tag: ms from the keydown until the span with its stored id was painted. */
  confirmedMs?: number;
}

/** tsx compiles with keepNames, which wraps inner functions in `__name(...)`: give the page one. */
export const NAME_SHIM = 'globalThis.__name = (fn) => fn;';

/** Before clicking a document: resolves with ms from the click until `expected` spans are painted. */
export function armOpenProbe(expected: number): void {
  const w = globalThis as unknown as PageWindow;
  w.__mgProbe = new Promise<ProbeResult>((resolve, reject) => {
    let t0: number | null = null;
    w.addEventListener('click', () => (t0 = performance.now()), { capture: true, once: true });
    const deadline = performance.now() + 60_000;
    let seen = 0;
    const frame = () => {
      if (t0 !== null) {
        const elements = w.document.querySelectorAll('.mg-text [data-span-id]');
        const ids = new Set<string | null>();
        for (let i = 0; i < elements.length; i++) ids.add(elements[i]!.getAttribute('data-span-id'));
        seen = ids.size;
        if (seen >= expected) {
          const start = t0;
          void w.scheduler.postTask(() => resolve({ ms: performance.now() - start, spans: seen, text: '' }), {
            priority: 'user-blocking',
          });
          return;
        }
      }
      if (performance.now() > deadline) reject(new Error(`only ${seen} of ${expected} spans painted`));
      else w.requestAnimationFrame(frame);
    };
    w.requestAnimationFrame(frame);
  });
}

/**
 * Selects a word of plain text (outside every span) in the `index`-th of `of` stretches of the
 * document, scrolled into view, as a DOM selection the editor picks up. Returns the word, or null.
 */
export function selectWord([index, of]: [number, number]): string | null {
  const w = globalThis as unknown as PageWindow;
  const text = w.document.querySelector('.mg-text')!;
  const paragraphs = text.querySelectorAll('p');
  for (let p = Math.floor(((index + 0.5) * paragraphs.length) / of); p < paragraphs.length; p++) {
    const paragraph = paragraphs[p]!;
    for (let c = 0; c < paragraph.childNodes.length; c++) {
      const node = paragraph.childNodes[c]!;
      const match = node.nodeType === 3 ? /\b[A-Za-z]{5,}\b/.exec(node.textContent ?? '') : null;
      if (!match) continue;
      paragraph.scrollIntoView({ block: 'center' });
      text.focus();
      const range = w.document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const selection = w.document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return match[0];
    }
  }
  return null;
}

/**
 * Before pressing a label key: resolves with ms from the keydown until the new span is both
 * painted and committed, whichever comes last (the editor paints a tag before the store answers,
 * as a highlight, then draws the stored span). The reply's arrival is the end of the API call in
 * the page's resource timing.
 */
export function armTagProbe(): void {
  const w = globalThis as unknown as PageWindow & {
    performance: {
      getEntriesByType(type: string): { name: string; startTime: number; responseEnd: number }[];
      setResourceTimingBufferSize(size: number): void;
    };
    CSS: { highlights: Iterable<[string, { size: number }]> };
  };
  // The default buffer (250 entries) would fill up over a run of tags and hide the later calls.
  w.performance.setResourceTimingBufferSize(100_000);
  const existing = w.document.querySelectorAll('.mg-text [data-span-id]');
  let maxId = 0;
  for (let i = 0; i < existing.length; i++)
    maxId = Math.max(maxId, Number(existing[i]!.getAttribute('data-span-id')));
  // A live collection; a DOM change makes its next read walk the document, so it is read only
  // once the store has answered (the probe's own work falls into the frames it times).
  const selected = w.document.getElementsByClassName('mg-selected');
  /** The id of the selected span element that is new since arming, or null. */
  const newSpan = () => {
    for (let i = 0; i < selected.length; i++) {
      const id = Number(selected[i]!.getAttribute('data-span-id') ?? 0);
      if (id > maxId) return id;
    }
    return null;
  };
  /** When the addSpan call made since `start` was answered (page clock), or null while it is not. */
  const answeredAt = (start: number) =>
    w.performance
      .getEntriesByType('resource')
      .find((e) => e.name.endsWith('/api/addSpan') && e.startTime >= start)?.responseEnd ?? null;
  /** Whether the editor shows a tag waiting for the store (AnnotationEditor's showPendingTag). */
  const pendingTag = () => {
    for (const [name, highlight] of w.CSS.highlights)
      if (name.startsWith('mg-pending') && highlight.size) return true;
    return false;
  };
  /** Runs `then` once the frame whose animation callback calls this is painted. */
  const afterPaint = (then: () => void) => {
    void w.scheduler.postTask(then, { priority: 'user-blocking' });
  };
  w.__mgProbe = new Promise<ProbeResult>((resolve, reject) => {
    let t0: number | null = null;
    let paintedAt: number | null = null;
    let paintedFrame: number | null = null;
    let frames = 0;
    w.addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
    const deadline = performance.now() + 20_000;
    const frame = () => {
      if (t0 !== null) {
        const start = t0;
        frames++;
        const committed = answeredAt(start);
        const id = committed === null ? null : newSpan();
        // Found in this frame's callback: a task posted now runs once the frame is painted.
        if (paintedAt === null && (pendingTag() || id !== null)) {
          const inFrame = frames;
          afterPaint(() => {
            paintedAt ??= performance.now();
            paintedFrame ??= inFrame;
          });
        }
        if (id !== null && committed !== null) {
          const parts = w.document.querySelectorAll(`.mg-text [data-span-id="${id}"]`);
          let painted = '';
          for (let i = 0; i < parts.length; i++) painted += parts[i]!.textContent ?? '';
          afterPaint(() => {
            const confirmed = performance.now();
            const shown = paintedAt ?? confirmed;
            resolve({
              ms: Math.max(shown, committed) - start,
              spans: id,
              text: painted,
              paintedMs: shown - start,
              paintedFrame: paintedFrame ?? frames,
              committedMs: committed - start,
              confirmedMs: confirmed - start,
            });
          });
          return;
        }
      }
      if (performance.now() > deadline) reject(new Error('the new span was not painted'));
      else w.requestAnimationFrame(frame);
    };
    w.requestAnimationFrame(frame);
  });
}

export function probeResult(): Promise<ProbeResult> {
  const w = globalThis as unknown as PageWindow;
  if (!w.__mgProbe) throw new Error('no probe armed');
  return w.__mgProbe;
}

/**
 * Resolves once the page has settled after a selection was made and scrolled into view: two frames
 * for the editor to take up the DOM selection, then a pause and two more frames, so paragraphs that
 * just scrolled in are laid out, as they are by the time a reader has found the words to tag.
 */
export function settle(): Promise<void> {
  const w = globalThis as unknown as PageWindow;
  const twoFrames = () =>
    new Promise<void>((resolve) => w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve())));
  return twoFrames()
    .then(() => new Promise<void>((resolve) => setTimeout(resolve, 150)))
    .then(twoFrames);
}

export interface ScrollResult {
  frames: number;
  worstFrameMs: number;
  /** Frames that took longer than 50 ms (a long animation frame, as Chromium counts them). */
  longFrames: number;
  /** Long animation frames reported by PerformanceObserver, when the browser has that entry type. */
  longAnimationFrames: number | null;
  totalMs: number;
}

/**
 * Scrolls the article from top to bottom, `step` pixels a frame (about a fast wheel flick), and
 * times every frame by its requestAnimationFrame delta; the frames include layout and paint of the
 * text that scrolls into view.
 */
export function scrollThrough(step: number): Promise<ScrollResult> {
  const w = globalThis as unknown as PageWindow & {
    PerformanceObserver: {
      new (callback: (list: { getEntries(): { duration: number }[] }) => void): {
        observe(options: { type: string; buffered: boolean }): void;
        disconnect(): void;
      };
      supportedEntryTypes: readonly string[];
    };
  };
  const scroller = w.document.querySelector('.mg-article') as unknown as PageElement & {
    scrollTop: number;
    scrollHeight: number;
    clientHeight: number;
  };
  scroller.scrollTop = 0;
  const hasLoaf = w.PerformanceObserver.supportedEntryTypes.includes('long-animation-frame');
  let loaf = 0;
  const observer = hasLoaf
    ? new w.PerformanceObserver((list) => (loaf += list.getEntries().filter((e) => e.duration > 50).length))
    : null;
  const raf = w.requestAnimationFrame as unknown as (callback: (now: number) => void) => number;
  return new Promise((resolve) => {
    const deltas: number[] = [];
    let last = 0;
    let started = 0;
    const frame = (now: number) => {
      if (last) deltas.push(now - last);
      else {
        started = now;
        observer?.observe({ type: 'long-animation-frame', buffered: false });
      }
      last = now;
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) {
        // One more frame so the last scroll position is painted and measured.
        raf((end) => {
          deltas.push(end - last);
          observer?.disconnect();
          resolve({
            frames: deltas.length,
            worstFrameMs: Math.max(...deltas),
            longFrames: deltas.filter((d) => d > 50).length,
            longAnimationFrames: hasLoaf ? loaf : null,
            totalMs: end - started,
          });
        });
        return;
      }
      scroller.scrollTop += step;
      raf(frame);
    };
    raf(frame);
  });
}

/** Durations (ms) of the page's API calls to `method` since the last clear, from resource timing. */
export function apiTimings(method: string): number[] {
  const entries = performance.getEntriesByType('resource') as unknown as { name: string; duration: number }[];
  performance.clearResourceTimings();
  return entries.filter((e) => e.name.endsWith(`/api/${method}`)).map((e) => e.duration);
}
