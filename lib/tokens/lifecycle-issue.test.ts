// Issuing tokens: what is stored, what the policy allows, who may issue for whom, and the audit.
import { describe, expect, it } from "vitest";
import { personOf } from "@/lib/testing/callers";
import { createDevice, createUser, testDb, TOKEN_VIEW_KEYS } from "@/lib/testing/factories";
import { DAY_MS } from "@/lib/time";
import { decryptToken } from "./encryption";
import { parseToken, SECRET_LENGTH } from "./format";
import { hashToken } from "./hash";
import { issueToken } from "./lifecycle";
import { auditFor, issuePersonal, row, refusalOf } from "@/lib/testing/tokens";
import { DASHBOARD_SCOPES } from "@/lib/access/scopes";
import { verifyToken } from "./verify";

describe("issueToken", () => {
  it("stores only the hash of a personal token", async () => {
    const user = await createUser();
    const { token, view } = await issuePersonal(personOf(user), user.id, ["devices:read", "telemetry:read"]);

    expect(parseToken(token)).toBe("PERSONAL");
    const stored = await row(view.id);
    expect(stored.hash).toBe(hashToken(token));
    expect(stored.ciphertext).toBeNull();
    const secret = token.slice(8, 8 + SECRET_LENGTH);
    for (const [column, value] of Object.entries(stored)) {
      const text = value instanceof Date ? value.toISOString() : String(value);
      expect(text, column).not.toContain(token);
      expect(text, column).not.toContain(secret);
    }
    expect(stored).toMatchObject({ userId: user.id, kind: "PERSONAL", scopes: "devices:read telemetry:read", createdById: user.id, prefix: "gth_pat_", last4: token.slice(-4) });
  });

  it("returns a view with a hint and no hash or ciphertext", async () => {
    const user = await createUser();
    const { token, view } = await issuePersonal(personOf(user), user.id);

    expect(Object.keys(view).sort()).toEqual(TOKEN_VIEW_KEYS);
    expect(view).not.toHaveProperty("hash");
    expect(view).not.toHaveProperty("ciphertext");
    expect(view).toMatchObject({ userId: user.id, kind: "PERSONAL", name: "script", scopes: ["devices:read"], status: "active", hint: `gth_pat_…${token.slice(-4)}`, revokedAt: null });
    expect(JSON.stringify(view)).not.toContain(token.slice(8, 8 + SECRET_LENGTH));
  });

  it("gives a dashboard token a ciphertext of itself and only the dashboard scopes", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const { token, view } = await issueToken("system", { userId: admin.id, kind: "DASHBOARD", name: "Dashboard", scopes: ["users:admin"] });

    expect(parseToken(token)).toBe("DASHBOARD");
    expect(view.scopes).toEqual(DASHBOARD_SCOPES);
    const stored = await row(view.id);
    expect(stored.ciphertext).not.toBeNull();
    expect(stored.ciphertext).not.toContain(token);
    expect(await decryptToken(stored.ciphertext!)).toEqual({ token, stale: false });
    expect(stored.createdById).toBeNull();
  });

  it("replaces a user's dashboard token with a second one", async () => {
    const user = await createUser();
    const first = await issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" });
    const second = await issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" });

    expect(await row(first.view.id)).toMatchObject({ revokedReason: "replaced", revokedAt: expect.any(Date) });
    expect((await row(second.view.id)).revokedAt).toBeNull();
    expect(await testDb().apiToken.count({ where: { userId: user.id, kind: "DASHBOARD", revokedAt: null } })).toBe(1);
    expect(await verifyToken(first.token)).toMatchObject({ ok: false, reason: "revoked" });
    expect((await verifyToken(second.token)).ok).toBe(true);
  });

  it("does not touch the user's personal tokens when replacing the dashboard token", async () => {
    const user = await createUser();
    const personal = await issuePersonal("system", user.id);
    await issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" });
    await issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" });
    expect((await row(personal.view.id)).revokedAt).toBeNull();
  });

  it("gives a device token to the device's owner with telemetry:write and the device only", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const owner = await createUser();
    const device = await createDevice(owner.id, { name: "Boiler" });

    const { token, view } = await issueToken(personOf(admin), { userId: admin.id, kind: "DEVICE", name: "boiler", deviceId: device.id, scopes: ["devices:write"] });

    expect(parseToken(token)).toBe("DEVICE");
    expect(view).toMatchObject({ userId: owner.id, kind: "DEVICE", scopes: ["telemetry:write"], deviceId: device.id, deviceName: "Boiler" });
    const verified = await verifyToken(token);
    expect(verified.ok && verified.caller).toMatchObject({ userId: owner.id, deviceId: device.id, scopes: new Set(["telemetry:write"]) });
  });

  it("lets an owner issue a device token for their own device but not another's", async () => {
    const owner = await createUser();
    const other = await createUser();
    const device = await createDevice(owner.id);

    const own = await issueToken(personOf(owner), { userId: owner.id, kind: "DEVICE", name: "mine", deviceId: device.id });
    expect(own.view.userId).toBe(owner.id);

    const error = await refusalOf(issueToken(personOf(other), { userId: other.id, kind: "DEVICE", name: "theirs", deviceId: device.id }));
    expect(error.code).toBe("forbidden");
  });

  it("refuses a device token to a role whose policy does not allow pushing readings", async () => {
    const owner = await createUser();
    const device = await createDevice(owner.id);
    const policy = await testDb().policy.findUniqueOrThrow({ where: { role: "STANDARD" } });
    await testDb().policy.update({ where: { role: "STANDARD" }, data: { scopes: "devices:read telemetry:read" } });
    try {
      const error = await refusalOf(issueToken(personOf(owner), { userId: owner.id, kind: "DEVICE", name: "mine", deviceId: device.id }));
      expect(error).toMatchObject({ code: "invalid", field: "kind" });
      expect(await testDb().apiToken.count({ where: { userId: owner.id, kind: "DEVICE" } })).toBe(0);
    } finally {
      await testDb().policy.update({ where: { role: "STANDARD" }, data: { scopes: policy.scopes } });
    }
  });

  it("refuses a device token without a device", async () => {
    const user = await createUser();
    const error = await refusalOf(issueToken("system", { userId: user.id, kind: "DEVICE", name: "none" }));
    expect(error).toMatchObject({ code: "invalid", field: "deviceId" });
    const unknown = await refusalOf(issueToken("system", { userId: user.id, kind: "DEVICE", name: "none", deviceId: "no-such-device" }));
    expect(unknown).toMatchObject({ code: "invalid", field: "deviceId" });
  });

  it("refuses scopes beyond the owner's role", async () => {
    const user = await createUser();
    const before = await testDb().apiToken.count({ where: { userId: user.id } });
    const error = await refusalOf(issuePersonal("system", user.id, ["devices:read", "users:admin"]));
    expect(error).toMatchObject({ code: "invalid", field: "scopes" });
    expect(error.message).toContain("users:admin");
    expect(await testDb().apiToken.count({ where: { userId: user.id } })).toBe(before);
  });

  it("judges scopes by the owner's role, not the manager's", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const error = await refusalOf(issuePersonal(personOf(admin), user.id, ["audit:read"]));
    expect(error).toMatchObject({ code: "invalid", field: "scopes" });

    const { view } = await issuePersonal(personOf(admin), admin.id, ["users:admin", "tokens:admin", "audit:read"]);
    expect(view.scopes).toEqual(["users:admin", "tokens:admin", "audit:read"]);
  });

  it("refuses a personal token without scopes", async () => {
    const user = await createUser();
    expect(await refusalOf(issuePersonal("system", user.id, []))).toMatchObject({ code: "invalid", field: "scopes" });
  });

  it.each([0, -1, 91, 1.5, Number.NaN])("refuses an expiry of %s days for a standard user", async (days) => {
    const user = await createUser();
    expect(await refusalOf(issuePersonal("system", user.id, ["devices:read"], days))).toMatchObject({ code: "invalid", field: "expiresInDays" });
  });

  it("allows an admin up to 180 days, not 181", async () => {
    const admin = await createUser({ role: "ADMIN" });
    expect(await refusalOf(issuePersonal("system", admin.id, ["devices:read"], 181))).toMatchObject({ code: "invalid", field: "expiresInDays" });
    const { view } = await issuePersonal("system", admin.id, ["devices:read"], 180);
    expect(view.expiresAt.getTime() - view.createdAt.getTime()).toBe(180 * DAY_MS);
  });

  it("honours a chosen expiry within the policy", async () => {
    const user = await createUser();
    const one = await issuePersonal("system", user.id, ["devices:read"], 1);
    expect(one.view.expiresAt.getTime() - one.view.createdAt.getTime()).toBe(DAY_MS);
    const max = await issuePersonal("system", user.id, ["devices:read"], 90);
    expect(max.view.expiresAt.getTime() - max.view.createdAt.getTime()).toBe(90 * DAY_MS);
  });

  it("defaults the expiry to the policy's maximum: 90 days standard, 180 admin", async () => {
    const user = await createUser();
    const admin = await createUser({ role: "ADMIN" });
    const before = Date.now();
    const standard = await issuePersonal("system", user.id);
    const adminToken = await issuePersonal("system", admin.id);
    const dashboard = await issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" });

    expect(standard.view.expiresAt.getTime() - standard.view.createdAt.getTime()).toBe(90 * DAY_MS);
    expect(adminToken.view.expiresAt.getTime() - adminToken.view.createdAt.getTime()).toBe(180 * DAY_MS);
    expect(dashboard.view.expiresAt.getTime() - dashboard.view.createdAt.getTime()).toBe(90 * DAY_MS);
    expect(standard.view.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(standard.view.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("does not let a standard user issue for another user", async () => {
    const user = await createUser();
    const other = await createUser();
    expect((await refusalOf(issuePersonal(personOf(user), other.id))).code).toBe("forbidden");
    expect(await testDb().apiToken.count({ where: { userId: other.id } })).toBe(0);
  });

  it("does not let a standard user issue a dashboard token, even for themselves", async () => {
    const user = await createUser();
    const error = await refusalOf(issueToken(personOf(user), { userId: user.id, kind: "DASHBOARD", name: "Dashboard" }));
    expect(error.code).toBe("forbidden");
    expect(await testDb().apiToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("lets an admin issue for another user, recorded as the issuer", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const { view } = await issuePersonal(personOf(admin), user.id);
    expect(view.userId).toBe(user.id);
    expect((await row(view.id)).createdById).toBe(admin.id);
  });

  it("refuses a disabled owner", async () => {
    const user = await createUser({ disabled: true });
    expect(await refusalOf(issuePersonal("system", user.id))).toMatchObject({ code: "invalid", field: "userId" });
    expect(await refusalOf(issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" }))).toMatchObject({ code: "invalid" });
    expect(await testDb().apiToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("answers not_found for an unknown user", async () => {
    expect((await refusalOf(issuePersonal("system", "no-such-user"))).code).toBe("not_found");
  });

  it("audits the issue with actor, target and detail", async () => {
    const user = await createUser();
    const { view } = await issuePersonal(personOf(user), user.id, ["telemetry:read"], 30);

    const events = await auditFor(view.id, "token.issued");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "user", actorId: user.id, ip: "198.51.100.4", targetType: "token", targetId: view.id });
    expect(JSON.parse(events[0]!.detail)).toEqual({ userId: user.id, kind: "PERSONAL", scopes: ["telemetry:read"], days: 30 });
  });

  it("audits a system issue as the system", async () => {
    const user = await createUser();
    const { view } = await issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" });
    expect(await auditFor(view.id, "token.issued")).toMatchObject([{ actorType: "system", actorId: null }]);
  });

  it("audits nothing for a refused issue", async () => {
    const user = await createUser();
    const before = await testDb().auditEvent.count({ where: { action: "token.issued", detail: { contains: user.id } } });
    await refusalOf(issuePersonal("system", user.id, ["users:admin"]));
    expect(await testDb().auditEvent.count({ where: { action: "token.issued", detail: { contains: user.id } } })).toBe(before);
  });
});
