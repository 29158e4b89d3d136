import { afterEach, describe, expect, it, vi } from "vitest";
import { db, isBusy, transaction, writerConnection } from "./db";
import { readRows } from "./db-read";
import { sqlWriter } from "./db-write";
import { Prisma } from "./generated/prisma/client";
import { onPostgres } from "./sql-dialect";
import { BUSY_TIMEOUT_MS } from "./sqlite";
import { createUser } from "./testing/factories";

const rename = (id: string, name: string) => Prisma.sql`UPDATE "User" SET "name" = ${name}, "updatedAt" = ${new Date()} WHERE "id" = ${id}`;
const nameOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { name: true } })).name;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("batches written on the driver", () => {
  // SQLite's writer is Prisma's own connection; PostgreSQL's batch goes through Prisma's transaction.
  it.skipIf(onPostgres)("run on the connection Prisma writes on, not through Prisma, and Prisma and the readers see them at once", async () => {
    const user = await createUser();
    const connection = writerConnection();
    expect(connection, "Prisma's own connection, kept from its adapter").not.toBeNull();
    const throughPrisma = vi.spyOn(db, "$transaction");
    await sqlWriter.run([rename(user.id, "First"), rename(user.id, "Second")]);
    expect(throughPrisma).not.toHaveBeenCalled();
    expect(await nameOf(user.id)).toBe("Second");
    expect(await readRows(Prisma.sql`SELECT "name" FROM "User" WHERE "id" = ${user.id}`)).toEqual([{ name: "Second" }]);
    // The runner and its statements are kept for the connection: the next batch prepares nothing.
    const prepares = vi.spyOn(connection!, "prepare");
    await sqlWriter.run([rename(user.id, "Third")]);
    expect(prepares).not.toHaveBeenCalled();
    expect(await nameOf(user.id)).toBe("Third");
  });

  it("binds dates and booleans as Prisma stores them", async () => {
    const user = await createUser();
    const when = new Date(Date.UTC(2026, 5, 1, 12, 30));
    await sqlWriter.run([Prisma.sql`UPDATE "User" SET "disabledAt" = ${when} WHERE "id" = ${user.id} AND ${true}`]);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { disabledAt: true } })).disabledAt).toEqual(when);
  });

  it("writes all of a batch or none of it", async () => {
    const [user, other] = [await createUser(), await createUser()];
    // The second statement breaks the unique email: the first one's rename must not stay.
    const batch = [rename(user.id, "Half done"), Prisma.sql`UPDATE "User" SET "email" = ${other.email} WHERE "id" = ${user.id}`];
    await expect(sqlWriter.run(batch)).rejects.toThrow(/UNIQUE|Unique constraint/i);
    expect(await nameOf(user.id)).toBe(user.name);
    if (!onPostgres) expect(writerConnection()!.inTransaction).toBe(false);
  });

  it("never joins a Prisma transaction that is open on the connection: it waits for it, and outlives its rollback", async () => {
    const user = await createUser();
    let batch: Promise<void> | undefined;
    const aborted = transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { name: "Rolled back" } });
      // The transaction awaits with BEGIN open on the shared connection: a batch now must not run inside it.
      batch = sqlWriter.run([rename(user.id, "Batch")]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error("abandoned");
    });
    await expect(aborted).rejects.toThrow("abandoned");
    await batch;
    expect(await nameOf(user.id)).toBe("Batch");
  });

  it.skipIf(onPostgres)("gives up with SQLITE_BUSY, which isBusy knows, when a transaction stays open past the busy timeout", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"] });
    try {
      const connection = writerConnection()!;
      connection.prepare("BEGIN").run();
      const batch = sqlWriter.run([Prisma.sql`SELECT 1`]).catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(BUSY_TIMEOUT_MS + 50);
      connection.prepare("ROLLBACK").run();
      expect(isBusy(await batch)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
