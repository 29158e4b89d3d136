// Turns a bearer token into its caller, in the order DESIGN.md gives: format and checksum, hash
// lookup, revoked / expired / past grace / idle, owner active and role still allowing the scopes.
import "server-only";
import type { TokenCaller } from "@/lib/access/caller";
import { parseScopes } from "@/lib/access/scopes";
import { checkEpoch, forgetVerified, recall, remember } from "@/lib/access/verified-cache";
import { appendAudit } from "@/lib/audit/append";
import { transaction } from "@/lib/db";
import { asDate, asMs, readRows } from "@/lib/db-read";
import type { Role, TokenKind } from "@/lib/generated/prisma/client";
import { DAY_MS } from "@/lib/time";
import { parseToken } from "./format";
import { hashToken } from "./hash";
import { tokenByHashSql } from "./sql";

/** Dates as the engine gives them (lib/db-read.ts). */
type Stored = number | bigint | Date;

type TokenRow = {
  id: string;
  userId: string;
  kind: TokenKind;
  scopes: string;
  deviceId: string | null;
  createdAt: Stored;
  expiresAt: Stored;
  revokedAt: Stored | null;
  graceEndsAt: Stored | null;
  lastUsedAt: Stored | null;
  ownerRole: Role;
  ownerDisabledAt: Stored | null;
  policyScopes: string;
  idleDisableDays: number | bigint;
};

export type VerifyFailure = "malformed" | "unknown" | "revoked" | "expired" | "inactive_owner";

/**
 * The caller is shared by the requests that the cache serves within its TTL, so it carries no
 * request's address (ip is null): the router adds each request's to a copy.
 */
type VerifyResult = { ok: true; caller: TokenCaller } | { ok: false; reason: VerifyFailure; tokenId?: string };

/** A refusal; the token's id, where the token is known, is for the audit log only. */
const fail = (reason: VerifyFailure, tokenId?: string): VerifyResult => ({ ok: false, reason, ...(tokenId ? { tokenId } : {}) });

export async function verifyToken(token: string, now = Date.now()): Promise<VerifyResult> {
  if (!parseToken(token)) return fail("malformed");
  const hash = hashToken(token);
  // No I/O unless a second has passed since this process last read the security epoch.
  const epoch = await checkEpoch(now);
  const known = recall(hash, now);
  if (known) return { ok: true, caller: known };
  // Every API request the cache above does not answer runs this (see sql.ts).
  const [row] = await readRows<TokenRow>(tokenByHashSql(hash));
  if (!row) return fail("unknown");
  const expiresAt = asMs(row.expiresAt);
  const graceEndsAt = asMs(row.graceEndsAt);
  if (row.revokedAt !== null) return fail("revoked", row.id);
  if (expiresAt <= now) return fail("expired", row.id);
  if (graceEndsAt !== null && graceEndsAt <= now) return fail("expired", row.id);
  if (row.ownerDisabledAt !== null) return fail("inactive_owner", row.id);
  // A device token without its device would otherwise reach every device of its owner.
  if (row.kind === "DEVICE" && !row.deviceId) return fail("revoked", row.id);

  const lastUsedAt = asDate(row.lastUsedAt);
  if (row.kind !== "DASHBOARD" && isIdle(lastUsedAt ?? asDate(row.createdAt), Number(row.idleDisableDays), now)) {
    await disableIdle(row.id, now);
    return fail("revoked", row.id);
  }
  // A role downgrade narrows the token at once, whatever scopes it was issued with.
  const allowed = parseScopes(row.policyScopes);
  const scopes = new Set(parseScopes(row.scopes).filter((scope) => allowed.includes(scope)));
  const caller: TokenCaller = {
    type: "token",
    userId: row.userId,
    role: row.ownerRole,
    scopes,
    ip: null,
    tokenId: row.id,
    kind: row.kind,
    deviceId: row.deviceId,
    // As read now; the usage flush writes later uses (lib/usage/counter.ts), so this is informational.
    lastUsedAt,
  };
  remember(hash, caller, Math.min(expiresAt, graceEndsAt ?? Infinity), now, epoch);
  return { ok: true, caller };
}

/** Idle: not used (or, never used, not made) within the policy's days. */
function isIdle(lastActive: Date, idleDays: number, now: number): boolean {
  return now - lastActive.getTime() > idleDays * DAY_MS;
}

async function disableIdle(tokenId: string, now: number): Promise<void> {
  await transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date(now), revokedReason: "idle" } });
    if (count > 0) await appendAudit({ actor: "system", action: "token.idle_disabled", target: { type: "token", id: tokenId } }, tx);
  });
  forgetVerified({ tokenId });
}
