// The server-held dashboard token: found, decrypted, re-encrypted after a key change, issued when
// a user never had one, rotated without a person inside its window, and never silently replaced
// once revoked.
import "server-only";
import { db } from "@/lib/db";
import { asMs, readRows } from "@/lib/db-read";
import { Refusal } from "@/lib/refusal";
import { decryptToken, encryptToken } from "./encryption";
import { issueToken, revokeToken, rotateToken } from "./lifecycle";
import { rotationWindowMs } from "./policy";
import { latestDashboardTokenSql } from "./sql";

type DashboardToken = { state: "ok"; token: string } | { state: "revoked" };

/** Dates as the engine gives them (lib/db-read.ts). */
type LatestToken = { id: string; ciphertext: string | null; revokedAt: number | Date | null; expiresAt: number | Date; replacedById: string | null; rotationIntervalDays: number | bigint };

/** Overlap for automatic rotation: requests in flight with the old token still succeed. */
const AUTO_ROTATION_GRACE_HOURS = 1;

export async function dashboardTokenFor(userId: string, now = Date.now(), attempt = 0): Promise<DashboardToken> {
  // Every dashboard page runs this (see sql.ts).
  const [latest] = await readRows<LatestToken>(latestDashboardTokenSql(userId));
  if (latest && latest.revokedAt !== null) return { state: "revoked" };
  // None yet, or expired for want of use (nobody signed in for a whole interval): not a revocation.
  const expiresAt = latest ? asMs(latest.expiresAt) : 0;
  if (!latest || expiresAt <= now) return issueFresh(userId, now, attempt);

  const window = rotationWindowMs({ rotationIntervalDays: Number(latest.rotationIntervalDays) });
  if (!latest.replacedById && expiresAt - now <= window) {
    try {
      return { state: "ok", token: (await rotateToken("system", latest.id, AUTO_ROTATION_GRACE_HOURS)).token };
    } catch (error) {
      // Another request rotated it first; the old token is still inside its grace period.
      if (!(error instanceof Refusal && error.code === "conflict")) throw error;
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
    if (error instanceof Refusal && error.code === "conflict" && attempt < 2) return dashboardTokenFor(userId, now, attempt + 1);
    throw error;
  }
}
