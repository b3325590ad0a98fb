import { defineConfig } from 'vitest/config';

// Only for `npm run mutation`: the unit tests of the code Stryker mutates. The integration and e2e
// suites start processes and browsers, far too slow to rerun for every mutant.
export default defineConfig({
  test: {
    include: ['electron/core/**/*.test.ts', 'electron/store/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
  },
});
