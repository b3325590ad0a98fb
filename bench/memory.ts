/**
 * The renderer's memory as the OS sees it (Linux /proc). Chromium 156.0.8078.114 runs three renderer
 * processes for the bench's one page: the page's own, a spare one kept warm for the next navigation,
 * and one more; each maps the same shared libraries, so their pages are counted three times in a sum
 * (layers-240k, after a collection: RSS 263 MB for the page's, 157 and 76 MB for the other two, which
 * spent no CPU while the page ran). The app in Electron has one renderer for its window, so the budget
 * holds the renderer that holds the bench page. The sum over every renderer, which is what the bench
 * reported before, is kept beside it, unbudgeted, so earlier figures can still be compared.
 */
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
import { progress } from './report';

/** One process's memory, MB: resident, proportional (shared pages divided among their users), private. */
export interface ProcessMemory {
  pid: number;
  rssMb: number;
  pssMb: number;
  privateMb: number;
}

export interface RendererMemory {
  /** The renderer process that holds the bench page: the budgeted figure. */
  page: ProcessMemory;
  /** Summed over every renderer process Chromium reports (the bench's figure until Chromium 156.0.8078.114). */
  allRssMb: number;
  allPssMb: number;
}

interface ProcessInfo {
  type: string;
  id: number;
  /** Cumulative CPU time of the process, in seconds. */
  cpuTime: number;
}

/** CPU time the page burns to mark its renderer: far above what an idle renderer spends meanwhile. */
const MARK_MS = 150;

async function renderers(browserCdp: CDPSession): Promise<ProcessInfo[]> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: ProcessInfo[];
  };
  return processInfo.filter((p) => p.type === 'renderer');
}

/** A process's memory from /proc/PID/smaps_rollup, or null where there is no /proc (or it is gone). */
function processMemory(pid: number): ProcessMemory | null {
  let rollup: string;
  try {
    rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  } catch {
    return null;
  }
  const mb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0) / 1024;
  return {
    pid,
    rssMb: mb('Rss'),
    pssMb: mb('Pss'),
    privateMb: mb('Private_Clean') + mb('Private_Dirty'),
  };
}

/**
 * The pid of the renderer holding `page`: the page runs busy loops of MARK_MS, and the renderer
 * whose CPU time grew by most of them is the page's. CDP names no process for a page, and the
 * renderers' pids and command lines say nothing of which page they hold. On a loaded machine a
 * loop gets a fraction of its wall time, so loops are repeated until the page's renderer has
 * spent MARK_MS / 3 and three times as much as any other; throws rather than guess after 20.
 */
async function pageRendererPid(
  browserCdp: CDPSession,
  page: Page,
): Promise<{ pid: number; grewMs: Map<number, number> }> {
  const before = new Map((await renderers(browserCdp)).map((p) => [p.id, p.cpuTime]));
  let grewMs = new Map<number, number>();
  for (let round = 0; round < 20; round++) {
    await page.evaluate((ms) => {
      for (const end = performance.now() + ms; performance.now() < end;);
    }, MARK_MS);
    grewMs = new Map(
      (await renderers(browserCdp)).map((p) => [p.id, (p.cpuTime - (before.get(p.id) ?? 0)) * 1000]),
    );
    const [first, second] = [...grewMs].sort((a, b) => b[1] - a[1]);
    if (first && first[1] >= MARK_MS / 3 && (!second || second[1] * 3 <= first[1]))
      return { pid: first[0], grewMs };
  }
  throw new Error(
    `no renderer stands out as the page's: CPU ms grown ${[...grewMs].map(([pid, ms]) => `${pid}:${ms.toFixed(0)}`).join(' ')}`,
  );
}

/**
 * The memory of the renderer holding `page` and the sums over every renderer; null where /proc is
 * absent. Lists every renderer in a progress line, so the choice of the page's can be checked.
 */
export async function rendererMemory(browserCdp: CDPSession, page: Page): Promise<RendererMemory | null> {
  const { pid, grewMs } = await pageRendererPid(browserCdp, page);
  const all: ProcessMemory[] = [];
  for (const id of grewMs.keys()) {
    const memory = processMemory(id);
    if (!memory) return null;
    all.push(memory);
  }
  const mine = all.find((m) => m.pid === pid);
  if (!mine) return null;
  progress(
    `renderers (MB): ${all
      .map(
        (m) =>
          `pid ${m.pid}${m.pid === pid ? ' (the page)' : ''} rss ${m.rssMb.toFixed(0)} pss ${m.pssMb.toFixed(0)} private ${m.privateMb.toFixed(0)} cpu +${grewMs.get(m.pid)!.toFixed(0)} ms`,
      )
      .join('; ')}`,
  );
  return {
    page: mine,
    allRssMb: all.reduce((sum, m) => sum + m.rssMb, 0),
    allPssMb: all.reduce((sum, m) => sum + m.pssMb, 0),
  };
}
