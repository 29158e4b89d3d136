import { describe, expect, it } from "vitest";
import { db } from "./db";
import { asBool, asDate, asMs, readRows } from "./db-read";
import { Prisma } from "./generated/prisma/client";
import { onPostgres } from "./sql-dialect";
import { createDevice, createUser } from "./testing/factories";

describe("reads on the driver", () => {
  it("sees a write through Prisma as soon as it is committed", async () => {
    const user = await createUser();
    const sql = () => Prisma.sql`SELECT "name" FROM "User" WHERE "id" = ${user.id}`;
    expect(await readRows(sql())).toEqual([{ name: user.name }]);
    await db.user.update({ where: { id: user.id }, data: { name: "Renamed on the other connection" } });
    expect(await readRows(sql())).toEqual([{ name: "Renamed on the other connection" }]);
  });

  it("binds dates and booleans as SQLite stores them, and gives them back in a form the helpers read", async () => {
    const user = await createUser();
    const device = await createDevice(user.id, { enabled: true });
    const stored = await db.device.findUniqueOrThrow({ where: { id: device.id }, select: { createdAt: true } });
    const [row] = await readRows<{ enabled: number; createdAt: number }>(
      Prisma.sql`SELECT "enabled", "createdAt" FROM "Device" WHERE "id" = ${device.id} AND "enabled" = ${true} AND "createdAt" = ${stored.createdAt}`,
    );
    expect(row).toBeDefined();
    expect(asBool(row!.enabled)).toBe(true);
    expect(asDate(row!.createdAt)).toEqual(stored.createdAt);
    expect(asMs(row!.createdAt)).toBe(stored.createdAt.getTime());
    expect(asDate(stored.createdAt)).toBe(stored.createdAt);
    expect(asMs(null)).toBeNull();
  });

  // SQLite's reader is a connection of its own, set to query_only; PostgreSQL reads through Prisma.
  it.skipIf(onPostgres)("only reads: a write on its connection is refused", async () => {
    await expect(readRows(Prisma.sql`DELETE FROM "User" WHERE "id" = ${"nobody"} RETURNING "id"`)).rejects.toThrow(/readonly|read-only|query_only/i);
  });

  it("keeps a bounded number of statements, and still answers every one", async () => {
    const user = await createUser();
    // 300 distinct statement texts, past the 256 kept: the oldest are dropped, none is wrong.
    for (let i = 0; i < 300; i++) {
      const [row] = await readRows<{ id: string; n: number }>(Prisma.sql`SELECT "id", ${i} + ${Prisma.raw(String(i))} AS "n" FROM "User" WHERE "id" = ${user.id}`);
      expect(row).toEqual({ id: user.id, n: 2 * i });
    }
  });
});
