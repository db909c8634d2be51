/**
 * What the app learns about a request that the server's request log wants to print (the signed-in
 * user's id). The server opens a context per request; the Remix build and the server share it
 * through globalThis, as they are separate module graphs.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  userId?: number;
}

const globalForContext = globalThis as unknown as { __hubRequestContext?: AsyncLocalStorage<RequestContext> };
export const requestContext = (globalForContext.__hubRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** Notes who made the current request, for the log line written when it ends. */
export function noteRequestUser(userId: number): void {
  const context = requestContext.getStore();
  if (context) context.userId = userId;
}
