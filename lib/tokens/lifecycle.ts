// Issue, rotate and revoke. Each runs in one transaction with its audit record, and checks who
// is asking next to the data: admins manage anyone's tokens, people their own.
import "server-only";
import { appendAudit, type Actor } from "@/lib/audit/append";
import { db, transaction } from "@/lib/db";
import type { Role, TokenKind } from "@/lib/generated/prisma/client";
import { DAY_MS, HOUR_MS } from "@/lib/time";
import { encryptToken } from "./encryption";
import { TokenError } from "./errors";
import { generateToken, tokenHint } from "./format";
import { hashToken } from "./hash";
import { getPolicy } from "./policy";
import { DASHBOARD_SCOPES, DEVICE_SCOPES, formatScopes, parseScopes, type Scope } from "./scopes";
import { forgetVerified } from "./verified-cache";
import { toTokenView, tokenViewSelect, type TokenView } from "./views";

/** Who asks for a change, as lib/devices and lib/auth know callers. */
export type Manager = { id: string; role: Role; ip?: string | null };

export type IssueRequest = {
  userId: string;
  kind: TokenKind;
  name: string;
  scopes?: Scope[];
  deviceId?: string;
  expiresInDays?: number;
};

/** The token itself travels only in this value, once, to be shown or held encrypted. */
export type IssuedToken = { token: string; view: TokenView };

function actorOf(manager: Manager | "system"): Actor {
  return manager === "system" ? { type: "system" } : { type: "user", id: manager.id, ip: manager.ip };
}

function assertManages(manager: Manager | "system", userId: string, adminOnly = false) {
  if (manager === "system" || manager.role === "ADMIN") return;
  if (adminOnly || manager.id !== userId) throw new TokenError("You cannot manage these tokens", "forbidden");
}

export async function issueToken(manager: Manager | "system", request: IssueRequest & { onlyIfNoLiveDashboard?: boolean }): Promise<IssuedToken> {
  if (request.deviceId && request.kind !== "DEVICE") throw new TokenError("Only a device token names a device", "invalid", "deviceId");
  const device = request.deviceId
    ? await db.device.findUnique({ where: { id: request.deviceId }, select: { id: true, ownerId: true } })
    : null;
  // A device token belongs to the device's owner, so that it ends with the owner's access.
  const userId = request.kind === "DEVICE" ? device?.ownerId : request.userId;
  if (request.kind === "DEVICE" && !device) throw new TokenError("Choose a device", "invalid", "deviceId");
  assertManages(manager, userId!, request.kind === "DASHBOARD");
  const owner = await db.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } });
  if (!owner) throw new TokenError("No such user", "not_found");
  if (owner.disabledAt) throw new TokenError("A disabled user cannot hold tokens", "invalid", "userId");
  const policy = await getPolicy(owner.role);

  const scopes = scopesFor(request, policy.scopes);
  const days = request.expiresInDays ?? policy.maxLifetimeDays;
  if (!Number.isInteger(days) || days < 1 || days > policy.maxLifetimeDays) {
    throw new TokenError(`Expiry must be between 1 and ${policy.maxLifetimeDays} days for this role`, "invalid", "expiresInDays");
  }
  const { token, stored } = await mint(request.kind);
  const now = new Date();

  const row = await transaction(async (tx) => {
    if (request.onlyIfNoLiveDashboard) {
      // Two first page loads at once must not each issue one and revoke the other's.
      const live = await tx.apiToken.count({ where: { userId, kind: "DASHBOARD", revokedAt: null, replacedById: null, expiresAt: { gt: now } } });
      if (live > 0) throw new TokenError("A live dashboard token exists", "conflict");
    }
    if (request.kind === "DASHBOARD") {
      // One dashboard token a user: a new one ends the old at once.
      await tx.apiToken.updateMany({
        where: { userId, kind: "DASHBOARD", revokedAt: null },
        data: { revokedAt: now, revokedReason: "replaced" },
      });
    }
    const created = await tx.apiToken.create({
      data: {
        userId: userId!,
        kind: request.kind,
        name: request.name,
        scopes: formatScopes(scopes),
        deviceId: device?.id ?? null,
        ...stored,
        createdAt: now,
        createdById: manager === "system" ? null : manager.id,
        expiresAt: new Date(now.getTime() + days * DAY_MS),
      },
      select: tokenViewSelect,
    });
    await appendAudit(
      { actor: actorOf(manager), action: "token.issued", target: { type: "token", id: created.id }, detail: { userId, kind: request.kind, scopes, days } },
      tx,
    );
    return created;
  });
  if (request.kind === "DASHBOARD") forgetVerified({ userId });
  return { token, view: toTokenView(row) };
}

/** A fresh token and what is stored of it: the HMAC, the hint, and for a server-held one its JWE. */
async function mint(kind: TokenKind) {
  const token = generateToken(kind);
  const ciphertext = kind === "DASHBOARD" ? await encryptToken(token) : null;
  return { token, stored: { hash: hashToken(token), ciphertext, ...tokenHint(token) } };
}

function scopesFor(request: IssueRequest, allowed: Scope[]): Scope[] {
  if (request.kind === "DASHBOARD") return DASHBOARD_SCOPES.filter((s) => allowed.includes(s));
  if (request.kind === "DEVICE") return DEVICE_SCOPES;
  const wanted = request.scopes ?? [];
  if (wanted.length === 0) throw new TokenError("Choose at least one scope", "invalid", "scopes");
  const beyond = wanted.filter((s) => !allowed.includes(s));
  if (beyond.length > 0) throw new TokenError(`This role cannot hold ${beyond.join(", ")}`, "invalid", "scopes");
  return wanted;
}

/**
 * Issues the successor at once and lets the old token work until the grace period ends. The old
 * row is claimed with a conditional update, so two concurrent rotations cannot both succeed.
 */
export async function rotateToken(manager: Manager | "system", tokenId: string, graceHours: number): Promise<IssuedToken> {
  const old = await db.apiToken.findUnique({
    where: { id: tokenId },
    select: { id: true, userId: true, kind: true, name: true, scopes: true, deviceId: true, revokedAt: true, replacedById: true, createdAt: true, expiresAt: true },
  });
  if (!old) throw new TokenError("No such token", "not_found");
  assertManages(manager, old.userId, true);
  if (old.revokedAt || old.replacedById || old.expiresAt.getTime() <= Date.now()) {
    throw new TokenError("Only an active token can be rotated", "conflict");
  }
  const owner = await db.user.findUniqueOrThrow({ where: { id: old.userId }, select: { role: true, disabledAt: true } });
  if (owner.disabledAt) throw new TokenError("A disabled user cannot hold tokens", "invalid", "userId");
  const policy = await getPolicy(owner.role);
  if (!Number.isInteger(graceHours) || graceHours < 0 || graceHours > policy.gracePeriodHours) {
    throw new TokenError(`The grace period must be between 0 and ${policy.gracePeriodHours} hours`, "invalid", "graceHours");
  }
  // The successor lives as long as the original did, never past the policy's maximum.
  const originalMs = old.expiresAt.getTime() - old.createdAt.getTime();
  const lifetimeMs = Math.min(
    old.kind === "DASHBOARD" ? policy.rotationIntervalDays * DAY_MS : originalMs,
    policy.maxLifetimeDays * DAY_MS,
  );
  const { token, stored } = await mint(old.kind);
  const now = new Date();

  const row = await transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        userId: old.userId,
        kind: old.kind,
        name: old.name,
        scopes: formatScopes(parseScopes(old.scopes).filter((s) => policy.scopes.includes(s))),
        deviceId: old.deviceId,
        ...stored,
        createdAt: now,
        createdById: manager === "system" ? null : manager.id,
        expiresAt: new Date(now.getTime() + lifetimeMs),
      },
      select: tokenViewSelect,
    });
    const claimed = await tx.apiToken.updateMany({
      where: { id: old.id, replacedById: null, revokedAt: null },
      data: { replacedById: created.id, graceEndsAt: new Date(now.getTime() + graceHours * HOUR_MS) },
    });
    if (claimed.count !== 1) throw new TokenError("The token was rotated or revoked meanwhile", "conflict");
    await appendAudit(
      { actor: actorOf(manager), action: "token.rotated", target: { type: "token", id: old.id }, detail: { successor: created.id, graceHours } },
      tx,
    );
    return created;
  });
  forgetVerified({ tokenId: old.id });
  return { token, view: toTokenView(row) };
}

export async function revokeToken(manager: Manager | "system", tokenId: string, reason = "revoked"): Promise<void> {
  const token = await db.apiToken.findUnique({ where: { id: tokenId }, select: { userId: true } });
  if (!token) throw new TokenError("No such token", "not_found");
  assertManages(manager, token.userId);
  await transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
    if (count === 0) return;
    await appendAudit({ actor: actorOf(manager), action: "token.revoked", target: { type: "token", id: tokenId }, detail: { reason } }, tx);
  });
  forgetVerified({ tokenId });
}

/** Revokes every live token of a user; returns how many. */
export async function revokeAllTokens(manager: Manager | "system", userId: string, reason = "revoked"): Promise<number> {
  assertManages(manager, userId, true);
  const revoked = await transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
    await appendAudit({ actor: actorOf(manager), action: "token.revoked_all", target: { type: "user", id: userId }, detail: { reason, count } }, tx);
    return count;
  });
  forgetVerified({ userId });
  return revoked;
}
