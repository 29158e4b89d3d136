// Where to go after signing in: only a path on this site, never another origin.
const BASE = "http://gatehouse.invalid";

export function safeCallbackPath(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  // Browsers drop tabs and newlines from URLs and read "\" as "/": "/\t/evil" would become "//evil".
  if (!raw || /[\u0000-\u001F\u007F\\]/.test(raw)) return "/";
  let path = raw;
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) {
    // next-auth passes absolute URLs of this site; keep their path only.
    try {
      const url = new URL(raw);
      if (url.protocol !== "http:" && url.protocol !== "https:") return "/";
      path = url.pathname + url.search;
    } catch {
      return "/";
    }
  }
  if (!path.startsWith("/") || path.startsWith("//")) return "/";
  const url = new URL(path, BASE);
  if (url.origin !== BASE || /^\/login(\/|$)/i.test(url.pathname)) return "/";
  return url.pathname + url.search;
}
