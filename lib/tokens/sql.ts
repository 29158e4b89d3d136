// The hand-written statements of lib/tokens, each with its reason. Verification and the dashboard
// token run on every request's path, where Prisma's query compiler costs about a millisecond a
// model query: more than the reads themselves.
import type { Role } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { forUpdate } from "@/lib/sql-dialect";

/** A role's policy, for issue, rotation and role changes: raw like the two reads below, which join it in. */
export function policySql(role: Role): Prisma.Sql {
  return Prisma.sql`
    SELECT "role", "scopes", "maxLifetimeDays", "rotationIntervalDays", "gracePeriodHours", "idleDisableDays" FROM "Policy" WHERE "role" = ${role}`;
}

/** A token by its hash, with its owner and the owner's policy: one statement instead of two model queries. */
export function tokenByHashSql(hash: string): Prisma.Sql {
  return Prisma.sql`
    SELECT t."id", t."userId", t."kind", t."scopes", t."deviceId", t."createdAt", t."expiresAt", t."revokedAt", t."graceEndsAt", t."lastUsedAt",
           u."role" AS "ownerRole", u."disabledAt" AS "ownerDisabledAt", p."scopes" AS "policyScopes", p."idleDisableDays"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" JOIN "Policy" p ON p."role" = u."role"
    WHERE t."hash" = ${hash}`;
}

/** A user's newest dashboard token, with the rotation interval of the owner's role, for every dashboard page. */
export function latestDashboardTokenSql(userId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT t."id", t."ciphertext", t."revokedAt", t."expiresAt", t."replacedById", p."rotationIntervalDays"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" JOIN "Policy" p ON p."role" = u."role"
    WHERE t."userId" = ${userId} AND t."kind" = 'DASHBOARD'
    ORDER BY t."createdAt" DESC, t."id" DESC LIMIT 1`;
}

/**
 * Whether a user may hold a new token, read inside the transaction that issues it, with the user's
 * row held (forUpdate) until it commits: a disable, or another first dashboard token, waits for it.
 */
export function tokenOwnerSql(userId: string): Prisma.Sql {
  return Prisma.sql`SELECT "disabledAt" FROM "User" WHERE "id" = ${userId}${forUpdate()}`;
}
