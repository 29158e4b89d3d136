// The least-privilege advisor on crafted usage, and the admin's posture summary built on it.
import { describe, expect, it } from "vitest";
import { scopesOfRoute } from "@/lib/server/route-scopes";
import { personOf } from "@/lib/testing/callers";
import { createDevice, createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { refusalOf, setRow } from "@/lib/testing/tokens";
import { DAY_MS, MINUTE_MS } from "@/lib/time";
import { issueToken } from "@/lib/tokens/lifecycle";
import { judgeToken, tokenAdvice } from "./advisor";
import { postureSummary } from "./posture";

const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

/** One minute of use of a route by a token, as lib/usage writes it. */
async function used(token: { id: string; userId: string }, route: string, at: Date) {
  const minute = new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
  await testDb().tokenUsage.create({ data: { tokenId: token.id, userId: token.userId, minute, route, requests: 3, errors: 0 } });
}

describe("judgeToken", () => {
  const old = { createdAt: daysAgo(40), scopes: ["devices:read", "devices:write", "telemetry:read"] as const };
  const now = Date.now();

  it("maps the routes used to their scopes, and lists the rest as unused", () => {
    expect(judgeToken(old, ["GET /devices/{deviceId}"], scopesOfRoute, now)).toEqual({
      used: ["devices:read"],
      unused: ["devices:write", "telemetry:read"],
      verdict: "narrow",
    });
    // A route that needs two scopes uses both; one that needs none (/me) uses nothing.
    expect(judgeToken(old, ["GET /overview", "GET /me"], scopesOfRoute, now)).toMatchObject({ used: ["devices:read", "telemetry:read"], unused: ["devices:write"] });
  });

  it("says nothing about a token that used everything, and revoke for one that used nothing", () => {
    expect(judgeToken(old, ["GET /overview", "PATCH /devices/{deviceId}"], scopesOfRoute, now)).toBeNull();
    expect(judgeToken(old, ["GET /me", "GET /no-such-route"], scopesOfRoute, now)).toEqual({ used: [], unused: [...old.scopes], verdict: "revoke" });
  });

  it("calls a token younger than 30 days too new to judge, unless it used everything", () => {
    const young = { ...old, createdAt: daysAgo(10) };
    expect(judgeToken(young, ["GET /devices"], scopesOfRoute, now)).toMatchObject({ verdict: "too_new" });
    expect(judgeToken(young, ["GET /overview", "DELETE /devices/{deviceId}"], scopesOfRoute, now)).toBeNull();
  });
});

describe("tokenAdvice", () => {
  it("reads the last 30 days of a user's usage, and leaves out dashboard tokens", async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    const reader = await issueTestToken(user.id, { scopes: ["devices:read", "telemetry:read"] });
    const idle = await issueTestToken(user.id, { scopes: ["devices:read"] });
    const busy = await issueTestToken(user.id, { scopes: ["devices:read"] });
    const deviceToken = await issueTestToken(user.id, { kind: "DEVICE", deviceId: device.id });
    const dashboard = await issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" });
    for (const { view } of [reader, idle, busy, deviceToken, dashboard]) await setRow(view.id, { createdAt: daysAgo(45) });
    await used(reader.view, "GET /devices", daysAgo(2));
    // Older than the window: does not count.
    await used(reader.view, "GET /devices/{deviceId}/telemetry", daysAgo(31));
    await used(busy.view, "GET /devices/{deviceId}", daysAgo(1));
    await used(deviceToken.view, "POST /devices/{deviceId}/telemetry", daysAgo(1));

    const advice = await tokenAdvice(personOf(user), scopesOfRoute, { userId: user.id });
    expect(advice.map((a) => [a.tokenId, a.verdict, a.used, a.unused])).toEqual([
      [reader.view.id, "narrow", ["devices:read"], ["telemetry:read"]],
      [idle.view.id, "revoke", [], ["devices:read"]],
    ]);
    expect(advice[0]).toMatchObject({ name: reader.view.name, kind: "PERSONAL", userId: user.id, granted: ["devices:read", "telemetry:read"] });
  });

  it("is the owner's or an admin's to see", async () => {
    const owner = await createUser();
    const other = await createUser();
    expect((await refusalOf(tokenAdvice(personOf(other), scopesOfRoute, { userId: owner.id }))).code).toBe("forbidden");
    expect((await refusalOf(tokenAdvice(personOf(owner), scopesOfRoute, {}))).code).toBe("forbidden");
  });
});

describe("postureSummary", () => {
  it("counts expiring, idle and over-privileged tokens and open alerts, for admins only", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const owner = await createUser({ name: "Posture Owner" });
    const soon = await issueTestToken(owner.id, { expiresInDays: 5 });
    const month = await issueTestToken(owner.id, { expiresInDays: 20 });
    const idle = await issueTestToken(owner.id, { scopes: ["devices:read", "telemetry:read"], expiresInDays: 90 });
    await setRow(idle.view.id, { createdAt: daysAgo(40) });
    await testDb().alert.create({ data: { rule: "test", key: `posture-${idle.view.id}`, severity: "high", title: "Test alert", subjectType: "token", subjectId: idle.view.id } });

    const summary = await postureSummary(personOf(admin), scopesOfRoute);
    const ids = (list: { tokens: { id: string }[] }) => list.tokens.map((t) => t.id);
    expect(summary.expiring7.count).toBeGreaterThanOrEqual(1);
    expect(summary.expiring30.count).toBeGreaterThanOrEqual(summary.expiring7.count + 1);
    expect(summary.openAlerts).toBeGreaterThanOrEqual(1);
    expect(summary.idle.count).toBeGreaterThanOrEqual(1);
    // Other test files share the database: look for this test's tokens where the lists are short enough.
    if (summary.expiring7.count <= 20) expect(ids(summary.expiring7)).toContain(soon.view.id);
    if (summary.expiring30.count <= 20) expect(ids(summary.expiring30)).toEqual(expect.arrayContaining([soon.view.id, month.view.id]));
    expect(summary.overPrivileged.advice.find((a) => a.tokenId === idle.view.id)).toMatchObject({ verdict: "revoke", ownerName: "Posture Owner" });
    expect(summary.overPrivileged.advice.some((a) => a.verdict === "too_new")).toBe(false);

    expect((await refusalOf(postureSummary(personOf(owner), scopesOfRoute))).code).toBe("forbidden");
  });
});
