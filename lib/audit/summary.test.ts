// Summaries: one record per distinct event and flush, counts kept through a failed flush, and a
// bounded memory however many distinct events arrive.
import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { testDb } from "@/lib/testing/factories";
import { flushAuditSummaries, MAX_PENDING, summariseAudit } from "./summary";
import { allowInserts, refuseInserts } from "@/lib/testing/refuse-inserts";

const anonymous = (ip: string) => ({ type: "anonymous" as const, ip });

afterEach(async () => {
  await allowInserts(db, "AuditEvent");
});

describe("summariseAudit", () => {
  it("writes one record per distinct event, with its count and first and last times", async () => {
    const action = `test.summary_${crypto.randomUUID()}`;
    for (let i = 0; i < 5; i++) summariseAudit({ actor: anonymous("192.0.2.1"), action, detail: { reason: "a" }, at: new Date(1_000 + i) });
    summariseAudit({ actor: anonymous("192.0.2.2"), action, detail: { reason: "a" }, at: new Date(2_000) });
    expect(await testDb().auditEvent.count({ where: { action } })).toBe(0);
    await flushAuditSummaries();
    const rows = await testDb().auditEvent.findMany({ where: { action }, orderBy: { ip: "asc" } });
    expect(rows.map((r) => [r.ip, JSON.parse(r.detail)])).toEqual([
      ["192.0.2.1", { reason: "a", count: 5, firstAt: new Date(1_000).toISOString(), lastAt: new Date(1_004).toISOString() }],
      ["192.0.2.2", { reason: "a", count: 1, firstAt: new Date(2_000).toISOString(), lastAt: new Date(2_000).toISOString() }],
    ]);
    expect(await flushAuditSummaries()).toBe(0);
  });

  it("keeps the counts of a flush that failed for the next one", async () => {
    const action = `test.summary_${crypto.randomUUID()}`;
    summariseAudit({ actor: anonymous("192.0.2.3"), action });
    await refuseInserts(db, "AuditEvent");
    await expect(flushAuditSummaries()).rejects.toThrow();
    summariseAudit({ actor: anonymous("192.0.2.3"), action });
    await allowInserts(db, "AuditEvent");
    await flushAuditSummaries();
    const rows = await testDb().auditEvent.findMany({ where: { action } });
    expect(rows.map((r) => JSON.parse(r.detail).count)).toEqual([2]);
  });

  it("counts events past its limit by action only, in one overflow record", async () => {
    const action = `test.summary_${crypto.randomUUID()}`;
    for (let i = 0; i < MAX_PENDING + 25; i++) summariseAudit({ actor: anonymous(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`), action });
    await flushAuditSummaries();
    expect(await testDb().auditEvent.count({ where: { action } })).toBe(MAX_PENDING);
    const [overflow] = await testDb().auditEvent.findMany({ where: { action: "audit.summary_overflow", detail: { contains: action } } });
    expect(JSON.parse(overflow!.detail)).toMatchObject({ of: action, count: 25, limit: MAX_PENDING });
  });
});
