// Reading, creating and managing users, for admins only, and a caller's own profile: the caller
// is checked here, next to the query.
import "server-only";
import { z } from "zod";
import type { Caller, Person, System } from "@/lib/access/caller";
import { assertAdmin, assertScope } from "@/lib/access/checks";
import { formatScopes, parseScopes } from "@/lib/access/scopes";
import { forgetVerified } from "@/lib/access/verified-cache";
import { appendAudit } from "@/lib/audit/append";
import { db, transaction } from "@/lib/db";
import { readRows } from "@/lib/db-read";
import type { Prisma, Role } from "@/lib/generated/prisma/client";
import { pagePlace, type PagePlace } from "@/lib/paging";
import { Refusal } from "@/lib/refusal";
import { DAY_MS } from "@/lib/time";
import { revokeAllTokens } from "@/lib/tokens/lifecycle";
import { getPolicy } from "@/lib/tokens/policy";
import { issueLinkWithin, type IssuedLink } from "./password-links";
import { isUserFilterSet, NO_USER_FILTER, USERS_PER_PAGE, type UserFilter } from "./user-filter";
import { profileSql, userCountSql, userPageSql } from "./sql";

type UserSummary = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  createdAt: Date;
  deviceCount: number;
  /** False until they set a password through their one-time link: an invitation pending. */
  hasPassword: boolean;
};

const summarySelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  createdAt: true,
  // Read only to say whether there is one: toSummary drops it.
  passwordHash: true,
  _count: { select: { devices: true } },
} as const;

type SummaryRow = { _count: { devices: number }; passwordHash: string | null } & Omit<UserSummary, "deviceCount" | "hasPassword">;

function toSummary({ _count, passwordHash, ...user }: SummaryRow): UserSummary {
  return { ...user, deviceCount: _count.devices, hasPassword: passwordHash !== null };
}

export type UserPage = PagePlace & { users: UserSummary[]; /** Every user, whatever the filter. */ all: number };

/** One page of the users that match the filter, admins first, then by email. */
export async function listUsers(caller: Caller, filter: UserFilter = NO_USER_FILTER, requested = 1, size = USERS_PER_PAGE): Promise<UserPage> {
  assertAdmin(caller, "list users");
  const counted = async (query: Prisma.Sql) => Number((await readRows<{ count: number | bigint }>(query))[0]?.count ?? 0);
  const [total, all] = await Promise.all([counted(userCountSql(filter)), isUserFilterSet(filter) ? counted(userCountSql(NO_USER_FILTER)) : undefined]);
  const place = pagePlace(total, requested, size);
  const ids = (await readRows<{ id: string }>(userPageSql(filter, place.skip, size))).map((row) => row.id);
  const rows = await db.user.findMany({ where: { id: { in: ids } }, select: summarySelect });
  const byId = new Map(rows.map((row) => [row.id, toSummary(row)]));
  // In the page's order; one deleted since the ids were read is left out.
  const users = ids.map((id) => byId.get(id)).filter((user): user is UserSummary => user !== undefined);
  return { ...place, users, all: all ?? total };
}

/** One user, or null when there is no such user. */
export async function getUserSummary(caller: Caller, userId: string): Promise<UserSummary | null> {
  assertAdmin(caller, "read users");
  const row = await db.user.findUnique({ where: { id: userId }, select: summarySelect });
  return row ? toSummary(row) : null;
}

type Profile = { id: string; email: string; name: string; role: Role };

/** The most a page of the admin API holds, as for devices. */
const MAX_PAGE_SIZE = 100;

/** The user a caller acts for: any signed-in person or valid token may read its own. */
export async function getOwnProfile(caller: Caller): Promise<Profile> {
  // Every GET /me runs this (see sql.ts).
  const [profile] = await readRows<Profile>(profileSql(caller.userId));
  if (!profile) throw new Refusal("The token's owner no longer exists", "not_found");
  return profile;
}

export const NewUser = z.object({
  name: z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(80, "At most 80 characters"),
  email: z.string({ error: "Enter an email address" }).trim().toLowerCase().max(254, "At most 254 characters").pipe(z.email("Enter a valid email address")),
  role: z.enum(["ADMIN", "STANDARD"], { error: "Choose Admin or Standard" }),
});

type CreatedUser = { user: Profile; link: IssuedLink };

/**
 * Creates a user without a password and issues their one-time set-password link, in one
 * transaction with both audit records. An admin does it, or Gatehouse itself for
 * `npm run user:create`. The link's URL is in the answer once and stored nowhere.
 */
export async function createUser(caller: Person | System, input: z.input<typeof NewUser>): Promise<CreatedUser> {
  if (caller !== "system") assertAdmin(caller, "create users");
  const parsed = NewUser.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Refusal(issue.message, "invalid", issue.path.map(String).join(".") || undefined);
  }
  const { name, email, role } = parsed.data;
  const taken = () => new Refusal(`A user with the email ${email} exists already`, "conflict", "email");
  try {
    return await transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw taken();
      const user = await tx.user.create({ data: { name, email, role }, select: { id: true, email: true, name: true, role: true } });
      await appendAudit({ actor: caller, action: "user.created", target: { type: "user", id: user.id }, detail: { role, email } }, tx);
      return { user, link: await issueLinkWithin(tx, caller, user.id) };
    });
  } catch (error) {
    // Two creations of one email at once: the unique index refuses the second.
    if ((error as { code?: unknown }).code === "P2002") throw taken();
    throw error;
  }
}

/** Users for the admin API, by id a page at a time (as GET /devices): never a password hash. */
export async function listUsersPage(caller: Caller, page: { limit: number; cursor?: string }) {
  assertScope(caller, "users:admin");
  assertAdmin(caller, "list users");
  const limit = Math.min(Math.max(1, page.limit), MAX_PAGE_SIZE);
  const rows = await db.user.findMany({
    where: page.cursor ? { id: { gt: page.cursor } } : {},
    select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true, passwordHash: true },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  // Times as ISO text, as the API sends them: in-process callers take this value as it is.
  const data = rows
    .slice(0, limit)
    .map(({ passwordHash, disabledAt, createdAt, ...user }) => ({ ...user, createdAt: createdAt.toISOString(), disabled: disabledAt !== null, hasPassword: passwordHash !== null }));
  return { data, nextCursor: rows.length > limit ? data.at(-1)!.id : null };
}

type RoleChange = { changed: boolean; narrowed: number; revoked: number; clamped: number };

/**
 * Changes a user's role and ends their sessions, so that they sign in again under it. A downgrade
 * narrows every live token to the new role's scopes at once (verification narrows on use too, but
 * the stored scopes should say what a token can do), revokes a token left with none, and brings
 * forward any expiry past the new role's maximum lifetime from now.
 */
export async function changeUserRole(caller: Caller, userId: string, role: Role): Promise<RoleChange> {
  assertAdmin(caller, "change roles");
  // Keeps at least the acting admin an admin, and stops anyone locking themself out by mistake.
  if (userId === caller.userId && role !== "ADMIN") throw new Refusal("You cannot remove your own admin role", "invalid", "role");
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!user) throw new Refusal("No such user", "not_found");
  if (user.role === role) return { changed: false, narrowed: 0, revoked: 0, clamped: 0 };
  const policy = await getPolicy(role);

  const change = await transaction(async (tx) => {
    // Gatehouse never loses its last active admin, even to two admins demoting each other at once.
    if (role !== "ADMIN") {
      const others = await tx.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: userId } } });
      if (others === 0) throw new Refusal("Gatehouse needs at least one other active admin first", "invalid", "role");
    }
    const now = new Date();
    // The role is written first so that no token read below can be issued under the old role meanwhile.
    await tx.user.update({ where: { id: userId }, data: { role, sessionsValidAfter: now } });
    const tokens = await tx.apiToken.findMany({ where: { userId, revokedAt: null }, select: { id: true, scopes: true, expiresAt: true } });
    const latest = new Date(now.getTime() + policy.maxLifetimeDays * DAY_MS);
    const narrowed: string[] = [];
    const revoked: string[] = [];
    const clamped: string[] = [];
    for (const token of tokens) {
      const held = parseScopes(token.scopes);
      const kept = held.filter((scope) => policy.scopes.includes(scope));
      if (kept.length === 0 && held.length > 0) {
        await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: now, revokedReason: "role changed" } });
        await appendAudit({ actor: caller, action: "token.revoked", target: { type: "token", id: token.id }, detail: { reason: "role changed" } }, tx);
        revoked.push(token.id);
        continue;
      }
      const data: Prisma.ApiTokenUpdateInput = {};
      if (kept.length < held.length) {
        data.scopes = formatScopes(kept);
        narrowed.push(token.id);
      }
      if (token.expiresAt > latest) {
        data.expiresAt = latest;
        clamped.push(token.id);
      }
      if (Object.keys(data).length > 0) await tx.apiToken.update({ where: { id: token.id }, data });
    }
    const detail = { from: user.role, to: role, narrowed, revoked, clamped, clampedTo: clamped.length > 0 ? latest.toISOString() : undefined };
    await appendAudit({ actor: caller, action: "user.role_changed", target: { type: "user", id: userId }, detail }, tx);
    return { changed: true, narrowed: narrowed.length, revoked: revoked.length, clamped: clamped.length };
  });
  forgetVerified({ userId });
  return change;
}

type DisabledChange = { changed: boolean; revoked: number };

/**
 * Disables or enables a user. Disabling ends their sessions and revokes every token they hold;
 * enabling leaves those revoked, so that access comes back only through newly issued tokens.
 */
export async function setUserDisabled(caller: Caller, userId: string, disabled: boolean): Promise<DisabledChange> {
  assertAdmin(caller, "disable users");
  if (userId === caller.userId && disabled) throw new Refusal("You cannot disable yourself", "invalid", "disabled");
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw new Refusal("No such user", "not_found");

  const changed = await transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.user.updateMany({
      where: { id: userId, disabledAt: disabled ? null : { not: null } },
      data: disabled ? { disabledAt: now, sessionsValidAfter: now } : { disabledAt: null },
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

/**
 * Ends every session the user holds, copies of their cookie included: lib/auth/session.ts refuses a
 * session signed in at or before the stamp this sets. A person may end their own, an admin anyone's.
 * (A password change or a password set through a link sets the same stamp in the update that
 * writes the hash: lib/auth/password-change.ts, password-links.ts.)
 */
export async function endSessions(caller: Caller, userId: string, client: Prisma.TransactionClient = db): Promise<void> {
  if (caller.type !== "person" || caller.userId !== userId) assertAdmin(caller, "end another user's sessions");
  const { count } = await client.user.updateMany({ where: { id: userId }, data: { sessionsValidAfter: new Date() } });
  if (count === 0) throw new Refusal("No such user", "not_found");
  await appendAudit({ actor: caller, action: "user.sessions_ended", target: { type: "user", id: userId } }, client);
}

/**
 * Sign-out (next-auth's signOut event in lib/auth/options.ts, which has the session's token but no
 * request): ends every session of the user, so that a copy of the cookie stops working too. Only a
 * session that is still current may do it, so that a stale copy cannot sign its owner out again and
 * again; the condition is lib/auth/session.ts's sessionIsCurrent, as a where clause.
 */
export async function endSessionsAtSignOut(userId: string, signedInAt: number | undefined): Promise<boolean> {
  const current: Prisma.UserWhereInput[] = [{ sessionsValidAfter: null }];
  if (signedInAt !== undefined) current.push({ sessionsValidAfter: { lt: new Date(signedInAt) } });
  const { count } = await db.user.updateMany({ where: { id: userId, disabledAt: null, OR: current }, data: { sessionsValidAfter: new Date() } });
  return count > 0;
}
