/** Calling API handler tables in tests as a transport does: arguments parsed by dispatch, errors as sentences. */
import type { ApiHandlers, ApiMethod, ApiResults } from '../contract/api';
import { dispatch } from '../contract/dispatch';
import { editorOf } from '../store/layers';
import type { ProjectStore } from '../store/projectStore';
import type { ProjectAccess } from './projectAccess';

/** `call` resolves to a method's result (throwing its message); `refusal` to the message of a refused call. */
export function apiCaller(handlers: () => ApiHandlers) {
  return {
    async call<M extends ApiMethod>(method: M, args: unknown): Promise<ApiResults[M]> {
      const reply = await dispatch(handlers(), method, args);
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.result as ApiResults[M];
    },
    async refusal(method: ApiMethod, args: unknown): Promise<string> {
      const reply = await dispatch(handlers(), method, args);
      if (reply.ok) throw new Error(`${method} succeeded`);
      return reply.error.message;
    },
  };
}

/** The project as the local user `user()` (an annotator id) holds it; no session. */
export const accessAs = (store: () => ProjectStore, user: () => number): ProjectAccess => ({
  openStore: store,
  annotating: () => ({ store: store(), annotatorId: user() }),
  userName: () => editorOf(store().database, user()).name,
  session: () => {
    throw new Error('not used');
  },
});
