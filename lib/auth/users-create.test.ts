import { describe, expect, it } from "vitest";
import { personOf } from "@/lib/testing/callers";
import { createUser as createTestUser, testDb } from "@/lib/testing/factories";
import { hashToken } from "@/lib/tokens/hash";
import { PASSWORD_LINK_TTL_MS } from "./password-links";
import { NO_USER_FILTER } from "./user-filter";
import { createUser, listUsers } from "./users";

const IP = "198.51.100.21";
const audit = (targetId: string) => testDb().auditEvent.findMany({ where: { targetId }, orderBy: { id: "asc" } });
const uniqueEmail = () => `new-${crypto.randomUUID()}@test.gatehouse.local`;

describe("createUser", () => {
  it("creates a user without a password, with a one-time link, and audits each step once", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const email = uniqueEmail();
    const before = Date.now();
    const { user, link } = await createUser(personOf(admin, IP), { name: "  Ada Lovelace ", email: `  ${email.toUpperCase()} `, role: "STANDARD" });

    expect(user).toEqual({ id: expect.any(String), email, name: "Ada Lovelace", role: "STANDARD" });
    const row = await testDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toBeNull();

    const secret = link.url.replace("http://localhost:3000/set-password/", "");
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url).not.toMatch(/gth_(dsh|pat|dev)_/);
    expect(link.expiresAt.getTime()).toBeGreaterThanOrEqual(before + PASSWORD_LINK_TTL_MS);
    // Only the HMAC is stored.
    const links = await testDb().passwordLink.findMany({ where: { userId: user.id } });
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ hash: hashToken(secret), usedAt: null, createdById: admin.id });
    expect(JSON.stringify(links)).not.toContain(secret);

    const records = await audit(user.id);
    expect(records.map((r) => r.action)).toEqual(["user.created", "user.password_link_issued"]);
    expect(records[0]).toMatchObject({ actorType: "user", actorId: admin.id, ip: IP, targetType: "user", outcome: "success" });
    expect(JSON.parse(records[0]!.detail)).toEqual({ role: "STANDARD", email });
    expect(JSON.parse(records[1]!.detail)).toEqual({ expiresAt: link.expiresAt.toISOString() });
    expect(records.map((r) => r.detail).join()).not.toContain(secret);
  });

  it("refuses a taken email, in any case, with a conflict that names it, and changes nothing", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const existing = await createTestUser();
    const users = await testDb().user.count();
    const attempt = createUser(personOf(admin), { name: "Twin", email: existing.email.toUpperCase(), role: "ADMIN" });
    await expect(attempt).rejects.toMatchObject({ name: "Refusal", code: "conflict", field: "email", message: expect.stringContaining(existing.email) });
    expect(await testDb().user.count()).toBe(users);
    expect(await testDb().auditEvent.count({ where: { action: "user.created", detail: { contains: existing.email } } })).toBe(0);
  });

  it("lets only one of two simultaneous creations of an email through", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const email = uniqueEmail();
    const results = await Promise.allSettled([1, 2].map((n) => createUser(personOf(admin), { name: `Racer ${n}`, email, role: "STANDARD" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { name: "Refusal", code: "conflict" } });
    expect(await testDb().user.count({ where: { email } })).toBe(1);
  });

  it("refuses bad input with the field it is about", async () => {
    const admin = personOf(await createTestUser({ role: "ADMIN" }));
    await expect(createUser(admin, { name: " ", email: uniqueEmail(), role: "STANDARD" })).rejects.toMatchObject({ code: "invalid", field: "name" });
    await expect(createUser(admin, { name: "N", email: "not-an-email", role: "STANDARD" })).rejects.toMatchObject({ code: "invalid", field: "email" });
    await expect(createUser(admin, { name: "N", email: uniqueEmail(), role: "ROOT" as "ADMIN" })).rejects.toMatchObject({ code: "invalid", field: "role" });
  });

  it("refuses a standard user and changes nothing", async () => {
    const standard = await createTestUser();
    const input = { name: "N", email: uniqueEmail(), role: "STANDARD" as const };
    await expect(createUser(personOf(standard), input)).rejects.toMatchObject({ code: "forbidden" });
    expect(await testDb().user.count({ where: { email: input.email } })).toBe(0);
    expect(await testDb().auditEvent.count({ where: { actorId: standard.id } })).toBe(0);
  });

  it("lets Gatehouse itself create the first admin, audited as the system", async () => {
    const { user } = await createUser("system", { name: "First", email: uniqueEmail(), role: "ADMIN" });
    const records = await audit(user.id);
    expect(records.map((r) => [r.action, r.actorType, r.actorId])).toEqual([
      ["user.created", "system", null],
      ["user.password_link_issued", "system", null],
    ]);
  });

  it("shows a new user as having no password in the admin list", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const { user } = await createUser(personOf(admin), { name: "Pending", email: uniqueEmail(), role: "STANDARD" });
    const listed = async (email: string) => (await listUsers(personOf(admin), { ...NO_USER_FILTER, q: email })).users;
    expect(await listed(user.email)).toMatchObject([{ id: user.id, hasPassword: false }]);
    expect(await listed(admin.email)).toMatchObject([{ id: admin.id, hasPassword: true }]);
  });
});
