// Verified tokens, remembered in this process for up to VERIFIED_TTL_MS, so that a token verified
// recently costs no database read. A change made here forgets its entries at once (forgetVerified,
// whichever domain made it). A change made anywhere else (another instance, a CLI, plain SQL) moves
// the security epoch, a one-row table that triggers bump (the security_epoch migration): each
// process reads it at most once per EPOCH_CHECK_MS and empties its cache when it moved, and serves
// nothing from the cache while a read is due. So every change reaches every instance within about
// EPOCH_CHECK_MS, for one small read a second per process, not one per request.
import "server-only";
import { readRows } from "@/lib/db-read";
import { logUnexpected } from "@/lib/error-log";
import { MINUTE_MS, SECOND_MS } from "@/lib/time";
import type { TokenCaller } from "./caller";
import { securityEpochSql } from "./sql";

/** The longest a verification is remembered; never past the token's own expiry or grace end. */
export const VERIFIED_TTL_MS = 5 * MINUTE_MS;
/** How often the security epoch is read: the bound on how late another instance's change bites. */
export const EPOCH_CHECK_MS = SECOND_MS;
const MAX_ENTRIES = 10_000;

/** The epoch's value, or null while it is unknown (not read yet, or the read failed): then nothing is cached. */
export type Epoch = number | null;

type Entry = { caller: TokenCaller; from: number; until: number; epoch: number };
type State = { entries: Map<string, Entry>; epoch: Epoch; checkedAt: number; reading?: Promise<Epoch> };

/**
 * One state a process, on globalThis: Next bundles a module once for the route handlers and again
 * for pages and server actions, and a revocation made by an action must reach the API's entries.
 */
const shared = globalThis as unknown as { gatehouseVerifiedTokens?: State };
const state: State = (shared.gatehouseVerifiedTokens ??= { entries: new Map(), epoch: null, checkedAt: -Infinity });

/** A check is due a second after the last, or when the clock went back (tests pass their own `now`). */
const isDue = (now: number) => now - state.checkedAt >= EPOCH_CHECK_MS || now < state.checkedAt;

/**
 * Reads the epoch when a read is due, and empties the cache when it moved. Resolves at once, with
 * no I/O, within EPOCH_CHECK_MS of the last read; concurrent callers share one read. Returns the
 * epoch to pass to remember(): the one current before the caller reads the token.
 */
export async function checkEpoch(now = Date.now()): Promise<Epoch> {
  if (!isDue(now)) return state.epoch;
  state.reading ??= readEpoch(now).finally(() => (state.reading = undefined));
  return state.reading;
}

async function readEpoch(startedAt: number): Promise<Epoch> {
  let value: Epoch = null;
  try {
    const [row] = await readRows<{ value: number | bigint }>(securityEpochSql());
    if (!row) throw new Error("SecurityEpoch has no row: the security_epoch migration inserts it");
    value = Number(row.value);
  } catch (error) {
    // Not fatal: without a known epoch nothing is cached, and verification reads the database.
    logUnexpected("verified-cache: reading the security epoch", error);
  }
  if (value === null || value !== state.epoch) state.entries.clear();
  state.epoch = value;
  // The read's start, not its end: a change committed while it ran is caught by the next one.
  state.checkedAt = startedAt;
  return value;
}

/** A remembered caller, unless a check of the epoch is due (await checkEpoch first) or the entry ran out. */
export function recall(hash: string, now: number): TokenCaller | undefined {
  if (state.epoch === null || isDue(now)) return undefined;
  const entry = state.entries.get(hash);
  if (!entry) return undefined;
  if (entry.epoch === state.epoch && entry.from <= now && now < entry.until) return entry.caller;
  state.entries.delete(hash);
  return undefined;
}

/**
 * Remembers a caller until the TTL or the token's own end, whichever comes first. `epoch` is what
 * checkEpoch gave before the token was read: if the epoch moved since, the read may predate the
 * change that moved it, and is not kept.
 */
export function remember(hash: string, caller: TokenCaller, validUntil: number, now: number, epoch: Epoch): void {
  if (epoch === null || epoch !== state.epoch) return;
  if (state.entries.size >= MAX_ENTRIES) sweep(now);
  state.entries.set(hash, { caller, from: now, until: Math.min(now + VERIFIED_TTL_MS, validUntil), epoch });
}

/** Drops the entries that ran out, and everything when that is not enough. */
function sweep(now: number): void {
  for (const [hash, entry] of state.entries) if (entry.until <= now) state.entries.delete(hash);
  if (state.entries.size >= MAX_ENTRIES) state.entries.clear();
}

/** Forgets the entries of a token, of a user's tokens, or (with no argument) all of them. */
export function forgetVerified(which?: { tokenId?: string; userId?: string }): void {
  if (!which) return state.entries.clear();
  for (const [hash, { caller }] of state.entries) {
    if (caller.tokenId === which.tokenId || caller.userId === which.userId) state.entries.delete(hash);
  }
}
