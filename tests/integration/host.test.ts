/**
 * The loopback host against the requests a web page the user visits could send it: blind
 * `no-cors` posts (text/plain, no custom headers), DNS rebinding (a foreign Host), a foreign Origin,
 * a missing or guessed token. Each is refused and changes nothing; the app's own request works.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServe, type Serving } from '../../electron/host/serve';
import { ScriptedDialogs, startHost, type RunningHost } from '../../electron/host/server';
import { createWorkbench, type Workbench } from '../../electron/services/workbench';
import { CLI_BUNDLE } from '../testBundles';

interface Reply {
  status: number;
  body: string;
}

/** Any request a browser or a script could make, Host and Origin included (fetch would not let us set Host). */
function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const call = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    call.on('error', reject);
    call.end(options.body);
  });
}

/** The port and token a user reads off the printed address. */
function addressOf(url: string): { port: number; token: string } {
  const parsed = new URL(url);
  return { port: Number(parsed.port), token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '' };
}

let dir: string;
let workbench: Workbench;
let dialogs: ScriptedDialogs;
let host: RunningHost & ReturnType<typeof addressOf>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-host-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Marginalia</title>');
  dialogs = new ScriptedDialogs();
  workbench = createWorkbench({ settingsPath: join(dir, 'settings.json'), dialogs });
  await workbench.handlers.setUserName({ name: 'Alice' });
  const started = await startHost({ workbench, dialogs, rendererDir });
  host = { ...started, ...addressOf(started.url) };
});

afterEach(async () => {
  await new Promise((done) => host.server.close(done));
  workbench.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = (token: string) => ({ 'content-type': 'application/json', 'x-marginalia-token': token });

/** What the project holds, read the way the app reads it. */
async function session() {
  const reply = await send(host.port, { path: '/api/getSession', headers: json(host.token), body: '{}' });
  expect(reply.status).toBe(200);
  return (JSON.parse(reply.body) as { result: { project: { path: string } | null } }).result;
}

describe('the loopback host', () => {
  it('prints its address with a random token in the fragment, new on every start', async () => {
    const url = new URL(host.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.search).toBe('');
    expect(url.hash).toBe(`#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
    const second = await startHost({ workbench, dialogs: new ScriptedDialogs(), rendererDir: dir });
    expect(addressOf(second.url).token).not.toBe(host.token);
    await new Promise((done) => second.server.close(done));
  });

  it("answers the app's own call: token header, JSON body, its own Host and Origin", async () => {
    const target = join(dir, 'mine.marginalia');
    dialogs.push(target); // what the save dialog answers
    const reply = await send(host.port, {
      path: '/api/newProject',
      headers: { ...json(host.token), origin: `http://127.0.0.1:${host.port}` },
      body: '{}',
    });
    expect(reply.status).toBe(200);
    expect(existsSync(target)).toBe(true);
    expect((await session()).project?.path).toBe(target);
  });

  const target = () => join(dir, 'planted.marginalia');
  const attacks: [string, () => { headers: Record<string, string> }, number, RegExp][] = [
    [
      "a web page's blind no-cors post (text/plain, no token, its own Origin)",
      () => ({ headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'http://attacker.example' } }),
      403,
      /attacker\.example/,
    ],
    [
      'a post with no token at all',
      () => ({ headers: { 'content-type': 'application/json' } }),
      403,
      /token/,
    ],
    ['a guessed token', () => ({ headers: json('A'.repeat(host.token.length)) }), 403, /token/],
    [
      'the right token in a text/plain body',
      () => ({ headers: { ...json(host.token), 'content-type': 'text/plain' } }),
      415,
      /application\/json/,
    ],
    [
      'DNS rebinding: the right token under a foreign Host',
      () => ({ headers: { ...json(host.token), host: `attacker.example:${host.port}` } }),
      403,
      /attacker\.example/,
    ],
    [
      'the right token from a foreign Origin',
      () => ({ headers: { ...json(host.token), origin: 'http://attacker.example' } }),
      403,
      /attacker\.example/,
    ],
    [
      'a sandboxed frame or file page (Origin: null)',
      () => ({ headers: { ...json(host.token), origin: 'null' } }),
      403,
      /page at null/,
    ],
    [
      'the loopback name on another port as Origin',
      () => ({ headers: { ...json(host.token), origin: 'http://127.0.0.1:1' } }),
      403,
      /127\.0\.0\.1:1/,
    ],
  ];

  it.each(attacks)('refuses %s, and nothing is created', async (_name, make, status, message) => {
    const reply = await send(host.port, {
      path: '/api/newProject',
      ...make(),
      body: JSON.stringify({ path: target() }),
    });
    expect(reply.status).toBe(status);
    expect(reply.body).toMatch(message);
    expect(reply.body).toContain('Nothing was changed.');
    expect(existsSync(target())).toBe(false);
    expect((await session()).project).toBeNull();
  });

  it('refuses a no-cors import of a local file and a read-back: the project stays empty', async () => {
    const project = join(dir, 'open.marginalia');
    workbench.createProject(project).close();
    workbench.openProject(project);
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'the private notes of this machine');
    const csrf = { 'content-type': 'text/plain', origin: 'http://attacker.example' };
    const attempt = await send(host.port, {
      path: '/api/startImport',
      headers: csrf,
      body: JSON.stringify({ paths: [secret], format: 'txt' }),
    });
    expect(attempt.status).toBe(403);
    const readBack = await send(host.port, { path: '/api/getDocument', headers: csrf, body: '{"id":1}' });
    expect(readBack.status).toBe(403);
    expect(readBack.body).not.toContain('private notes');
    const documents = await send(host.port, {
      path: '/api/listDocuments',
      headers: json(host.token),
      body: '{}',
    });
    expect(JSON.parse(documents.body)).toEqual({ ok: true, result: [] });
  });

  it('answers under the name localhost too, from its own localhost Origin', async () => {
    const reply = await send(host.port, {
      path: '/api/getSession',
      headers: {
        ...json(host.token),
        host: `localhost:${host.port}`,
        origin: `http://localhost:${host.port}`,
      },
      body: '{}',
    });
    expect(reply.status).toBe(200);
  });

  it('serves the page without the token but not under a foreign Host', async () => {
    const page = await send(host.port, { method: 'GET', path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Marginalia</title>');
    const rebound = await send(host.port, {
      method: 'GET',
      path: '/',
      headers: { host: `attacker.example:${host.port}` },
    });
    expect(rebound.status).toBe(403);
    const malformed = await send(host.port, { method: 'GET', path: '/%E0%A4%A' });
    expect(malformed.status).toBe(404);
  });

  it('refuses a body that is not JSON with a sentence, and changes nothing', async () => {
    const reply = await send(host.port, {
      path: '/api/newProject',
      headers: json(host.token),
      body: `{"path": "${target()}"`,
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatch(/^Refused: the body is not JSON .*Nothing was changed\.$/);
    expect(existsSync(target())).toBe(false);
  });

  it('keeps the /test dialog routes behind the token too', async () => {
    const reply = await send(host.port, {
      path: '/test/dialogs',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([target()]),
    });
    expect(reply.status).toBe(403);
    const answered = await send(host.port, {
      path: '/test/dialogs',
      headers: json(host.token),
      body: JSON.stringify([target()]),
    });
    expect(answered.status).toBe(204);
    const asked = await send(host.port, {
      method: 'GET',
      path: '/test/dialogs',
      headers: { 'x-marginalia-token': host.token },
    });
    expect(asked).toEqual({ status: 200, body: '[]' });
    const unasked = await send(host.port, { method: 'GET', path: '/test/dialogs' });
    expect(unasked.status).toBe(403);
  });
});

describe('marginalia serve', () => {
  let serving: Serving;
  let port: number;
  let token: string;
  const project = () => join(dir, 'served.marginalia');

  beforeEach(async () => {
    workbench.createProject(project()).close();
    serving = await startServe({
      project: project(),
      dataDir: join(dir, 'serve-data'),
      rendererDir: join(dir, 'renderer'),
    });
    ({ port, token } = addressOf(serving.url));
  });

  afterEach(() => serving.stop());

  it('opens the project it was given and prints an address with the token', () => {
    expect(serving.project).toBe(project());
    expect(serving.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32,}&dialogs=typed$/);
  });

  it('has no /test routes: a scripted dialog answer is refused even with the token', async () => {
    for (const method of ['POST', 'GET']) {
      const reply = await send(port, {
        method,
        path: '/test/dialogs',
        headers: json(token),
        body: method === 'POST' ? JSON.stringify([join(dir, 'planted.marginalia')]) : undefined,
      });
      expect(reply.status).toBe(404);
    }
    expect(existsSync(join(dir, 'planted.marginalia'))).toBe(false);
  });

  it('takes the path typed in the browser with the call that needs it; without one the dialog is cancelled', async () => {
    const typed = join(dir, 'typed ü.marginalia');
    const cancelled = await send(port, { path: '/api/newProject', headers: json(token), body: '{}' });
    expect(JSON.parse(cancelled.body).result.project.path).toBe(project());
    const reply = await send(port, {
      path: '/api/newProject',
      headers: { ...json(token), 'x-marginalia-typed-path': encodeURIComponent(typed) },
      body: '{}',
    });
    expect(JSON.parse(reply.body).result.project.path).toBe(typed);
    expect(existsSync(typed)).toBe(true);
  });

  it('on the command line, refuses a bad port or two projects with a sentence and exit code 1', async () => {
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((done) => {
        // The CLI's bundle (tests/testBundles.ts); tests/e2e/serve.spec.ts starts serve through bin/marginalia.mjs.
        const child = execFile(process.execPath, [CLI_BUNDLE, 'serve', ...args], {
          cwd: join(import.meta.dirname, '../..'),
        });
        let stderr = '';
        child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (code) => done({ code, stderr }));
      });
    expect(await run(project(), '--port', '70000')).toEqual({
      code: 1,
      stderr:
        'marginalia serve: --port takes a whole number from 0 to 65535, not "70000"; the server was not started\n',
    });
    expect(await run(project(), project())).toEqual({
      code: 1,
      stderr: 'marginalia serve: serve opens one project, not 2\n',
    });
  });

  it('refuses to start without the built page, saying how to build it', async () => {
    await expect(
      startServe({ project: project(), dataDir: join(dir, 'serve-data'), rendererDir: join(dir, 'none') }),
    ).rejects.toThrow(/not built .*npm run build/);
  });
});
