// Successful verifications, remembered for at most half a second in this process. A revocation
// made here forgets its entries at once; one made by another instance bites within the TTL, which
// keeps DESIGN.md's promise that revocation is effective within a second on every instance.
import "server-only";
import type { Principal } from "./verify";

export const VERIFIED_TTL_MS = 500;
const MAX_ENTRIES = 10_000;

const entries = new Map<string, { principal: Principal; until: number }>();

export function recall(hash: string, now: number): Principal | undefined {
  const entry = entries.get(hash);
  if (!entry) return undefined;
  if (entry.until > now) return entry.principal;
  entries.delete(hash);
  return undefined;
}

/** Remembers a principal until the TTL or the token's own end, whichever comes first. */
export function remember(hash: string, principal: Principal, validUntil: number, now: number): void {
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(hash, { principal, until: Math.min(now + VERIFIED_TTL_MS, validUntil) });
}

/** Forgets the entries of a token, of a user's tokens, or (with no argument) all of them. */
export function forgetVerified(which?: { tokenId?: string; userId?: string }): void {
  if (!which) return entries.clear();
  for (const [hash, { principal }] of entries) {
    if (principal.tokenId === which.tokenId || principal.userId === which.userId) entries.delete(hash);
  }
}
