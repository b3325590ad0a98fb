import { defineConfig } from '@playwright/test';

/** End-to-end tests: Debian's Chromium driving the built renderer, served by the loopback test host. */
export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  workers: 1,
  // The host bundle every spec starts (tests/testBundles.ts says why).
  globalSetup: './tests/testBundles.ts',
  timeout: 60_000,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Without these Chromium tries to reach Google's hosts at start, which this network refuses.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
