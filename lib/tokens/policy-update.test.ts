import { afterAll, describe, expect, it, vi } from "vitest";
import { personOf, tokenCallerOf } from "@/lib/testing/callers";
import { createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { verifyToken } from "./verify";
import { getPolicy, LIFETIME_CEILING_DAYS, listPolicies, updatePolicy } from "./policy";

// Policies are shared rows that other test files read while they run: these tests change them in
// a database of their own, migrated here before lib/db reads DATABASE_URL.
const own = await vi.hoisted(async () => {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const { migrate } = await import("@/lib/cli/run");
  const shared = process.env.DATABASE_URL;
  const dir = fs.mkdtempSync(path.join(process.cwd(), ".data", "vitest-policy-"));
  const url = `file:${path.join(dir, "policy.db")}`;
  migrate({ ...process.env, DATABASE_URL: url });
  process.env.DATABASE_URL = url;
  return { dir, shared, fs };
});

afterAll(async () => {
  await testDb().$disconnect();
  process.env.DATABASE_URL = own.shared;
  own.fs.rmSync(own.dir, { recursive: true, force: true });
});

const DEFAULTS = { maxLifetimeDays: 90, rotationIntervalDays: 90, gracePeriodHours: 24, idleDisableDays: 60 };
const audit = () => testDb().auditEvent.findMany({ where: { action: "policy.changed" }, orderBy: { id: "asc" } });

describe("updatePolicy", () => {
  it("runs against a database of its own", () => {
    expect(process.env.DATABASE_URL).toContain("vitest-policy-");
  });

  it("changes a role's policy and audits before and after in one record", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const after = { maxLifetimeDays: 30, rotationIntervalDays: 14, gracePeriodHours: 0, idleDisableDays: 7 };
    const result = await updatePolicy(personOf(admin), "STANDARD", after);
    expect(result).toMatchObject({ changed: true, policy: { role: "STANDARD", ...after } });
    expect(await getPolicy("STANDARD")).toMatchObject(after);
    const records = await audit();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actorId: admin.id, targetType: "policy", targetId: "STANDARD" });
    expect(JSON.parse(records[0]!.detail)).toEqual({ role: "STANDARD", before: DEFAULTS, after });

    // The same values again change nothing and write no record.
    expect((await updatePolicy(personOf(admin), "STANDARD", after)).changed).toBe(false);
    expect(await audit()).toHaveLength(1);
    await updatePolicy(personOf(admin), "STANDARD", DEFAULTS);
  });

  it("bounds the lifetime by the role's ceiling: 90 days Standard, 180 Admin", async () => {
    const admin = personOf(await createUser({ role: "ADMIN" }));
    expect(LIFETIME_CEILING_DAYS).toEqual({ STANDARD: 90, ADMIN: 180 });
    const over = { ...DEFAULTS, maxLifetimeDays: 91 };
    await expect(updatePolicy(admin, "STANDARD", over)).rejects.toMatchObject({ name: "Refusal", code: "invalid", field: "maxLifetimeDays" });
    await expect(updatePolicy(admin, "ADMIN", { ...DEFAULTS, maxLifetimeDays: 181 })).rejects.toMatchObject({ field: "maxLifetimeDays" });
    await updatePolicy(admin, "ADMIN", { ...DEFAULTS, maxLifetimeDays: 180, rotationIntervalDays: 180 });
    expect((await getPolicy("ADMIN")).maxLifetimeDays).toBe(180);
    expect((await getPolicy("STANDARD")).maxLifetimeDays).toBe(90);
    expect(await listPolicies(admin)).toEqual([
      expect.objectContaining({ role: "ADMIN", ceilingDays: 180 }),
      expect.objectContaining({ role: "STANDARD", ceilingDays: 90 }),
    ]);
  });

  it.each([
    ["maxLifetimeDays", 0],
    ["maxLifetimeDays", 2.5],
    ["rotationIntervalDays", 0],
    ["rotationIntervalDays", 91],
    ["gracePeriodHours", -1],
    ["gracePeriodHours", 169],
    ["idleDisableDays", 0],
    ["idleDisableDays", 366],
    ["idleDisableDays", Number.NaN],
  ])("refuses %s = %s and changes nothing", async (field, value) => {
    const admin = personOf(await createUser({ role: "ADMIN" }));
    const before = await audit();
    await expect(updatePolicy(admin, "STANDARD", { ...DEFAULTS, [field]: value })).rejects.toMatchObject({ code: "invalid", field });
    expect(await getPolicy("STANDARD")).toMatchObject(DEFAULTS);
    expect(await audit()).toHaveLength(before.length);
  });

  it("keeps the rotation interval within the lifetime", async () => {
    const admin = personOf(await createUser({ role: "ADMIN" }));
    await expect(updatePolicy(admin, "STANDARD", { ...DEFAULTS, maxLifetimeDays: 30, rotationIntervalDays: 31 })).rejects.toMatchObject({ field: "rotationIntervalDays" });
  });

  it("refuses a standard user and a token, and lists nothing for them", async () => {
    const standard = await createUser();
    const admin = await createUser({ role: "ADMIN" });
    await expect(updatePolicy(personOf(standard), "STANDARD", { ...DEFAULTS, idleDisableDays: 1 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listPolicies(personOf(standard))).rejects.toMatchObject({ code: "forbidden" });
    await expect(updatePolicy(tokenCallerOf(admin, { scopes: ["devices:read"] }) as never, "STANDARD", DEFAULTS)).rejects.toMatchObject({ code: "forbidden" });
    expect(await getPolicy("STANDARD")).toMatchObject(DEFAULTS);
  });

  it("applies a new idle limit to existing tokens at their next use", async () => {
    const admin = personOf(await createUser({ role: "ADMIN" }));
    const owner = await createUser();
    const issued = await issueTestToken(owner.id);
    await testDb().apiToken.update({ where: { id: issued.view.id }, data: { lastUsedAt: new Date(Date.now() - 3 * 24 * 3600_000) } });
    expect((await verifyToken(issued.token)).ok).toBe(true);
    await updatePolicy(admin, "STANDARD", { ...DEFAULTS, idleDisableDays: 2 });
    // The verified-token cache holds a caller for at most half a second.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await verifyToken(issued.token)).toMatchObject({ ok: false });
    await updatePolicy(admin, "STANDARD", DEFAULTS);
  });
});
