// In development and test every response of the device API is parsed with the schema that the
// OpenAPI document declares for it, exactly as sent, so that the document cannot drift from what
// is returned: a member missing, mistyped or undeclared (a leaked field, say) fails the request.
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import type { Route } from "./route";

/** A response its schema refuses: a bug in this server, never the client's fault. */
export class ResponseMismatch extends Error {
  override name = "ResponseMismatch";
  constructor(route: Pick<Route, "method" | "path">, why: string) {
    super(`${route.method} ${route.path} answered what its response schema refuses: ${why}`);
  }
}

/** Throws a ResponseMismatch unless `text` is JSON that the route's response schema accepts, member for member. */
export function checkResponse(route: Pick<Route, "method" | "path" | "response">, text: string): void {
  if (!route.response) return;
  const body: unknown = JSON.parse(text);
  const result = route.response.safeParse(body);
  if (!result.success) throw new ResponseMismatch(route, z.prettifyError(result.error));
  // zod drops members its objects do not declare; what it kept must be all that was sent.
  if (!isDeepStrictEqual(result.data, body)) throw new ResponseMismatch(route, "it holds members that the schema does not declare");
}

/**
 * Throws a ResponseMismatch unless `value` survives a trip through JSON unchanged: the dashboard's
 * in-process calls take the value itself, and must see exactly what a script would parse (no Date,
 * no undefined member, no class instance).
 */
export function checkPlainJson(route: Pick<Route, "method" | "path">, value: unknown, text: string): void {
  if (!isDeepStrictEqual(JSON.parse(text), value)) throw new ResponseMismatch(route, "its value is not plain JSON, so an in-process caller would see something else than a script");
}
