// The device API core: routing, bearer authentication, rate limits, scopes, validation and
// problem+json errors. Route handlers under app/api/v1 and the in-process device client both call
// handleApiRequest, so the dashboard takes exactly the path a script does.
import "server-only";
import { z } from "zod";
import { ipFromForwardedFor } from "@/lib/client-ip";
import { env } from "@/lib/env";
import { logUnexpected } from "@/lib/error-log";
import type { TokenCaller } from "@/lib/access/caller";
import { assertScope } from "@/lib/access/checks";
import { AuditUnavailable } from "@/lib/audit/append";
import { withRequestContext } from "@/lib/audit/context";
import { summariseAudit } from "@/lib/audit/summary";
import { countRequest, type Limit } from "@/lib/rate-limit";
import { Refusal } from "@/lib/refusal";
import { MINUTE_MS } from "@/lib/time";
import { verifyToken } from "@/lib/tokens/verify";
import { countUsage } from "@/lib/usage/counter";
import { hasNul, nulRefused, readJsonBody } from "./body";
import { openApiBytes } from "./openapi";
import { ApiProblem, cacheControl, problemOf } from "./problem";
import { checkPlainJson, checkResponse, ResponseMismatch } from "./response-check";
import { scopesOf, type Route } from "./route";
import { routes } from "./routes";

export const API_PREFIX = "/api/v1";

const compiled = routes.map((r) => ({
  route: r,
  pattern: new RegExp(`^${r.path.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`),
}));

const MISSING_TOKEN = "Send a token in the Authorization header: Bearer <token>";
/**
 * One answer for every refused token, whatever the reason: telling revoked from unknown or expired
 * would tell a thief which stolen strings were once real. The reason (VerifyFailure) stays on the
 * server, for the audit log.
 */
const REFUSED_TOKEN = "The token is not valid: it is malformed, unknown, revoked or expired, or its owner is disabled";

const JSON_HEADERS = { "content-type": "application/json", "cache-control": "no-store" };

type ApiRequestOptions = {
  ip?: string | null;
  /** The dashboard's own call, in this process: a success answers with its value (InProcessResponse), not JSON text. */
  inProcess?: boolean;
};

/**
 * A success answered to a call made in this process: the value itself rides on the Response, and
 * no JSON text is made or parsed (in development and test the value is checked to be plain JSON,
 * so that it is exactly what a script would parse). Errors are ordinary problem responses.
 */
export class InProcessResponse extends Response {
  constructor(
    readonly value: unknown,
    status: number,
  ) {
    super(null, { status, headers: JSON_HEADERS });
  }
}

/** Development and test builds check every response against its schema (response-check.ts). */
const CHECK_RESPONSES = env.NODE_ENV !== "production";


/**
 * The dashboard's server-held token calls the API several times a page load. It names each load in
 * this header, and its limit counts page loads (API_RATE_LIMIT_PER_DASHBOARD), not calls: a limit
 * per call let a person's own busy browsing lock them out of their pages. Only the server holds a
 * dashboard token, so only the server can send this.
 */
export const PAGE_LOAD_HEADER = "x-gatehouse-page-load";

/** What a request turned out to be, for the usage counters: set once its token is verified. */
type Served = { caller?: TokenCaller; route?: string };

export async function handleApiRequest(request: Request, options: ApiRequestOptions = {}): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.slice(API_PREFIX.length) || "/";
  const ip = options.ip === undefined ? ipFromForwardedFor(request.headers.get("x-forwarded-for")) : options.ip;
  const served: Served = {};
  const response = await respond(request, url, path, ip, served, options.inProcess === true);
  if (served.caller && served.route) {
    countUsage({ tokenId: served.caller.tokenId, userId: served.caller.userId, route: served.route, status: response.status, ip });
  }
  return response;
}

async function respond(request: Request, url: URL, path: string, ip: string | null, served: Served, inProcess: boolean): Promise<Response> {
  try {
    if (path === "/openapi.json" && request.method === "GET") return new Response(openApiBytes(), { headers: JSON_HEADERS });
    const match = findRoute(request.method, path);
    return await serve(match.route, match.params, request, url, { ip, served, inProcess });
  } catch (error) {
    if (error instanceof ApiProblem) return error.toResponse(url.pathname);
    if (error instanceof Refusal) return problemOf(error).toResponse(url.pathname);
    if (error instanceof AuditUnavailable) return AUDIT_UNAVAILABLE.toResponse(url.pathname);
    // A response mismatch's message names schema members only, and is what a developer needs.
    const where = `device API error on ${request.method} ${url.pathname}`;
    const reference = logUnexpected(where, error, error instanceof ResponseMismatch ? error.message : undefined);
    return new ApiProblem("internal", `Something went wrong. Reference: ${reference}`).toResponse(url.pathname);
  }
}

/** A change whose audit record cannot be written is not made (lib/audit/append.ts). */
const AUDIT_UNAVAILABLE = new ApiProblem("unavailable", "The audit log could not be written, so nothing was changed; try again shortly", {
  headers: { "retry-after": "5" },
});

function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } {
  const allowed: string[] = [];
  for (const { route, pattern } of compiled) {
    const match = pattern.exec(path);
    if (!match) continue;
    allowed.push(route.method);
    if (route.method === method) return { route, params: decodeParams(match.groups ?? {}) };
  }
  if (allowed.length > 0) throw new ApiProblem("method_not_allowed", `${method} is not allowed here`, { headers: { allow: allowed.join(", ") } });
  throw new ApiProblem("not_found", "No such endpoint");
}

function decodeParams(groups: Record<string, string>): Record<string, string> {
  try {
    return Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, decodeURIComponent(v)]));
  } catch {
    throw new ApiProblem("not_found", "No such endpoint");
  }
}

type Serving = { ip: string | null; served: Served; inProcess: boolean };

async function serve(route: Route, rawParams: Record<string, string>, request: Request, url: URL, { ip, served, inProcess }: Serving): Promise<Response> {
  if (url.searchParams.has("access_token") || url.searchParams.has("token")) {
    throw new ApiProblem("invalid_request", "Tokens are never accepted in a URL; send them in the Authorization header");
  }
  const routeName = `${route.method} ${route.path}`;
  // The audit log's request context (the address and user agent), set only around what writes a
  // record: an AsyncLocalStorage costs every promise of the request (a third of GET /me's time).
  const inContext = <T,>(run: () => T): T => withRequestContext({ ip, userAgent: request.headers.get("user-agent") }, run);
  const ipLimit = ip ? [{ key: `ip:${ip}`, max: env.API_RATE_LIMIT_PER_IP }] : [];

  // A refused request still counts against its address, so floods of bad tokens meet the limit too.
  const bearer = /^Bearer ([^\s]+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const verified = bearer ? await verifyToken(bearer) : undefined;
  if (!verified?.ok) {
    const reason = verified ? verified.reason : "missing";
    const target = verified && !verified.ok && verified.tokenId ? { type: "token", id: verified.tokenId } : undefined;
    inContext(() => summariseAudit({ actor: { type: "anonymous", ip }, action: "token.refused", outcome: "denied", target, detail: { reason, route: routeName } }));
    await enforceRateLimits(ipLimit);
    throw new ApiProblem("unauthorized", verified ? REFUSED_TOKEN : MISSING_TOKEN);
  }
  const verifiedCaller = verified.caller;
  served.caller = verifiedCaller;
  served.route = routeName;
  await enforceRateLimits([...ipLimit, ...tokenLimit(verifiedCaller, request.headers.get(PAGE_LOAD_HEADER))]);
  // Checked here too, before the input, so that a token without the scope learns nothing from a
  // 400; the data functions check again for their other callers. A refusal answers 403.
  const caller = ip === null ? verifiedCaller : { ...verifiedCaller, ip };
  try {
    assertScope(verifiedCaller, ...scopesOf(route));
  } catch (error) {
    if (error instanceof Refusal) inContext(() => summariseAudit({ actor: caller, action: "access.denied", outcome: "denied", detail: { route: routeName, needed: scopesOf(route) } }));
    throw error;
  }

  const params = parse(route.params, rawParams, "path");
  const query = parse(route.query, Object.fromEntries(url.searchParams), "query");
  const body = route.body ? parse(route.body, await readJsonBody(request, route.bodyLimit), "body") : undefined;
  // The verified caller is shared with the other requests the verification cache serves: this
  // request's address goes on a copy (above).
  // A read writes no audit record of its own.
  const handle = () => route.handle({ caller, params, query, body });
  const result = route.method === "GET" ? await handle() : await inContext(handle);
  if (route.status === 204) return new Response(null, { status: 204 });
  const status = route.status ?? 200;
  // In production an in-process caller takes the value as it is: no JSON text either way.
  if (inProcess && !CHECK_RESPONSES) return new InProcessResponse(result, status);
  const text = JSON.stringify(result);
  // After the handler: a change it made stands even when its answer fails the check, which is a
  // developer's 500 in development and test, never a production one.
  if (CHECK_RESPONSES) {
    checkResponse(route, text);
    // Every route's value, so that the API suites prove what in-process callers are given.
    checkPlainJson(route, result, text);
    if (inProcess) return new InProcessResponse(result, status);
  }
  return new Response(text, { status, headers: { ...JSON_HEADERS, "cache-control": cacheControl(text) } });
}

/** The token's own limit: a call of any token, or a page load of the dashboard's (counted on its first call). */
function tokenLimit(caller: TokenCaller, pageLoad: string | null): Limit[] {
  if (caller.kind !== "DASHBOARD" || !pageLoad) return [{ key: `token:${caller.tokenId}`, max: env.API_RATE_LIMIT_PER_TOKEN }];
  return firstCallOf(`${caller.tokenId} ${pageLoad}`) ? [{ key: `dashboard:${caller.tokenId}`, max: env.API_RATE_LIMIT_PER_DASHBOARD }] : [];
}

/** Page loads seen in the last minute or so, to count each once; cleared when it grows past any real use. */
const seenPageLoads = new Set<string>();
let seenSince = Date.now();

function firstCallOf(pageLoad: string, now = Date.now()): boolean {
  if (now - seenSince > MINUTE_MS || seenPageLoads.size > 100_000) {
    seenPageLoads.clear();
    seenSince = now;
  }
  if (seenPageLoads.has(pageLoad)) return false;
  seenPageLoads.add(pageLoad);
  return true;
}

/** Counts one request against every limit, in memory (lib/rate-limit.ts); a 429 problem when any is exceeded. */
async function enforceRateLimits(limits: Limit[]): Promise<void> {
  const retryAfter = await countRequest(limits);
  if (retryAfter !== null) {
    throw new ApiProblem("rate_limited", `Too many requests; try again in ${retryAfter} s`, { headers: { "retry-after": String(retryAfter) } });
  }
}

function parse(schema: z.ZodType | undefined, input: unknown, where: string): unknown {
  if (!schema) return undefined;
  // A path's or query's values are flat text (the body's were checked as it was read).
  if (where !== "body" && Object.values(input as Record<string, string>).some(hasNul)) throw nulRefused();
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const { formErrors, fieldErrors } = z.flattenError(result.error);
  const errors: Record<string, string[]> = { ...(fieldErrors as Record<string, string[]>) };
  if (formErrors.length > 0) errors[where] = formErrors;
  throw new ApiProblem("invalid_request", `The ${where} is not valid`, { errors });
}

