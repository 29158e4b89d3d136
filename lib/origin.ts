// The address a person reached Gatehouse at, for examples they can paste and run from where they
// are (the API reference's curl, a device's connection snippets). Shared by lib/api and lib/devices.

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The Host header's origin when it is a plain host and port, else the public URL's. A forged Host
 * only misleads the person who forged it (the pages that show it are signed-in and never cached),
 * but it must not carry a path, quotes or credentials into a snippet, nor fail the page: a host the
 * pattern lets through can still be no URL ("a:99999", "[1.2.3.4]"). The scheme is always the public
 * URL's: a client-sent X-Forwarded-Proto is not believed.
 */
export function originInUse(host: string | null | undefined, publicUrl: string): string {
  const configured = new URL(publicUrl);
  if (!host || !HOST.test(host)) return configured.origin;
  try {
    return new URL(`${configured.protocol}//${host}`).origin;
  } catch {
    return configured.origin;
  }
}
