// Verifying a token: what it gives, what it refuses and when, and idle tokens.
import { describe, expect, it } from "vitest";
import { createDevice, createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { DAY_MS, SECOND_MS } from "@/lib/time";
import { generateToken, tokenHint } from "./format";
import { hashToken } from "./hash";
import { issueToken, revokeToken, rotateToken } from "./lifecycle";
import { callerOf, row, setRow } from "@/lib/testing/tokens";
import { forgetVerified } from "@/lib/access/verified-cache";
import { verifyToken } from "./verify";

/** Stores a row under the hash of `token` directly, as if it had been issued, whatever its format. */
async function plantRow(userId: string, token: string) {
  return testDb().apiToken.create({
    data: { userId, kind: "PERSONAL", name: "planted", scopes: "devices:read", hash: hashToken(token), ...tokenHint(token), expiresAt: new Date(Date.now() + DAY_MS) },
    select: { id: true },
  });
}

/** The same token with one character of its checksum changed. */
function badChecksum(token: string): string {
  const last = token.at(-1) === "a" ? "b" : "a";
  return token.slice(0, -1) + last;
}

describe("verifyToken", () => {
  it("accepts a fresh token and gives its caller", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id, { scopes: ["devices:read", "telemetry:read"] });

    const result = await verifyToken(token);
    expect(result).toEqual({
      ok: true,
      caller: {
        type: "token",
        tokenId: view.id,
        userId: user.id,
        role: "STANDARD",
        kind: "PERSONAL",
        scopes: new Set(["devices:read", "telemetry:read"]),
        deviceId: null,
        lastUsedAt: null,
        ip: null,
      },
    });
  });

  it("gives an admin token its admin scopes", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const { token } = await issueTestToken(admin.id, { scopes: ["users:admin", "audit:read"] });
    expect(await callerOf(token)).toMatchObject({ role: "ADMIN", scopes: new Set(["users:admin", "audit:read"]) });
  });

  it("binds a device token's caller to its device", async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    const { token } = await issueTestToken(user.id, { kind: "DEVICE", deviceId: device.id });
    expect(await callerOf(token)).toMatchObject({ kind: "DEVICE", deviceId: device.id, scopes: new Set(["telemetry:write"]) });
  });

  it("refuses a bad checksum as malformed, without looking it up", async () => {
    const user = await createUser();
    const { token } = await issueTestToken(user.id);
    const tampered = badChecksum(token);
    expect(await verifyToken(tampered)).toEqual({ ok: false, reason: "malformed" });

    // Even when a row is stored under the tampered token's hash, the format check refuses it
    // first: a lookup would have found that row and accepted it.
    await plantRow(user.id, tampered);
    expect(await verifyToken(tampered)).toEqual({ ok: false, reason: "malformed" });
  });

  it("accepts a planted row for a well-formed token (the control for the test above)", async () => {
    const user = await createUser();
    const token = generateToken("PERSONAL");
    const { id } = await plantRow(user.id, token);
    expect((await callerOf(token)).tokenId).toBe(id);
  });

  it.each([
    ["the empty string", ""],
    ["a bare prefix", "gth_pat_"],
    ["a foreign token", `ghp_${"a".repeat(36)}`],
    ["a huge string", `gth_pat_${"a".repeat(100_000)}`],
  ])("refuses %s as malformed", async (_, token) => {
    expect(await verifyToken(token)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses a well-formed token that was never issued as unknown", async () => {
    expect(await verifyToken(generateToken("PERSONAL"))).toEqual({ ok: false, reason: "unknown" });
    expect(await verifyToken(generateToken("DASHBOARD"))).toEqual({ ok: false, reason: "unknown" });
  });

  it("refuses a revoked token", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id);
    await revokeToken("system", view.id);
    expect(await verifyToken(token)).toMatchObject({ ok: false, reason: "revoked" });
  });

  it("refuses an expired token", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id);
    await setRow(view.id, { expiresAt: new Date(Date.now() - SECOND_MS) });
    expect(await verifyToken(token)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("expires a token at its expiry instant, not a millisecond later", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id, { expiresInDays: 30 });
    const expiresAt = view.expiresAt.getTime();
    expect((await verifyToken(token, expiresAt - 1)).ok).toBe(true);
    expect(await verifyToken(token, expiresAt)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("accepts a rotated token inside its grace period and refuses it after", async () => {
    const user = await createUser();
    const old = await issueTestToken(user.id);
    const next = await rotateToken("system", old.view.id, 1);

    expect((await callerOf(old.token)).tokenId).toBe(old.view.id);
    expect((await callerOf(next.token)).tokenId).toBe(next.view.id);
    const graceEndsAt = (await row(old.view.id)).graceEndsAt!.getTime();
    expect(await verifyToken(old.token, graceEndsAt)).toMatchObject({ ok: false, reason: "expired" });

    await setRow(old.view.id, { graceEndsAt: new Date(Date.now() - SECOND_MS) });
    expect(await verifyToken(old.token)).toMatchObject({ ok: false, reason: "expired" });
    expect((await verifyToken(next.token)).ok).toBe(true);
  });

  it("refuses the token of a disabled owner at once", async () => {
    const user = await createUser();
    const { token } = await issueTestToken(user.id);
    expect((await verifyToken(token)).ok).toBe(true);
    await testDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    // Written behind the app's back, as another instance would: forget this process's cache (the epoch moved too, but is read only once a second).
    forgetVerified();
    expect(await verifyToken(token)).toMatchObject({ ok: false, reason: "inactive_owner" });
  });

  it("narrows an admin token to the new role at once after a downgrade", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const { token } = await issueTestToken(admin.id, { scopes: ["devices:read", "users:admin", "audit:read"] });
    expect((await callerOf(token)).scopes).toEqual(new Set(["devices:read", "users:admin", "audit:read"]));

    await testDb().user.update({ where: { id: admin.id }, data: { role: "STANDARD" } });
    // Written behind the app's back, as another instance would: forget this process's cache (the epoch moved too, but is read only once a second).
    forgetVerified();
    const caller = await callerOf(token);
    expect(caller.role).toBe("STANDARD");
    expect(caller.scopes).toEqual(new Set(["devices:read"]));
  });

  it("disables a personal token unused for longer than the policy's idle days (60)", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id);
    await setRow(view.id, { lastUsedAt: new Date(Date.now() - 61 * DAY_MS) });

    expect(await verifyToken(token)).toMatchObject({ ok: false, reason: "revoked" });
    const stored = await row(view.id);
    expect(stored.revokedReason).toBe("idle");
    expect(stored.revokedAt).toBeInstanceOf(Date);
    const events = await testDb().auditEvent.findMany({ where: { targetId: view.id, action: "token.idle_disabled" } });
    expect(events).toMatchObject([{ actorType: "system", targetType: "token" }]);

    // Stays revoked, and is audited once.
    expect(await verifyToken(token)).toMatchObject({ ok: false, reason: "revoked" });
    expect(await testDb().auditEvent.count({ where: { targetId: view.id, action: "token.idle_disabled" } })).toBe(1);
  });

  it("counts idleness from creation for a token never used", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id);
    await setRow(view.id, { createdAt: new Date(Date.now() - 61 * DAY_MS) });
    expect(await verifyToken(token)).toMatchObject({ ok: false, reason: "revoked" });
    expect((await row(view.id)).revokedReason).toBe("idle");
  });

  it("keeps a token used within the idle period", async () => {
    const user = await createUser();
    const { token, view } = await issueTestToken(user.id);
    await setRow(view.id, { createdAt: new Date(Date.now() - 80 * DAY_MS), lastUsedAt: new Date(Date.now() - 59 * DAY_MS) });
    expect((await verifyToken(token)).ok).toBe(true);
    expect((await row(view.id)).revokedAt).toBeNull();
  });

  it("idle-disables a device token too", async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    const { token, view } = await issueTestToken(user.id, { kind: "DEVICE", deviceId: device.id });
    await setRow(view.id, { lastUsedAt: new Date(Date.now() - 61 * DAY_MS) });
    expect(await verifyToken(token)).toMatchObject({ ok: false, reason: "revoked" });
    expect((await row(view.id)).revokedReason).toBe("idle");
  });

  it("never idle-disables a dashboard token", async () => {
    const user = await createUser();
    const { token, view } = await issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" });
    await setRow(view.id, { createdAt: new Date(Date.now() - 80 * DAY_MS), lastUsedAt: new Date(Date.now() - 70 * DAY_MS) });
    expect((await verifyToken(token)).ok).toBe(true);
    expect((await row(view.id)).revokedAt).toBeNull();
    expect(await testDb().auditEvent.count({ where: { targetId: view.id, action: "token.idle_disabled" } })).toBe(0);
  });
});
