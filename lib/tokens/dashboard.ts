// The server-held dashboard token: found, decrypted, re-encrypted after a key change, issued when
// a user never had one, rotated without a person inside its window, and never silently replaced
// once revoked.
import "server-only";
import { db } from "@/lib/db";
import { decryptToken, encryptToken } from "./encryption";
import { TokenError } from "./errors";
import { issueToken, rotateToken } from "./lifecycle";
import { getPolicy, rotationWindowMs } from "./policy";

export type DashboardToken = { state: "ok"; token: string } | { state: "revoked" };

/** Overlap for automatic rotation: requests in flight with the old token still succeed. */
const AUTO_ROTATION_GRACE_HOURS = 1;

export async function dashboardTokenFor(userId: string, now = Date.now()): Promise<DashboardToken> {
  const latest = await db.apiToken.findFirst({
    where: { userId, kind: "DASHBOARD" },
    orderBy: { createdAt: "desc" },
    select: { id: true, ciphertext: true, revokedAt: true, revokedReason: true, expiresAt: true, replacedById: true, user: { select: { role: true } } },
  });
  if (!latest) return { state: "ok", token: (await issueToken("system", { userId, kind: "DASHBOARD", name: "Dashboard" })).token };
  if (latest.revokedAt) return { state: "revoked" };
  if (latest.expiresAt.getTime() <= now) {
    // Expired for want of use (nobody signed in for a whole interval): not a revocation.
    return { state: "ok", token: (await issueToken("system", { userId, kind: "DASHBOARD", name: "Dashboard" })).token };
  }
  const policy = await getPolicy(latest.user.role);
  if (!latest.replacedById && latest.expiresAt.getTime() - now <= rotationWindowMs(policy)) {
    try {
      return { state: "ok", token: (await rotateToken("system", latest.id, AUTO_ROTATION_GRACE_HOURS)).token };
    } catch (error) {
      // Another request rotated it first; the old token is still inside its grace period.
      if (!(error instanceof TokenError && error.code === "conflict")) throw error;
    }
  }
  const { token, stale } = await decryptToken(latest.ciphertext!);
  if (stale) await db.apiToken.update({ where: { id: latest.id }, data: { ciphertext: await encryptToken(token) } });
  return { state: "ok", token };
}
