// isBusy recognises SQLite's "busy" as it comes through Prisma's driver adapter, so that
// transaction() runs again a transaction another connection got in the way of.
import { describe, expect, it } from "vitest";
import { isBusy } from "./db";

/** The shape Prisma 6's better-sqlite3 adapter gives a SQLITE_BUSY: P1008 "Operation has timed out". */
const adapterBusy = (originalCode: string) =>
  Object.assign(new Error("Invalid `tx.apiToken.create()` invocation: Operation has timed out"), {
    code: "P1008",
    meta: { driverAdapterError: { cause: { originalCode, originalMessage: "database is busy", kind: "SocketTimeout" } } },
  });

describe("isBusy", () => {
  it("recognises SQLite's busy codes through the driver adapter", () => {
    expect(isBusy(adapterBusy("SQLITE_BUSY"))).toBe(true);
    expect(isBusy(adapterBusy("SQLITE_BUSY_SNAPSHOT"))).toBe(true);
  });

  it("recognises better-sqlite3's own error and message", () => {
    expect(isBusy(Object.assign(new Error("x"), { code: "SQLITE_BUSY" }))).toBe(true);
    expect(isBusy(new Error("database is locked"))).toBe(true);
  });

  it("does not take anything else for busy", () => {
    expect(isBusy(adapterBusy("SQLITE_CONSTRAINT_UNIQUE"))).toBe(false);
    expect(isBusy(Object.assign(new Error("Operation has timed out"), { code: "P1008" }))).toBe(false);
    expect(isBusy(null)).toBe(false);
    expect(isBusy("busy")).toBe(false);
  });
});
