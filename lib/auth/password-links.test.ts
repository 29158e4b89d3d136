import { describe, expect, it } from "vitest";
import { personOf } from "@/lib/testing/callers";
import { createUser as createTestUser, testDb } from "@/lib/testing/factories";
import { authenticate } from "./credentials";
import { verifyPassword } from "./password";
import { findPasswordLink, issuePasswordLink, LINK_NOT_VALID, setPasswordWithLink } from "./password-links";
import { createUser } from "./users";

const IP = "198.51.100.33";
const PASSWORD = "correct horse battery staple";

/** A new user with their first link, as an admin makes them. */
async function invited() {
  const admin = await createTestUser({ role: "ADMIN" });
  const email = `invited-${crypto.randomUUID()}@test.gatehouse.local`;
  const { user, link } = await createUser(personOf(admin), { name: "Invited", email, role: "STANDARD" });
  return { admin, user, secret: secretOf(link.url) };
}

const secretOf = (url: string) => url.split("/set-password/")[1]!;
const stored = (id: string) => testDb().user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true, sessionsValidAfter: true } });
const audit = (targetId: string, action: string) => testDb().auditEvent.findMany({ where: { targetId, action } });

describe("findPasswordLink", () => {
  it("names the holder of a usable link, and answers null alike for anything else", async () => {
    const { user, secret } = await invited();
    expect(await findPasswordLink(secret)).toEqual({ email: user.email, name: "Invited" });
    for (const other of ["", "short", secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A"), `${secret}x`, "../../etc/passwd"]) {
      expect(await findPasswordLink(other)).toBeNull();
    }
  });
});

describe("setPasswordWithLink", () => {
  it("sets the password, ends the user's sessions, uses the link up and audits it once", async () => {
    const { user, secret } = await invited();
    const before = Date.now();
    await expect(setPasswordWithLink(secret, PASSWORD, IP)).resolves.toEqual({ email: user.email });
    const row = await stored(user.id);
    expect(await verifyPassword(row.passwordHash!, PASSWORD)).toBe(true);
    expect(row.sessionsValidAfter!.getTime()).toBeGreaterThanOrEqual(before);
    expect((await testDb().passwordLink.findFirstOrThrow({ where: { userId: user.id } })).usedAt).toBeInstanceOf(Date);
    const records = await audit(user.id, "user.password_set");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actorType: "user", actorId: user.id, ip: IP, outcome: "success" });
    expect(JSON.stringify(records)).not.toContain(secret);
    expect(await authenticate({ email: user.email, password: PASSWORD })).toMatchObject({ id: user.id });
  });

  it("refuses a second use, and the link is then unknown to the page", async () => {
    const { user, secret } = await invited();
    await setPasswordWithLink(secret, PASSWORD, IP);
    const first = (await stored(user.id)).passwordHash;
    await expect(setPasswordWithLink(secret, "another long password", IP)).rejects.toMatchObject({ name: "Refusal", message: LINK_NOT_VALID });
    expect((await stored(user.id)).passwordHash).toBe(first);
    expect(await findPasswordLink(secret)).toBeNull();
    expect(await audit(user.id, "user.password_set")).toHaveLength(1);
  });

  it("lets exactly one of two simultaneous uses through", async () => {
    const { user, secret } = await invited();
    const results = await Promise.allSettled([setPasswordWithLink(secret, "first racer password", IP), setPasswordWithLink(secret, "second racer password", IP)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { message: LINK_NOT_VALID } });
    const winner = results[0]!.status === "fulfilled" ? "first racer password" : "second racer password";
    expect(await verifyPassword((await stored(user.id)).passwordHash!, winner)).toBe(true);
    expect(await audit(user.id, "user.password_set")).toHaveLength(1);
  });

  it("refuses an expired link and changes nothing", async () => {
    const { user, secret } = await invited();
    await testDb().passwordLink.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await findPasswordLink(secret)).toBeNull();
    await expect(setPasswordWithLink(secret, PASSWORD, IP)).rejects.toMatchObject({ message: LINK_NOT_VALID });
    expect((await stored(user.id)).passwordHash).toBeNull();
  });

  it("refuses a link voided by a newer one, which works", async () => {
    const { admin, user, secret: older } = await invited();
    const newer = secretOf((await issuePasswordLink(personOf(admin), user.id)).url);
    expect(newer).not.toBe(older);
    expect(await findPasswordLink(older)).toBeNull();
    await expect(setPasswordWithLink(older, PASSWORD, IP)).rejects.toMatchObject({ message: LINK_NOT_VALID });
    await setPasswordWithLink(newer, PASSWORD, IP);
    expect((await stored(user.id)).passwordHash).not.toBeNull();
  });

  it("refuses a link of a user disabled since", async () => {
    const { user, secret } = await invited();
    await testDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await findPasswordLink(secret)).toBeNull();
    await expect(setPasswordWithLink(secret, PASSWORD, IP)).rejects.toMatchObject({ message: LINK_NOT_VALID });
  });

  it("refuses a short or overlong password before using the link", async () => {
    const { secret } = await invited();
    await expect(setPasswordWithLink(secret, "too short", IP)).rejects.toMatchObject({ code: "invalid", field: "password" });
    await expect(setPasswordWithLink(secret, "x".repeat(1025), IP)).rejects.toMatchObject({ code: "invalid", field: "password" });
    expect(await findPasswordLink(secret)).not.toBeNull();
  });
});

describe("issuePasswordLink", () => {
  it("gives a user who has a password a link to reset it, audited with its expiry only", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const user = await createTestUser();
    const link = await issuePasswordLink(personOf(admin, IP), user.id);
    const records = await audit(user.id, "user.password_link_issued");
    expect(records).toHaveLength(1);
    expect(JSON.parse(records[0]!.detail)).toEqual({ expiresAt: link.expiresAt.toISOString() });
    // Their old password works until the link is used.
    expect(await authenticate({ email: user.email, password: user.password })).not.toBeNull();
    await setPasswordWithLink(secretOf(link.url), PASSWORD, IP);
    expect(await authenticate({ email: user.email, password: user.password })).toBeNull();
  });

  it("refuses a standard user, a disabled target and an unknown user", async () => {
    const admin = personOf(await createTestUser({ role: "ADMIN" }));
    const standard = await createTestUser();
    const disabled = await createTestUser({ disabled: true });
    await expect(issuePasswordLink(personOf(standard), standard.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(issuePasswordLink(admin, disabled.id)).rejects.toMatchObject({ code: "invalid" });
    await expect(issuePasswordLink(admin, "no-such-user")).rejects.toMatchObject({ code: "not_found" });
    expect(await testDb().passwordLink.count({ where: { userId: { in: [standard.id, disabled.id] } } })).toBe(0);
  });
});
