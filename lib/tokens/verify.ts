// Turns a bearer token into a principal, in the order DESIGN.md gives: format and checksum, hash
// lookup, revoked / expired / past grace / idle, owner active and role still allowing the scopes.
import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { db, isBusy, transaction } from "@/lib/db";
import type { Role, TokenKind } from "@/lib/generated/prisma/client";
import { DAY_MS } from "@/lib/time";
import { parseToken } from "./format";
import { hashToken } from "./hash";
import { parseScopes, type Scope } from "./scopes";
import { forgetVerified, recall, remember } from "./verified-cache";

export type Principal = {
  tokenId: string;
  userId: string;
  role: Role;
  kind: TokenKind;
  scopes: ReadonlySet<Scope>;
  /** A device token may touch this one device only. */
  deviceId: string | null;
  lastUsedAt: Date | null;
};

type TokenRow = {
  id: string;
  userId: string;
  kind: TokenKind;
  scopes: string;
  deviceId: string | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  graceEndsAt: Date | null;
  lastUsedAt: Date | null;
  ownerRole: Role;
  ownerDisabledAt: Date | null;
  policyScopes: string;
  idleDisableDays: number | bigint;
};

export type VerifyFailure = "malformed" | "unknown" | "revoked" | "expired" | "inactive_owner";

export type VerifyResult = { ok: true; principal: Principal } | { ok: false; reason: VerifyFailure };

const fail = (reason: VerifyFailure): VerifyResult => ({ ok: false, reason });

export async function verifyToken(token: string, now = Date.now()): Promise<VerifyResult> {
  if (!parseToken(token)) return fail("malformed");
  const hash = hashToken(token);
  const known = recall(hash, now);
  if (known) return { ok: true, principal: known };
  // The token, its owner and the owner's policy in one raw statement: this runs on every API
  // request the cache above does not answer, where Prisma's model queries cost more than the reads.
  const [row] = await db.$queryRaw<TokenRow[]>`
    SELECT t."id", t."userId", t."kind", t."scopes", t."deviceId", t."createdAt", t."expiresAt", t."revokedAt", t."graceEndsAt", t."lastUsedAt",
           u."role" AS "ownerRole", u."disabledAt" AS "ownerDisabledAt", p."scopes" AS "policyScopes", p."idleDisableDays"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" JOIN "Policy" p ON p."role" = u."role"
    WHERE t."hash" = ${hash}`;
  if (!row) return fail("unknown");
  if (row.revokedAt) return fail("revoked");
  if (row.expiresAt.getTime() <= now) return fail("expired");
  if (row.graceEndsAt && row.graceEndsAt.getTime() <= now) return fail("expired");
  if (row.ownerDisabledAt) return fail("inactive_owner");
  // A device token without its device would otherwise reach every device of its owner.
  if (row.kind === "DEVICE" && !row.deviceId) return fail("revoked");

  if (row.kind !== "DASHBOARD" && isIdle(row, Number(row.idleDisableDays), now)) {
    await disableIdle(row.id, now);
    return fail("revoked");
  }
  // A role downgrade narrows the token at once, whatever scopes it was issued with.
  const allowed = parseScopes(row.policyScopes);
  const scopes = new Set(parseScopes(row.scopes).filter((scope) => allowed.includes(scope)));
  const principal = { tokenId: row.id, userId: row.userId, role: row.ownerRole, kind: row.kind, scopes, deviceId: row.deviceId, lastUsedAt: row.lastUsedAt };
  remember(hash, principal, Math.min(row.expiresAt.getTime(), row.graceEndsAt?.getTime() ?? Infinity), now);
  return { ok: true, principal };
}

function isIdle(row: { lastUsedAt: Date | null; createdAt: Date }, idleDays: number, now: number): boolean {
  return now - (row.lastUsedAt ?? row.createdAt).getTime() > idleDays * DAY_MS;
}

async function disableIdle(tokenId: string, now: number): Promise<void> {
  await transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date(now), revokedReason: "idle" } });
    if (count > 0) await appendAudit({ actor: { type: "system" }, action: "token.idle_disabled", target: { type: "token", id: tokenId } }, tx);
  });
  forgetVerified({ tokenId });
}

/** Last use is written at most once a minute a token, so that reads stay reads. */
export const LAST_USE_INTERVAL_MS = 60_000;

export async function recordUse(principal: Principal, ip: string | null, now = Date.now()): Promise<void> {
  if (principal.lastUsedAt && now - principal.lastUsedAt.getTime() < LAST_USE_INTERVAL_MS) return;
  // The remembered principal carries the new time, so that cached requests do not write again.
  (principal as { lastUsedAt: Date | null }).lastUsedAt = new Date(now);
  try {
    await db.apiToken.updateMany({
      where: { id: principal.tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USE_INTERVAL_MS) } }] },
      data: { lastUsedAt: new Date(now), lastUsedIp: ip },
    });
  } catch (error) {
    // Best effort: a busy database must not fail the request it describes; the next one writes it.
    if (!isBusy(error)) throw error;
    (principal as { lastUsedAt: Date | null }).lastUsedAt = null;
  }
}
