import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'renderer/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // SQLite files and child processes: keep the default thread pool small on 2-core machines.
    pool: 'forks',
    testTimeout: 30_000,
    // The CLI and host bundles that tests start as child processes (tests/testBundles.ts says why).
    globalSetup: ['tests/testBundles.ts'],
  },
});
