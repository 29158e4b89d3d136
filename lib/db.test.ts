import { afterAll, describe, expect, it } from "vitest";
import { connectDatabase } from "./db-connect";
import { onPostgres } from "./sql-dialect";
import { BUSY_TIMEOUT_MS } from "./sqlite";
import { createDevice, createUser } from "./testing/factories";

// A client of its own, opened the way the app opens one, rather than the factories' shared client.
const client = connectDatabase(process.env.DATABASE_URL!);

afterAll(() => client.$disconnect());

/** The single value a PRAGMA returns; integers may come back as bigint. */
async function pragma(name: string): Promise<unknown> {
  const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  const value = Object.values(rows[0] ?? {})[0];
  return typeof value === "bigint" ? Number(value) : value;
}

describe("the database connection", () => {
  // SQLite's settings; PostgreSQL has these by design.
  it.skipIf(onPostgres)("uses write-ahead logging", async () => {
    expect(await pragma("journal_mode")).toBe("wal");
  });

  it.skipIf(onPostgres)("enforces foreign keys", async () => {
    expect(await pragma("foreign_keys")).toBe(1);
  });

  it.skipIf(onPostgres)("waits for a busy writer instead of failing at once", async () => {
    expect(await pragma("busy_timeout")).toBe(BUSY_TIMEOUT_MS);
  });

  it.skipIf(onPostgres)("keeps readings and rollups clustered on their key, each row stored once", async () => {
    const tables = await client.$queryRawUnsafe<{ name: string; sql: string }[]>(
      `SELECT "name", "sql" FROM sqlite_master WHERE "type" = 'table' AND "name" IN ('Telemetry', 'TelemetryRollup') ORDER BY "name"`,
    );
    expect(tables.map((table) => [table.name, /\bWITHOUT ROWID\s*$/i.test(table.sql)])).toEqual([
      ["Telemetry", true],
      ["TelemetryRollup", true],
    ]);
  });

  it("deletes a user's devices, metrics and readings with the user", async () => {
    const user = await createUser();
    const device = await createDevice(user.id, { readings: [{ key: "temperature", values: [[new Date(), 20]] }] });
    const metric = await client.metric.findFirstOrThrow({ where: { deviceId: device.id }, select: { id: true } });
    expect(await client.telemetry.count({ where: { metricId: metric.id } })).toBe(1);

    await client.user.delete({ where: { id: user.id } });

    expect(await client.device.count({ where: { id: device.id } })).toBe(0);
    expect(await client.metric.count({ where: { id: metric.id } })).toBe(0);
    expect(await client.telemetry.count({ where: { metricId: metric.id } })).toBe(0);
  });

  it("refuses a device whose owner does not exist", async () => {
    const ownerId = "no-such-user";
    await expect(client.device.create({ data: { ownerId, name: "Orphan", kind: "thermostat" } })).rejects.toThrow();
    // Raw SQL too, so that it is the database that refuses, not only Prisma's own relation checks.
    await expect(
      client.$executeRaw`INSERT INTO "Device" ("id", "ownerId", "name", "kind", "updatedAt") VALUES ('orphan-raw', ${ownerId}, 'Orphan', 'thermostat', ${new Date()})`,
    ).rejects.toThrow(/FOREIGN KEY|Foreign key constraint/i);
    expect(await client.device.count({ where: { ownerId } })).toBe(0);
  });
});

// SQLite's snapshot conflict; PostgreSQL's READ COMMITTED transaction sees the other's commit instead.
describe.skipIf(onPostgres)("transaction", () => {
  it("runs a transaction again when another connection changed the database after its first read", async () => {
    const { transaction } = await import("./db");
    const other = connectDatabase(process.env.DATABASE_URL!);
    const user = await createUser();
    let runs = 0;
    const name = await transaction(async (tx) => {
      runs++;
      await tx.user.findUniqueOrThrow({ where: { id: user.id } });
      // Another connection commits between this transaction's read and its write: SQLITE_BUSY_SNAPSHOT.
      if (runs === 1) await other.user.update({ where: { id: user.id }, data: { name: "Changed elsewhere" } });
      const updated = await tx.user.update({ where: { id: user.id }, data: { name: `Written on run ${runs}` } });
      return updated.name;
    });
    await other.$disconnect();
    expect(runs).toBe(2);
    expect(name).toBe("Written on run 2");
  });
});
