// Token hygiene that changes tokens: the idle sweep, and narrowing a token to the scopes it uses.
// The database is shared with other test files, so each test reads back only its own tokens; the
// sweep runs at the real time, so that it finds nothing of theirs they do not expect.
import { describe, expect, it } from "vitest";
import { apiClient } from "@/lib/testing/api-client";
import { personOf } from "@/lib/testing/callers";
import { createDevice, createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { auditFor, refusalOf, row, setRow } from "@/lib/testing/tokens";
import { DAY_MS } from "@/lib/time";
import { issueToken } from "./lifecycle";
import { disableIdleToken, disableIdleTokens, narrowTokenScopes } from "./hygiene";
import { verifyToken } from "./verify";

const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

describe("the idle sweep", () => {
  it("disables a token unused past the policy's idle days (60) once, with one audit record", async () => {
    const user = await createUser();
    const idle = await issueTestToken(user.id, { expiresInDays: 90 });
    const recent = await issueTestToken(user.id, { expiresInDays: 90 });
    const neverUsed = await issueTestToken(user.id, { expiresInDays: 90 });
    await setRow(idle.view.id, { createdAt: daysAgo(80), lastUsedAt: daysAgo(61) });
    await setRow(recent.view.id, { createdAt: daysAgo(80), lastUsedAt: daysAgo(59) });
    await setRow(neverUsed.view.id, { createdAt: daysAgo(61) });

    const now = Date.now();
    const first = await disableIdleTokens(now);
    expect(first).toEqual(expect.arrayContaining([idle.view.id, neverUsed.view.id]));
    expect(first).not.toContain(recent.view.id);
    expect(await row(idle.view.id)).toMatchObject({ revokedReason: "idle", revokedAt: new Date(now) });
    expect((await row(recent.view.id)).revokedAt).toBeNull();

    const second = await disableIdleTokens(now + 1000);
    expect(second).not.toContain(idle.view.id);
    const events = await auditFor(idle.view.id, "token.idle_disabled");
    expect(events).toMatchObject([{ actorType: "system", targetType: "token", outcome: "success" }]);
    expect(JSON.parse(events[0]!.detail)).toEqual({ idleDays: 60 });
    // Refused from then on, with no second record from the lazy check in verification.
    expect(await verifyToken(idle.token)).toMatchObject({ ok: false, reason: "revoked" });
    expect(await auditFor(idle.view.id, "token.idle_disabled")).toHaveLength(1);
  });

  it("disables device tokens too, and never a dashboard token", async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    const deviceToken = await issueTestToken(user.id, { kind: "DEVICE", deviceId: device.id });
    const dashboard = await issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" });
    await setRow(deviceToken.view.id, { createdAt: daysAgo(70) });
    await setRow(dashboard.view.id, { createdAt: daysAgo(70), lastUsedAt: daysAgo(65) });

    const disabled = await disableIdleTokens(Date.now());
    expect(disabled).toContain(deviceToken.view.id);
    expect(disabled).not.toContain(dashboard.view.id);
    expect((await row(dashboard.view.id)).revokedAt).toBeNull();
  });

  it("takes the idle days it is given: a token unused 20 days is idle under 10, not under 30", async () => {
    const user = await createUser();
    const { view } = await issueTestToken(user.id);
    await setRow(view.id, { createdAt: daysAgo(25), lastUsedAt: daysAgo(20) });
    expect(await disableIdleToken(view.id, 30, Date.now())).toBe(false);
    expect((await row(view.id)).revokedAt).toBeNull();
    expect(await disableIdleToken(view.id, 10, Date.now())).toBe(true);
    expect(await disableIdleToken(view.id, 10, Date.now())).toBe(false);
    expect(await auditFor(view.id, "token.idle_disabled")).toHaveLength(1);
  });

  it("leaves a token used since it was read: the condition is in the update", async () => {
    const user = await createUser();
    const { view } = await issueTestToken(user.id);
    await setRow(view.id, { createdAt: daysAgo(70), lastUsedAt: new Date() });
    expect(await disableIdleToken(view.id, 60, Date.now())).toBe(false);
    expect(await auditFor(view.id, "token.idle_disabled")).toHaveLength(0);
  });
});

describe("narrowTokenScopes", () => {
  it("lets the owner narrow, audits before and after once, and the token loses the scope at once", async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    const { token, view } = await issueTestToken(user.id, { scopes: ["devices:read", "telemetry:read"] });
    const call = apiClient("203.0.113.71");
    // Verified and cached before the change: the narrowing must reach the cache too.
    expect((await call("GET", `/devices/${device.id}/readings/latest`, { token })).status).toBe(200);

    const result = await narrowTokenScopes(personOf(user), view.id, ["devices:read"]);
    expect(result).toEqual({ changed: true, scopes: ["devices:read"] });
    expect((await row(view.id)).scopes).toBe("devices:read");
    const events = await auditFor(view.id, "token.narrowed");
    expect(events).toMatchObject([{ actorType: "user", actorId: user.id, targetType: "token" }]);
    expect(JSON.parse(events[0]!.detail)).toEqual({ before: ["devices:read", "telemetry:read"], after: ["devices:read"] });

    expect((await call("GET", `/devices/${device.id}/readings/latest`, { token })).status).toBe(403);
    expect((await call("GET", `/devices/${device.id}`, { token })).status).toBe(200);
  });

  it("lets an admin narrow anyone's token, and refuses another standard user", async () => {
    const owner = await createUser();
    const other = await createUser();
    const admin = await createUser({ role: "ADMIN" });
    const { view } = await issueTestToken(owner.id, { scopes: ["devices:read", "devices:write", "telemetry:read"] });

    const refused = await refusalOf(narrowTokenScopes(personOf(other), view.id, ["devices:read"]));
    expect(refused.code).toBe("forbidden");
    expect((await row(view.id)).scopes).toBe("devices:read devices:write telemetry:read");

    await narrowTokenScopes(personOf(admin), view.id, ["devices:read", "telemetry:read"]);
    expect((await row(view.id)).scopes).toBe("devices:read telemetry:read");
    expect(await auditFor(view.id, "token.narrowed")).toMatchObject([{ actorId: admin.id }]);
  });

  it("refuses to widen, to narrow to nothing, and to touch a revoked, unknown or dashboard token", async () => {
    const user = await createUser();
    const person = personOf(user);
    const { view } = await issueTestToken(user.id, { scopes: ["devices:read"] });

    const widen = await refusalOf(narrowTokenScopes(person, view.id, ["devices:read", "devices:write"]));
    expect(widen).toMatchObject({ code: "invalid", field: "scopes" });
    const empty = await refusalOf(narrowTokenScopes(person, view.id, []));
    expect(empty).toMatchObject({ code: "invalid", field: "scopes" });
    expect((await row(view.id)).scopes).toBe("devices:read");

    // The same set changes nothing, and records nothing.
    expect(await narrowTokenScopes(person, view.id, ["devices:read"])).toEqual({ changed: false, scopes: ["devices:read"] });
    expect(await auditFor(view.id, "token.narrowed")).toHaveLength(0);

    await testDb().apiToken.update({ where: { id: view.id }, data: { revokedAt: new Date() } });
    expect((await refusalOf(narrowTokenScopes(person, view.id, ["devices:read"]))).code).toBe("conflict");
    expect((await refusalOf(narrowTokenScopes(person, "no-such-token", ["devices:read"]))).code).toBe("not_found");

    const dashboard = await issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" });
    expect((await refusalOf(narrowTokenScopes(person, dashboard.view.id, ["devices:read"]))).code).toBe("invalid");
  });
});
