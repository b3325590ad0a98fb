/**
 * Benchmarks of the real UI: the loopback host serving the built renderer over a project with one
 * long document, driven in Chromium by real clicks and key presses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { ProjectStore } from '../electron/store/projectStore';
import { buildProject, type GeneratedDocument } from './corpus';
import {
  apiTimings,
  armOpenProbe,
  armTagProbe,
  NAME_SHIM,
  probeResult,
  scrollThrough,
  selectWord,
  settle,
  type ScrollResult,
} from './page';
import { rendererMemory, type RendererMemory } from './memory';
import { progress, summarize } from './report';
import { mainThreadCpu, TRACE_CATEGORIES } from './trace';

const ROOT = resolve(import.meta.dirname, '..');
export const USER = 'bench';
/** Tags timed under a trace for the CPU figure, after the wall-clock ones. */
const TRACED_TAGS = 10;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** What must be stopped at the end, whatever happened: the host process and the browser. */
export class Running {
  private readonly children: ChildProcess[] = [];
  private readonly browsers: Browser[] = [];

  addChild(child: ChildProcess): void {
    this.children.push(child);
  }

  addBrowser(browser: Browser): void {
    this.browsers.push(browser);
  }

  async stopAll(): Promise<void> {
    for (const browser of this.browsers.splice(0)) await browser.close().catch(() => undefined);
    await Promise.all(this.children.splice(0).map(stopChild));
  }

  /** Last resort on process exit: no awaiting possible, so only signals. */
  killNow(): void {
    for (const child of this.children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

export async function startHost(running: Running, dataDir: string, project: string): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'electron/host/main.ts')].concat([
      '--data',
      dataDir,
      '--project',
      project,
      '--user',
      USER,
      '--port',
      '0',
    ]),
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.addChild(child);
  return new Promise<string>((resolveUrl, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\S+)/.exec(output);
      if (match) resolveUrl(match[1]!);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the host exited (${code}) before listening:\n${output}`)));
  });
}

export interface UiResults {
  chars: number;
  spans: number;
  open: {
    medianMs: number;
    minMs: number;
    maxMs: number;
    runs: number;
    /** Renderer main-thread CPU from the click to the painted text (see trace.ts). */
    cpuMedianMs: number;
  };
  heap: { baselineMb: number; usedMb: number; totalMb: number };
  /** The renderers as the OS sees them (Linux /proc), with the document open; null elsewhere. */
  process: RendererMemory | null;
  /** DOM nodes of the page with the document open. */
  domNodes: number;
  /** Scrolling the open document top to bottom, the worst of the runs. */
  scroll: ScrollResult;
  tag: {
    medianMs: number;
    p95Ms: number;
    maxMs: number;
    n: number;
    paintedMedianMs: number;
    /** How many tags were painted in the first frame after the key. */
    paintedInFirstFrame: number;
    committedMedianMs: number;
    confirmedMedianMs: number;
    apiMedianMs: number;
    apiP95Ms: number;
    /** Renderer main-thread CPU from the keydown until the span is painted and committed (see trace.ts). */
    cpuMedianMs: number;
    cpuP95Ms: number;
    /** The same from the keydown until the stored span is drawn (`confirmedMs`): the whole tag's work. */
    cpuToConfirmedMedianMs: number;
  };
  browser: string;
}

/** Debian's Chromium with one 1280x800 page, ready for the probes; page errors are reported. */
export async function openBenchPage(running: Running): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  running.addBrowser(browser);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript({ content: NAME_SHIM });
  page.on('pageerror', (error) => progress(`page error: ${error.message}`));
  return { browser, page };
}

/** open-240k, scroll-240k and tag-240k on one generated document, in one browser session. */
export async function uiBenchmarks(
  dir: string,
  document: GeneratedDocument,
  running: Running,
  options: { opens: number; tags: number; scrolls: number; scrollStep: number },
): Promise<UiResults> {
  const project = buildProject(join(dir, 'open.marginalia'), USER, [document]);
  const url = await startHost(running, join(dir, 'host-data'), project.path);
  progress(`host at ${url}; project of ${document.text.length} chars, ${project.spans} spans`);

  const { browser, page } = await openBenchPage(running);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    return {
      used: metric('JSHeapUsedSize') / 2 ** 20,
      total: metric('JSHeapTotalSize') / 2 ** 20,
      nodes: metric('Nodes'),
    };
  };
  const browserCdp = await browser.newBrowserCDPSession();

  const opens: number[] = [];
  const openCpu: number[] = [];
  // The timed runs, then one more under a trace for the CPU figure (tracing slows the page down).
  for (let run = 0; run <= options.opens; run++) {
    const traced = run === options.opens;
    // Each run opens the document from the list: the app would otherwise reopen it on reload.
    if (run > 0) await page.evaluate(forgetOpenDocument);
    await (run === 0 ? page.goto(url) : page.reload());
    await page.locator('.mg-doc').first().waitFor();
    await page.evaluate(armOpenProbe, project.spans);
    if (traced) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.locator('.mg-doc').first().click();
    const result = await page.evaluate(probeResult);
    if (traced) {
      openCpu.push(...mainThreadCpu(await browser.stopTracing(), 'click', [result.ms]));
      break;
    }
    opens.push(result.ms);
    progress(`open run ${run + 1}: ${result.ms.toFixed(1)} ms, ${result.spans} spans painted`);
  }
  const heap = await heapMb();
  const processMemory = await rendererMemory(browserCdp, page);

  const scrolls: ScrollResult[] = [];
  for (let run = 0; run < options.scrolls; run++) {
    const result = await page.evaluate(scrollThrough, options.scrollStep);
    progress(
      `scroll run ${run + 1}: ${result.frames} frames, worst ${result.worstFrameMs.toFixed(1)} ms, ${result.longFrames} over 50 ms`,
    );
    scrolls.push(result);
  }
  const scroll = scrolls.reduce((worst, r) => (r.worstFrameMs > worst.worstFrameMs ? r : worst));

  await page.evaluate(apiTimings, 'addSpan');
  const tags = await tagWords(page, options.tags);
  // A few more under a trace, for the CPU figure only.
  const { tags: tracedTags, cpu: tagCpu, cpuToConfirmed } = await tracedTagWords(browser, page);
  const api = summarize(await page.evaluate(apiTimings, 'addSpan'));
  const committed = committedTags(project.path);
  const painted = tags.length + tracedTags.length;
  if (committed !== painted) throw new Error(`${painted} tags painted but ${committed} stored`);

  // The page with no document open, for comparison; measured last so no timed run follows a forced GC.
  await page.evaluate(forgetOpenDocument);
  await page.reload();
  await page.locator('.mg-doc').first().waitFor();
  const baselineMb = (await heapMb()).used;

  const open = summarize(opens);
  const tag = summarize(tags.map((t) => t.ms));
  return {
    chars: document.text.length,
    spans: project.spans,
    open: {
      medianMs: open.median,
      minMs: open.min,
      maxMs: open.max,
      runs: opens.length,
      cpuMedianMs: summarize(openCpu).median,
    },
    heap: { baselineMb, usedMb: heap.used, totalMb: heap.total },
    process: processMemory,
    domNodes: heap.nodes,
    scroll,
    tag: {
      medianMs: tag.median,
      p95Ms: tag.p95,
      maxMs: tag.max,
      n: tags.length,
      paintedMedianMs: summarize(tags.map((t) => t.paintedMs)).median,
      paintedInFirstFrame: tags.filter((t) => t.paintedFrame === 1).length,
      committedMedianMs: summarize(tags.map((t) => t.committedMs)).median,
      confirmedMedianMs: summarize(tags.map((t) => t.confirmedMs)).median,
      apiMedianMs: api.median,
      apiP95Ms: api.p95,
      cpuMedianMs: summarize(tagCpu).median,
      cpuP95Ms: summarize(tagCpu).p95,
      cpuToConfirmedMedianMs: summarize(cpuToConfirmed).median,
    },
    browser: browser.version(),
  };
}

/** Figure spans the UI stored (origin manual), read from the project while the host has it open. */
function committedTags(path: string): number {
  // Read-only: the host holds the project's lock while it has it open.
  const store = ProjectStore.open(path, { readOnly: true });
  try {
    const [document] = store.listDocuments(store.ensureAnnotator(USER));
    return store.spansOf(document!.id).filter((s) => s.origin === 'manual' && s.label === 'Figure').length;
  } finally {
    store.close();
  }
}

/** One frame at 60 Hz. */
const FRAME_MS = 1000 / 60;

/** One tag's times from the keydown (ms): until painted and committed, and each on its own. */
export interface TagTiming {
  ms: number;
  paintedMs: number;
  /** In which frame after the key the tag was painted (1 = the first). */
  paintedFrame: number;
  committedMs: number;
  confirmedMs: number;
}

/** Tags `count` words spread over the open document with key "2" (Figure). */
/** A few more tags under a trace, for the renderer's CPU per tag (tracing slows the page down). */
export async function tracedTagWords(
  browser: Browser,
  page: Page,
): Promise<{ tags: TagTiming[]; cpu: number[]; cpuToConfirmed: number[] }> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const tags = await tagWords(page, TRACED_TAGS);
  const trace = await browser.stopTracing();
  // For a look at where a tag's time goes (chrome://tracing, or the Performance panel).
  if (process.env.TAG_TRACE_OUT) writeFileSync(process.env.TAG_TRACE_OUT, trace);
  const cpu = mainThreadCpu(
    trace,
    'keydown',
    tags.map((t) => t.ms),
  );
  // Until the stored span is drawn: work moved past the paint is still counted here.
  const cpuToConfirmed = mainThreadCpu(
    trace,
    'keydown',
    tags.map((t) => t.confirmedMs),
  );
  return { tags, cpu, cpuToConfirmed };
}

export async function tagWords(page: Page, count: number): Promise<TagTiming[]> {
  const samples: TagTiming[] = [];
  // Focus the text first, as a reader's first click does: ProseMirror restores its own selection
  // shortly after the editor gains focus, which would undo a selection made in the same moment.
  await page.locator('.mg-text').focus();
  await page.evaluate(settle);
  for (let i = 0; i < count; i++) {
    const word = await page.evaluate(selectWord, [i, count] as [number, number]);
    if (!word) throw new Error(`no untagged word found for tag ${i + 1}`);
    await page.evaluate(settle);
    await page.evaluate(armTagProbe);
    // A reader's key comes at any point of a frame; the round trips above end just after a frame
    // began (settle resolves in one), which would land every key at the worst point, a whole frame
    // before the next. So the keys are spread evenly over a frame interval, in a fixed order.
    await new Promise((resolve) => setTimeout(resolve, (((i * 7) % count) / count) * FRAME_MS));
    await page.keyboard.press('2');
    const result = await page.evaluate(probeResult);
    if (result.text !== word)
      throw new Error(`tag ${i + 1}: selected "${word}" but the new span holds "${result.text}"`);
    const { ms, paintedMs = ms, paintedFrame = NaN, committedMs = ms, confirmedMs = ms } = result;
    samples.push({ ms, paintedMs, paintedFrame, committedMs, confirmedMs });
  }
  return samples;
}

/** Clears what the renderer keeps between reloads (the open document, the theme). In the page: no helpers. */
function forgetOpenDocument(): void {
  (globalThis as unknown as { localStorage: { clear(): void } }).localStorage.clear();
}
