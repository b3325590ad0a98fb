/**
 * The renderer is served from `marginalia://app/`, not file://: a file:// page may read any local
 * file by URL, and every file:// page shares one origin. This protocol serves only the built
 * renderer folder, with the CSP as a header.
 */
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { contentTypeOf } from '../services/contentTypes';

export const RENDERER_SCHEME = 'marginalia';
const RENDERER_HOST = 'app';
export const RENDERER_ENTRY = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

/**
 * Must run before the app is ready. `standard` gives the scheme an origin (so 'self' in the CSP and
 * module scripts work); `secure` lets it use what https pages may.
 */
export function registerRendererScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** True when `url` is on the same scheme and host as `entry` (WHATWG gives custom schemes no origin). */
export function isRendererUrl(url: string, entry: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(entry);
    return a.protocol === b.protocol && a.host === b.host;
  } catch {
    return false;
  }
}

/** The file under `root` a renderer URL names, or null for another host or a path that leaves `root`. */
export function rendererFile(root: string, url: string): string | null {
  let pathname: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== `${RENDERER_SCHEME}:` || parsed.host !== RENDERER_HOST) return null;
    // Decoded, so %2e%2e and %2f cannot smuggle a ".." past the check below.
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(base + sep) ? file : null;
}

/** Serves `root` on the renderer scheme; anything outside it, or missing, is a 404. */
export function serveRenderer(
  protocol: Pick<Protocol, 'handle'>,
  root: string,
  contentSecurityPolicy: string,
): void {
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const file = rendererFile(root, request.url);
    const body = file && (await readFile(file).catch(() => null));
    if (!file || !body) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': contentTypeOf(file),
        'content-security-policy': contentSecurityPolicy,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
