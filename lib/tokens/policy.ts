// Role policies are rows an admin can change; this reads them, with the migration's defaults.
import "server-only";
import { db } from "@/lib/db";
import { parseScopes, type Scope } from "@/lib/access/scopes";
import type { Role } from "@/lib/generated/prisma/client";
import { DAY_MS } from "@/lib/time";
import { policySql } from "./sql";

export type Policy = {
  role: Role;
  scopes: Scope[];
  maxLifetimeDays: number;
  rotationIntervalDays: number;
  gracePeriodHours: number;
  idleDisableDays: number;
};

/** A policy row as SQL gives it (integers may come back as bigint). */
type PolicyRow = { role: Role; scopes: string; maxLifetimeDays: number | bigint; rotationIntervalDays: number | bigint; gracePeriodHours: number | bigint; idleDisableDays: number | bigint };

function toPolicy(row: PolicyRow): Policy {
  return {
    role: row.role,
    scopes: parseScopes(row.scopes),
    maxLifetimeDays: Number(row.maxLifetimeDays),
    rotationIntervalDays: Number(row.rotationIntervalDays),
    gracePeriodHours: Number(row.gracePeriodHours),
    idleDisableDays: Number(row.idleDisableDays),
  };
}

/** Raw SQL, as are the other reads on every request's path (see sql.ts). */
export async function getPolicy(role: Role): Promise<Policy> {
  const [row] = await db.$queryRaw<PolicyRow[]>(policySql(role));
  if (!row) throw new Error(`No token policy for the role ${role}`);
  return toPolicy(row);
}

/**
 * A server-held token is rotated in the last stretch of its life: the last seventh of its
 * rotation interval, at most a week, so that it never reaches its expiry while in use.
 */
export function rotationWindowMs(policy: Pick<Policy, "rotationIntervalDays">): number {
  return Math.min(7 * DAY_MS, (policy.rotationIntervalDays * DAY_MS) / 7);
}
