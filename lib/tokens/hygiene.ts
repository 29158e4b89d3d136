// Token hygiene that changes tokens: disabling the ones left idle past their role's policy, and
// narrowing a token to the scopes it uses (the advisor in lib/monitor/advisor.ts says which).
import "server-only";
import type { Person } from "@/lib/access/caller";
import { assertManages } from "@/lib/access/checks";
import { formatScopes, parseScopes, type Scope } from "@/lib/access/scopes";
import { forgetVerified } from "@/lib/access/verified-cache";
import { appendAudit } from "@/lib/audit/append";
import { db, transaction } from "@/lib/db";
import type { Prisma, Role } from "@/lib/generated/prisma/client";
import { Refusal } from "@/lib/refusal";
import { DAY_MS } from "@/lib/time";
import { getPolicy } from "./policy";

const ROLES: Role[] = ["STANDARD", "ADMIN"];

/** At most this many a sweep, so that one run stays short; the next run takes the rest. */
const SWEEP_BATCH = 200;

/** Unused (never used: since issue) before the cutoff. Dashboard tokens are Gatehouse's own: never idle. */
function idleSince(cutoff: Date): Prisma.ApiTokenWhereInput {
  return {
    kind: { in: ["PERSONAL", "DEVICE"] },
    revokedAt: null,
    OR: [{ lastUsedAt: { lt: cutoff } }, { lastUsedAt: null, createdAt: { lt: cutoff } }],
  };
}

/**
 * Disables one token if it has been unused for more than idleDays at `now`. The condition is in
 * the update itself, so that a use or a revocation since it was read keeps it as it is, and two
 * instances sweeping at once disable it (and audit it) once. Returns whether this call did.
 */
export async function disableIdleToken(tokenId: string, idleDays: number, now: number): Promise<boolean> {
  const disabled = await transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, ...idleSince(new Date(now - idleDays * DAY_MS)) },
      data: { revokedAt: new Date(now), revokedReason: "idle" },
    });
    if (count === 0) return false;
    await appendAudit({ actor: "system", action: "token.idle_disabled", target: { type: "token", id: tokenId }, detail: { idleDays } }, tx);
    return true;
  });
  if (disabled) forgetVerified({ tokenId });
  return disabled;
}

/**
 * The sweep for tokens never presented again (verification disables an idle token lazily when it
 * is used): every live personal and device token unused for longer than its owner's role's
 * idleDisableDays. Returns the ids it disabled.
 */
export async function disableIdleTokens(now: number): Promise<string[]> {
  const disabled: string[] = [];
  for (const role of ROLES) {
    const { idleDisableDays } = await getPolicy(role);
    const candidates = await db.apiToken.findMany({
      where: { ...idleSince(new Date(now - idleDisableDays * DAY_MS)), expiresAt: { gt: new Date(now) }, user: { role } },
      select: { id: true },
      orderBy: { id: "asc" },
      take: SWEEP_BATCH,
    });
    for (const { id } of candidates) if (await disableIdleToken(id, idleDisableDays, now)) disabled.push(id);
  }
  return disabled;
}

export type NarrowResult = { changed: boolean; scopes: Scope[] };

/**
 * Narrows a live personal or device token to `scopes`, which must be some of the ones it holds: a
 * narrowing never widens. Its owner or an admin may; the old scope set is the update's condition,
 * so a change made meanwhile is refused rather than overwritten.
 */
export async function narrowTokenScopes(caller: Person, tokenId: string, scopes: Scope[]): Promise<NarrowResult> {
  const token = await db.apiToken.findUnique({
    where: { id: tokenId },
    select: { userId: true, kind: true, scopes: true, revokedAt: true, replacedById: true, expiresAt: true },
  });
  if (!token) throw new Refusal("No such token", "not_found");
  assertManages(caller, token.userId);
  if (token.kind === "DASHBOARD") throw new Refusal("The dashboard token's scopes are Gatehouse's to set", "invalid", "tokenId");
  if (token.revokedAt || token.replacedById || token.expiresAt.getTime() <= Date.now()) {
    throw new Refusal("Only an active token can be narrowed", "conflict");
  }
  const before = parseScopes(token.scopes);
  const after = parseScopes(formatScopes(scopes));
  if (after.length === 0) throw new Refusal("Keep at least one scope; revoke the token instead", "invalid", "scopes");
  const added = after.filter((scope) => !before.includes(scope));
  if (added.length > 0) throw new Refusal(`Narrowing cannot add ${added.join(", ")}`, "invalid", "scopes");
  if (after.length === before.length) return { changed: false, scopes: before };

  await transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, scopes: token.scopes, revokedAt: null }, data: { scopes: formatScopes(after) } });
    if (count !== 1) throw new Refusal("The token changed meanwhile; reload and try again", "conflict");
    await appendAudit({ actor: caller, action: "token.narrowed", target: { type: "token", id: tokenId }, detail: { before, after } }, tx);
  });
  forgetVerified({ tokenId });
  return { changed: true, scopes: after };
}
