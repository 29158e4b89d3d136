// The security epoch's triggers (the security_epoch migration, and PostgreSQL's in its baseline),
// through a plain connection as a CLI or a hand-typed statement would write: every change that can
// end or narrow a token moves the epoch, and the usage flush's last-use writes do not. Each change
// runs in a transaction that holds the epoch (SQLite: IMMEDIATE; PostgreSQL: a lock on its table)
// and reads it before and after, so other test files' changes cannot fall in between. SQLite's
// triggers fire a row at a time, so their counts are exact; PostgreSQL's deletes fire a statement
// at a time (a cascade is a statement of its own), so there only "moved" and "did not" are compared.
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { sqliteValue } from "@/lib/db-read";
import { onPostgres } from "@/lib/sql-dialect";
import { databaseFile } from "@/lib/sqlite";
import { createDevice, createUser, issueTestToken } from "@/lib/testing/factories";
import { HOUR_MS } from "@/lib/time";
import { lastUseSql } from "@/lib/usage/sql";

type Statement = [sql: string, ...params: unknown[]];

const url = process.env.DATABASE_URL!;
const sqlite = onPostgres ? null : new Database(databaseFile(url)!, { timeout: 10_000 });
const postgres = onPostgres ? new pg.Client({ connectionString: url }) : null;
const connected = postgres?.connect();
afterAll(async () => {
  sqlite?.close();
  await postgres?.end();
});

/** `?` placeholders as PostgreSQL's $1, $2, … (the statements here hold no `?` in a literal). */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

async function rows(sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]> {
  if (sqlite) return sqlite.prepare(sql).all(...params.map(sqliteValue)) as Record<string, unknown>[];
  await connected;
  return (await postgres!.query(numbered(sql), params)).rows;
}

const EPOCH = `SELECT "value" FROM "SecurityEpoch" WHERE "id" = 1`;

/** How far the statements moved the epoch. */
async function bumps(...statements: Statement[]): Promise<number> {
  if (sqlite) {
    const epoch = () => (sqlite.prepare(EPOCH).get() as { value: number }).value;
    return sqlite
      .transaction(() => {
        const before = epoch();
        for (const [sql, ...params] of statements) sqlite.prepare(sql).run(...params.map(sqliteValue));
        return epoch() - before;
      })
      .immediate();
  }
  await connected;
  const client = postgres!;
  await client.query("BEGIN");
  try {
    await client.query('LOCK TABLE "SecurityEpoch" IN SHARE ROW EXCLUSIVE MODE');
    const before = (await client.query(EPOCH)).rows[0].value as number;
    for (const [sql, ...params] of statements) await client.query(numbered(sql), params);
    const after = (await client.query(EPOCH)).rows[0].value as number;
    await client.query("COMMIT");
    return after - before;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/** The epoch moved `times` times (on PostgreSQL: moved at all when `times` is not 0). */
async function expectMoves(times: number, ...statements: Statement[]): Promise<void> {
  const moved = await bumps(...statements);
  if (sqlite || times === 0) expect(moved).toBe(times);
  else expect(moved).toBeGreaterThan(0);
}

async function userWithToken() {
  const user = await createUser({ role: "ADMIN" });
  const device = await createDevice(user.id);
  const { view } = await issueTestToken(user.id);
  return { userId: user.id, deviceId: device.id, tokenId: view.id };
}

describe("the security epoch", () => {
  it("is one row", async () => {
    expect(await rows(`SELECT COUNT(*) AS n FROM "SecurityEpoch"`)).toEqual([{ n: onPostgres ? "1" : 1 }]);
  });

  it.each([
    ["revokedAt", new Date()],
    ["expiresAt", new Date(Date.now() + HOUR_MS)],
    ["graceEndsAt", new Date(Date.now() + HOUR_MS)],
    ["scopes", "devices:read"],
  ])("moves once when a token's %s changes", async (column, value) => {
    const { tokenId } = await userWithToken();
    await expectMoves(1, [`UPDATE "ApiToken" SET "${column}" = ? WHERE "id" = ?`, value, tokenId]);
  });

  it("moves when a token is moved to another device or owner, or deleted", async () => {
    const { tokenId } = await userWithToken();
    const other = await userWithToken();
    await expectMoves(1, [`UPDATE "ApiToken" SET "deviceId" = ? WHERE "id" = ?`, other.deviceId, tokenId]);
    await expectMoves(1, [`UPDATE "ApiToken" SET "userId" = ? WHERE "id" = ?`, other.userId, tokenId]);
    await expectMoves(1, [`DELETE FROM "ApiToken" WHERE "id" = ?`, tokenId]);
  });

  it("does not move for last use, a new name or an unchanged value", async () => {
    const { tokenId } = await userWithToken();
    await expectMoves(0, [`UPDATE "ApiToken" SET "lastUsedAt" = ?, "lastUsedIp" = ? WHERE "id" = ?`, new Date(), "203.0.113.9", tokenId]);
    await expectMoves(0, [`UPDATE "ApiToken" SET "name" = 'renamed', "scopes" = "scopes", "revokedAt" = "revokedAt" WHERE "id" = ?`, tokenId]);
  });

  it("does not move for the usage flush's own statement, which does write last use", async () => {
    const { tokenId } = await userWithToken();
    const at = Date.now();
    const flush = lastUseSql([{ tokenId, at, ip: "198.51.100.7" }]);
    await expectMoves(0, [flush.sql, ...flush.values]);
    const [stored] = await rows(`SELECT "lastUsedAt", "lastUsedIp" FROM "ApiToken" WHERE "id" = ?`, tokenId);
    expect({ ...stored, lastUsedAt: Number(stored!.lastUsedAt) }).toEqual({ lastUsedAt: at, lastUsedIp: "198.51.100.7" });
  });

  it.each([
    ["role", "STANDARD"],
    ["disabledAt", new Date()],
    ["sessionsValidAfter", new Date()],
  ])("moves once when a user's %s changes, and not for their name", async (column, value) => {
    const { userId } = await userWithToken();
    await expectMoves(1, [`UPDATE "User" SET "${column}" = ? WHERE "id" = ?`, value, userId]);
    await expectMoves(0, [`UPDATE "User" SET "name" = 'Renamed' WHERE "id" = ?`, userId]);
  });

  it("moves when a user or a device is deleted, once more for each token that goes with it", async () => {
    const alone = await createUser();
    await expectMoves(1, [`DELETE FROM "User" WHERE "id" = ?`, alone.id]);
    const owner = await createUser();
    const device = await createDevice(owner.id);
    await expectMoves(1, [`DELETE FROM "Device" WHERE "id" = ?`, device.id]);
    const withToken = await createDevice(owner.id);
    await issueTestToken(owner.id, { kind: "DEVICE", deviceId: withToken.id });
    await expectMoves(2, [`DELETE FROM "Device" WHERE "id" = ?`, withToken.id]);
    // The user, their device and their token.
    const { userId } = await userWithToken();
    await expectMoves(3, [`DELETE FROM "User" WHERE "id" = ?`, userId]);
  });

  it("moves on any change to a policy: update, delete, insert", async () => {
    await expectMoves(1, [`UPDATE "Policy" SET "idleDisableDays" = "idleDisableDays" WHERE "role" = 'STANDARD'`]);
    // Put back as it was, in the same transaction, so that no other test sees the role without a policy.
    const [policy] = (await rows(`SELECT * FROM "Policy" WHERE "role" = 'STANDARD'`)) as [Record<string, unknown>];
    const columns = Object.keys(policy);
    const insert = `INSERT INTO "Policy" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
    await expectMoves(2, [`DELETE FROM "Policy" WHERE "role" = 'STANDARD'`], [insert, ...Object.values(policy)]);
  });
});
