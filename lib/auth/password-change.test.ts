import { describe, expect, it } from "vitest";
import { personOf } from "@/lib/testing/callers";
import { createUser, testDb } from "@/lib/testing/factories";
import { authenticate } from "./credentials";
import { changeOwnPassword, PASSWORD_CHANGES_PER_MINUTE } from "./password-change";
import { sessionIsCurrent } from "./session";

const IP = "198.51.100.44";
const NEW = "a brand new long password";

const row = (id: string) => testDb().user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true, sessionsValidAfter: true, disabledAt: true } });
const audit = (targetId: string) => testDb().auditEvent.findMany({ where: { targetId, action: "user.password_changed" } });

describe("changeOwnPassword", () => {
  it("sets the new password, ends every session, this one included, and audits it once", async () => {
    const user = await createUser();
    const signedInAt = Date.now() - 1000;
    await changeOwnPassword(personOf(user, IP), { currentPassword: user.password, password: NEW });

    const after = await row(user.id);
    expect(sessionIsCurrent(after, signedInAt)).toBe(false);
    expect(await authenticate({ email: user.email, password: NEW })).toMatchObject({ id: user.id });
    expect(await authenticate({ email: user.email, password: user.password })).toBeNull();
    const records = await audit(user.id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actorType: "user", actorId: user.id, ip: IP, outcome: "success" });
    expect(records[0]!.detail).not.toContain(NEW);
  });

  it("refuses a wrong current password beside its field, and changes nothing", async () => {
    const user = await createUser();
    const before = await row(user.id);
    await expect(changeOwnPassword(personOf(user), { currentPassword: `${user.password}x`, password: NEW })).rejects.toMatchObject({
      name: "Refusal",
      code: "invalid",
      field: "currentPassword",
    });
    expect(await row(user.id)).toEqual(before);
    expect(await audit(user.id)).toHaveLength(0);
  });

  it("refuses a short new password, and the current one again", async () => {
    const user = await createUser();
    await expect(changeOwnPassword(personOf(user), { currentPassword: user.password, password: "short" })).rejects.toMatchObject({ field: "password" });
    await expect(changeOwnPassword(personOf(user), { currentPassword: user.password, password: user.password })).rejects.toMatchObject({ field: "password" });
    expect(await audit(user.id)).toHaveLength(0);
  });

  it("refuses someone with no password yet as a wrong current password", async () => {
    const user = await createUser();
    await testDb().user.update({ where: { id: user.id }, data: { passwordHash: null } });
    await expect(changeOwnPassword(personOf(user), { currentPassword: "", password: NEW })).rejects.toMatchObject({ field: "currentPassword" });
  });

  it(`allows ${PASSWORD_CHANGES_PER_MINUTE} attempts a minute, then refuses even the right password`, async () => {
    const user = await createUser();
    const caller = personOf(user);
    // Stays within one rate-limit window, so that the count is not reset halfway.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 20));
    for (let i = 0; i < PASSWORD_CHANGES_PER_MINUTE; i++) {
      await expect(changeOwnPassword(caller, { currentPassword: "wrong guess", password: NEW })).rejects.toMatchObject({ field: "currentPassword" });
    }
    await expect(changeOwnPassword(caller, { currentPassword: user.password, password: NEW })).rejects.toMatchObject({
      message: expect.stringMatching(/^Too many attempts/),
    });
    expect(await authenticate({ email: user.email, password: user.password })).not.toBeNull();
  });
});
