/** The single entry point every transport (IPC, HTTP) uses to run an API call. */
import { UserError } from '../core/errors';
import { apiArgs, isApiMethod, type ApiHandlers, type ApiMethod, type ApiParsedArgs } from './api';

/** How a failed call travels back to the renderer. */
export interface WireError {
  message: string;
  /** `user` errors are shown as they are; `internal` ones are bugs. */
  kind: 'user' | 'invalid' | 'internal';
}

export type WireReply = { ok: true; result: unknown } | { ok: false; error: WireError };

/**
 * The arguments of a call parsed with the method's schema, or what is wrong with them as one line
 * ("start: ..."). Every transport (IPC, HTTP, the CLI) parses through this.
 */
export function parseApiArgs<M extends ApiMethod>(
  method: M,
  rawArgs: unknown,
): { ok: true; args: ApiParsedArgs<M> } | { ok: false; detail: string } {
  const parsed = apiArgs[method].safeParse(rawArgs ?? {});
  if (parsed.success) return { ok: true, args: parsed.data as ApiParsedArgs<M> };
  const detail = parsed.error.issues
    .map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`)
    .join('; ');
  return { ok: false, detail };
}

/** Parses the arguments of a call from outside and runs its handler; never throws. */
export async function dispatch(handlers: ApiHandlers, method: unknown, rawArgs: unknown): Promise<WireReply> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { kind: 'invalid', message: `unknown API method ${JSON.stringify(method)}` } };
  }
  const parsed = parseApiArgs(method, rawArgs);
  if (!parsed.ok) return { ok: false, error: { kind: 'invalid', message: `${method}: ${parsed.detail}` } };
  try {
    const handler = handlers[method] as (args: unknown) => unknown;
    return { ok: true, result: await handler(parsed.args) };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, error: { kind: 'user', message: error.message } };
    console.error(`[marginalia] ${method} failed`, error);
    return { ok: false, error: { kind: 'internal', message: `${method} failed: ${String(error)}` } };
  }
}

export { UserError };
export type { ApiMethod };
