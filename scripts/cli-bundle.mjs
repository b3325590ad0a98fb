/**
 * Where the command line's bundle lives (scripts/build-cli.mjs writes it) and whether it is current:
 * no file it was built from (those under electron/, and package.json for the version) changed after. bin/marginalia.mjs runs it only then, and the
 * TypeScript through tsx otherwise, so an edited checkout runs what it holds.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Two folders below the checkout, as the source files are, so paths taken from
 * `import.meta.dirname` (electron/host/serve.ts) resolve the same from the bundle.
 */
export const cliBundlePath = (root) => join(root, 'out', 'cli', 'marginalia.mjs');

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
