// The hand-written statements of lib/auth, each with its reason.
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The session's user, read on every page so that a disable, a role change or a sign-out elsewhere
 * takes effect at once: raw, since Prisma's query compiler costs more than the read (see lib/tokens/sql.ts).
 */
export function sessionUserSql(userId: string): Prisma.Sql {
  return Prisma.sql`SELECT "id", "email", "name", "role", "disabledAt", "sessionsValidAfter" FROM "User" WHERE "id" = ${userId}`;
}
