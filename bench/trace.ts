/**
 * Renderer main-thread CPU time from a Chromium trace. On a shared 2-core machine the wall-clock
 * figures mostly measure how long the renderer waited for a core; the thread time (`tdur`) of the
 * top-level tasks on its main thread is the work the page itself did, comparable across loads.
 */

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

/** Categories that give top-level tasks with thread time, and input events with their type. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

/**
 * For each input event of `eventType` (in order) and the wall time it took (`windowsMs`, same
 * order), the main-thread CPU ms spent in tasks that started within that window.
 */
export function mainThreadCpu(trace: Buffer, eventType: string, windowsMs: readonly number[]): number[] {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const onMain = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X')
    .sort((a, b) => a.ts - b.ts);
  const inputs = onMain.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === eventType);
  return windowsMs.map((ms, i) => {
    const input = inputs[i];
    if (!input) return NaN;
    const end = input.ts + ms * 1000;
    let cpu = 0;
    let coveredUntil = 0;
    for (const e of onMain) {
      if (e.ts < input.ts || e.ts >= end || e.ts < coveredUntil) continue;
      // Only top-level events: nested ones are inside their parent's time.
      coveredUntil = e.ts + (e.dur ?? 0);
      cpu += (e.tdur ?? e.dur ?? 0) / 1000;
    }
    return cpu;
  });
}
