// Where to go after signing in or out: only a path on this site, never another origin. The value
// checked is the value returned: the input is parsed once, its path and query are serialised, and
// that output, parsed again, must be itself on this origin, so no later normalisation can move it.
const BASE = "http://gatehouse.invalid";
/** No page of this site needs a longer callback, and a huge Location header breaks proxies. */
const MAX_LENGTH = 2048;
/** How deep a path's percent-encoding is unwrapped before it counts as an attempt to hide one. */
const MAX_DECODES = 3;

// Browsers drop tabs and newlines from URLs and read "\" as "/": "/\t/evil" would become "//evil".
const STRIPPED_OR_REREAD = /[\u0000-\u001F\u007F\\]/;

function parse(raw: string): URL | null {
  try {
    if (raw.startsWith("/")) {
      const url = new URL(raw, BASE);
      return url.origin === BASE ? url : null;
    }
    // next-auth passes absolute URLs of this site; only their path is kept.
    if (/^https?:/i.test(raw)) return new URL(raw);
  } catch {
    // An unparseable value goes home.
  }
  return null;
}

/**
 * Whether a path still stays here once a proxy or a router percent-decodes it or folds look-alikes
 * with NFKC ("／" to "/"): "/%2F%2Fevil", "/%5Cevil", "/%252F…" and "/％2F…" do not.
 */
function staysHere(pathname: string): boolean {
  let current = pathname;
  for (let round = 0; round <= MAX_DECODES; round++) {
    if (current.startsWith("//") || STRIPPED_OR_REREAD.test(current)) return false;
    try {
      if (new URL(current, BASE).origin !== BASE) return false;
      const next = decodeURIComponent(current).normalize("NFKC");
      if (next === current) return true;
      current = next;
    } catch {
      return false;
    }
  }
  return false;
}

/** The path and query on this site that `value` names, or "/" when it names anything else. */
export function sameOriginPath(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw.length > MAX_LENGTH || STRIPPED_OR_REREAD.test(raw)) return "/";
  const url = parse(raw);
  if (!url) return "/";
  const path = url.pathname + url.search;
  // The output itself: one leading "/", nothing a browser strips or rereads, and a fixed point of
  // the URL parser on this origin, so that redirect() and location.assign() go exactly here.
  if (path.length > MAX_LENGTH || !path.startsWith("/") || path.startsWith("//") || STRIPPED_OR_REREAD.test(path)) return "/";
  const again = new URL(path, BASE);
  if (again.href !== BASE + path || !staysHere(again.pathname)) return "/";
  return path;
}

/**
 * The request header proxy.ts sets to the path and query a page was asked for, so that a page
 * which finds nobody signed in can send them to sign in and back (a page cannot read its own URL).
 * The proxy overwrites whatever a client sent under this name, and the value is checked again here.
 */
export const REQUESTED_PATH_HEADER = "x-gatehouse-path";

/** The sign-in page, with a callbackUrl that brings the person back to `requested` afterwards. */
export function signInPath(requested: string | null | undefined): string {
  const path = safeCallbackPath(requested ?? undefined);
  return path === "/" ? "/login" : `/login?${new URLSearchParams({ callbackUrl: path })}`;
}

/**
 * next-auth's redirect callback: the same check as /login's, on next-auth's origin. Its default lets
 * through any URL of this origin unchecked, and throws on one it cannot parse.
 */
export function nextAuthRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  return baseUrl + sameOriginPath(url);
}

/** Where the sign-in page sends someone: a path on this site, and never the sign-in page itself. */
export function safeCallbackPath(value: string | string[] | undefined): string {
  const path = sameOriginPath(value);
  return /^\/login(\/|\?|$)/i.test(path) ? "/" : path;
}

/**
 * The checked path to hand next-auth instead of a callback URL it cannot parse, or null for one it
 * can: next-auth answers an unparseable one, in the query or in its cookie, with a 500.
 */
export function unparsableCallback(value: string, origin: string): string | null {
  try {
    if (/^https?:$/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol)) return null;
  } catch {
    // Not a URL at all: replaced below.
  }
  return sameOriginPath(value);
}
