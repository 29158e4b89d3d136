// The hand-written statements of lib/usage, each with its reason, for SQLite and PostgreSQL
// (lib/sql-dialect.ts). Times are passed in as milliseconds.
import { Prisma } from "@/lib/generated/prisma/client";
import { at, greatest, intDiv, msOf } from "@/lib/sql-dialect";

export type UsageRow = { tokenId: string; userId: string; minute: number; route: string; requests: number; errors: number };
export type NetworkRow = { tokenId: string; network: string; firstSeenAt: number; lastSeenAt: number };

/**
 * Adds a batch of counts to TokenUsage. Prisma's upsert would set the counts, not add to them, and
 * takes a statement a row: one multi-row INSERT … ON CONFLICT adds in place, so several instances
 * flushing the same token's minute each add their own share.
 */
export function addUsageSql(rows: UsageRow[]): Prisma.Sql {
  const values = rows.map((r) => Prisma.sql`(${r.tokenId}, ${at(r.minute)}, ${r.route}, ${r.userId}, ${r.requests}, ${r.errors})`);
  return Prisma.sql`
    INSERT INTO "TokenUsage" ("tokenId", "minute", "route", "userId", "requests", "errors") VALUES ${Prisma.join(values)}
    ON CONFLICT ("tokenId", "minute", "route") DO UPDATE SET
      "requests" = "TokenUsage"."requests" + excluded."requests", "errors" = "TokenUsage"."errors" + excluded."errors"`;
}

/** Records where tokens were used: a new pair is inserted, a known one keeps its firstSeenAt and takes the later lastSeenAt (another instance may have written a later one). */
export function addNetworksSql(rows: NetworkRow[]): Prisma.Sql {
  const values = rows.map((r) => Prisma.sql`(${r.tokenId}, ${r.network}, ${at(r.firstSeenAt)}, ${at(r.lastSeenAt)})`);
  return Prisma.sql`
    INSERT INTO "TokenNetwork" ("tokenId", "network", "firstSeenAt", "lastSeenAt") VALUES ${Prisma.join(values)}
    ON CONFLICT ("tokenId", "network") DO UPDATE SET "lastSeenAt" = ${greatest(Prisma.sql`"TokenNetwork"."lastSeenAt"`, Prisma.sql`excluded."lastSeenAt"`)}`;
}

export type LastUseRow = { tokenId: string; at: number; ip: string | null };

/**
 * Moves tokens' last use forward: the latest use in a flush, never back past a later one another
 * instance wrote. lib/usage may not import lib/tokens, but these two columns are written only here,
 * by SQL, and the security_epoch migration's trigger ignores them, so a flush never empties the
 * verification caches. One statement a batch: UPDATE … FROM a VALUES list (SQLite names its
 * columns column1, column2, column3).
 */
export function lastUseSql(rows: LastUseRow[]): Prisma.Sql {
  const values = rows.map((r) => Prisma.sql`(${r.tokenId}, ${at(r.at)}, ${r.ip})`);
  return Prisma.sql`
    UPDATE "ApiToken" AS t SET "lastUsedAt" = u."column2", "lastUsedIp" = u."column3"
    FROM (VALUES ${Prisma.join(values)}) AS u
    WHERE t."id" = u."column1" AND (t."lastUsedAt" IS NULL OR t."lastUsedAt" < u."column2")`;
}

/** Every network these tokens were seen from, to tell which of a flush's pairs are new (a token has a handful). */
export function networksOfTokensSql(tokenIds: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT "tokenId", "network", "lastSeenAt" FROM "TokenNetwork" WHERE "tokenId" IN (${Prisma.join(tokenIds)})`;
}

/** Which rows a usage read covers: a time range, and optionally one token, user or route. */
export type UsageFilter = { from: number; to: number; tokenId?: string; userId?: string; route?: string };

/** The where of a usage read: the minute range first, so SQLite can use the (minute) or (userId, minute) index. */
function usageWhere(filter: UsageFilter): Prisma.Sql {
  const parts = [Prisma.sql`u."minute" >= ${at(filter.from)} AND u."minute" < ${at(filter.to)}`];
  if (filter.tokenId) parts.push(Prisma.sql`u."tokenId" = ${filter.tokenId}`);
  if (filter.userId) parts.push(Prisma.sql`u."userId" = ${filter.userId}`);
  if (filter.route) parts.push(Prisma.sql`u."route" = ${filter.route}`);
  return Prisma.join(parts, " AND ");
}

/** Requests and errors per bucket of `size` ms, as bucket numbers: only the buckets that had any. */
export function usageSeriesSql(filter: UsageFilter, size: number): Prisma.Sql {
  return Prisma.sql`
    SELECT ${intDiv(msOf(Prisma.sql`u."minute"`), Prisma.sql`${size}`)} AS "bucket", SUM(u."requests") AS "requests", SUM(u."errors") AS "errors"
    FROM "TokenUsage" u WHERE ${usageWhere(filter)} GROUP BY "bucket" ORDER BY "bucket"`;
}

/** The tokens with the most requests in the range, with their names and owners. */
export function topTokensSql(filter: UsageFilter, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT s."tokenId", s."requests", s."errors", t."name", t."kind", o."name" AS "ownerName"
    FROM (SELECT u."tokenId", SUM(u."requests") AS "requests", SUM(u."errors") AS "errors" FROM "TokenUsage" u
          WHERE ${usageWhere(filter)} GROUP BY u."tokenId" ORDER BY "requests" DESC, u."tokenId" LIMIT ${limit}) s
    LEFT JOIN "ApiToken" t ON t."id" = s."tokenId" LEFT JOIN "User" o ON o."id" = t."userId"
    ORDER BY s."requests" DESC, s."tokenId"`;
}

/** Requests per user in the range, busiest first. */
export function usageByUserSql(filter: UsageFilter, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT s."userId", s."requests", s."errors", o."name", o."email"
    FROM (SELECT u."userId", SUM(u."requests") AS "requests", SUM(u."errors") AS "errors" FROM "TokenUsage" u
          WHERE ${usageWhere(filter)} GROUP BY u."userId" ORDER BY "requests" DESC, u."userId" LIMIT ${limit}) s
    LEFT JOIN "User" o ON o."id" = s."userId"
    ORDER BY s."requests" DESC, s."userId"`;
}

/** Requests per route in the range, busiest first. */
export function usageByRouteSql(filter: UsageFilter, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT u."route", SUM(u."requests") AS "requests", SUM(u."errors") AS "errors" FROM "TokenUsage" u
    WHERE ${usageWhere(filter)} GROUP BY u."route" ORDER BY "requests" DESC, u."route" LIMIT ${limit}`;
}

/**
 * Live tokens (not revoked, not past expiry or grace), the longest unused first and the never used
 * before them: the ones an admin may want to revoke. Dashboard tokens are Gatehouse's own and left out.
 */
export function tokensByLastUseSql(now: number, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT t."id", t."name", t."kind", t."createdAt", t."lastUsedAt", o."name" AS "ownerName"
    FROM "ApiToken" t JOIN "User" o ON o."id" = t."userId"
    WHERE t."kind" <> 'DASHBOARD' AND t."revokedAt" IS NULL AND t."expiresAt" > ${at(now)} AND (t."graceEndsAt" IS NULL OR t."graceEndsAt" > ${at(now)})
    ORDER BY t."lastUsedAt" IS NOT NULL, t."lastUsedAt", t."createdAt", t."id" LIMIT ${limit}`;
}

/** One token with its owner, when `ownerId` is null (an admin's read) or its owner is ownerId: the owner check sits in the query. */
export function tokenDetailSql(tokenId: string, ownerId: string | null): Prisma.Sql {
  const owned = ownerId === null ? Prisma.empty : Prisma.sql` AND t."userId" = ${ownerId}`;
  return Prisma.sql`
    SELECT t."id", t."name", t."kind", t."scopes", t."userId", t."createdAt", t."expiresAt", t."revokedAt", t."graceEndsAt",
           t."lastUsedAt", t."lastUsedIp", d."name" AS "deviceName", o."name" AS "ownerName", o."email" AS "ownerEmail"
    FROM "ApiToken" t JOIN "User" o ON o."id" = t."userId" LEFT JOIN "Device" d ON d."id" = t."deviceId"
    WHERE t."id" = ${tokenId}${owned}`;
}

/** The networks a token was used from, the latest first. */
export function tokenNetworksSql(tokenId: string, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT "network", "firstSeenAt", "lastSeenAt" FROM "TokenNetwork" WHERE "tokenId" = ${tokenId}
    ORDER BY "lastSeenAt" DESC, "network" LIMIT ${limit}`;
}
