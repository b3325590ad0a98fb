/**
 * Where the command line's bundle lives (scripts/build-cli.mjs writes it) and whether it is current:
 * no file it was built from (those under electron/, and package.json) changed after it.
 * bin/marginalia.mjs runs it only then, and the TypeScript through tsx otherwise, so an edited
 * checkout runs what it holds.
 */
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Two folders below the checkout, as the source files are, so paths taken from
 * `import.meta.dirname` (electron/host/serve.ts) resolve the same from the bundle.
 */
export const cliBundlePath = (root) => join(root, 'out', 'cli', 'marginalia.mjs');

/** The program of the CLI's reading thread (electron/services/placesReader.ts), beside the bundle. */
export const placesThreadPath = (root) => join(root, 'out', 'cli', 'placesThread.mjs');

/** The latest change to a file under `dir`, in ms. */
function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/** The bundle of the checkout at `root` when it is current, else null (missing, or older than a source). */
export function currentCliBundle(root) {
  const bundle = cliBundlePath(root);
  try {
    const sources = Math.max(
      newestUnder(join(root, 'electron')),
      statSync(join(root, 'package.json')).mtimeMs,
    );
    return statSync(bundle).mtimeMs >= sources ? bundle : null;
  } catch {
    return null;
  }
}

/**
 * Bundles the TypeScript program `entry` (source text, its imports relative to `root`) into the one
 * file `outfile` with esbuild. The file is replaced whole: a process started meanwhile reads the old
 * bundle or the new, never half of one.
 */
export async function writeBundle(root, entry, outfile) {
  const { build } = await import('esbuild');
  const result = await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: outfile, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages load from node_modules, as under tsx: better-sqlite3's native binding among them.
    packages: 'external',
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(dirname(outfile), { recursive: true });
  const partial = `${outfile}.${process.pid}.tmp`;
  writeFileSync(partial, result.outputFiles[0].contents);
  renameSync(partial, outfile);
}
