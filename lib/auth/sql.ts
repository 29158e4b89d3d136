// The hand-written statements of lib/auth, each with its reason.
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The session's user with the scopes their role's policy allows, read on every page: one raw
 * statement, since Prisma's query compiler costs more than the read (see lib/tokens/sql.ts).
 */
export function sessionUserSql(userId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT u."id", u."email", u."name", u."role", u."disabledAt", p."scopes"
    FROM "User" u JOIN "Policy" p ON p."role" = u."role" WHERE u."id" = ${userId}`;
}
