// Usage counted in memory and written in batches: a request adds to a map, and flushUsage (a job,
// every 5 s) writes the map in one transaction, so the API never waits on a write per request.
// The flush also writes each token's last use (time and address), at most 5 s late.
import "server-only";
import { transaction } from "@/lib/db";
import { logUnexpected } from "@/lib/error-log";
import { MINUTE_MS, SECOND_MS } from "@/lib/time";
import { networkOf } from "./network";
import { keepNewNetworks, newPairs, type KnownNetwork, type NewNetwork, type SeenNetwork as Seen } from "./new-networks";
import { addNetworksSql, addUsageSql, lastUseSql, networksOfTokensSql, type LastUseRow, type UsageRow } from "./sql";

export { takeNewNetworks, type NewNetwork } from "./new-networks";

export type UsageEvent = { tokenId: string; userId: string; route: string; status: number; ip: string | null };

export type FlushResult = { rows: number; newNetworks: NewNetwork[] };

/** At this many keys a flush starts early, without waiting for the job. */
export const FLUSH_EARLY_AT = 50_000;
/**
 * The most keys held in memory, counted and being written together: while the database refuses,
 * a request for a new key is dropped (and counted, and logged at the next flush) rather than let
 * memory grow; known keys go on counting.
 */
export const MAX_KEYS = 200_000;
/** After a failed early flush, the next waits this long (the job still runs on its own timer). */
const EARLY_RETRY_MS = 5 * SECOND_MS;
/** Several hundred rows a statement keeps each INSERT well under SQLite's limit of bound values. */
const BATCH = 500;

/** Per token, its latest use: keyed by token id. */
type Counts = { usage: Map<string, UsageRow>; networks: Map<string, Seen>; lastUse: Map<string, LastUseRow> };
type Writing = { usage: number; networks: number; lastUse: number };
type State = { current: Counts; writing: Writing; dropped: number; early?: Promise<unknown>; earlyNotBefore: number };

// On globalThis: Next bundles this module more than once (route handlers, pages), and the job
// that flushes must see the counts every bundle's router made.
const holder = globalThis as unknown as { gatehouseUsage?: State };
const empty = (): Counts => ({ usage: new Map(), networks: new Map(), lastUse: new Map() });
const state = () => (holder.gatehouseUsage ??= { current: empty(), writing: { usage: 0, networks: 0, lastUse: 0 }, dropped: 0, earlyNotBefore: 0 });

/** Counts one authenticated request against its token, minute and route, and notes its network. */
export function countUsage(use: UsageEvent, now = Date.now()): void {
  const held = state();
  const { usage, networks, lastUse } = held.current;
  const minute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const key = `${use.tokenId}\n${minute}\n${use.route}`;
  const row = usage.get(key);
  const error = use.status >= 400 ? 1 : 0;
  if (row) {
    row.requests += 1;
    row.errors += error;
  } else if (usage.size + held.writing.usage < MAX_KEYS) {
    usage.set(key, { tokenId: use.tokenId, userId: use.userId, minute, route: use.route, requests: 1, errors: error });
  } else {
    held.dropped += 1;
  }
  const network = networkOf(use.ip);
  if (network) {
    const pair = `${use.tokenId}\n${network}`;
    const seen = networks.get(pair);
    if (seen) {
      seen.firstSeenAt = Math.min(seen.firstSeenAt, now);
      seen.lastSeenAt = Math.max(seen.lastSeenAt, now);
    } else if (networks.size + held.writing.networks < MAX_KEYS) {
      networks.set(pair, { tokenId: use.tokenId, userId: use.userId, network, firstSeenAt: now, lastSeenAt: now });
    }
  }
  const last = lastUse.get(use.tokenId);
  if (last) {
    if (now >= last.at) Object.assign(last, { at: now, ip: use.ip });
  } else if (lastUse.size + held.writing.lastUse < MAX_KEYS) {
    lastUse.set(use.tokenId, { tokenId: use.tokenId, at: now, ip: use.ip });
  }
  if (usage.size >= FLUSH_EARLY_AT || networks.size >= FLUSH_EARLY_AT) flushEarly(held);
}

/** One early flush at a time, and after a failure not again for a while: a refused write must not become a write per request. */
function flushEarly(held: State): void {
  if (held.early || Date.now() < held.earlyNotBefore) return;
  held.early = flushUsage()
    .catch((error: unknown) => {
      // The counts are back in memory for the next flush; the error is logged like a job's.
      held.earlyNotBefore = Date.now() + EARLY_RETRY_MS;
      logUnexpected("usage: early flush", error);
    })
    .finally(() => (held.early = undefined));
}

/** Resolves when no early flush is running, for tests. */
export async function earlyFlushSettled(): Promise<void> {
  await state().early;
}

/**
 * Writes everything counted so far in one transaction: TokenUsage rows added to, TokenNetwork
 * rows inserted or moved forward, each token's lastUsedAt/lastUsedIp moved forward. What it takes
 * is replaced by an empty map first, so counting goes on meanwhile; if the write fails, it is
 * added back and goes with the next flush (the transaction wrote all of it or nothing, so nothing
 * is lost or counted twice). Returns how many rows it wrote and the pairs of token and network that
 * were new at `now` (for the monitor's rule; also kept for takeNewNetworks).
 */
/**
 * How long a flush's transaction may take: an early flush writes 50,000 keys, which on a loaded
 * PostgreSQL ran past Prisma's default 5 s, failed, and came back larger at the next flush.
 */
const FLUSH_TIMEOUT_MS = 60 * SECOND_MS;

export async function flushUsage(now = Date.now()): Promise<FlushResult> {
  const held = state();
  const taken = held.current;
  held.current = empty();
  if (held.dropped > 0) console.warn(`usage: ${held.dropped} requests were not counted: the database refused the counts and memory held ${MAX_KEYS} keys`);
  held.dropped = 0;
  if (taken.usage.size === 0 && taken.networks.size === 0 && taken.lastUse.size === 0) return { rows: 0, newNetworks: [] };
  const usage = [...taken.usage.values()];
  const networks = [...taken.networks.values()];
  const lastUse = [...taken.lastUse.values()];
  held.writing.usage += usage.length;
  held.writing.networks += networks.length;
  held.writing.lastUse += lastUse.length;
  try {
    const newNetworks = await transaction(async (tx) => {
      const tokenIds = [...new Set(networks.map((n) => n.tokenId))];
      const known = tokenIds.length === 0 ? [] : await tx.$queryRaw<KnownNetwork[]>(networksOfTokensSql(tokenIds));
      for (let i = 0; i < usage.length; i += BATCH) await tx.$executeRaw(addUsageSql(usage.slice(i, i + BATCH)));
      for (let i = 0; i < networks.length; i += BATCH) await tx.$executeRaw(addNetworksSql(networks.slice(i, i + BATCH)));
      for (let i = 0; i < lastUse.length; i += BATCH) await tx.$executeRaw(lastUseSql(lastUse.slice(i, i + BATCH)));
      return newPairs(networks, known, now);
    }, undefined, FLUSH_TIMEOUT_MS);
    keepNewNetworks(newNetworks);
    return { rows: usage.length, newNetworks };
  } catch (error) {
    putBack(held.current, taken);
    throw error;
  } finally {
    held.writing.usage -= usage.length;
    held.writing.networks -= networks.length;
    held.writing.lastUse -= lastUse.length;
  }
}

/** Adds counts that could not be written back into the ones counted since, to go with the next flush. */
function putBack(current: Counts, taken: Counts): void {
  for (const [key, row] of taken.usage) {
    const kept = current.usage.get(key);
    if (kept) {
      kept.requests += row.requests;
      kept.errors += row.errors;
    } else current.usage.set(key, row);
  }
  for (const [pair, seen] of taken.networks) {
    const kept = current.networks.get(pair);
    if (kept) {
      kept.firstSeenAt = Math.min(kept.firstSeenAt, seen.firstSeenAt);
      kept.lastSeenAt = Math.max(kept.lastSeenAt, seen.lastSeenAt);
    } else current.networks.set(pair, seen);
  }
  for (const [tokenId, use] of taken.lastUse) {
    const kept = current.lastUse.get(tokenId);
    if (!kept || use.at > kept.at) current.lastUse.set(tokenId, use);
  }
}

/** What is counted and not yet written, for tests. */
export function usageSnapshot(): { usage: UsageRow[]; networks: Seen[]; lastUse: LastUseRow[]; dropped: number } {
  const { current, dropped } = state();
  const copies = <T extends object>(map: Map<string, T>) => [...map.values()].map((v) => ({ ...v }));
  return { usage: copies(current.usage), networks: copies(current.networks), lastUse: copies(current.lastUse), dropped };
}
