// The headers that proxy.ts puts on every page: a Content-Security-Policy with a fresh nonce per
// request (Next puts the nonce on its own scripts when the request carries the policy), and HSTS
// when the public URL is https. The static ones (nosniff, frame options, referrer, permissions)
// are in next.config.ts.

export const NONCE_HEADER = "x-nonce";

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * Scripts run only with this response's nonce, and what they load ('strict-dynamic'); no plugins,
 * no <base>, no framing. Styles may be inline: server-rendered charts carry style attributes, and
 * a nonce in style-src would switch 'unsafe-inline' off for them. Development adds the eval that
 * React's tooling needs; an https site upgrades any http subresource.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Two years, subdomains included: only ever sent over https. */
export const HSTS = "max-age=63072000; includeSubDomains";
