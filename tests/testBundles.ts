/**
 * The CLI, the loopback host and the integration tests' fixture programs as single-file bundles, built
 * once per test run (Vitest's and Playwright's global set-up) for the tests that start them as child
 * processes. Started through tsx, every process compiles and resolves ~150 modules through loader
 * hooks: 1–2 s of CPU each on a 2-core machine, for some 130 CLI runs and 100 host starts. The bundle
 * is the same source compiled once, as scripts/build-cli.mjs bundles the CLI for users, but always
 * from the source as it is now; `bin/marginalia.mjs` itself (the start a user runs) keeps tests of
 * its own (tests/integration/cli.test.ts, tests/e2e/serve.spec.ts).
 */
import { join, resolve } from 'node:path';
import { writeBundle } from '../scripts/cli-bundle.mjs';

export const ROOT = resolve(import.meta.dirname, '..');

/**
 * Two levels below the checkout, so that the host's `resolve(import.meta.dirname, '../..')`
 * (electron/host/main.ts, serve.ts) finds the checkout from the bundle as it does from the source.
 */
const BUNDLE_DIR = join(ROOT, '.tmp', 'test-bundles');

/** `node CLI_BUNDLE ARGS…` does what `node bin/marginalia.mjs ARGS…` does. */
export const CLI_BUNDLE = join(BUNDLE_DIR, 'cli.mjs');

/** `node HOST_BUNDLE ARGS…` does what `tsx electron/host/main.ts ARGS…` does. */
export const HOST_BUNDLE = join(BUNDLE_DIR, 'host.mjs');

/** The programs in tests/integration/fixtures/ that integration tests run beside themselves. */
const FIXTURE_PROGRAMS = ['open-project', 'project-holder', 'span-writer'] as const;

/** `node fixtureBundle(name) ARGS…` does what `tsx tests/integration/fixtures/NAME.ts ARGS…` does. */
export function fixtureBundle(name: (typeof FIXTURE_PROGRAMS)[number]): string {
  return join(BUNDLE_DIR, `fixture-${name}.mjs`);
}

/** Builds the bundles from the current source; each file is replaced whole, never seen half written. */
export async function buildTestBundles(): Promise<void> {
  const bundle = (outfile: string, entry: string) => writeBundle(ROOT, entry, outfile);
  await Promise.all([
    // What bin/marginalia.mjs runs.
    bundle(
      CLI_BUNDLE,
      "import { runCli } from './electron/cli/main.ts';\n" +
        'process.exitCode = await runCli(process.argv.slice(2));\n',
    ),
    bundle(HOST_BUNDLE, "import './electron/host/main.ts';\n"),
    // The reading thread's program, beside the CLI and host bundles (electron/services/placesReader.ts).
    bundle(join(BUNDLE_DIR, 'placesThread.mjs'), "import './electron/services/placesThread.ts';\n"),
    ...FIXTURE_PROGRAMS.map((name) =>
      bundle(fixtureBundle(name), `import './tests/integration/fixtures/${name}.ts';\n`),
    ),
  ]);
}

/** Vitest's and Playwright's `globalSetup` (vitest.config.ts, playwright.config.ts). */
export default buildTestBundles;
