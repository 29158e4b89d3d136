// Where the request being served came from, for the audit records it writes deep inside lib/: the
// API router and the server-action wrapper set it once, and appendAudit reads it.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestContext = { ip: string | null; userAgent: string | null };

const storage = new AsyncLocalStorage<RequestContext>();

/** A user agent is the client's to choose: kept short, and without control characters. */
const MAX_USER_AGENT = 256;

export function cleanUserAgent(value: string | null | undefined): string | null {
  if (!value) return null;
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, MAX_USER_AGENT);
  return clean || null;
}

export function withRequestContext<T>(context: RequestContext, run: () => T): T {
  return storage.run({ ip: context.ip, userAgent: cleanUserAgent(context.userAgent) }, run);
}

export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}
