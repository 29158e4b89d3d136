// The server-held dashboard token: found, decrypted, re-encrypted after a key change, issued when
// a user never had one, rotated without a person inside its window, and never silently replaced
// once revoked.
import "server-only";
import { db } from "@/lib/db";
import { decryptToken, encryptToken } from "./encryption";
import { TokenError } from "./errors";
import { issueToken, revokeToken, rotateToken } from "./lifecycle";
import { rotationWindowMs } from "./policy";

export type DashboardToken = { state: "ok"; token: string } | { state: "revoked" };

type LatestToken = { id: string; ciphertext: string | null; revokedAt: Date | null; expiresAt: Date; replacedById: string | null; rotationIntervalDays: number | bigint };

/** Overlap for automatic rotation: requests in flight with the old token still succeed. */
const AUTO_ROTATION_GRACE_HOURS = 1;

export async function dashboardTokenFor(userId: string, now = Date.now(), attempt = 0): Promise<DashboardToken> {
  // One raw statement for the token, its owner's role and that role's policy: this runs on every
  // dashboard page, where Prisma's two model queries cost more than the reads (see policy.ts).
  const [latest] = await db.$queryRaw<LatestToken[]>`
    SELECT t."id", t."ciphertext", t."revokedAt", t."expiresAt", t."replacedById", p."rotationIntervalDays"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" JOIN "Policy" p ON p."role" = u."role"
    WHERE t."userId" = ${userId} AND t."kind" = 'DASHBOARD'
    ORDER BY t."createdAt" DESC, t."id" DESC LIMIT 1`;
  if (latest?.revokedAt) return { state: "revoked" };
  // None yet, or expired for want of use (nobody signed in for a whole interval): not a revocation.
  if (!latest || latest.expiresAt.getTime() <= now) return issueFresh(userId, now, attempt);

  const window = rotationWindowMs({ rotationIntervalDays: Number(latest.rotationIntervalDays) });
  if (!latest.replacedById && latest.expiresAt.getTime() - now <= window) {
    try {
      return { state: "ok", token: (await rotateToken("system", latest.id, AUTO_ROTATION_GRACE_HOURS)).token };
    } catch (error) {
      // Another request rotated it first; the old token is still inside its grace period.
      if (!(error instanceof TokenError && error.code === "conflict")) throw error;
    }
  }
  let opened: { token: string; stale: boolean };
  try {
    opened = await decryptToken(latest.ciphertext!);
  } catch {
    // Written under a key this server no longer has: unusable, so end it and start afresh.
    await revokeToken("system", latest.id, "undecryptable");
    return issueFresh(userId, now, attempt);
  }
  if (opened.stale) await db.apiToken.update({ where: { id: latest.id }, data: { ciphertext: await encryptToken(opened.token) } });
  return { state: "ok", token: opened.token };
}

async function issueFresh(userId: string, now: number, attempt: number): Promise<DashboardToken> {
  try {
    const issued = await issueToken("system", { userId, kind: "DASHBOARD", name: "Dashboard", onlyIfNoLiveDashboard: true });
    return { state: "ok", token: issued.token };
  } catch (error) {
    // A concurrent request issued one first: use that one.
    if (error instanceof TokenError && error.code === "conflict" && attempt < 2) return dashboardTokenFor(userId, now, attempt + 1);
    throw error;
  }
}
