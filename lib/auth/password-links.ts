// One-time links to set a password: for a new user, or one who forgot theirs. The secret travels
// only in the link; the table keeps its HMAC under the token pepper, as for API tokens. A link
// works once, within PASSWORD_LINK_TTL_MS, and a newer link for the same user voids it.
import "server-only";
import crypto from "node:crypto";
import { personFor, type Person, type System } from "@/lib/access/caller";
import { assertAdmin } from "@/lib/access/checks";
import { appendAudit } from "@/lib/audit/append";
import { db, transaction } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Refusal } from "@/lib/refusal";
import { HOUR_MS } from "@/lib/time";
import { hashToken } from "@/lib/tokens/hash";
import { hashPassword } from "./password";
import { newPassword } from "./password-rules";

export const PASSWORD_LINK_TTL_MS = 72 * HOUR_MS;

/**
 * 32 random bytes in base64url: 43 characters of [A-Za-z0-9_-], never an API token's gth_ shape,
 * so that nothing mistakes one for the other.
 */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The same answer for a link unknown, used, voided, expired or of a disabled user: it names no one. */
export const LINK_NOT_VALID = "This link cannot be used: it has been used, has expired, or was replaced by a newer one. Ask an admin for a new link.";

export type IssuedLink = { url: string; expiresAt: Date };

function linkUrl(secret: string): string {
  return `${env.NEXTAUTH_URL.replace(/\/+$/, "")}/set-password/${secret}`;
}

/**
 * Within the caller's transaction: voids the user's unused links (their expiry brought forward to
 * now), makes a new one and audits it. The audit record holds the expiry, never the secret.
 */
export async function issueLinkWithin(tx: Prisma.TransactionClient, actor: Person | System, userId: string): Promise<IssuedLink> {
  const now = new Date();
  const secret = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_TTL_MS);
  await tx.passwordLink.updateMany({ where: { userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
  await tx.passwordLink.create({
    data: { userId, hash: hashToken(secret), expiresAt, createdAt: now, createdById: actor === "system" ? null : actor.userId },
  });
  await appendAudit({ actor, action: "user.password_link_issued", target: { type: "user", id: userId }, detail: { expiresAt: expiresAt.toISOString() } }, tx);
  return { url: linkUrl(secret), expiresAt };
}

/** A new link for a user who has not set a password yet, or forgot it. Admins only. */
export async function issuePasswordLink(caller: Person, userId: string): Promise<IssuedLink> {
  assertAdmin(caller, "issue set-password links");
  return transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { disabledAt: true } });
    if (!user) throw new Refusal("No such user", "not_found");
    if (user.disabledAt) throw new Refusal("Enable the user first: a disabled user cannot set a password", "invalid");
    return issueLinkWithin(tx, caller, userId);
  });
}

async function usableLink(secret: string, now: Date) {
  if (!SECRET_PATTERN.test(secret)) return null;
  const link = await db.passwordLink.findUnique({
    where: { hash: hashToken(secret) },
    select: { id: true, usedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } } },
  });
  if (!link || link.usedAt || link.expiresAt <= now || link.user.disabledAt) return null;
  return link;
}

/** Whom a link is for, while it can be used; null otherwise, whatever the reason. */
export async function findPasswordLink(secret: string): Promise<{ email: string; name: string } | null> {
  const link = await usableLink(secret, new Date());
  return link ? { email: link.user.email, name: link.user.name } : null;
}

/**
 * Sets the password of the link's user and uses the link up, in one transaction. The link is
 * claimed by a conditional update, so of two uses at once only one succeeds. Every session the
 * user had ends. The hash is made before the transaction (it takes tens of milliseconds), and only
 * for a link that exists, so that made-up links cost the server a lookup and nothing more.
 */
export async function setPasswordWithLink(secret: string, password: string, ip: string | null): Promise<{ email: string }> {
  const checked = newPassword.safeParse(password);
  if (!checked.success) throw new Refusal(checked.error.issues[0]!.message, "invalid", "password");
  const link = await usableLink(secret, new Date());
  if (!link) throw new Refusal(LINK_NOT_VALID, "not_found");
  const passwordHash = await hashPassword(password);
  await transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.passwordLink.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count === 0) throw new Refusal(LINK_NOT_VALID, "not_found");
    const updated = await tx.user.updateMany({ where: { id: link.user.id, disabledAt: null }, data: { passwordHash, sessionsValidAfter: now } });
    if (updated.count === 0) throw new Refusal(LINK_NOT_VALID, "not_found");
    // Any other link still out for the user goes too: what it was for is done.
    await tx.passwordLink.updateMany({ where: { userId: link.user.id, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    // The holder of the link acts as its user: the record names them, not "anonymous".
    await appendAudit({ actor: personFor(link.user, ip), action: "user.password_set", target: { type: "user", id: link.user.id } }, tx);
  });
  return { email: link.user.email };
}
