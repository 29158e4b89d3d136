import { decodeProtectedHeader } from "jose";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createUser, testDb } from "@/lib/testing/factories";
import { DAY_MS, HOUR_MS, SECOND_MS } from "@/lib/time";
import { dashboardTokenFor } from "./dashboard";
import { decryptToken, encryptToken, keyring } from "./encryption";
import { parseToken } from "./format";
import { issueToken, revokeToken } from "./lifecycle";
import { DASHBOARD_SCOPES } from "@/lib/access/scopes";
import { verifyToken } from "./verify";

// A key this server "used to have": named in TOKEN_ENCRYPTION_KEY_PREVIOUS before lib/env reads the
// environment, so that the key-change test below runs dashboardTokenFor unchanged.
const keys = await vi.hoisted(async () => {
  const { randomBytes } = await import("node:crypto");
  const previousEnv = process.env.TOKEN_ENCRYPTION_KEY_PREVIOUS;
  const old = randomBytes(32).toString("base64");
  process.env.TOKEN_ENCRYPTION_KEY_PREVIOUS = old;
  return { old, previousEnv };
});

afterAll(() => {
  if (keys.previousEnv === undefined) delete process.env.TOKEN_ENCRYPTION_KEY_PREVIOUS;
  else process.env.TOKEN_ENCRYPTION_KEY_PREVIOUS = keys.previousEnv;
});

const dashboardRows = (userId: string) => testDb().apiToken.findMany({ where: { userId, kind: "DASHBOARD" }, orderBy: { createdAt: "asc" } });

/** The token of an "ok" answer; fails the test on any other. */
async function tokenFor(userId: string): Promise<string> {
  const result = await dashboardTokenFor(userId);
  if (result.state !== "ok") throw new Error(`expected a dashboard token, got ${result.state}`);
  return result.token;
}

async function expectVerifies(token: string, userId: string) {
  const result = await verifyToken(token);
  expect(result.ok && result.caller).toMatchObject({ userId, kind: "DASHBOARD", scopes: new Set(DASHBOARD_SCOPES) });
}

describe("dashboardTokenFor", () => {
  it("issues a dashboard token for a user without one", async () => {
    const user = await createUser();
    const result = await dashboardTokenFor(user.id);

    expect(result.state).toBe("ok");
    const token = result.state === "ok" ? result.token : "";
    expect(parseToken(token)).toBe("DASHBOARD");
    await expectVerifies(token, user.id);
    const rows = await dashboardRows(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ciphertext).not.toBeNull();
    expect(await testDb().auditEvent.count({ where: { targetId: rows[0]!.id, action: "token.issued" } })).toBe(1);
  });

  it("gives an admin only the dashboard scopes", async () => {
    const admin = await createUser({ role: "ADMIN" });
    await expectVerifies(await tokenFor(admin.id), admin.id);
  });

  it("returns the same token on the next call", async () => {
    const user = await createUser();
    const first = await tokenFor(user.id);
    expect(await tokenFor(user.id)).toBe(first);
    expect(await tokenFor(user.id)).toBe(first);
    expect(await dashboardRows(user.id)).toHaveLength(1);
  });

  it("reports a revoked token and does not issue a new one", async () => {
    const user = await createUser();
    await tokenFor(user.id);
    const [only] = await dashboardRows(user.id);
    await revokeToken("system", only!.id);

    expect(await dashboardTokenFor(user.id)).toEqual({ state: "revoked" });
    expect(await dashboardTokenFor(user.id)).toEqual({ state: "revoked" });
    expect(await dashboardRows(user.id)).toHaveLength(1);
  });

  it("issues a new token when the last one expired unrevoked", async () => {
    const user = await createUser();
    const old = await tokenFor(user.id);
    const [oldRow] = await dashboardRows(user.id);
    await testDb().apiToken.update({ where: { id: oldRow!.id }, data: { expiresAt: new Date(Date.now() - SECOND_MS) } });

    const next = await tokenFor(user.id);
    expect(next).not.toBe(old);
    await expectVerifies(next, user.id);
    expect(await verifyToken(old)).toMatchObject({ ok: false });
    expect(await dashboardRows(user.id)).toHaveLength(2);
    expect(await tokenFor(user.id)).toBe(next);
  });

  it("rotates a token inside its rotation window, leaving the old one in grace", async () => {
    const user = await createUser();
    const old = await tokenFor(user.id);
    const [oldRow] = await dashboardRows(user.id);
    await testDb().apiToken.update({ where: { id: oldRow!.id }, data: { expiresAt: new Date(Date.now() + DAY_MS) } });

    const before = Date.now();
    const next = await tokenFor(user.id);
    expect(next).not.toBe(old);
    await expectVerifies(next, user.id);
    await expectVerifies(old, user.id);

    const rows = await dashboardRows(user.id);
    expect(rows).toHaveLength(2);
    const rotated = rows.find((r) => r.id === oldRow!.id)!;
    expect(rotated.replacedById).toBe(rows.find((r) => r.id !== oldRow!.id)!.id);
    expect(rotated.revokedAt).toBeNull();
    expect(rotated.graceEndsAt!.getTime()).toBeGreaterThanOrEqual(before + HOUR_MS);
    expect(rotated.graceEndsAt!.getTime()).toBeLessThanOrEqual(Date.now() + HOUR_MS);
    expect(await testDb().auditEvent.count({ where: { targetId: oldRow!.id, action: "token.rotated" } })).toBe(1);

    // The successor is now the one handed out.
    expect(await tokenFor(user.id)).toBe(next);
  });

  it("does not rotate a token outside its window (7 days before expiry for STANDARD)", async () => {
    const user = await createUser();
    const old = await tokenFor(user.id);
    const [oldRow] = await dashboardRows(user.id);
    await testDb().apiToken.update({ where: { id: oldRow!.id }, data: { expiresAt: new Date(Date.now() + 8 * DAY_MS) } });
    expect(await tokenFor(user.id)).toBe(old);
    expect(await dashboardRows(user.id)).toHaveLength(1);
  });

  it("rotates once when two requests arrive inside the window together", async () => {
    const user = await createUser();
    await tokenFor(user.id);
    const [oldRow] = await dashboardRows(user.id);
    await testDb().apiToken.update({ where: { id: oldRow!.id }, data: { expiresAt: new Date(Date.now() + DAY_MS) } });

    const [a, b] = await Promise.all([tokenFor(user.id), tokenFor(user.id)]);

    expect(await testDb().apiToken.count({ where: { userId: user.id, kind: "DASHBOARD", replacedById: { not: null } } })).toBe(1);
    expect(await dashboardRows(user.id)).toHaveLength(2);
    await expectVerifies(a, user.id);
    await expectVerifies(b, user.id);
  });

  // Regression: two first-time calls used to both issue, the second revoking the first as replaced.
  it("gives every one of two concurrent first-time callers a token that verifies", async () => {
    for (let i = 0; i < 3; i++) {
      const user = await createUser();
      const [a, b] = await Promise.all([tokenFor(user.id), tokenFor(user.id)]);
      await expectVerifies(a, user.id);
      await expectVerifies(b, user.id);
    }
  });

  it("re-encrypts a ciphertext written under the previous key", async () => {
    const user = await createUser();
    const { token, view } = await issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" });
    const oldKeys = keyring(keys.old, []);
    await testDb().apiToken.update({ where: { id: view.id }, data: { ciphertext: await encryptToken(token, oldKeys) } });

    expect(await tokenFor(user.id)).toBe(token);

    const stored = (await testDb().apiToken.findUniqueOrThrow({ where: { id: view.id } })).ciphertext!;
    const current = keyring(process.env.TOKEN_ENCRYPTION_KEY, []);
    expect(decodeProtectedHeader(stored).kid).toBe(current.current.kid);
    expect(decodeProtectedHeader(stored).kid).not.toBe(oldKeys.current.kid);
    // Readable under the current key alone: the previous key can now be retired.
    expect(await decryptToken(stored, current)).toEqual({ token, stale: false });
    await expect(decryptToken(stored, oldKeys)).rejects.toThrow();
    expect(await dashboardRows(user.id)).toHaveLength(1);
  });

  it("leaves a ciphertext under the current key as it is", async () => {
    const user = await createUser();
    await tokenFor(user.id);
    const [before] = await dashboardRows(user.id);
    await tokenFor(user.id);
    const [after] = await dashboardRows(user.id);
    expect(after!.ciphertext).toBe(before!.ciphertext);
  });
});
