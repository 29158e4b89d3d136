// Runs before every route: refuses what Next would answer with a 500 (lib/request-guard.ts), as a
// problem+json under /api and as a plain error page elsewhere. It checks no session: every page,
// action and API route checks its caller itself.
import { NextResponse, type NextRequest } from "next/server";
import { ApiProblem } from "@/lib/api/problem";
import { guardRequest, isApiPath, type Verdict } from "@/lib/request-guard";

const PAGE_TEXT: Record<Verdict["reason"], [title: string, detail: string]> = {
  path: ["Bad request", "The address is not valid: part of it is encoded wrongly."],
  method: ["Method not allowed", "This page can only be opened, not sent to."],
};

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const verdict = guardRequest({ method: request.method, pathname, serverAction: request.headers.has("next-action") });
  if (!verdict) return NextResponse.next();
  const headers: Record<string, string> = verdict.status === 405 ? { allow: verdict.allow } : {};
  if (isApiPath(pathname)) {
    const problem = verdict.status === 400 ? new ApiProblem("invalid_request", "The path is not validly percent-encoded") : new ApiProblem("method_not_allowed", `${request.method} is not allowed here`, { headers });
    return problem.toResponse();
  }
  return new NextResponse(errorPage(verdict), { status: verdict.status, headers: { ...headers, "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

function errorPage(verdict: Verdict): string {
  const [title, detail] = PAGE_TEXT[verdict.reason];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Gatehouse</title></head><body><main><p>${verdict.status}</p><h1>${title}</h1><p>${detail}</p><p><a href="/">Back to your devices</a></p></main></body></html>`;
}

export const config = {
  // Not the build's own static files, which no hostile path can reach a route through.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
