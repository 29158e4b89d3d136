// Where to go after signing in: only a path on this site, never another origin.
export function safeCallbackPath(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return "/";
  let path = raw;
  try {
    // next-auth passes absolute URLs of this site; keep their path only.
    if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) {
      const url = new URL(raw);
      path = url.pathname + url.search;
    }
  } catch {
    return "/";
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\") || path.startsWith("/login")) return "/";
  return path;
}
