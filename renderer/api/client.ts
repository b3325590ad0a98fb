/**
 * The renderer's one way to the Node side. In Electron the preload bridge carries calls over IPC;
 * in a plain browser (`marginalia serve`, end-to-end tests) they go to the loopback host over HTTP.
 * Both transports return the same wire reply, unwrapped here into a result or an ApiError.
 */
import type { Api, ApiMethod } from '../../electron/contract/api';
import { expandDocument } from '../../electron/contract/compactDocument';
import type { WireError, WireReply } from '../../electron/contract/dispatch';
import { API_METHODS } from '../../electron/contract/methods';
import type { DocumentView, LayerRef, MenuCommand } from '../../electron/contract/types';

export class ApiError extends Error {
  constructor(readonly wire: WireError) {
    super(wire.message);
  }
}

type Transport = (method: ApiMethod, args: unknown) => Promise<WireReply>;

interface PreloadBridge {
  methods: Record<ApiMethod, (args: unknown) => Promise<WireReply>>;
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

declare global {
  interface Window {
    marginalia?: PreloadBridge;
  }
}

/** The header the loopback host checks on every call (electron/host/guard.ts). */
const TOKEN_HEADER = 'X-Marginalia-Token';
const TYPED_PATH_HEADER = 'X-Marginalia-Typed-Path';
const ACCESS_KEY = 'marginalia-host';

interface HostAccess {
  token: string;
  /** `marginalia serve`: no native dialogs, so paths are typed in the browser. */
  typedPaths: boolean;
}

/**
 * The host's token arrives once in the address (`#token=…`, a fragment: never sent to a server or
 * in a Referer). It is taken out of the address bar at once and kept in this tab's sessionStorage,
 * which only pages of this same origin can read, so a reload keeps working and other sites cannot.
 */
function hostAccess(): HostAccess | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get('token');
  if (token) {
    const access = { token, typedPaths: params.get('dialogs') === 'typed' };
    window.sessionStorage.setItem(ACCESS_KEY, JSON.stringify(access));
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return access;
  }
  try {
    const stored = JSON.parse(
      window.sessionStorage.getItem(ACCESS_KEY) ?? 'null',
    ) as Partial<HostAccess> | null;
    return typeof stored?.token === 'string'
      ? { token: stored.token, typedPaths: stored.typedPaths === true }
      : null;
  } catch {
    return null; // not ours or damaged: the host's refusal then says which address to open
  }
}

type Question = (args: { folder?: boolean }) => string;
/** Calls that open a native file dialog when given no path, and what to ask instead in a browser. */
const PATH_QUESTIONS: Partial<Record<ApiMethod, Question>> = {
  newProject: () => 'Path of the new project file (.marginalia):',
  openProject: () => 'Path of the project file to open:',
  startImport: ({ folder }) =>
    folder ? 'Path of the folder to import:' : 'Path of the file to import (import a folder for many files):',
  startExport: () => 'Path to export to (a file, or a new folder for folder formats):',
  exportWorkPackage: () => 'Path of the work package to write (a new .marginalia file):',
  mergeWorkPackages: () => 'Path of the returned work package to merge:',
};

/**
 * In `marginalia serve`, asks for the path a native dialog would have chosen; it travels with the
 * call itself. No answer (blank or Cancel) is a cancelled dialog.
 */
function typedPath(method: ApiMethod, args: unknown): Record<string, string> {
  const question = PATH_QUESTIONS[method];
  // A recent project (by handle) or an import run again names its files already: no question.
  const given = (args ?? {}) as { recent?: unknown; again?: unknown; folder?: boolean };
  if (!question || given.recent !== undefined || given.again !== undefined) return {};
  const answer = window.prompt(question(given))?.trim();
  return answer ? { [TYPED_PATH_HEADER]: encodeURIComponent(answer) } : {};
}

function httpTransport(access: HostAccess | null): Transport {
  return async (method, args) => {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(access ? { [TOKEN_HEADER]: access.token } : {}),
        ...(access?.typedPaths ? typedPath(method, args) : {}),
      },
      body: JSON.stringify(args ?? {}),
    });
    // The host refuses with a sentence (a missing token, a foreign page); show it as it is.
    if (!response.ok) return { ok: false, error: { kind: 'user', message: await response.text() } };
    return (await response.json()) as WireReply;
  };
}

function createApi(transport: Transport): Api {
  const entries = API_METHODS.map((method) => [
    method,
    async (args: unknown) => {
      const reply = await transport(method, args);
      if (!reply.ok) throw new ApiError(reply.error);
      return reply.result;
    },
  ]);
  return Object.fromEntries(entries) as Api;
}

const bridge = window.marginalia;

export const api: Api = createApi(
  bridge ? (method, args) => bridge.methods[method](args) : httpTransport(hostAccess()),
);

/** A document to annotate: `getDocument` sends the compact wire form (half the JSON), decoded here. */
export async function fetchDocument(id: number, layers: LayerChoice = {}): Promise<DocumentView> {
  return expandDocument(await api.getDocument({ id, ...layers }));
}

/** Which layer the user edits (their own when not set) and which others are drawn beside it. */
export interface LayerChoice {
  editable?: LayerRef;
  layers?: LayerRef[];
}

/** Native menu commands; there is no native menu in a plain browser. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return bridge ? bridge.onMenu(listener) : () => {};
}
