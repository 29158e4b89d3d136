// The owner filter: which devices a caller may see, as a Prisma where clause and as SQL. Every
// device query carries it in its own where, so that another user's device is simply not found.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Caller } from "./caller";

/**
 * The where clause every device query carries: admins see every device, others their own, a
 * device token its one device. The device limit sits under AND, so that a caller's own `id: …`
 * spread beside it narrows the query instead of replacing the limit.
 */
export function visibleTo(caller: Caller): Prisma.DeviceWhereInput {
  const scope: Prisma.DeviceWhereInput = caller.role === "ADMIN" ? {} : { ownerId: caller.userId };
  return caller.type === "token" && caller.deviceId ? { ...scope, AND: [{ id: caller.deviceId }] } : scope;
}

/** visibleTo as SQL on "Device" d: the same rule for the raw queries. */
export function visibleSql(caller: Caller): Prisma.Sql {
  return deviceWhereSql(visibleTo(caller));
}

/**
 * A device where clause, as visibleTo makes them, as SQL on "Device" d for the raw queries.
 * Translating visibleTo's own object keeps the rule in one place; a condition this
 * does not know throws instead of being left out, so that the two cannot drift apart into a leak.
 */
export function deviceWhereSql(where: Prisma.DeviceWhereInput): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  const translate = (part: Prisma.DeviceWhereInput) => {
    for (const [key, value] of Object.entries(part)) {
      if (key === "ownerId" && typeof value === "string") conditions.push(Prisma.sql`d."ownerId" = ${value}`);
      else if (key === "id" && typeof value === "string") conditions.push(Prisma.sql`d."id" = ${value}`);
      else if (key === "AND" && Array.isArray(value)) value.forEach(translate);
      else throw new Error(`deviceWhereSql cannot translate the condition on ${key}`);
    }
  };
  translate(where);
  return conditions.length > 0 ? Prisma.sql`(${Prisma.join(conditions, " AND ")})` : Prisma.sql`TRUE`;
}
