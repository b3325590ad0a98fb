/**
 * The loopback host: serves the built renderer and the same API as the preload bridge over HTTP on
 * 127.0.0.1 — for the end-to-end tests (with scripted dialogs) and `marginalia serve` (a browser
 * instead of Electron). Every API call must carry the per-start token; see guard.ts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { z } from 'zod';
import { dispatch } from '../contract/dispatch';
import type { FormatInfo } from '../contract/types';
import { contentTypeOf } from '../services/contentTypes';
import type { Dialogs, Workbench } from '../services/workbench';
import { checkCall, checkSite, newToken, TYPED_PATH_HEADER, type Refusal } from './guard';

const MAX_BODY_BYTES = 16 << 20;

/** Dialog answers queued by a test (POST /test/dialogs) and handed out in order. */
export class ScriptedDialogs implements Dialogs {
  private readonly answers: (string | string[] | null)[] = [];
  /** What each dialog was asked, oldest first (GET /test/dialogs), so a test can check the question. */
  readonly asked: string[] = [];

  push(...answers: (string | string[] | null)[]): void {
    this.answers.push(...answers);
  }

  private next(): string | string[] | null {
    if (this.answers.length === 0)
      throw new Error('the test host was asked for a dialog answer it was not given');
    return this.answers.shift() ?? null;
  }

  chooseNewProjectPath = async () => asPath(this.next());
  chooseProjectPath = async () => asPath(this.next());
  chooseExportPath = async (suggestedName: string, format: FormatInfo) => {
    this.asked.push(`export ${format.id} ${suggestedName}`);
    return asPath(this.next());
  };
  chooseImportPaths = async (folder: boolean, format: FormatInfo | null) => {
    this.asked.push(`import ${folder ? 'folder' : 'files'} ${format?.id ?? 'auto'}`);
    return this.paths();
  };
  choosePackagePath = async (suggestedName: string) => {
    this.asked.push(`package ${suggestedName}`);
    return asPath(this.next());
  };
  choosePackagesToMerge = async () => {
    this.asked.push('merge');
    return this.paths();
  };

  private paths(): string[] | null {
    const answer = this.next();
    return answer === null ? null : Array.isArray(answer) ? answer : [answer];
  }
}

const asPath = (answer: string | string[] | null) => (Array.isArray(answer) ? (answer[0] ?? null) : answer);

/** The path typed in the browser for the call being handled (`marginalia serve`); none = cancelled. */
const typedPath = new AsyncLocalStorage<string | null>();

/**
 * `marginalia serve` has no native dialogs: the page asks for a path and sends it with the very
 * call that needs it (a header), so an answer can never be left over for a later dialog.
 */
export class TypedPathDialogs implements Dialogs {
  private readonly answer = async () => typedPath.getStore() ?? null;
  chooseNewProjectPath = this.answer;
  chooseProjectPath = this.answer;
  chooseExportPath = this.answer;
  choosePackagePath = this.answer;
  chooseImportPaths = async () => {
    const answer = await this.answer();
    return answer === null ? null : [answer];
  };
  choosePackagesToMerge = this.chooseImportPaths;
}

const testAnswers = z.array(z.union([z.string(), z.array(z.string()), z.null()]));

export interface HostOptions {
  workbench: Workbench;
  /**
   * The same object the workbench asks for paths. Scripted: the end-to-end tests' host, with the
   * /test/dialogs routes. Typed: `marginalia serve`, no /test routes.
   */
  dialogs: ScriptedDialogs | TypedPathDialogs;
  rendererDir: string;
  port?: number;
}

export interface RunningHost {
  server: Server;
  port: number;
  token: string;
  /** The address to open: the token rides in the fragment, which browsers never send to a server. */
  url: string;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = newToken();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(options, port, token, request, response).catch((error: unknown) => {
      if (error instanceof BadRequest) respond(response, error.status, 'text/plain', error.message);
      else respond(response, 500, 'text/plain', `The host failed: ${String(error)}`);
    });
  });
  const typed = options.dialogs instanceof TypedPathDialogs ? '&dialogs=typed' : '';
  return { server, port, token, url: `http://127.0.0.1:${port}/#token=${token}${typed}` };
}

async function handle(
  options: HostOptions,
  port: number,
  token: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const refuse = (refusal: Refusal) => respond(response, refusal.status, 'text/plain', refusal.message);
  const site = checkSite(request.headers, port);
  if (site) return refuse(site);
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (request.method === 'GET' && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/test/')) {
    // The built renderer holds no secrets: served without the token, which the page brings itself.
    await serveStatic(options.rendererDir, url.pathname, response);
    return;
  }
  const route = routeOf(options, request.method ?? '', url.pathname);
  if (!route) {
    respond(response, 404, 'text/plain', `There is no ${request.method} ${url.pathname} on this server.`);
    return;
  }
  const call = checkCall(request.headers, token, request.method !== 'GET');
  if (call) return refuse(call);
  await route(request, response);
}

type Route = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

function routeOf(options: HostOptions, method: string, pathname: string): Route | null {
  const { workbench, dialogs } = options;
  if (method === 'POST' && pathname.startsWith('/api/'))
    return async (request, response) => {
      const args = await readJson(request);
      const reply = await typedPath.run(typedAnswer(request), () =>
        dispatch(workbench.handlers, pathname.slice('/api/'.length), args),
      );
      respond(response, 200, 'application/json', JSON.stringify(reply));
    };
  // The test routes exist only in the test host: they would let a page script any path.
  if (!(dialogs instanceof ScriptedDialogs)) return null;
  if (method === 'POST' && pathname === '/test/dialogs')
    return async (request, response) => {
      dialogs.push(...parseBody(testAnswers, await readJson(request)));
      respond(response, 204, 'text/plain', '');
    };
  if (method === 'GET' && pathname === '/test/dialogs')
    return async (_request, response) => {
      respond(response, 200, 'application/json', JSON.stringify(dialogs.asked));
    };
  return null;
}

function typedAnswer(request: IncomingMessage): string | null {
  const header = request.headers[TYPED_PATH_HEADER];
  if (typeof header !== 'string') return null;
  try {
    return decodeURIComponent(header);
  } catch {
    throw new BadRequest(400, 'Refused: the typed path is not URI-encoded. Nothing was changed.');
  }
}

async function serveStatic(root: string, pathname: string, response: ServerResponse): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    respond(response, 404, 'text/plain', 'not found');
    return;
  }
  const relative = normalize(decoded).replace(/^[/\\]+/, '');
  const file = join(root, relative);
  if (!file.startsWith(root + sep)) {
    respond(response, 403, 'text/plain', 'forbidden');
    return;
  }
  try {
    const body = await readFile(file);
    respond(response, 200, contentTypeOf(file), body);
  } catch {
    respond(response, 404, 'text/plain', 'not found');
  }
}

/** A request the host understood but cannot take; its message is a sentence for the sender. */
class BadRequest extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new BadRequest(
        413,
        `Refused: the request is larger than ${MAX_BODY_BYTES >> 20} MB. Nothing was changed.`,
      );
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks).toString('utf8');
  try {
    return body === '' ? {} : (JSON.parse(body) as unknown);
  } catch (error) {
    throw new BadRequest(
      400,
      `Refused: the body is not JSON (${(error as Error).message}). Nothing was changed.`,
    );
  }
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new BadRequest(400, `Refused: ${z.prettifyError(parsed.error)}. Nothing was changed.`);
  return parsed.data;
}

function respond(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    // Nothing here may be framed or sniffed into another type by a foreign page.
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  });
  response.end(body);
}
