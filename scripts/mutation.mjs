// `npm run mutation [-- FILE...]`: StrykerJS over electron/core and electron/store (stryker.config.json),
// or over the files given. Reports go to reports/mutation/; reruns test only mutants in changed code.
// It prints one stable summary line after Stryker's own table. StrykerJS 9.6 is the newest line that
// supports Node 20 (10 needs 22), which the project supports.
import { Stryker } from '@stryker-mutator/core';

const files = process.argv.slice(2);
const started = Date.now();
const results = await new Stryker({
  configFile: 'stryker.config.json',
  ...(files.length > 0 ? { mutate: files } : {}),
}).runMutationTest();
const killed = results.filter((m) => m.status === 'Killed' || m.status === 'Timeout').length;
const counted = results.filter((m) => !['Ignored', 'CompileError', 'RuntimeError'].includes(m.status));
const score = counted.length ? ((100 * killed) / counted.length).toFixed(2) : 'n/a';
console.log(
  `mutation score=${score}% mutants=${counted.length} killed=${killed} minutes=${((Date.now() - started) / 60000).toFixed(1)}`,
);
