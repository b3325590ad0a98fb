/**
 * `npx tsx bench/profile.ts [open|tag|scroll]`: where the renderer spends its time, by CDP
 * Profiler samples, on the same 240k-character document as the benchmark. Prints the functions
 * with the most self time (and "(garbage collector)", "(program)" for layout, style and paint).
 * Expects a built renderer (`npm run build`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProject, generate, TempDirs } from './corpus';
import { armOpenProbe, probeResult, scrollThrough } from './page';
import { progress } from './report';
import { openBenchPage, Running, startHost, tagWords } from './ui';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Stretches of the trace clock (µs), which the profiler's sample times share. */
type Windows = (readonly [number, number])[];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string; data?: { type?: string } };
}

/**
 * Time per renderer main-thread event kind (layout, style, paint, script…), largest first; with
 * `windows`, only of events starting inside them, averaged per window.
 */
function traceTotals(events: TraceEvent[], windows?: Windows): [string, number][] {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => e.ph === 'X' && main && e.tid === main.tid && e.pid === main.pid);
  const totals = new Map<string, number>();
  for (const e of onMain) {
    if (windows && !windows.some(([from, to]) => e.ts >= from && e.ts < to)) continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0) / 1000 / (windows?.length ?? 1));
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** The stretch after each keydown of the trace (in order) lasting as long as `windowsMs` says. */
function keydownWindows(events: TraceEvent[], windowsMs: readonly number[]): Windows {
  const keydowns = events
    .filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown')
    .sort((a, b) => a.ts - b.ts);
  return windowsMs.map((ms, i) => [keydowns[i]!.ts, keydowns[i]!.ts + ms * 1000] as const);
}

/** Prints the trace's totals, per keydown window when given; returns the windows. */
function printTrace(buffer: Buffer, keydownWindowsMs?: readonly number[]): Windows | undefined {
  if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, buffer);
  const { traceEvents } = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] };
  const windows = keydownWindowsMs && keydownWindows(traceEvents, keydownWindowsMs);
  console.log(
    windows
      ? 'trace, renderer main thread, per tag from keydown to painted and committed (events nest, so totals overlap):'
      : 'trace, renderer main thread (events nest, so totals overlap):',
  );
  for (const [name, ms] of traceTotals(traceEvents, windows).slice(0, 24))
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
  return windows;
}

/** Self time per function, largest first; only of samples inside `windows` (averaged per window) when given. */
function selfTimes(profile: Profile, windows?: Windows): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let time = profile.startTime;
  profile.samples.forEach((id, i) => {
    time += profile.timeDeltas[i] ?? 0;
    if (windows && !windows.some(([from, to]) => time >= from && time < to)) return;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const file = url.split('/').pop() ?? '';
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000 / (windows?.length ?? 1));
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

const what = process.argv[2] ?? 'tag';
const temp = new TempDirs();
const running = new Running();
try {
  const dir = temp.make('profile');
  const [document] = generate(dir, { docs: 1, chars: 240_000, seed: 1 });
  const project = buildProject(join(dir, 'p.marginalia'), 'bench', [document!]);
  const url = await startHost(running, join(dir, 'host-data'), project.path);
  const { browser, page } = await openBenchPage(running);
  page.on('console', (m) => progress(m.text()));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.goto(url);
  await page.locator('.mg-doc').first().waitFor();
  await page.evaluate(armOpenProbe, project.spans);
  if (what === 'open') {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink'] });
    await cdp.send('Profiler.start');
  }
  await page.locator('.mg-doc').first().click();
  progress(`open: ${(await page.evaluate(probeResult)).ms.toFixed(1)} ms`);
  if (what === 'open') printTrace(await browser.stopTracing());
  let windows: Windows | undefined;
  if (what === 'tag') {
    await tagWords(page, 3);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink'] });
    await cdp.send('Profiler.start');
    const samples = await tagWords(page, 10);
    progress(
      `tags (painted/committed): ${samples.map((s) => `${s.paintedMs.toFixed(1)}/${s.committedMs.toFixed(1)}`).join(' ')} ms`,
    );
    windows = printTrace(
      await browser.stopTracing(),
      samples.map((s) => s.ms),
    );
  }
  if (what === 'scroll') {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink'] });
    await cdp.send('Profiler.start');
    const result = await page.evaluate(scrollThrough, 600);
    progress(
      `scroll: ${result.frames} frames in ${result.totalMs.toFixed(0)} ms, worst ${result.worstFrameMs.toFixed(1)} ms, ${result.longFrames} long frames`,
    );
    printTrace(await browser.stopTracing());
  }
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
  console.log(
    `profile ${what}: ${total.toFixed(0)} ms sampled${windows ? ', self times per tag window' : ''}`,
  );
  for (const [name, ms] of selfTimes(profile, windows).slice(0, 30))
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
} finally {
  await running.stopAll();
  temp.removeAll();
}
