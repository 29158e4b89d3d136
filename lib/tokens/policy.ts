// Role policies are rows an admin can change; this reads them, with the migration's defaults.
import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { DAY_MS } from "@/lib/time";
import { parseScopes, type Scope } from "./scopes";

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

/**
 * Raw SQL, as are the other reads on every request's path (the session's user, the dashboard token,
 * a token's verification): Prisma's query compiler costs about a millisecond a model query, more
 * than the read itself.
 */
export async function getPolicy(role: Role): Promise<Policy> {
  const [row] = await db.$queryRaw<PolicyRow[]>`
    SELECT "role", "scopes", "maxLifetimeDays", "rotationIntervalDays", "gracePeriodHours", "idleDisableDays" FROM "Policy" WHERE "role" = ${role}`;
  if (!row) throw new Error(`No token policy for the role ${role}`);
  return toPolicy(row);
}

export async function listPolicies(): Promise<Policy[]> {
  const rows = await db.policy.findMany({ orderBy: { role: "asc" } });
  return rows.map((row) => toPolicy(row));
}

/**
 * A server-held token is rotated in the last stretch of its life: the last seventh of its
 * rotation interval, at most a week, so that it never reaches its expiry while in use.
 */
export function rotationWindowMs(policy: Pick<Policy, "rotationIntervalDays">): number {
  return Math.min(7 * DAY_MS, (policy.rotationIntervalDays * DAY_MS) / 7);
}
