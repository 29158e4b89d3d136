// Reading and managing users, for admins only, and a caller's own profile: the caller is checked
// here, next to the query.
import "server-only";
import type { Caller } from "@/lib/access/caller";
import { assertAdmin } from "@/lib/access/checks";
import { formatScopes, parseScopes } from "@/lib/access/scopes";
import { forgetVerified } from "@/lib/access/verified-cache";
import { appendAudit } from "@/lib/audit/append";
import { db, transaction } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { Refusal } from "@/lib/refusal";
import { revokeAllTokens } from "@/lib/tokens/lifecycle";
import { getPolicy } from "@/lib/tokens/policy";

type UserSummary = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  createdAt: Date;
  deviceCount: number;
};

const summarySelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  createdAt: true,
  _count: { select: { devices: true } },
} as const;

type SummaryRow = { _count: { devices: number } } & Omit<UserSummary, "deviceCount">;

function toSummary({ _count, ...user }: SummaryRow): UserSummary {
  return { ...user, deviceCount: _count.devices };
}

export async function listUsers(caller: Caller): Promise<UserSummary[]> {
  assertAdmin(caller, "list users");
  const rows = await db.user.findMany({ select: summarySelect, orderBy: [{ role: "asc" }, { email: "asc" }] });
  return rows.map(toSummary);
}

/** One user, or null when there is no such user. */
export async function getUserSummary(caller: Caller, userId: string): Promise<UserSummary | null> {
  assertAdmin(caller, "read users");
  const row = await db.user.findUnique({ where: { id: userId }, select: summarySelect });
  return row ? toSummary(row) : null;
}

type Profile = { id: string; email: string; name: string; role: Role };

/** The user a caller acts for: any signed-in person or valid token may read its own. */
export async function getOwnProfile(caller: Caller): Promise<Profile> {
  return db.user.findUniqueOrThrow({ where: { id: caller.userId }, select: { id: true, email: true, name: true, role: true } });
}

type RoleChange = { changed: boolean; narrowed: number; revoked: number };

/**
 * Changes a user's role. A downgrade narrows every live token to the new role's scopes at once
 * (verification narrows on use too, but the stored scopes should say what a token can do), and
 * revokes a token left with none.
 */
export async function changeUserRole(caller: Caller, userId: string, role: Role): Promise<RoleChange> {
  assertAdmin(caller, "change roles");
  // Keeps at least the acting admin an admin, and stops anyone locking themself out by mistake.
  if (userId === caller.userId && role !== "ADMIN") throw new Refusal("You cannot remove your own admin role", "invalid", "role");
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!user) throw new Refusal("No such user", "not_found");
  if (user.role === role) return { changed: false, narrowed: 0, revoked: 0 };
  const allowed = (await getPolicy(role)).scopes;

  const change = await transaction(async (tx) => {
    // Gatehouse never loses its last active admin, even to two admins demoting each other at once.
    if (role !== "ADMIN") {
      const others = await tx.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: userId } } });
      if (others === 0) throw new Refusal("Gatehouse needs at least one other active admin first", "invalid", "role");
    }
    // The role is written first so that no token read below can be issued under the old role meanwhile.
    await tx.user.update({ where: { id: userId }, data: { role } });
    const tokens = await tx.apiToken.findMany({ where: { userId, revokedAt: null }, select: { id: true, scopes: true } });
    const narrowed: string[] = [];
    const revoked: string[] = [];
    const now = new Date();
    for (const token of tokens) {
      const held = parseScopes(token.scopes);
      const kept = held.filter((scope) => allowed.includes(scope));
      if (kept.length === held.length) continue;
      if (kept.length === 0) {
        await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: now, revokedReason: "role changed" } });
        await appendAudit({ actor: caller, action: "token.revoked", target: { type: "token", id: token.id }, detail: { reason: "role changed" } }, tx);
        revoked.push(token.id);
      } else {
        await tx.apiToken.update({ where: { id: token.id }, data: { scopes: formatScopes(kept) } });
        narrowed.push(token.id);
      }
    }
    await appendAudit(
      { actor: caller, action: "user.role_changed", target: { type: "user", id: userId }, detail: { from: user.role, to: role, narrowed, revoked } },
      tx,
    );
    return { changed: true, narrowed: narrowed.length, revoked: revoked.length };
  });
  forgetVerified({ userId });
  return change;
}

type DisabledChange = { changed: boolean; revoked: number };

/**
 * Disables or enables a user. Disabling revokes every token they hold; enabling leaves those
 * revoked, so that access comes back only through newly issued tokens.
 */
export async function setUserDisabled(caller: Caller, userId: string, disabled: boolean): Promise<DisabledChange> {
  assertAdmin(caller, "disable users");
  if (userId === caller.userId && disabled) throw new Refusal("You cannot disable yourself", "invalid", "disabled");
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw new Refusal("No such user", "not_found");

  const changed = await transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, disabledAt: disabled ? null : { not: null } },
      data: { disabledAt: disabled ? new Date() : null },
    });
    if (count > 0) await appendAudit({ actor: caller, action: disabled ? "user.disabled" : "user.enabled", target: { type: "user", id: userId } }, tx);
    return count > 0;
  });
  forgetVerified({ userId });
  // revokeAllTokens runs its own transaction. disabledAt is committed first: verification already
  // refuses a disabled owner's tokens, so a failure between the two never leaves a token working.
  const revoked = disabled && changed ? await revokeAllTokens(caller, userId, "user disabled") : 0;
  return { changed, revoked };
}
