// The hand-written statements of lib/auth, each with its reason.
import { Prisma } from "@/lib/generated/prisma/client";
import { at, containsText, greatest, least, msOf } from "@/lib/sql-dialect";
import type { UserFilter } from "./user-filter";

/**
 * The session's user, read on every page so that a disable, a role change or a sign-out elsewhere
 * takes effect at once: raw, since Prisma's query compiler costs more than the read (see lib/tokens/sql.ts).
 */
export function sessionUserSql(userId: string): Prisma.Sql {
  return Prisma.sql`SELECT "id", "email", "name", "role", "disabledAt", "sessionsValidAfter" FROM "User" WHERE "id" = ${userId}`;
}

/** A user's own profile, for GET /me: raw for the same reason. */
export function profileSql(userId: string): Prisma.Sql {
  return Prisma.sql`SELECT "id", "email", "name", "role" FROM "User" WHERE "id" = ${userId}`;
}

const USER_STATUS: Record<UserFilter["status"], Prisma.Sql | null> = {
  all: null,
  active: Prisma.sql`"disabledAt" IS NULL AND "passwordHash" IS NOT NULL`,
  invited: Prisma.sql`"disabledAt" IS NULL AND "passwordHash" IS NULL`,
  disabled: Prisma.sql`"disabledAt" IS NOT NULL`,
};

/** The WHERE clause of the users page's search and filters: raw, for a search that takes % and _ as themselves. */
function userWhere(filter: UserFilter): Prisma.Sql {
  const conditions = [
    filter.q ? Prisma.sql`(${containsText(Prisma.sql`"name"`, filter.q)} OR ${containsText(Prisma.sql`"email"`, filter.q)})` : null,
    // Compared as text: PostgreSQL's column is an enum.
    filter.role === "all" ? null : Prisma.sql`CAST("role" AS TEXT) = ${filter.role}`,
    USER_STATUS[filter.status],
  ].filter((condition): condition is Prisma.Sql => condition !== null);
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/** How many users match the filter. */
export function userCountSql(filter: UserFilter): Prisma.Sql {
  return Prisma.sql`SELECT CAST(COUNT(*) AS INTEGER) AS "count" FROM "User" ${userWhere(filter)}`;
}

/** The ids of one page of the users that match: admins first (alphabetical on SQLite, the enum's order on PostgreSQL), then by email. */
export function userPageSql(filter: UserFilter, skip: number, take: number): Prisma.Sql {
  return Prisma.sql`SELECT "id" FROM "User" ${userWhere(filter)} ORDER BY "role", "email" LIMIT ${take} OFFSET ${skip}`;
}

/** One sign-in throttle key and its rule (lib/auth/throttle.ts). */
export type ThrottleKey = { key: string; threshold: number; capMs: number; waivable: boolean };

/**
 * Counts a sign-in attempt as a failure on every key, unless one of them is locked: then it changes
 * nothing (no row). One statement, so that simultaneous attempts on any instance are counted one
 * after another and cannot all pass the check before any is counted. A key with `threshold`
 * failures or more is locked for 2^(failures - threshold) s after its last one, at most capMs; its
 * count restarts at 1 once forgetMs have passed since the last. A success from the pair key within
 * trustMs waives the waivable keys' locks. The rules' values are typed: PostgreSQL reads an untyped one as text.
 */
export function claimSignInSql(keys: ThrottleKey[], pairKey: string | null, now: number, forgetMs: number, trustMs: number): Prisma.Sql {
  const rules = Prisma.join(keys.map(({ key, threshold, capMs, waivable }) => Prisma.sql`(${key}, CAST(${threshold} AS INTEGER), CAST(${capMs} AS BIGINT), CAST(${waivable} AS BOOLEAN))`));
  return Prisma.sql`
    WITH "rule" ("key", "threshold", "capMs", "waivable") AS (VALUES ${rules})
    INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureAt")
    SELECT "key", 1, ${at(now)} FROM "rule"
    WHERE NOT EXISTS (
      SELECT 1 FROM "SignInThrottle" t JOIN "rule" r ON r."key" = t."key"
      WHERE t."failures" >= r."threshold"
        AND ${now} < ${msOf(Prisma.sql`t."lastFailureAt"`)} + ${least(Prisma.sql`r."capMs"`, Prisma.sql`CAST(1000 AS BIGINT) << ${least(Prisma.sql`t."failures" - r."threshold"`, Prisma.sql`20`)}`)}
        AND NOT (r."waivable" AND EXISTS (SELECT 1 FROM "SignInThrottle" p WHERE p."key" = ${pairKey} AND p."succeededAt" > ${at(now - trustMs)})))
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."lastFailureAt" <= ${at(now - forgetMs)} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "previousFailureAt" = "SignInThrottle"."lastFailureAt",
      "lastFailureAt" = ${at(now)}`;
}

/**
 * Takes back the failure claimSignInSql counted at `claimedAt`, for an attempt that turned out to
 * be a success: one fewer, and the previous failure time back unless another attempt was counted
 * since; and notes the success on the pair key.
 */
export function releaseSignInSql(keys: string[], pairKey: string | null, claimedAt: number): Prisma.Sql {
  return Prisma.sql`
    UPDATE "SignInThrottle" SET
      "failures" = ${greatest(Prisma.sql`"failures" - 1`, Prisma.sql`0`)},
      "lastFailureAt" = CASE WHEN "lastFailureAt" = ${at(claimedAt)} THEN COALESCE("previousFailureAt", "lastFailureAt") ELSE "lastFailureAt" END,
      "succeededAt" = CASE WHEN "key" = ${pairKey} THEN ${at(claimedAt)} ELSE "succeededAt" END
    WHERE "key" IN (${Prisma.join(keys)})`;
}
