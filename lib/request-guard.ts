// What is refused before any route runs: a path whose percent-encoding does not decode, and a
// method that no route of its kind takes. Next answers both with a bare 500 of its own, so
// proxy.ts asks here first, and answers with a 400 or a 405 instead. And an address that holds a
// NUL character (%00), in its path or its query: no page or route takes one, and PostgreSQL can
// neither store nor compare it, so a page that passed it on to a query would answer 500.

/** Methods the route handlers under /api answer (an unlisted one, such as TRACE, is a 500 in Next). */
const API_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** The Allow header of a 405 under /api. */
export const API_ALLOW = [...API_METHODS].join(", ");
/** Pages are read; they take a POST only as a server action, which always names itself in Next-Action. */
const PAGE_METHODS = new Set(["GET", "HEAD"]);
/** The Allow header of a 405 on a page. */
export const PAGE_ALLOW = [...PAGE_METHODS].join(", ");
/** API paths that take fewer methods: next-auth's credentials callback answers anything but a POST with a 500. */
const ONLY: [path: RegExp, methods: string[]][] = [[/^\/api\/auth\/callback\/credentials\/?$/i, ["POST"]]];

export type Verdict = { status: 400; reason: "path" | "nul" } | { status: 403; reason: "origin" } | { status: 405; reason: "method"; allow: string };

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

type Incoming = {
  method: string;
  pathname: string;
  /** The query, as sent: "?a=b", or "". */
  search?: string;
  /** Whether it names a server action (the Next-Action header). */
  serverAction: boolean;
  /** The Origin header, the Host header, and this site's public origin (NEXTAUTH_URL). */
  origin?: string | null;
  host?: string | null;
  publicOrigin?: string;
};

/** Whether an Origin header names another site: neither the public origin nor the host the request was sent to. */
function isForeign({ origin, host, publicOrigin }: Incoming): boolean {
  if (origin == null || origin === publicOrigin) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    // "null" (an opaque origin) or garbage.
    return true;
  }
}

/** A NUL character, percent-encoded (a URL cannot hold one otherwise). */
const NUL = /%00/i;

/** Why the request is refused, or null to let it through. */
export function guardRequest(request: Incoming): Verdict | null {
  try {
    decodeURIComponent(request.pathname);
  } catch {
    return { status: 400, reason: "path" };
  }
  if (NUL.test(request.pathname) || NUL.test(request.search ?? "")) return { status: 400, reason: "nul" };
  const method = request.method.toUpperCase();
  if (isApiPath(request.pathname)) {
    const only = ONLY.find(([path]) => path.test(request.pathname))?.[1];
    if (only ? only.includes(method) : API_METHODS.has(method)) return null;
    return { status: 405, reason: "method", allow: only ? only.join(", ") : API_ALLOW };
  }
  // A form posted without JavaScript that imitates a server action carries no Next-Action header,
  // and no page of Gatehouse takes a plain POST.
  if (PAGE_METHODS.has(method)) return null;
  if (method === "POST" && request.serverAction) {
    // Next refuses a server action from another site itself, as it does here, but with a 500.
    return isForeign(request) ? { status: 403, reason: "origin" } : null;
  }
  return { status: 405, reason: "method", allow: PAGE_ALLOW };
}
