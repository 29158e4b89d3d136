// After a token verifies: its last use written at most once a minute, and the half-second cache
// of verifications, which a revocation here empties at once.
import { describe, expect, it } from "vitest";
import { createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { DAY_MS, MINUTE_MS, SECOND_MS } from "@/lib/time";
import { revokeToken } from "./lifecycle";
import { callerOf, row, setRow } from "@/lib/testing/tokens";
import { VERIFIED_TTL_MS } from "@/lib/access/verified-cache";
import { recordUse, verifyToken } from "./verify";

describe("recordUse", () => {
  it("writes the time and IP of use, at most once a minute", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id);
    const t0 = Date.now();

    const fresh = await callerOf(token);
    await recordUse(fresh, "203.0.113.9", t0);
    expect(await row(view.id)).toMatchObject({ lastUsedAt: new Date(t0), lastUsedIp: "203.0.113.9" });

    // A stale caller (read before the first write) is stopped by the database's condition.
    await recordUse(fresh, "203.0.113.10", t0 + 30 * SECOND_MS);
    expect(await row(view.id)).toMatchObject({ lastUsedAt: new Date(t0), lastUsedIp: "203.0.113.9" });

    // A current caller is stopped before any write.
    const current = await callerOf(token);
    expect(current.lastUsedAt).toEqual(new Date(t0));
    await recordUse(current, "203.0.113.11", t0 + 59_999);
    expect(await row(view.id)).toMatchObject({ lastUsedAt: new Date(t0), lastUsedIp: "203.0.113.9" });

    // After a minute, the next use is written.
    await recordUse(current, "203.0.113.12", t0 + MINUTE_MS + SECOND_MS);
    expect(await row(view.id)).toMatchObject({ lastUsedAt: new Date(t0 + MINUTE_MS + SECOND_MS), lastUsedIp: "203.0.113.12" });
  });

  it("writes only the caller's own token", async () => {
    const user = await createUser();
    const a = await issueTestToken(user.id);
    const b = await issueTestToken(user.id);
    await recordUse(await callerOf(a.token), null, Date.now());
    expect((await row(a.view.id)).lastUsedAt).not.toBeNull();
    expect((await row(b.view.id)).lastUsedAt).toBeNull();
  });

  it("keeps a used token from going idle", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id, { expiresInDays: 90 });
    await setRow(view.id, { createdAt: new Date(Date.now() - 59 * DAY_MS) });
    await recordUse(await callerOf(token), "203.0.113.9", Date.now());
    // Two days later, 61 days after creation but 2 after the last use.
    expect((await verifyToken(token, Date.now() + 2 * DAY_MS)).ok).toBe(true);
  });
});

describe("the half-second verification cache", () => {
  it("keeps a change made behind this process's back for at most VERIFIED_TTL_MS", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id);
    const now = Date.now();
    expect((await verifyToken(token, now)).ok).toBe(true);
    await testDb().apiToken.update({ where: { id: view.id }, data: { revokedAt: new Date(now) } });
    expect((await verifyToken(token, now + VERIFIED_TTL_MS - 1)).ok).toBe(true);
    expect(await verifyToken(token, now + VERIFIED_TTL_MS)).toMatchObject({ ok: false, reason: "revoked" });
  });

  it("forgets a token revoked through this process at once", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id);
    expect((await verifyToken(token)).ok).toBe(true);
    await revokeToken("system", view.id);
    expect(await verifyToken(token)).toMatchObject({ ok: false, reason: "revoked" });
  });

  it("never serves a token past its own expiry", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id, { expiresInDays: 1 });
    const end = view.expiresAt.getTime();
    expect((await verifyToken(token, end - 100)).ok).toBe(true);
    expect(await verifyToken(token, end)).toMatchObject({ ok: false, reason: "expired" });
  });
});
