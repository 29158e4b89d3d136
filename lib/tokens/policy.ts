// Role policies are rows an admin can change: this reads them (the migration inserts the
// defaults) and changes them, within each role's ceiling, with an audit record of before and after.
import "server-only";
import { z } from "zod";
import type { Person } from "@/lib/access/caller";
import { assertAdmin } from "@/lib/access/checks";
import { forgetVerified } from "@/lib/access/verified-cache";
import { parseScopes, type Scope } from "@/lib/access/scopes";
import { appendAudit } from "@/lib/audit/append";
import { db, transaction } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { Refusal } from "@/lib/refusal";
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

/** The longest lifetime a role's policy may give a token: no admin can raise it past this. */
export const LIFETIME_CEILING_DAYS: Record<Role, number> = { STANDARD: 90, ADMIN: 180 };
export const MAX_GRACE_HOURS = 168;
export const MAX_IDLE_DAYS = 365;

const ROLES = ["ADMIN", "STANDARD"] as const satisfies readonly Role[];

/** A whole number from a form field or a number; an empty field is missing, never 0. */
const whole = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z.coerce.number({ error: "Enter a number" }).int("Enter a whole number"),
);

/**
 * A policy change: the role and its four values, each bounded, the lifetime by the role's ceiling
 * and the rotation interval by the lifetime. Both the form and updatePolicy parse with it.
 */
export const PolicyChange = z
  .object({
    role: z.enum(ROLES, { error: "Choose Admin or Standard" }),
    maxLifetimeDays: whole.pipe(z.number().min(1, "At least 1 day")),
    rotationIntervalDays: whole.pipe(z.number().min(1, "At least 1 day")),
    gracePeriodHours: whole.pipe(z.number().min(0, "At least 0 hours").max(MAX_GRACE_HOURS, `At most ${MAX_GRACE_HOURS} hours (a week)`)),
    idleDisableDays: whole.pipe(z.number().min(1, "At least 1 day").max(MAX_IDLE_DAYS, `At most ${MAX_IDLE_DAYS} days`)),
  })
  .superRefine((change, ctx) => {
    const ceiling = LIFETIME_CEILING_DAYS[change.role];
    if (change.maxLifetimeDays > ceiling) ctx.addIssue({ code: "custom", path: ["maxLifetimeDays"], message: `At most ${ceiling} days for this role` });
    if (change.rotationIntervalDays > change.maxLifetimeDays) {
      ctx.addIssue({ code: "custom", path: ["rotationIntervalDays"], message: "At most the maximum lifetime" });
    }
  });

type PolicyValues = Pick<Policy, "maxLifetimeDays" | "rotationIntervalDays" | "gracePeriodHours" | "idleDisableDays">;

export type PolicyWithCeiling = Policy & { ceilingDays: number };

/** Both roles' policies, for the admins' policy page. */
export async function listPolicies(caller: Person): Promise<PolicyWithCeiling[]> {
  assertAdmin(caller, "read policies");
  return Promise.all(ROLES.map(async (role) => ({ ...(await getPolicy(role)), ceilingDays: LIFETIME_CEILING_DAYS[role] })));
}

/**
 * Changes a role's policy. Tokens already issued keep their expiry and rotation; verification reads
 * the idle limit at each use, so a new one applies at once. Nothing is written (or audited) when
 * nothing changed.
 */
export async function updatePolicy(caller: Person, role: Role, values: PolicyValues): Promise<{ changed: boolean; policy: Policy }> {
  assertAdmin(caller, "change policies");
  const parsed = PolicyChange.safeParse({ ...values, role });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Refusal(issue.message, "invalid", issue.path.map(String).join(".") || undefined);
  }
  const { maxLifetimeDays, rotationIntervalDays, gracePeriodHours, idleDisableDays } = parsed.data;
  const after: PolicyValues = { maxLifetimeDays, rotationIntervalDays, gracePeriodHours, idleDisableDays };
  const changed = await transaction(async (tx) => {
    const row = await tx.policy.findUnique({ where: { role }, select: { maxLifetimeDays: true, rotationIntervalDays: true, gracePeriodHours: true, idleDisableDays: true } });
    if (!row) throw new Refusal("No policy for this role", "not_found");
    if ((Object.keys(after) as (keyof PolicyValues)[]).every((key) => row[key] === after[key])) return false;
    await tx.policy.update({ where: { role }, data: after });
    await appendAudit({ actor: caller, action: "policy.changed", target: { type: "policy", id: role }, detail: { role, before: row, after } }, tx);
    return true;
  });
  // Every cached verification of the role's tokens carries the old scopes and idle limit; other
  // instances see the change through the security epoch, which the Policy trigger moved.
  if (changed) forgetVerified();
  return { changed, policy: await getPolicy(role) };
}
