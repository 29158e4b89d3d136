// The visibility rule as SQL must be the rule itself: what it cannot translate, it refuses.
import { describe, expect, it } from "vitest";
import { personOf, tokenCallerOf } from "@/lib/testing/callers";
import { Prisma } from "@/lib/generated/prisma/client";
import { deviceWhereSql, visibleSql } from "./visible";

const text = (sql: Prisma.Sql) => ({ sql: sql.sql, values: sql.values });

describe("visibleSql", () => {
  it("lets an admin see every device, a user their own, a device token its one device", () => {
    expect(text(visibleSql(personOf({ id: "a1", role: "ADMIN" })))).toEqual({ sql: "TRUE", values: [] });
    expect(text(visibleSql(personOf({ id: "u1", role: "STANDARD" })))).toEqual({ sql: '(d."ownerId" = ?)', values: ["u1"] });
    expect(text(visibleSql(tokenCallerOf({ id: "u1", role: "STANDARD" }, { deviceId: "d1" })))).toEqual({ sql: '(d."ownerId" = ? AND d."id" = ?)', values: ["u1", "d1"] });
    expect(text(visibleSql(tokenCallerOf({ id: "a1", role: "ADMIN" }, { deviceId: "d1" })))).toEqual({ sql: '(d."id" = ?)', values: ["d1"] });
  });

  it("refuses a condition it cannot translate rather than leave it out", () => {
    expect(() => deviceWhereSql({ ownerId: "u1", AND: [{ id: "d1" }] })).not.toThrow();
    expect(() => deviceWhereSql({ owner: { disabledAt: null } })).toThrow(/cannot translate the condition on owner/);
    expect(() => deviceWhereSql({ ownerId: { in: ["u1", "u2"] } })).toThrow(/ownerId/);
  });
});
