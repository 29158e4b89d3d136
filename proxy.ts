// Runs before every route: refuses what Next would answer with a 500 (lib/request-guard.ts), as a
// problem+json under /api and as a plain error page elsewhere, and gives every page its security
// headers (lib/security-headers.ts). It checks no session: every page, action and API route checks
// its caller itself.
import { NextResponse, type NextRequest } from "next/server";
import { ApiProblem } from "@/lib/api/problem";
import { REQUESTED_PATH_HEADER, unparsableCallback } from "@/lib/auth/callback-path";
import { env } from "@/lib/env";
import { guardRequest, isApiPath, type Verdict } from "@/lib/request-guard";
import { contentSecurityPolicy, HSTS, newNonce, NONCE_HEADER } from "@/lib/security-headers";

const PUBLIC_URL = new URL(env.NEXTAUTH_URL);
const HTTPS = PUBLIC_URL.protocol === "https:";
/** The plain error page has no script, style or image at all. */
const ERROR_PAGE_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE_TEXT: Record<Verdict["reason"], [title: string, detail: string]> = {
  path: ["Bad request", "The address is not valid: part of it is encoded wrongly."],
  nul: ["Bad request", "The address is not valid: it holds a NUL character (%00)."],
  method: ["Method not allowed", "This page can only be opened, not sent to."],
  origin: ["Forbidden", "This request came from another site."],
};

const API_TEXT = { path: "The path is not validly percent-encoded", nul: "The address may not contain a NUL character (%00)" };

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const verdict = guardRequest({
    method: request.method,
    pathname,
    search: request.nextUrl.search,
    serverAction: request.headers.has("next-action"),
    origin: request.headers.get("origin"),
    host: request.headers.get("host"),
    publicOrigin: PUBLIC_URL.origin,
  });
  if (!verdict) {
    if (pathname.startsWith("/api/auth/")) return withHsts(withParsableCallback(request));
    return isApiPath(pathname) ? withHsts(NextResponse.next()) : withPolicy(request);
  }
  const headers: Record<string, string> = verdict.status === 405 ? { allow: verdict.allow } : {};
  if (isApiPath(pathname)) {
    const problem = verdict.status === 400 ? new ApiProblem("invalid_request", API_TEXT[verdict.reason]) : new ApiProblem("method_not_allowed", `${request.method} is not allowed here`, { headers });
    return problem.toResponse();
  }
  return withHsts(new NextResponse(errorPage(verdict), { status: verdict.status, headers: { ...headers, "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": ERROR_PAGE_POLICY } }));
}

/**
 * A page's request goes on with a fresh nonce and its policy, which Next reads to put the nonce on
 * its scripts, and with the path it asked for, where requireUser() sends someone back after signing in.
 */
function withPolicy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, { development: env.NODE_ENV === "development", https: HTTPS });
  const headers = new Headers(request.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set(REQUESTED_PATH_HEADER, requestedPath(request.nextUrl));
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return withHsts(response);
}

/** The names next-auth's callback-URL cookie may have: its own, plain and Secure, and ours (lib/auth/cookies.ts). */
const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url", "__Secure-gatehouse.callback-url"];

/**
 * An auth request goes on with a callback-URL cookie that next-auth could not parse replaced by
 * the checked path (the query's is replaced in app/api/auth/[...nextauth]/route.ts, where next-auth
 * reads it).
 */
function withParsableCallback(request: NextRequest): NextResponse {
  let replaced = false;
  for (const name of CALLBACK_COOKIES) {
    const value = request.cookies.get(name)?.value;
    const path = value === undefined ? null : unparsableCallback(value, request.nextUrl.origin);
    if (path === null) continue;
    request.cookies.set(name, path);
    replaced = true;
  }
  return replaced ? NextResponse.next({ request: { headers: request.headers } }) : NextResponse.next();
}

/** The page's path and query, without the router's cache-busting parameter (set on its RSC requests). */
function requestedPath(url: URL): string {
  const query = new URLSearchParams(url.search);
  query.delete("_rsc");
  const text = query.toString();
  return text ? `${url.pathname}?${text}` : url.pathname;
}

function withHsts(response: NextResponse): NextResponse {
  if (HTTPS) response.headers.set("strict-transport-security", HSTS);
  return response;
}

function errorPage(verdict: Verdict): string {
  const [title, detail] = PAGE_TEXT[verdict.reason];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Gatehouse</title></head><body><main><p>${verdict.status}</p><h1>${title}</h1><p>${detail}</p><p><a href="/">Back to your devices</a></p></main></body></html>`;
}

export const config = {
  // Not the build's own static files, which no hostile path can reach a route through.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
