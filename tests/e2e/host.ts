/** Starts the loopback test host as a child process, the way a user's app would start. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { ApiArgs, ApiMethod, ApiResults } from '../../electron/contract/api';
import { expandDocument } from '../../electron/contract/compactDocument';
import type { WireReply } from '../../electron/contract/dispatch';
import type { DocumentView } from '../../electron/contract/types';
import { HOST_BUNDLE } from '../testBundles';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RunningHost {
  /** The address to open, with this start's token in the fragment (`#token=…`). */
  url: string;
  /** The token every API and /test call carries in the X-Marginalia-Token header. */
  token: string;
  dataDir: string;
  /** Queues answers for the next native dialogs (file paths; null = the user cancels). */
  answerDialogs(...answers: (string | string[] | null)[]): Promise<void>;
  /** SIGKILL: the hardest way an app can stop. */
  kill(): Promise<void>;
}

/** The range of the first `needle` in `text`, for spans a test writes into its project. */
export const rangeIn = (text: string) => (needle: string) => ({
  start: text.indexOf(needle),
  end: text.indexOf(needle) + needle.length,
});

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `marginalia-${prefix}-`));
}

export async function startHost(options: { dataDir?: string; args?: string[] } = {}): Promise<RunningHost> {
  const dataDir = options.dataDir ?? tempDir('data');
  const { child, url } = await spawnServer(
    // electron/host/main.ts from its bundle (tests/testBundles.ts): the same code without tsx's start-up cost.
    [HOST_BUNDLE, '--data', dataDir, ...(options.args ?? [])],
    /listening (\S+)/,
  );
  const token = tokenOf(url);
  return {
    url,
    token,
    dataDir,
    async answerDialogs(...answers) {
      const response = await fetch(new URL('/test/dialogs', url), {
        method: 'POST',
        headers: hostHeaders(token),
        body: JSON.stringify(answers),
      });
      if (!response.ok) throw new Error(`could not queue dialog answers: ${response.status}`);
    },
    kill: () => stop(child),
  };
}

/** `marginalia serve` as a user runs it, its settings in `configDir`: the address it prints and a way to stop it. */
export async function startServe(
  configDir: string,
  args: string[] = [],
): Promise<{ url: string; output: () => string; kill(): Promise<void> }> {
  const { child, url, output } = await spawnServer(
    [join(ROOT, 'bin/marginalia.mjs'), 'serve', ...args],
    /^\s+(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m,
    { XDG_CONFIG_HOME: configDir },
  );
  return { url, output, kill: () => stop(child) };
}

/** Starts a server process and resolves with the address it prints (the first group of `printed`). */
async function spawnServer(
  args: string[],
  printed: RegExp,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = printed.exec(output);
      if (match) resolveUrl(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
}

/** The token a host's printed address carries in its fragment. */
export function tokenOf(url: string): string {
  const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token');
  if (!token) throw new Error(`the host printed no token: ${url}`);
  return token;
}

/** Calls the host's API over HTTP, as the renderer's client does; an error reply throws. */
export async function callApi<M extends ApiMethod>(
  host: RunningHost,
  method: M,
  args: ApiArgs<M>,
): Promise<ApiResults[M]> {
  const response = await fetch(new URL(`/api/${method}`, host.url), {
    method: 'POST',
    headers: hostHeaders(host.token),
    body: JSON.stringify(args),
  });
  if (!response.ok) throw new Error(`${method}: HTTP ${response.status} ${await response.text()}`);
  const reply = (await response.json()) as WireReply;
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.result as ApiResults[M];
}

/** What the host demands of every call besides the static files: the token and a JSON body. */
export function hostHeaders(token: string): Record<string, string> {
  return { 'content-type': 'application/json', 'x-marginalia-token': token };
}

/** A stored document as the renderer opens it: `getDocument`'s wire form through the renderer's decoder. */
export async function readDocument(host: RunningHost, id: number): Promise<DocumentView> {
  return expandDocument(await callApi(host, 'getDocument', { id }));
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

/** Selects `needle` (its `occurrence`-th match) in the document text with a real mouse drag. */
export async function dragSelect(page: Page, needle: string, occurrence = 0): Promise<void> {
  const box = await page.evaluate(
    ({ needle, occurrence }) => {
      const root = document.querySelector('.mg-text')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      // The rendered text is split across nodes by decorations: search the concatenation.
      const nodes: Text[] = [];
      let all = '';
      while (walker.nextNode()) {
        nodes.push(walker.currentNode as Text);
        all += (walker.currentNode as Text).data;
      }
      let at = -1;
      for (let i = 0; i <= occurrence; i++) at = all.indexOf(needle, at + 1);
      if (at < 0) throw new Error(`"${needle}" not found in the document`);
      // No helper functions in here: tsx (scripts/, bench/) would wrap them in a __name() the page lacks.
      const range = document.createRange();
      let rest = at;
      let endRest = at + needle.length;
      let startSet = false;
      for (const node of nodes) {
        if (!startSet && rest <= node.data.length) {
          range.setStart(node, rest);
          startSet = true;
        }
        if (endRest <= node.data.length) {
          range.setEnd(node, endRest);
          break;
        }
        rest -= node.data.length;
        endRest -= node.data.length;
      }
      range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const rects = range.getClientRects();
      const first = rects[0]!;
      const last = rects[rects.length - 1]!;
      return {
        x1: first.left + 1,
        y1: first.top + first.height / 2,
        x2: last.right - 1,
        y2: last.top + last.height / 2,
      };
    },
    { needle, occurrence },
  );
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}
