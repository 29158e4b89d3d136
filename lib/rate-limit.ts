// Rate limits for the device API: fixed one-minute windows counted in the database, so that every
// app instance shares them (sign-in counts failures instead: lib/auth/throttle.ts). One statement
// counts every key and reads the counts back; a row per key and window is all it keeps.
import "server-only";
import { db } from "./db";
import { Prisma } from "./generated/prisma/client";
import { MINUTE_MS, SECOND_MS } from "./time";

const WINDOW_MS = MINUTE_MS;

export type Limit = { key: string; max: number };

/** Counts one request against every limit; the seconds to wait when any is exceeded, else null. */
export async function countRequest(limits: Limit[], now = Date.now()): Promise<number | null> {
  if (limits.length === 0) return null;
  const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  const rows = await db.$queryRaw<{ key: string; count: number | bigint }[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count")
    VALUES ${Prisma.join(limits.map((limit) => Prisma.sql`(${limit.key}, ${windowStart}, 1)`))}
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimit"."count" + 1
    RETURNING "key", "count"`;
  const counts = new Map(rows.map((row) => [row.key, Number(row.count)]));
  // Now and then, forget windows that have closed.
  if (Math.random() < 0.01) await db.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(windowStart - WINDOW_MS) } } });
  if (!limits.some((limit) => (counts.get(limit.key) ?? 0) > limit.max)) return null;
  return Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / SECOND_MS));
}
