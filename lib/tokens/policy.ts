// Role policies are rows an admin can change; this reads them, with the migration's defaults.
import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { parseScopes, type Scope } from "./scopes";

export type Policy = {
  role: Role;
  scopes: Scope[];
  maxLifetimeDays: number;
  rotationIntervalDays: number;
  gracePeriodHours: number;
  idleDisableDays: number;
};

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export async function getPolicy(role: Role): Promise<Policy> {
  const row = await db.policy.findUniqueOrThrow({ where: { role } });
  return { ...row, scopes: parseScopes(row.scopes) };
}

export async function listPolicies(): Promise<Policy[]> {
  const rows = await db.policy.findMany({ orderBy: { role: "asc" } });
  return rows.map((row) => ({ ...row, scopes: parseScopes(row.scopes) }));
}

/**
 * A server-held token is rotated in the last stretch of its life: the last seventh of its
 * rotation interval, at most a week, so that it never reaches its expiry while in use.
 */
export function rotationWindowMs(policy: Pick<Policy, "rotationIntervalDays">): number {
  return Math.min(7 * DAY_MS, (policy.rotationIntervalDays * DAY_MS) / 7);
}
