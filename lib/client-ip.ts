// The client's address, as far as it can be trusted. Next only fills X-Forwarded-For when it is
// missing, so the header is whatever the client sent unless a proxy we run appends to it: with
// TRUSTED_PROXY_HOPS = n, the n-th entry from the right is the one our nearest proxy wrote.
import "server-only";
import { env } from "./env";

export function ipFromForwardedFor(header: string | null | undefined, hops = env.TRUSTED_PROXY_HOPS): string | null {
  if (hops === 0 || !header) return null;
  const entries = header.split(",").map((entry) => entry.trim()).filter(Boolean);
  return entries.length >= hops ? entries[entries.length - hops]! : null;
}
