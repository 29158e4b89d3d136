// Self-service rotation: a person rotates their own personal and device tokens within their role's
// grace period, never someone else's or their dashboard token, and the successor stays in the role.
import { describe, expect, it } from "vitest";
import { personOf, tokenCallerOf } from "@/lib/testing/callers";
import { createDevice, createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { auditFor, issuePersonal, refusalOf, row } from "@/lib/testing/tokens";
import { issueToken, rotateToken } from "./lifecycle";
import { verifyToken } from "./verify";

describe("rotateToken by the token's owner", () => {
  it("lets a standard user rotate their own personal token, audited as theirs", async () => {
    const user = await createUser();
    const old = await issuePersonal(personOf(user), user.id, ["devices:read", "telemetry:read"]);
    const next = await rotateToken(personOf(user), old.view.id, 24);

    expect(next.view).toMatchObject({ userId: user.id, kind: "PERSONAL", scopes: ["devices:read", "telemetry:read"], status: "active" });
    expect((await verifyToken(next.token)).ok).toBe(true);
    expect((await verifyToken(old.token)).ok).toBe(true);
    expect((await row(old.view.id)).replacedById).toBe(next.view.id);
    expect((await row(next.view.id)).createdById).toBe(user.id);
    const events = await auditFor(old.view.id, "token.rotated");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "user", actorId: user.id });
    expect(JSON.parse(events[0]!.detail)).toEqual({ successor: next.view.id, graceHours: 24 });
  });

  it("lets a standard user rotate their own device's token", async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    const old = await issueToken(personOf(user), { userId: user.id, kind: "DEVICE", name: "Shed", deviceId: device.id });
    const next = await rotateToken(personOf(user), old.view.id, 0);
    expect(next.view).toMatchObject({ kind: "DEVICE", deviceId: device.id, scopes: ["telemetry:write"] });
    expect((await verifyToken(old.token)).ok).toBe(false);
  });

  it("holds the grace period to the role's policy", async () => {
    const user = await createUser();
    const old = await issuePersonal(personOf(user), user.id);
    const refusal = await refusalOf(rotateToken(personOf(user), old.view.id, 25));
    expect(refusal).toMatchObject({ code: "invalid", field: "graceHours" });
    expect((await row(old.view.id)).replacedById).toBeNull();
  });

  it("never lets a standard user rotate another user's token, or their own dashboard token", async () => {
    const user = await createUser();
    const other = await createUser();
    const theirs = await issuePersonal("system", other.id);
    expect((await refusalOf(rotateToken(personOf(user), theirs.view.id, 1))).code).toBe("forbidden");
    const dashboard = await issueTestToken(user.id, { kind: "DASHBOARD" });
    expect((await refusalOf(rotateToken(personOf(user), dashboard.view.id, 1))).code).toBe("forbidden");
    expect((await row(theirs.view.id)).replacedById).toBeNull();
    expect((await row(dashboard.view.id)).replacedById).toBeNull();
  });

  it("does not let a token rotate tokens, even its owner's own", async () => {
    const user = await createUser();
    const old = await issuePersonal("system", user.id);
    expect((await refusalOf(rotateToken(tokenCallerOf(user), old.view.id, 1))).code).toBe("forbidden");
  });

  it("keeps the successor's scopes within the owner's role, and refuses when none is left", async () => {
    const user = await createUser();
    const old = await issuePersonal("system", user.id, ["devices:read"]);
    // Scopes the role no longer allows, as a token from before a downgrade might hold.
    await testDb().apiToken.update({ where: { id: old.view.id }, data: { scopes: "devices:read users:admin" } });
    const next = await rotateToken(personOf(user), old.view.id, 1);
    expect(next.view.scopes).toEqual(["devices:read"]);

    const stale = await issuePersonal("system", user.id, ["devices:read"]);
    await testDb().apiToken.update({ where: { id: stale.view.id }, data: { scopes: "users:admin" } });
    expect(await refusalOf(rotateToken(personOf(user), stale.view.id, 1))).toMatchObject({ code: "invalid" });
    expect((await row(stale.view.id)).replacedById).toBeNull();
  });
});
