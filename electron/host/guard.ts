/**
 * Who may talk to the loopback host: only pages it served itself, on this machine, holding the
 * token printed when it started. A web page the user visits meanwhile can still send requests to
 * 127.0.0.1 (blind `no-cors` posts, DNS rebinding); each check below refuses one of those ways.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The header every API call carries the token in (a custom header also forces a CORS preflight). */
export const TOKEN_HEADER = 'x-marginalia-token';

/** `marginalia serve`: the path typed in the browser for the call's dialog, URI-encoded. */
export const TYPED_PATH_HEADER = 'x-marginalia-typed-path';

/** A fresh random token, URL-safe, for one start of the host. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Why a request is refused: the HTTP status and a sentence for whoever sent it. */
export interface Refusal {
  status: 403 | 415;
  message: string;
}

const ALLOWED_HOSTNAMES = ['127.0.0.1', 'localhost'];

/**
 * Host must name this server on loopback (a rebinding page's requests carry its own name), and an
 * Origin, when the browser sends one, must be the host's own. Applies to every request, static too.
 */
export function checkSite(headers: IncomingHttpHeaders, port: number): Refusal | null {
  const host = headers.host ?? '';
  if (!ALLOWED_HOSTNAMES.some((name) => host === `${name}:${port}`))
    return {
      status: 403,
      message: `Refused: this server answers only to 127.0.0.1:${port} or localhost:${port}, not to "${host}". Nothing was changed.`,
    };
  const origin = headers.origin;
  if (origin !== undefined && origin !== `http://${host}`)
    return {
      status: 403,
      message: `Refused: a request from the page at ${origin} may not use this server. Nothing was changed.`,
    };
  return null;
}

/**
 * Calls carry the token in a header, and a body (`withBody`) as JSON: a cross-site form or `no-cors`
 * post can do neither.
 */
export function checkCall(headers: IncomingHttpHeaders, token: string, withBody: boolean): Refusal | null {
  const given = headers[TOKEN_HEADER];
  if (typeof given !== 'string' || !sameSecret(given, token))
    return {
      status: 403,
      message:
        'Refused: this request lacks the right token. Nothing was changed. Open the address the server printed when it started (it ends in #token=…).',
    };
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (withBody && type !== 'application/json')
    return {
      status: 415,
      message: `Refused: the body must be sent as application/json, not "${type || 'no content type'}". Nothing was changed.`,
    };
  return null;
}

/** Constant-time comparison; hashing first makes both sides the same length whatever was sent. */
function sameSecret(given: string, token: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}
