// Raising is idempotent by key; the list, count and acknowledgement are for admins only, and an
// acknowledgement writes exactly one audit record.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { personOf } from "@/lib/testing/callers";
import { createUser, testDb } from "@/lib/testing/factories";
import { acknowledgeAlert, ALERTS_PAGE_SIZE, listAlerts, openAlertCount, raiseAlert, type AlertDraft } from "./alerts";

function draft(overrides: Partial<AlertDraft> = {}): AlertDraft {
  const subject = `tok_${crypto.randomUUID()}`;
  return { rule: "revoked-token-use", key: `revoked-token-use:token:${subject}:2026-12-02T10`, severity: "critical", title: "Revoked token used", subjectType: "token", subjectId: subject, detail: { count: 2 }, ...overrides };
}

describe("raiseAlert", () => {
  it("stores an alert once per key, however often or concurrently it is raised", async () => {
    const alert = draft();
    const results = await Promise.all([raiseAlert(alert), raiseAlert(alert), raiseAlert({ ...alert, title: "again" })]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const rows = await testDb().alert.findMany({ where: { key: alert.key } });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ count: 2 });
  });
});

describe("listAlerts and openAlertCount", () => {
  it("filter open and acknowledged alerts, newest first, a page at a time", async () => {
    const admin = personOf(await createUser({ role: "ADMIN" }));
    // Later than any other test's alerts (the webhook's are 20 years ahead), so these come first.
    const base = Date.now() + 100 * 365 * 24 * 3600_000;
    const drafts = Array.from({ length: ALERTS_PAGE_SIZE + 2 }, () => draft());
    for (const [i, d] of drafts.entries()) await raiseAlert(d, base + i * 1000);
    const newest = drafts.at(-1)!;

    const first = await listAlerts(admin, { status: "all", page: 1 });
    expect(first.alerts).toHaveLength(ALERTS_PAGE_SIZE);
    expect(first.alerts[0]).toMatchObject({ subjectId: newest.subjectId, severity: "critical", detail: { count: 2 }, acknowledgedAt: null, acknowledgedBy: null });
    expect(first.pages).toBeGreaterThanOrEqual(2);
    const second = await listAlerts(admin, { status: "all", page: 2 });
    expect(second.alerts.map((a) => a.subjectId).slice(0, 2)).toEqual([drafts[1]!.subjectId, drafts[0]!.subjectId]);
    // A page past the end is the last page; below 1 is the first.
    expect((await listAlerts(admin, { status: "all", page: 10_000 })).page).toBe(first.pages);
    expect((await listAlerts(admin, { status: "all", page: -3 })).page).toBe(1);

    const id = first.alerts[0]!.id;
    expect(await acknowledgeAlert(admin, id)).toEqual({ changed: true });
    // Other test files share the database and raise alerts meanwhile: at least this file's others are open.
    expect(await openAlertCount(admin)).toBeGreaterThanOrEqual(drafts.length - 1);
    const open = await listAlerts(admin, { status: "open", page: 1 });
    expect(open.alerts.map((a) => a.id)).not.toContain(id);
    const acknowledged = await listAlerts(admin, { status: "acknowledged", page: 1 });
    expect(acknowledged.alerts.find((a) => a.id === id)).toMatchObject({ acknowledgedBy: "Test User" });
  });

  it("refuse a Standard user", async () => {
    const standard = personOf(await createUser());
    await expect(listAlerts(standard, { status: "all", page: 1 })).rejects.toMatchObject({ name: "Refusal", code: "forbidden" });
    await expect(openAlertCount(standard)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("acknowledgeAlert", () => {
  it("acknowledges once, with one audit record; a second press changes nothing", async () => {
    const user = await createUser({ role: "ADMIN" });
    const admin = personOf(user);
    const alert = draft();
    await raiseAlert(alert);
    const { id } = await testDb().alert.findUniqueOrThrow({ where: { key: alert.key } });

    const results = await Promise.all([acknowledgeAlert(admin, id), acknowledgeAlert(admin, id)]);
    expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
    const row = await testDb().alert.findUniqueOrThrow({ where: { id } });
    expect(row.acknowledgedById).toBe(user.id);
    expect(row.acknowledgedAt).not.toBeNull();
    const records = await testDb().auditEvent.findMany({ where: { action: "alert.acknowledged", targetId: id } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actorType: "user", actorId: user.id, targetType: "alert", outcome: "success" });
    expect(JSON.parse(records[0]!.detail)).toMatchObject({ rule: "revoked-token-use", severity: "critical", subjectId: alert.subjectId });
  });

  it("refuses a Standard user and an unknown alert, changing nothing", async () => {
    const standard = personOf(await createUser());
    const admin = personOf(await createUser({ role: "ADMIN" }));
    const alert = draft();
    await raiseAlert(alert);
    const { id } = await testDb().alert.findUniqueOrThrow({ where: { key: alert.key } });

    await expect(acknowledgeAlert(standard, id)).rejects.toMatchObject({ name: "Refusal", code: "forbidden" });
    await expect(acknowledgeAlert(admin, "no-such-alert")).rejects.toMatchObject({ name: "Refusal", code: "not_found" });
    expect((await testDb().alert.findUniqueOrThrow({ where: { id } })).acknowledgedAt).toBeNull();
    expect(await testDb().auditEvent.count({ where: { action: "alert.acknowledged", targetId: id } })).toBe(0);
  });
});
