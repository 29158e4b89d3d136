// The security epoch's triggers (the security_epoch migration), through a plain SQLite connection
// as a CLI or a hand-typed statement would write: every change that can end or narrow a token moves
// the epoch, and the usage flush's last-use writes do not. Each change runs in an IMMEDIATE
// transaction that reads the epoch before and after it, so other test files' changes, which move the
// epoch too, cannot fall in between.
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { sqliteValue } from "@/lib/db-read";
import { databaseFile } from "@/lib/sqlite";
import { createDevice, createUser, issueTestToken } from "@/lib/testing/factories";
import { HOUR_MS } from "@/lib/time";
import { lastUseSql } from "@/lib/usage/sql";

const raw = new Database(databaseFile(process.env.DATABASE_URL!)!, { timeout: 10_000 });
afterAll(() => raw.close());

const epoch = () => (raw.prepare(`SELECT "value" FROM "SecurityEpoch" WHERE "id" = 1`).get() as { value: number }).value;

/** How far the statements moved the epoch. */
function bumps(...statements: [sql: string, ...params: unknown[]][]): number {
  return raw
    .transaction(() => {
      const before = epoch();
      for (const [sql, ...params] of statements) raw.prepare(sql).run(...params.map(sqliteValue));
      return epoch() - before;
    })
    .immediate();
}

async function userWithToken() {
  const user = await createUser({ role: "ADMIN" });
  const device = await createDevice(user.id);
  const { view } = await issueTestToken(user.id);
  return { userId: user.id, deviceId: device.id, tokenId: view.id };
}

describe("the security epoch", () => {
  it("is one row", () => {
    expect(raw.prepare(`SELECT COUNT(*) AS n FROM "SecurityEpoch"`).get()).toEqual({ n: 1 });
  });

  it.each([
    ["revokedAt", Date.now()],
    ["expiresAt", Date.now() + HOUR_MS],
    ["graceEndsAt", Date.now() + HOUR_MS],
    ["scopes", "devices:read"],
  ])("moves once when a token's %s changes", async (column, value) => {
    const { tokenId } = await userWithToken();
    expect(bumps([`UPDATE "ApiToken" SET "${column}" = ? WHERE "id" = ?`, value, tokenId])).toBe(1);
  });

  it("moves when a token is moved to another device or owner, or deleted", async () => {
    const { tokenId } = await userWithToken();
    const other = await userWithToken();
    expect(bumps([`UPDATE "ApiToken" SET "deviceId" = ? WHERE "id" = ?`, other.deviceId, tokenId])).toBe(1);
    expect(bumps([`UPDATE "ApiToken" SET "userId" = ? WHERE "id" = ?`, other.userId, tokenId])).toBe(1);
    expect(bumps([`DELETE FROM "ApiToken" WHERE "id" = ?`, tokenId])).toBe(1);
  });

  it("does not move for last use, a new name or an unchanged value", async () => {
    const { tokenId } = await userWithToken();
    expect(bumps([`UPDATE "ApiToken" SET "lastUsedAt" = ?, "lastUsedIp" = ? WHERE "id" = ?`, Date.now(), "203.0.113.9", tokenId])).toBe(0);
    expect(bumps([`UPDATE "ApiToken" SET "name" = 'renamed', "scopes" = "scopes", "revokedAt" = "revokedAt" WHERE "id" = ?`, tokenId])).toBe(0);
  });

  it("does not move for the usage flush's own statement, which does write last use", async () => {
    const { tokenId } = await userWithToken();
    const at = Date.now();
    const flush = lastUseSql([{ tokenId, at, ip: "198.51.100.7" }]);
    expect(bumps([flush.sql, ...flush.values])).toBe(0);
    expect(raw.prepare(`SELECT "lastUsedAt", "lastUsedIp" FROM "ApiToken" WHERE "id" = ?`).get(tokenId)).toEqual({ lastUsedAt: at, lastUsedIp: "198.51.100.7" });
  });

  it.each([
    ["role", "STANDARD"],
    ["disabledAt", Date.now()],
    ["sessionsValidAfter", Date.now()],
  ])("moves once when a user's %s changes, and not for their name", async (column, value) => {
    const { userId } = await userWithToken();
    expect(bumps([`UPDATE "User" SET "${column}" = ? WHERE "id" = ?`, value, userId])).toBe(1);
    expect(bumps([`UPDATE "User" SET "name" = 'Renamed' WHERE "id" = ?`, userId])).toBe(0);
  });

  it("moves when a user or a device is deleted, once more for each token that goes with it", async () => {
    const alone = await createUser();
    expect(bumps([`DELETE FROM "User" WHERE "id" = ?`, alone.id])).toBe(1);
    const owner = await createUser();
    const device = await createDevice(owner.id);
    expect(bumps([`DELETE FROM "Device" WHERE "id" = ?`, device.id])).toBe(1);
    const withToken = await createDevice(owner.id);
    await issueTestToken(owner.id, { kind: "DEVICE", deviceId: withToken.id });
    expect(bumps([`DELETE FROM "Device" WHERE "id" = ?`, withToken.id])).toBe(2);
    // The user, their device and their token.
    const { userId } = await userWithToken();
    expect(bumps([`DELETE FROM "User" WHERE "id" = ?`, userId])).toBe(3);
  });

  it("moves on any change to a policy: update, delete, insert", () => {
    expect(bumps([`UPDATE "Policy" SET "idleDisableDays" = "idleDisableDays" WHERE "role" = 'STANDARD'`])).toBe(1);
    // Put back as it was, in the same transaction, so that no other test sees the role without a policy.
    const policy = raw.prepare(`SELECT * FROM "Policy" WHERE "role" = 'STANDARD'`).get() as Record<string, unknown>;
    const columns = Object.keys(policy);
    const insert = `INSERT INTO "Policy" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
    expect(bumps([`DELETE FROM "Policy" WHERE "role" = 'STANDARD'`], [insert, ...Object.values(policy)])).toBe(2);
  });
});
