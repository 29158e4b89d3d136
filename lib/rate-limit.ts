// Rate limits for the device API (and a few forms): fixed one-minute windows, counted in memory and
// shared by every app instance through the database in batches (sign-in counts failures instead:
// lib/auth/throttle.ts). A request writes nothing: each instance adds its own count since its last
// flush to the shared total it last read back; a key's first request in a window reads that total
// once; and at most once a second (started by the first request after the second is up) one
// statement adds the instance's counts to the RateLimit rows and reads the totals back.
//
// Over-admission: one instance alone is exact. With several, each sees the others' requests up to
// one flush late, so past a limit a window admits at most what the other instances served in the
// last FLUSH_MS before their counts landed (plus one statement's time): README "Rate limits".
import "server-only";
import { db } from "./db";
import { logUnexpected } from "./error-log";
import { Prisma } from "./generated/prisma/client";
import { at } from "./sql-dialect";
import { MINUTE_MS, SECOND_MS } from "./time";

const WINDOW_MS = MINUTE_MS;

/** How often an instance shares its counts and reads the others' back, at most. */
export const FLUSH_MS = SECOND_MS;

export type Limit = { key: string; max: number };

/** One key in the current window: the shared total last read back, and this instance's count since. */
type Count = { windowStart: number; shared: number; unsent: number; sending: number };

type State = { counts: Map<string, Count>; lastFlush: number; flushing: Promise<void> | null };

// On globalThis: Next bundles this module once for route handlers and again for pages, actions and
// instrumentation, and all of them must count into one map.
const store = globalThis as unknown as { gatehouseRateLimits?: State };
const state = (store.gatehouseRateLimits ??= { counts: new Map(), lastFlush: 0, flushing: null });

/** Keys held per window; past it the oldest quiet ones are forgotten after their next flush. */
const MAX_KEYS = 100_000;

/**
 * Counts one request against every limit; the seconds to wait when any is exceeded, else null.
 * A refused request counts too, so that a client that keeps knocking stays limited. The first
 * request of a window for a key this instance has not seen reads the key's shared total first (one
 * read a key a window); every other request touches only memory.
 */
export async function countRequest(limits: Limit[], now = Date.now()): Promise<number | null> {
  if (limits.length === 0) return null;
  const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  const unseen = limits.filter((limit) => state.counts.get(limit.key)?.windowStart !== windowStart).map((limit) => limit.key);
  if (unseen.length > 0) await learn(unseen, windowStart);
  let exceeded = false;
  for (const limit of limits) {
    let count = state.counts.get(limit.key);
    if (!count || count.windowStart !== windowStart) {
      count = { windowStart, shared: 0, unsent: 0, sending: 0 };
      state.counts.set(limit.key, count);
    }
    count.unsent++;
    if (count.shared + count.sending + count.unsent > limit.max) exceeded = true;
  }
  if (!state.flushing && now - state.lastFlush >= FLUSH_MS) void flushRateLimits(now).catch((error: unknown) => logUnexpected("rate limit flush", error));
  return exceeded ? Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / SECOND_MS)) : null;
}

/** Reads the shared totals of keys new to this instance in this window. */
async function learn(keys: string[], windowStart: number): Promise<void> {
  const rows = await db.$queryRaw<Total[]>(readCountsSql(keys, windowStart));
  const totals = new Map(rows.map((row) => [row.key, Number(row.count)]));
  for (const key of keys) {
    const known = state.counts.get(key);
    // Another request may have learnt it meanwhile: keep its unsent count.
    if (known?.windowStart === windowStart) known.shared = Math.max(known.shared, totals.get(key) ?? 0);
    else state.counts.set(key, { windowStart, shared: totals.get(key) ?? 0, unsent: 0, sending: 0 });
  }
}

/**
 * Shares this instance's counts and reads every active key's total back. One flush at a time: a
 * call during another waits for it and then flushes again, so that what it returns is fresh.
 */
export async function flushRateLimits(now = Date.now()): Promise<void> {
  while (state.flushing) await state.flushing.catch(() => {});
  state.flushing = flush(now).finally(() => (state.flushing = null));
  return state.flushing;
}

async function flush(now: number): Promise<void> {
  state.lastFlush = now;
  const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  const active: [string, Count][] = [];
  for (const [key, count] of state.counts) {
    if (count.windowStart !== windowStart) state.counts.delete(key);
    else active.push([key, count]);
  }
  if (active.length === 0) return;
  for (const [, count] of active) {
    count.sending = count.unsent;
    count.unsent = 0;
  }
  try {
    const totals = new Map<string, number>();
    const adding = active.filter(([, count]) => count.sending > 0);
    const reading = active.filter(([, count]) => count.sending === 0).map(([key]) => key);
    for (let i = 0; i < adding.length; i += BATCH) {
      for (const row of await db.$queryRaw<Total[]>(addCountsSql(adding.slice(i, i + BATCH), windowStart))) totals.set(row.key, Number(row.count));
    }
    for (let i = 0; i < reading.length; i += BATCH) {
      for (const row of await db.$queryRaw<Total[]>(readCountsSql(reading.slice(i, i + BATCH), windowStart))) totals.set(row.key, Number(row.count));
    }
    for (const [key, count] of active) {
      count.shared = totals.get(key) ?? count.shared + count.sending;
      count.sending = 0;
    }
    if (state.counts.size > MAX_KEYS) forgetQuiet();
  } catch (error) {
    // Kept for the next flush: counted once, whenever the database takes them.
    for (const [, count] of active) {
      count.unsent += count.sending;
      count.sending = 0;
    }
    throw error;
  }
  // Now and then, forget windows that have closed.
  if (Math.random() < 0.05) await db.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(windowStart - WINDOW_MS) } } });
}

/** Keys a statement: three parameters a key, well under SQLite's limit on them. */
const BATCH = 500;

type Total = { key: string; count: number | bigint };

/**
 * Adds each key's count since the last flush and returns its total, in one statement: INSERT ...
 * ON CONFLICT adds, RETURNING reads the sum that the other instances made too.
 */
function addCountsSql(batch: [string, Count][], windowStart: number): Prisma.Sql {
  const values = batch.map(([key, count]) => Prisma.sql`(${key}, ${at(windowStart)}, ${count.sending})`);
  return Prisma.sql`
    INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES ${Prisma.join(values)}
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimit"."count" + excluded."count"
    RETURNING "key", "count"`;
}

/** The totals of keys this instance only reads (no request of its own since the last flush). */
function readCountsSql(keys: string[], windowStart: number): Prisma.Sql {
  return Prisma.sql`SELECT "key", "count" FROM "RateLimit" WHERE "windowStart" = ${at(windowStart)} AND "key" IN (${Prisma.join(keys)})`;
}

/** Forgets keys with nothing left to send, until half the room is free. */
function forgetQuiet(): void {
  for (const [key, count] of state.counts) {
    if (state.counts.size <= MAX_KEYS / 2) return;
    if (count.unsent === 0 && count.sending === 0) state.counts.delete(key);
  }
}
