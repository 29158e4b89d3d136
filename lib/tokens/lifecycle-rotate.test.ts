// Rotating and revoking tokens: the grace period, races, who may, and the audit.
import { describe, expect, it } from "vitest";
import { personOf } from "@/lib/testing/callers";
import { createDevice, createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { DAY_MS, HOUR_MS, SECOND_MS } from "@/lib/time";
import { decryptToken } from "./encryption";
import { Refusal } from "@/lib/refusal";
import { parseToken } from "./format";
import { issueToken, revokeAllTokens, revokeToken, rotateToken } from "./lifecycle";
import { auditFor, issuePersonal, row, refusalOf } from "@/lib/testing/tokens";
import { verifyToken } from "./verify";

describe("rotateToken", () => {
  it("issues a working successor and gives the old token a grace period", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const old = await issuePersonal("system", user.id, ["devices:read", "telemetry:read"]);

    const before = Date.now();
    const next = await rotateToken(personOf(admin), old.view.id, 2);
    const after = Date.now();

    expect(next.token).not.toBe(old.token);
    expect(parseToken(next.token)).toBe("PERSONAL");
    expect(next.view).toMatchObject({ userId: user.id, kind: "PERSONAL", name: "script", scopes: ["devices:read", "telemetry:read"], status: "active" });
    expect(next.view.expiresAt.getTime() - next.view.createdAt.getTime()).toBe(90 * DAY_MS);
    expect((await verifyToken(next.token)).ok).toBe(true);

    const stored = await row(old.view.id);
    expect(stored.replacedById).toBe(next.view.id);
    expect(stored.revokedAt).toBeNull();
    expect(stored.graceEndsAt!.getTime()).toBeGreaterThanOrEqual(before + 2 * HOUR_MS);
    expect(stored.graceEndsAt!.getTime()).toBeLessThanOrEqual(after + 2 * HOUR_MS);
    expect((await verifyToken(old.token)).ok).toBe(true);
    expect((await row(next.view.id)).createdById).toBe(admin.id);
  });

  it("keeps a rotated dashboard token server-held", async () => {
    const user = await createUser();
    const old = await issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" });
    const next = await rotateToken("system", old.view.id, 1);
    expect(await decryptToken((await row(next.view.id)).ciphertext!)).toEqual({ token: next.token, stale: false });
  });

  it("refuses to rotate a token twice", async () => {
    const user = await createUser();
    const old = await issuePersonal("system", user.id);
    await rotateToken("system", old.view.id, 1);
    expect((await refusalOf(rotateToken("system", old.view.id, 1))).code).toBe("conflict");
    expect(await testDb().apiToken.count({ where: { userId: user.id } })).toBe(2);
  });

  it("refuses to rotate a revoked or expired token", async () => {
    const user = await createUser();
    const revoked = await issuePersonal("system", user.id);
    await revokeToken("system", revoked.view.id);
    expect((await refusalOf(rotateToken("system", revoked.view.id, 1))).code).toBe("conflict");

    const expired = await issuePersonal("system", user.id);
    await testDb().apiToken.update({ where: { id: expired.view.id }, data: { expiresAt: new Date(Date.now() - SECOND_MS) } });
    expect((await refusalOf(rotateToken("system", expired.view.id, 1))).code).toBe("conflict");
  });

  it("lets exactly one of two concurrent rotations succeed", async () => {
    const user = await createUser();
    const old = await issuePersonal("system", user.id);

    const results = await Promise.allSettled([rotateToken("system", old.view.id, 1), rotateToken("system", old.view.id, 1)]);

    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r) => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(Refusal);
    expect((rejected[0]!.reason as Refusal).code).toBe("conflict");
    // The loser's successor was rolled back with its claim.
    expect(await testDb().apiToken.count({ where: { userId: user.id } })).toBe(2);
    expect((await row(old.view.id)).replacedById).toBe(fulfilled[0]!.value.view.id);
    expect(await auditFor(old.view.id, "token.rotated")).toHaveLength(1);
  });

  // A person rotating their own tokens: lifecycle-self-rotate.test.ts.

  it("answers not_found for an unknown token", async () => {
    expect((await refusalOf(rotateToken("system", "no-such-token", 1))).code).toBe("not_found");
  });

  it("audits the rotation with its successor", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const old = await issuePersonal("system", admin.id);
    const next = await rotateToken(personOf(admin), old.view.id, 3);

    const events = await auditFor(old.view.id, "token.rotated");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "user", actorId: admin.id, targetType: "token" });
    expect(JSON.parse(events[0]!.detail)).toEqual({ successor: next.view.id, graceHours: 3 });
  });
});

describe("revokeToken", () => {
  it("sets revokedAt and the reason, and the token stops working", async () => {
    const user = await createUser();
    const { token, view } = await issuePersonal("system", user.id);
    const before = Date.now();
    await revokeToken("system", view.id, "compromised");

    const stored = await row(view.id);
    expect(stored.revokedReason).toBe("compromised");
    expect(stored.revokedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(stored.revokedAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await verifyToken(token)).toMatchObject({ ok: false, reason: "revoked" });
  });

  it("defaults the reason to revoked", async () => {
    const user = await createUser();
    const { view } = await issuePersonal("system", user.id);
    await revokeToken("system", view.id);
    expect((await row(view.id)).revokedReason).toBe("revoked");
  });

  it("is idempotent: a second revocation changes nothing and audits nothing", async () => {
    const user = await createUser();
    const { view } = await issuePersonal("system", user.id);
    await revokeToken("system", view.id, "first");
    const first = await row(view.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await revokeToken("system", view.id, "second");

    const second = await row(view.id);
    expect(second.revokedAt).toEqual(first.revokedAt);
    expect(second.revokedReason).toBe("first");
    expect(await auditFor(view.id, "token.revoked")).toHaveLength(1);
  });

  it("lets a standard user revoke their own token but not another's", async () => {
    const user = await createUser();
    const other = await createUser();
    const own = await issuePersonal("system", user.id);
    const theirs = await issuePersonal("system", other.id);

    await revokeToken(personOf(user), own.view.id);
    expect((await row(own.view.id)).revokedAt).not.toBeNull();

    expect((await refusalOf(revokeToken(personOf(user), theirs.view.id))).code).toBe("forbidden");
    expect((await row(theirs.view.id)).revokedAt).toBeNull();
  });

  it("lets an admin revoke anyone's token", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const { view } = await issuePersonal("system", user.id);
    await revokeToken(personOf(admin), view.id);
    expect((await row(view.id)).revokedAt).not.toBeNull();
  });

  it("answers not_found for an unknown token", async () => {
    expect((await refusalOf(revokeToken("system", "no-such-token"))).code).toBe("not_found");
  });

  it("audits the revocation", async () => {
    const user = await createUser();
    const { view } = await issuePersonal("system", user.id);
    await revokeToken(personOf(user), view.id, "lost laptop");

    const events = await auditFor(view.id, "token.revoked");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "user", actorId: user.id, targetType: "token" });
    expect(JSON.parse(events[0]!.detail)).toEqual({ reason: "lost laptop" });
  });
});

describe("revokeAllTokens", () => {
  it("revokes every live token of the user and counts them", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const bystander = await createUser();
    const a = await issuePersonal("system", user.id);
    const b = await issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" });
    const c = await issuePersonal("system", user.id);
    await revokeToken("system", c.view.id, "earlier");
    const kept = await issuePersonal("system", bystander.id);

    expect(await revokeAllTokens(personOf(admin), user.id, "offboarded")).toBe(2);

    expect(await row(a.view.id)).toMatchObject({ revokedReason: "offboarded" });
    expect(await row(b.view.id)).toMatchObject({ revokedReason: "offboarded" });
    expect(await row(c.view.id)).toMatchObject({ revokedReason: "earlier" });
    expect((await row(kept.view.id)).revokedAt).toBeNull();
    expect(await verifyToken(a.token)).toMatchObject({ ok: false, reason: "revoked" });
    expect(await revokeAllTokens(personOf(admin), user.id)).toBe(0);
  });

  it("is for admins only", async () => {
    const user = await createUser();
    const { view } = await issuePersonal("system", user.id);
    expect((await refusalOf(revokeAllTokens(personOf(user), user.id))).code).toBe("forbidden");
    expect((await row(view.id)).revokedAt).toBeNull();
  });

  it("audits the revocation against the user with the count", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    await issuePersonal("system", user.id);
    await issuePersonal("system", user.id);
    await revokeAllTokens(personOf(admin), user.id, "offboarded");

    const events = await auditFor(user.id, "token.revoked_all");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "user", actorId: admin.id, targetType: "user" });
    expect(JSON.parse(events[0]!.detail)).toEqual({ reason: "offboarded", count: 2 });
  });
});

describe("rotation limits", () => {
  it("keeps a rotated token's lifetime to the original's, refuses a grace beyond the policy, and a disabled owner", async () => {
    const user = await createUser();
    const { view } = await issueTestToken(user.id, { expiresInDays: 7 });
    const { view: next } = await rotateToken("system", view.id, 0);
    const days = (next.expiresAt.getTime() - next.createdAt.getTime()) / DAY_MS;
    expect(days).toBeCloseTo(7, 5);
    await expect(rotateToken("system", next.id, 25)).rejects.toMatchObject({ code: "invalid", field: "graceHours" });
    await expect(rotateToken("system", next.id, -1)).rejects.toMatchObject({ code: "invalid", field: "graceHours" });
    await testDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    await expect(rotateToken("system", next.id, 1)).rejects.toMatchObject({ code: "invalid" });
  });

  it("refuses a device on a personal token", async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    await expect(issueTestToken(user.id, { deviceId: device.id })).rejects.toMatchObject({ code: "invalid", field: "deviceId" });
  });
});
