// Verified tokens, remembered for at most half a second in this process. A revocation, role change
// or disable made here forgets its entries at once (whichever domain made it); one made by another
// instance bites within the TTL, which keeps DESIGN.md's promise that revocation is effective
// within a second on every instance.
import "server-only";
import type { TokenCaller } from "./caller";

export const VERIFIED_TTL_MS = 500;
const MAX_ENTRIES = 10_000;

/**
 * One map a process, on globalThis: Next bundles a module once for the route handlers and again
 * for pages and server actions, and a revocation made by an action must reach the API's entries.
 */
const shared = globalThis as unknown as { gatehouseVerified?: Map<string, { caller: TokenCaller; until: number }> };
const entries = (shared.gatehouseVerified ??= new Map());

export function recall(hash: string, now: number): TokenCaller | undefined {
  const entry = entries.get(hash);
  if (!entry) return undefined;
  if (entry.until > now) return entry.caller;
  entries.delete(hash);
  return undefined;
}

/** Remembers a caller until the TTL or the token's own end, whichever comes first. */
export function remember(hash: string, caller: TokenCaller, validUntil: number, now: number): void {
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(hash, { caller, until: Math.min(now + VERIFIED_TTL_MS, validUntil) });
}

/** Forgets the entries of a token, of a user's tokens, or (with no argument) all of them. */
export function forgetVerified(which?: { tokenId?: string; userId?: string }): void {
  if (!which) return entries.clear();
  for (const [hash, { caller }] of entries) {
    if (caller.tokenId === which.tokenId || caller.userId === which.userId) entries.delete(hash);
  }
}
