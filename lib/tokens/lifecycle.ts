// Issue, rotate and revoke. Each runs in one transaction with its audit record, and checks who
// is asking next to the data (lib/access/checks.ts): admins manage anyone's tokens, people their own
// (rotating included), except the dashboard token, which only Gatehouse and admins issue or rotate.
import "server-only";
import type { Caller, System } from "@/lib/access/caller";
import { assertManages } from "@/lib/access/checks";
import { DASHBOARD_SCOPES, DEVICE_SCOPES, formatScopes, parseScopes, type Scope } from "@/lib/access/scopes";
import { forgetVerified } from "@/lib/access/verified-cache";
import { visibleTo } from "@/lib/access/visible";
import { appendAudit } from "@/lib/audit/append";
import { db, transaction } from "@/lib/db";
import type { Prisma, TokenKind } from "@/lib/generated/prisma/client";
import { Refusal } from "@/lib/refusal";
import { DAY_MS, HOUR_MS } from "@/lib/time";
import { encryptToken } from "./encryption";
import { generateToken, tokenHint } from "./format";
import { hashToken } from "./hash";
import { getPolicy } from "./policy";
import { tokenOwnerSql } from "./sql";
import { toTokenView, tokenViewSelect, type TokenView } from "./views";

type IssueRequest = {
  userId: string;
  kind: TokenKind;
  name: string;
  scopes?: Scope[];
  deviceId?: string;
  expiresInDays?: number;
};

/** The token itself travels only in this value, once, to be shown or held encrypted. */
type IssuedToken = { token: string; view: TokenView };

export async function issueToken(caller: Caller | System, request: IssueRequest & { onlyIfNoLiveDashboard?: boolean }): Promise<IssuedToken> {
  if (request.deviceId && request.kind !== "DEVICE") throw new Refusal("Only a device token names a device", "invalid", "deviceId");
  const device = request.kind === "DEVICE" ? await deviceFor(caller, request.deviceId) : null;
  // A device token belongs to the device's owner, so that it ends with the owner's access.
  const userId = device?.ownerId ?? request.userId;
  assertManages(caller, userId, { adminOnly: request.kind === "DASHBOARD" });
  const owner = await db.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } });
  if (!owner) throw new Refusal("No such user", "not_found");
  if (owner.disabledAt) throw new Refusal("A disabled user cannot hold tokens", "invalid", "userId");
  const policy = await getPolicy(owner.role);

  const scopes = scopesFor(request, policy.scopes);
  const days = request.expiresInDays ?? policy.maxLifetimeDays;
  if (!Number.isInteger(days) || days < 1 || days > policy.maxLifetimeDays) {
    throw new Refusal(`Expiry must be between 1 and ${policy.maxLifetimeDays} days for this role`, "invalid", "expiresInDays");
  }
  const { token, stored } = await mint(request.kind);
  const now = new Date();

  const row = await transaction(async (tx) => {
    await assertActiveOwner(tx, userId);
    if (request.onlyIfNoLiveDashboard) {
      // Two first page loads at once must not each issue one and revoke the other's.
      const live = await tx.apiToken.count({ where: { userId, kind: "DASHBOARD", revokedAt: null, replacedById: null, expiresAt: { gt: now } } });
      if (live > 0) throw new Refusal("A live dashboard token exists", "conflict");
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
        userId,
        kind: request.kind,
        name: request.name,
        scopes: formatScopes(scopes),
        deviceId: device?.id ?? null,
        ...stored,
        createdAt: now,
        createdById: caller === "system" ? null : caller.userId,
        expiresAt: new Date(now.getTime() + days * DAY_MS),
      },
      select: tokenViewSelect,
    });
    await appendAudit(
      { actor: caller, action: "token.issued", target: { type: "token", id: created.id }, detail: { userId, kind: request.kind, scopes, days } },
      tx,
    );
    return created;
  });
  if (request.kind === "DASHBOARD") forgetVerified({ userId });
  return { token, view: toTokenView(row) };
}

/**
 * The device a device token is for, looked up with the caller's owner filter in its own where: a
 * device the caller may not see is refused like one that does not exist, except that a caller who
 * sees every device is told to choose one and anyone else that it is not theirs.
 */
async function deviceFor(caller: Caller | System, deviceId: string | undefined): Promise<{ id: string; ownerId: string }> {
  const device = deviceId
    ? await db.device.findFirst({ where: { AND: [caller === "system" ? {} : visibleTo(caller), { id: deviceId }] }, select: { id: true, ownerId: true } })
    : null;
  if (device) return device;
  if (!deviceId || caller === "system" || caller.role === "ADMIN") throw new Refusal("Choose a device", "invalid", "deviceId");
  throw new Refusal("You can issue device tokens only for your own devices", "forbidden");
}

/**
 * The owner checked again inside the change's transaction: a disable committed since the first
 * check (which revokes every token the user holds) must not leave a token issued after it live.
 */
async function assertActiveOwner(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const [owner] = await tx.$queryRaw<{ disabledAt: unknown }[]>(tokenOwnerSql(userId));
  if (!owner || owner.disabledAt !== null) throw new Refusal("A disabled user cannot hold tokens", "invalid", "userId");
}

/** A fresh token and what is stored of it: the HMAC, the hint, and for a server-held one its JWE. */
async function mint(kind: TokenKind) {
  const token = generateToken(kind);
  const ciphertext = kind === "DASHBOARD" ? await encryptToken(token) : null;
  return { token, stored: { hash: hashToken(token), ciphertext, ...tokenHint(token) } };
}

function scopesFor(request: IssueRequest, allowed: Scope[]): Scope[] {
  if (request.kind === "DASHBOARD") return DASHBOARD_SCOPES.filter((s) => allowed.includes(s));
  if (request.kind === "DEVICE") {
    // Within the role as every other kind: a role whose policy no longer allows pushing readings gets no device token.
    const scopes = DEVICE_SCOPES.filter((s) => allowed.includes(s));
    if (scopes.length === 0) throw new Refusal(`This role cannot hold ${DEVICE_SCOPES.join(", ")}`, "invalid", "kind");
    return scopes;
  }
  const wanted = request.scopes ?? [];
  if (wanted.length === 0) throw new Refusal("Choose at least one scope", "invalid", "scopes");
  const beyond = wanted.filter((s) => !allowed.includes(s));
  if (beyond.length > 0) throw new Refusal(`This role cannot hold ${beyond.join(", ")}`, "invalid", "scopes");
  return wanted;
}

/**
 * Issues the successor at once and lets the old token work until the grace period ends. The old
 * row is claimed with a conditional update, so two concurrent rotations cannot both succeed. A
 * person rotates their own personal and device tokens; their dashboard token is Gatehouse's to
 * rotate (lib/tokens/dashboard.ts), or an admin's.
 */
export async function rotateToken(caller: Caller | System, tokenId: string, graceHours: number): Promise<IssuedToken> {
  const old = await db.apiToken.findUnique({
    where: { id: tokenId },
    select: { id: true, userId: true, kind: true, name: true, scopes: true, deviceId: true, revokedAt: true, replacedById: true, createdAt: true, expiresAt: true },
  });
  if (!old) throw new Refusal("No such token", "not_found");
  assertManages(caller, old.userId, { adminOnly: old.kind === "DASHBOARD" });
  if (old.revokedAt || old.replacedById || old.expiresAt.getTime() <= Date.now()) {
    throw new Refusal("Only an active token can be rotated", "conflict");
  }
  const owner = await db.user.findUniqueOrThrow({ where: { id: old.userId }, select: { role: true, disabledAt: true } });
  if (owner.disabledAt) throw new Refusal("A disabled user cannot hold tokens", "invalid", "userId");
  const policy = await getPolicy(owner.role);
  if (!Number.isInteger(graceHours) || graceHours < 0 || graceHours > policy.gracePeriodHours) {
    throw new Refusal(`The grace period must be between 0 and ${policy.gracePeriodHours} hours`, "invalid", "graceHours");
  }
  // The successor lives as long as the original did, never past the policy's maximum.
  const originalMs = old.expiresAt.getTime() - old.createdAt.getTime();
  const lifetimeMs = Math.min(
    old.kind === "DASHBOARD" ? policy.rotationIntervalDays * DAY_MS : originalMs,
    policy.maxLifetimeDays * DAY_MS,
  );
  // The successor holds only what the owner's role allows today, whoever rotates it.
  const scopes = parseScopes(old.scopes).filter((s) => policy.scopes.includes(s));
  if (scopes.length === 0) throw new Refusal("This role allows none of the token's scopes: revoke it and issue a new one", "invalid", "tokenId");
  const { token, stored } = await mint(old.kind);
  const now = new Date();

  const row = await transaction(async (tx) => {
    await assertActiveOwner(tx, old.userId);
    const created = await tx.apiToken.create({
      data: {
        userId: old.userId,
        kind: old.kind,
        name: old.name,
        scopes: formatScopes(scopes),
        deviceId: old.deviceId,
        ...stored,
        createdAt: now,
        createdById: caller === "system" ? null : caller.userId,
        expiresAt: new Date(now.getTime() + lifetimeMs),
      },
      select: tokenViewSelect,
    });
    const claimed = await tx.apiToken.updateMany({
      where: { id: old.id, replacedById: null, revokedAt: null },
      data: { replacedById: created.id, graceEndsAt: new Date(now.getTime() + graceHours * HOUR_MS) },
    });
    if (claimed.count !== 1) throw new Refusal("The token was rotated or revoked meanwhile", "conflict");
    await appendAudit(
      { actor: caller, action: "token.rotated", target: { type: "token", id: old.id }, detail: { successor: created.id, graceHours } },
      tx,
    );
    return created;
  });
  forgetVerified({ tokenId: old.id });
  return { token, view: toTokenView(row) };
}

export async function revokeToken(caller: Caller | System, tokenId: string, reason = "revoked"): Promise<void> {
  const token = await db.apiToken.findUnique({ where: { id: tokenId }, select: { userId: true } });
  if (!token) throw new Refusal("No such token", "not_found");
  assertManages(caller, token.userId);
  await transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
    if (count === 0) return;
    await appendAudit({ actor: caller, action: "token.revoked", target: { type: "token", id: tokenId }, detail: { reason } }, tx);
  });
  forgetVerified({ tokenId });
}

/** Revokes every live token of a user; returns how many. */
export async function revokeAllTokens(caller: Caller | System, userId: string, reason = "revoked"): Promise<number> {
  assertManages(caller, userId, { adminOnly: true });
  const revoked = await transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
    await appendAudit({ actor: caller, action: "token.revoked_all", target: { type: "user", id: userId }, detail: { reason, count } }, tx);
    return count;
  });
  forgetVerified({ userId });
  return revoked;
}
