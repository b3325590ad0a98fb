/**
 * The renderer's one way to the Node side. In Electron the preload bridge carries calls over IPC;
 * in a plain browser (end-to-end tests, development) they go to the loopback host over HTTP.
 * Both transports return the same wire reply, unwrapped here into a result or an ApiError.
 */
import type { Api, ApiMethod } from '../../electron/contract/api';
import { expandDocument } from '../../electron/contract/compactDocument';
import type { WireError, WireReply } from '../../electron/contract/dispatch';
import { API_METHODS } from '../../electron/contract/methods';
import type { DocumentView, MenuCommand } from '../../electron/contract/types';

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

const httpTransport: Transport = async (method, args) => {
  const response = await fetch(`/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args ?? {}),
  });
  if (!response.ok)
    return { ok: false, error: { kind: 'internal', message: `${method}: HTTP ${response.status}` } };
  return (await response.json()) as WireReply;
};

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

export const api: Api = createApi(bridge ? (method, args) => bridge.methods[method](args) : httpTransport);

/** A document to annotate: `getDocument` sends the compact wire form (half the JSON), decoded here. */
export async function fetchDocument(id: number): Promise<DocumentView> {
  return expandDocument(await api.getDocument({ id }));
}

/** Native menu commands; there is no native menu in a plain browser. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return bridge ? bridge.onMenu(listener) : () => {};
}
