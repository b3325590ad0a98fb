/**
 * The loopback host: serves the built renderer and the same API as the preload bridge over HTTP on
 * 127.0.0.1, so end-to-end tests drive the real UI in Chromium against the real services.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { dispatch } from '../contract/dispatch';
import type { FormatInfo } from '../contract/types';
import { contentTypeOf } from '../services/contentTypes';
import type { Dialogs, Workbench } from '../services/workbench';

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
    const answer = this.next();
    return answer === null ? null : Array.isArray(answer) ? answer : [answer];
  };
}

const asPath = (answer: string | string[] | null) => (Array.isArray(answer) ? (answer[0] ?? null) : answer);

export interface HostOptions {
  workbench: Workbench;
  dialogs: ScriptedDialogs;
  rendererDir: string;
  port?: number;
}

export async function startHost(options: HostOptions): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    handle(options, request, response).catch((error: unknown) => {
      respond(response, 500, 'text/plain', String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

async function handle(
  options: HostOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (request.method === 'POST' && url.pathname.startsWith('/api/')) {
    const args = await readJson(request);
    const reply = await dispatch(options.workbench.handlers, url.pathname.slice('/api/'.length), args);
    respond(response, 200, 'application/json', JSON.stringify(reply));
    return;
  }
  if (request.method === 'POST' && url.pathname === '/test/dialogs') {
    options.dialogs.push(...((await readJson(request)) as (string | string[] | null)[]));
    respond(response, 204, 'text/plain', '');
    return;
  }
  if (request.method === 'GET' && url.pathname === '/test/dialogs') {
    respond(response, 200, 'application/json', JSON.stringify(options.dialogs.asked));
    return;
  }
  if (request.method === 'GET') {
    await serveStatic(options.rendererDir, url.pathname, response);
    return;
  }
  respond(response, 405, 'text/plain', 'method not allowed');
}

async function serveStatic(root: string, pathname: string, response: ServerResponse): Promise<void> {
  const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(
    /^[/\\]+/,
    '',
  );
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

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request too large');
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks).toString('utf8');
  return body === '' ? {} : (JSON.parse(body) as unknown);
}

function respond(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}
