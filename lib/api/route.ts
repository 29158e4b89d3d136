// The shape of one device API route: its schemas, its scope and its handler. The router and the
// OpenAPI document both read the same definitions.
import type { z } from "zod";
import type { TokenCaller } from "@/lib/access/caller";
import type { Scope } from "@/lib/access/scopes";

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

type RouteContext<P, Q, B> = { caller: TokenCaller; params: Out<P>; query: Out<Q>; body: Out<B> };

export type Route<P = Schema | undefined, Q = Schema | undefined, B = Schema | undefined> = {
  method: Method;
  /** OpenAPI style, relative to /api/v1: "/devices/{deviceId}". */
  path: string;
  operationId: string;
  summary: string;
  /** The scope a token needs, or all of a list; null means any valid token. */
  scope: Scope | readonly Scope[] | null;
  params?: P;
  query?: Q;
  body?: B;
  bodyLimit?: number;
  response?: Schema;
  status?: 200 | 201 | 204;
  /** When the route can answer 409, what the conflict is, for the OpenAPI document. */
  conflict?: string;
  /** The route's change is written with an audit record, so it answers 503 when the log cannot be written. */
  audited?: boolean;
  handle(context: RouteContext<P, Q, B>): Promise<unknown>;
};

/** The scopes a route needs, as a list. */
export function scopesOf(route: Pick<Route, "scope">): readonly Scope[] {
  return route.scope === null ? [] : typeof route.scope === "string" ? [route.scope] : route.scope;
}

/** Declares a route with its handler's types inferred from its schemas. */
export function route<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  definition: Route<P, Q, B>,
): Route {
  return definition as unknown as Route;
}
