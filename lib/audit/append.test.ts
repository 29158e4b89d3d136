import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { personOf, tokenCallerOf } from "@/lib/testing/callers";
import { testDb } from "@/lib/testing/factories";
import { appendAudit } from "./append";

/** A target id no other test uses, to find this test's records in the shared database. */
const uniqueTarget = () => ({ type: "token", id: `test-${crypto.randomUUID()}` });

describe("appendAudit", () => {
  it("writes the actor, action, target and JSON detail", async () => {
    const target = uniqueTarget();
    const before = Date.now();
    await appendAudit({
      actor: personOf({ id: "user-1", role: "STANDARD" }, "203.0.113.7"),
      action: "token.issued",
      target,
      detail: { kind: "PERSONAL", scopes: ["devices:read"], days: 30, nested: { ok: true } },
    });

    const rows = await testDb().auditEvent.findMany({ where: { targetId: target.id } });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ actorType: "user", actorId: "user-1", ip: "203.0.113.7", action: "token.issued", targetType: "token", targetId: target.id });
    expect(JSON.parse(row.detail)).toEqual({ kind: "PERSONAL", scopes: ["devices:read"], days: 30, nested: { ok: true } });
    expect(row.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(row.at.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("records a token's change as the token's, with its owner's id", async () => {
    const target = uniqueTarget();
    const caller = { ...tokenCallerOf({ id: "user-2", role: "STANDARD" }), tokenId: "token-9", ip: "203.0.113.8" };
    await appendAudit({ actor: caller, action: "device.deleted", target, detail: { name: "Shed" } });

    const row = await testDb().auditEvent.findFirstOrThrow({ where: { targetId: target.id } });
    expect(row).toMatchObject({ actorType: "token", actorId: "user-2", tokenId: "token-9", ip: "203.0.113.8" });
    expect(JSON.parse(row.detail)).toEqual({ name: "Shed" });
  });

  it("writes nulls and an empty object for a system actor without target or detail", async () => {
    const action = `test.${crypto.randomUUID()}`;
    await appendAudit({ actor: "system", action });

    const row = await testDb().auditEvent.findFirstOrThrow({ where: { action } });
    expect(row).toMatchObject({ actorType: "system", actorId: null, ip: null, targetType: null, targetId: null, detail: "{}" });
  });

  it("commits with the transaction it is given", async () => {
    const target = uniqueTarget();
    await db.$transaction(async (tx) => {
      await appendAudit({ actor: "system", action: "test.committed", target }, tx);
    });
    expect(await testDb().auditEvent.count({ where: { targetId: target.id } })).toBe(1);
  });

  it("writes nothing when its transaction throws", async () => {
    const target = uniqueTarget();
    await expect(
      db.$transaction(async (tx) => {
        await appendAudit({ actor: "system", action: "test.rolled_back", target }, tx);
        // Visible inside the transaction...
        expect(await tx.auditEvent.count({ where: { targetId: target.id } })).toBe(1);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    // ...and gone after it.
    expect(await testDb().auditEvent.count({ where: { targetId: target.id } })).toBe(0);
  });
});
