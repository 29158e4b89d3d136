// The hand-written statements of lib/monitor, each with its reason, for SQLite and PostgreSQL
// (lib/sql-dialect.ts). Times are passed in as milliseconds.
import { Prisma } from "@/lib/generated/prisma/client";
import { at, jsonArray, jsonResult } from "@/lib/sql-dialect";

/**
 * The navigation's two counts, on every signed-in page: raw, and read on the driver (lib/db-read.ts),
 * since Prisma's count costs more than the indexed count itself.
 */
export function unreadCountSql(userId: string): Prisma.Sql {
  return Prisma.sql`SELECT COUNT(*) AS "count" FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL`;
}

export function openAlertCountSql(): Prisma.Sql {
  return Prisma.sql`SELECT COUNT(*) AS "count" FROM "Alert" WHERE "acknowledgedAt" IS NULL`;
}

export type VolumeRow = { tokenId: string; userId: string; requests: number | bigint; baseline: string };

/**
 * The tokens with more than `floor` requests in the minute starting at `minute` (summed over
 * routes), each with `baseline`, a JSON array of the sum and the sum of squares of its per-minute
 * totals over [from, minute), for the volume rule's mean and σ. Tokens at or under the floor can
 * never fire, so their baseline is never read. Each busy token's baseline is a correlated
 * subquery: SQLite then walks the (tokenId, minute, route) key for that token in order and groups
 * without a temporary b-tree (a join of the busy tokens with TokenUsage scanned the whole table).
 * Prisma cannot group twice, and a model query would bring back a busy token's 10,080 minutes.
 */
export function minuteVolumesSql(minute: number, from: number, floor: number): Prisma.Sql {
  return Prisma.sql`
    WITH "busy" AS (
      SELECT "tokenId", MIN("userId") AS "userId", SUM("requests") AS "requests"
      FROM "TokenUsage" WHERE "minute" = ${at(minute)}
      GROUP BY "tokenId" HAVING SUM("requests") > ${floor}
    )
    SELECT b."tokenId", b."userId", b."requests", (
      SELECT ${jsonResult(jsonArray([Prisma.sql`COALESCE(SUM(p."n"), 0)`, Prisma.sql`COALESCE(SUM(p."n" * p."n"), 0)`]))} FROM (
        SELECT SUM(u."requests") AS "n" FROM "TokenUsage" u
        WHERE u."tokenId" = b."tokenId" AND u."minute" >= ${at(from)} AND u."minute" < ${at(minute)}
        GROUP BY u."minute"
      ) p
    ) AS "baseline"
    FROM "busy" b`;
}
