import { describe, expect, it } from "vitest";
import { Refusal } from "@/lib/refusal";
import { personOf, tokenCallerOf } from "@/lib/testing/callers";
import { createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { DAY_MS } from "@/lib/time";
import { verifyToken } from "@/lib/tokens/verify";
import { changeUserRole, endSessions, endSessionsAtSignOut, setUserDisabled } from "./users";

/** The address the changes come from, as the audit log records it. */
const IP = "198.51.100.9";

const token = (id: string) => testDb().apiToken.findUniqueOrThrow({ where: { id }, select: { scopes: true, revokedAt: true, revokedReason: true, expiresAt: true } });
const stamp = async (id: string) => (await testDb().user.findUniqueOrThrow({ where: { id }, select: { sessionsValidAfter: true } })).sessionsValidAfter;

/** Runs the change and answers the times just before and after it, to bound what it stamped. */
async function timed<T>(change: () => Promise<T>): Promise<{ result: T; before: number; after: number }> {
  const before = Date.now();
  const result = await change();
  return { result, before, after: Date.now() };
}
const audit = (targetId: string, action: string) => testDb().auditEvent.findMany({ where: { targetId, action } });

async function rejection(promise: Promise<unknown>): Promise<Refusal> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refusal);
  return error as Refusal;
}

describe("changeUserRole", () => {
  it("narrows a downgraded admin's tokens to the standard scopes and revokes those left with none", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const target = await createUser({ role: "ADMIN" });
    const mixed = await issueTestToken(target.id, { scopes: ["devices:read", "users:admin", "audit:read"] });
    const adminOnly = await issueTestToken(target.id, { scopes: ["users:admin", "tokens:admin"] });
    const standard = await issueTestToken(target.id, { scopes: ["telemetry:read"] });
    const dashboard = await issueTestToken(target.id, { kind: "DASHBOARD" });

    const result = await changeUserRole(personOf(admin, IP), target.id, "STANDARD");

    expect(result).toEqual({ changed: true, narrowed: 1, revoked: 1, clamped: 3 });
    expect((await testDb().user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("STANDARD");
    expect(await token(mixed.view.id)).toMatchObject({ scopes: "devices:read", revokedAt: null });
    expect(await token(adminOnly.view.id)).toMatchObject({ revokedReason: "role changed" });
    expect((await token(adminOnly.view.id)).revokedAt).toBeInstanceOf(Date);
    expect(await token(standard.view.id)).toMatchObject({ scopes: "telemetry:read", revokedAt: null });
    expect((await token(dashboard.view.id)).revokedAt).toBeNull();
    expect(await verifyToken(adminOnly.token)).toMatchObject({ ok: false, reason: "revoked" });
  });

  it("writes one user.role_changed record naming what it narrowed and revoked", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const target = await createUser({ role: "ADMIN" });
    const adminOnly = await issueTestToken(target.id, { scopes: ["audit:read"] });
    await changeUserRole(personOf(admin, IP), target.id, "STANDARD");

    const [record, ...more] = await audit(target.id, "user.role_changed");
    expect(more).toEqual([]);
    expect(record).toMatchObject({ actorType: "user", actorId: admin.id, ip: "198.51.100.9", targetType: "user" });
    expect(JSON.parse(record!.detail)).toEqual({ from: "ADMIN", to: "STANDARD", narrowed: [], revoked: [adminOnly.view.id], clamped: [] });
    expect(await audit(adminOnly.view.id, "token.revoked")).toHaveLength(1);
  });

  it("promotes without widening any token, and does nothing for the same role", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const target = await createUser();
    const personal = await issueTestToken(target.id, { scopes: ["devices:read"] });
    expect(await changeUserRole(personOf(admin, IP), target.id, "ADMIN")).toEqual({ changed: true, narrowed: 0, revoked: 0, clamped: 0 });
    expect(await token(personal.view.id)).toMatchObject({ scopes: "devices:read", revokedAt: null });
    expect(await changeUserRole(personOf(admin, IP), target.id, "ADMIN")).toEqual({ changed: false, narrowed: 0, revoked: 0, clamped: 0 });
    expect(await audit(target.id, "user.role_changed")).toHaveLength(1);
  });

  it("ends the user's sessions on a change of role either way, and not when the role stays", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const target = await createUser();
    expect(await stamp(target.id)).toBeNull();
    const promoted = await timed(() => changeUserRole(personOf(admin, IP), target.id, "ADMIN"));
    const first = (await stamp(target.id))!.getTime();
    expect(first).toBeGreaterThanOrEqual(promoted.before);
    expect(first).toBeLessThanOrEqual(promoted.after);

    await changeUserRole(personOf(admin, IP), target.id, "ADMIN");
    expect((await stamp(target.id))!.getTime()).toBe(first);
    const demoted = await timed(() => changeUserRole(personOf(admin, IP), target.id, "STANDARD"));
    expect((await stamp(target.id))!.getTime()).toBeGreaterThanOrEqual(demoted.before);
    expect(await stamp(admin.id)).toBeNull();
  });

  it("brings a demoted admin's token expiries within the standard maximum, and audits which", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const target = await createUser({ role: "ADMIN" });
    const long = await issueTestToken(target.id, { scopes: ["devices:read", "users:admin"], expiresInDays: 180 });
    const dashboard = await issueTestToken(target.id, { kind: "DASHBOARD" });
    const within = await issueTestToken(target.id, { expiresInDays: 30 });
    const adminOnly = await issueTestToken(target.id, { scopes: ["audit:read"], expiresInDays: 180 });
    const withinExpiry = (await token(within.view.id)).expiresAt;

    const { result, before, after } = await timed(() => changeUserRole(personOf(admin, IP), target.id, "STANDARD"));

    expect(result).toEqual({ changed: true, narrowed: 1, revoked: 1, clamped: 2 });
    for (const id of [long.view.id, dashboard.view.id]) {
      const { expiresAt } = await token(id);
      expect(expiresAt.getTime()).toBeGreaterThanOrEqual(before + 90 * DAY_MS);
      expect(expiresAt.getTime()).toBeLessThanOrEqual(after + 90 * DAY_MS);
    }
    expect(await token(long.view.id)).toMatchObject({ scopes: "devices:read", revokedAt: null });
    expect((await token(within.view.id)).expiresAt).toEqual(withinExpiry);
    expect((await verifyToken(long.token)).ok).toBe(true);

    const [record] = await audit(target.id, "user.role_changed");
    const detail = JSON.parse(record!.detail) as { clamped: string[]; clampedTo: string };
    expect(detail.clamped.sort()).toEqual([long.view.id, dashboard.view.id].sort());
    expect(detail.clampedTo).toBe((await token(long.view.id)).expiresAt.toISOString());
    expect(await token(adminOnly.view.id)).toMatchObject({ revokedReason: "role changed" });
  });

  it("refuses a standard user, an admin's own demotion and an unknown user", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    expect((await rejection(changeUserRole(personOf(user, IP), user.id, "ADMIN"))).code).toBe("forbidden");
    const self = await rejection(changeUserRole(personOf(admin, IP), admin.id, "STANDARD"));
    expect(self).toMatchObject({ code: "invalid", field: "role" });
    expect((await testDb().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
    expect((await rejection(changeUserRole(personOf(admin, IP), "no-such-user", "STANDARD"))).code).toBe("not_found");
  });
});

describe("setUserDisabled", () => {
  it("disables a user, revokes every token they hold and audits it", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const target = await createUser();
    const personal = await issueTestToken(target.id);
    const dashboard = await issueTestToken(target.id, { kind: "DASHBOARD" });

    expect(await setUserDisabled(personOf(admin, IP), target.id, true)).toEqual({ changed: true, revoked: 2 });

    const { disabledAt, sessionsValidAfter } = await testDb().user.findUniqueOrThrow({ where: { id: target.id } });
    expect(disabledAt).toBeInstanceOf(Date);
    expect(sessionsValidAfter).toEqual(disabledAt);
    for (const id of [personal.view.id, dashboard.view.id]) expect(await token(id)).toMatchObject({ revokedReason: "user disabled" });
    expect(await audit(target.id, "user.disabled")).toHaveLength(1);
    expect(await audit(target.id, "token.revoked_all")).toHaveLength(1);
    expect((await verifyToken(personal.token)).ok).toBe(false);
  });

  it("enables a user again, leaving their old tokens revoked", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const target = await createUser();
    const personal = await issueTestToken(target.id);
    await setUserDisabled(personOf(admin, IP), target.id, true);

    expect(await setUserDisabled(personOf(admin, IP), target.id, false)).toEqual({ changed: true, revoked: 0 });

    expect((await testDb().user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).toBeNull();
    expect((await token(personal.view.id)).revokedAt).toBeInstanceOf(Date);
    expect(await verifyToken(personal.token)).toMatchObject({ ok: false, reason: "revoked" });
    expect(await audit(target.id, "user.enabled")).toHaveLength(1);
    expect((await setUserDisabled(personOf(admin, IP), target.id, false)).changed).toBe(false);
    expect(await audit(target.id, "user.enabled")).toHaveLength(1);
  });

  it("refuses a standard user, an admin disabling themself and an unknown user", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const other = await createUser();
    expect((await rejection(setUserDisabled(personOf(user, IP), other.id, true))).code).toBe("forbidden");
    expect(await rejection(setUserDisabled(personOf(admin, IP), admin.id, true))).toMatchObject({ code: "invalid", field: "disabled" });
    expect((await testDb().user.findUniqueOrThrow({ where: { id: admin.id } })).disabledAt).toBeNull();
    expect((await rejection(setUserDisabled(personOf(admin, IP), "no-such-user", true))).code).toBe("not_found");
  });
});

describe("endSessions", () => {
  it("stamps the user's sessions as ended now, for the user themself or an admin, and audits it", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const own = await timed(() => endSessions(personOf(user, IP), user.id));
    expect((await stamp(user.id))!.getTime()).toBeGreaterThanOrEqual(own.before);
    expect((await stamp(user.id))!.getTime()).toBeLessThanOrEqual(own.after);
    await endSessions(personOf(admin, IP), user.id);
    const records = await audit(user.id, "user.sessions_ended");
    expect(records.map((record) => record.actorId).sort()).toEqual([admin.id, user.id].sort());
  });

  it("refuses another standard user, a token, and an unknown user", async () => {
    const user = await createUser();
    const other = await createUser();
    const admin = await createUser({ role: "ADMIN" });
    expect((await rejection(endSessions(personOf(other, IP), user.id))).code).toBe("forbidden");
    expect((await rejection(endSessions(tokenCallerOf(user), user.id))).code).toBe("forbidden");
    expect(await stamp(user.id)).toBeNull();
    expect((await rejection(endSessions(personOf(admin, IP), "no-such-user"))).code).toBe("not_found");
  });
});

describe("endSessionsAtSignOut", () => {
  it("ends the user's sessions for a current session only", async () => {
    const user = await createUser();
    const signedInAt = Date.now() - 1;
    expect(await endSessionsAtSignOut(user.id, signedInAt)).toBe(true);
    const first = await stamp(user.id);
    expect(first!.getTime()).toBeGreaterThan(signedInAt);
    // A copy of that session, signed out again, changes nothing: it ended at the first sign-out.
    expect(await endSessionsAtSignOut(user.id, signedInAt)).toBe(false);
    expect(await endSessionsAtSignOut(user.id, undefined)).toBe(false);
    expect(await stamp(user.id)).toEqual(first);
    expect(await endSessionsAtSignOut("no-such-user", signedInAt)).toBe(false);
  });
});
