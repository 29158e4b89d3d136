// The hand-written statements of lib/access, each with its reason. They are SQLite's: a second
// dialect adds its forms here.
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The security epoch, which triggers bump on every change that can end or narrow a token (see the
 * security_epoch migration). Raw: it runs once a second in every instance, and Prisma's query
 * compiler would cost more than the read.
 */
export function securityEpochSql(): Prisma.Sql {
  return Prisma.sql`SELECT "value" FROM "SecurityEpoch" WHERE "id" = 1`;
}
