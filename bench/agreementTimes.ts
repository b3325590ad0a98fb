/**
 * `npx tsx bench/agreementTimes.ts DOCS [RUNS] [DIR]`: the cold agreement report of a generated
 * project of DOCS documents × 3 annotators, RUNS times (each on a freshly opened store, so nothing
 * is cached), with the median wall and CPU time and the load. The project is built once in DIR and
 * reused, so comparing two versions of the code times the computation only; `--figures FILE` writes
 * the report to compare the figures too. Run with `node --cpu-prof` (through tsx) to profile.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeAgreement } from '../electron/services/agreement';
import { ProjectStore } from '../electron/store/projectStore';
import { agreementProject } from './agreement';

const [docs = '1000', runs = '5', dir = tmpdir()] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const figuresAt = process.argv.indexOf('--figures');
const path = join(dir, `agreement-times-${docs}.marginalia`);
if (!existsSync(path)) agreementProject(dir, Number(docs), 8, path);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const walls: number[] = [];
const cpus: number[] = [];
for (let run = 0; run < Number(runs); run++) {
  const store = ProjectStore.open(path);
  try {
    const load = loadavg()[0]!.toFixed(1);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = computeAgreement(store, { gold: false });
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    walls.push(wall);
    cpus.push((used.user + used.system) / 1000);
    console.log(
      `run ${run + 1}: ${wall.toFixed(0)} ms wall, ${cpus.at(-1)!.toFixed(0)} ms CPU, load ${load}`,
    );
    if (run === 0 && figuresAt > 0) writeFileSync(process.argv[figuresAt + 1]!, JSON.stringify(report));
  } finally {
    store.close();
  }
}
if (walls.length)
  console.log(
    `${docs} documents: median ${median(walls).toFixed(0)} ms wall, ${median(cpus).toFixed(0)} ms CPU`,
  );
