import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { Refusal } from "@/lib/refusal";
import { personOf, tokenCallerOf } from "@/lib/testing/callers";
import { createDevice, createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { DAY_MS } from "@/lib/time";
import { verifyToken } from "@/lib/tokens/verify";
import { NO_USER_FILTER, type UserFilter } from "./user-filter";
import { changeUserRole, endSessions, endSessionsAtSignOut, getUserSummary, listUsers, setUserDisabled } from "./users";

/** The address the changes come from, as the audit log records it. */
const IP = "198.51.100.9";

const SUMMARY_KEYS = ["createdAt", "deviceCount", "disabledAt", "email", "hasPassword", "id", "name", "role"];

/** A tag no other test's user has, to find this test's users among everyone else's. */
const tag = () => `T${crypto.randomUUID().slice(0, 8)}`;
const search = (q: string, more: Partial<UserFilter> = {}): UserFilter => ({ ...NO_USER_FILTER, q, ...more });

describe("listUsers", () => {
  it("lists users with their device counts for an admin", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const owner = await createUser({ name: "Owner" });
    const disabled = await createUser({ disabled: true });
    await createDevice(owner.id);
    await createDevice(owner.id);

    const find = async (email: string) => (await listUsers(personOf(admin), search(email))).users[0];
    expect(await find(owner.email)).toMatchObject({ id: owner.id, email: owner.email, name: "Owner", role: "STANDARD", disabledAt: null, deviceCount: 2 });
    expect(await find(admin.email)).toMatchObject({ id: admin.id, role: "ADMIN", deviceCount: 0 });
    expect((await find(disabled.email))?.disabledAt).toBeInstanceOf(Date);
  });

  it("refuses a standard user", async () => {
    const user = await createUser();
    await expect(listUsers(personOf(user))).rejects.toMatchObject({ name: "Refusal", code: "forbidden" });
  });

  it("returns the summary DTO, never a password hash", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const { users } = await listUsers(personOf(admin));
    expect(users.length).toBeGreaterThan(0);
    for (const user of users) expect(Object.keys(user).sort()).toEqual(SUMMARY_KEYS);
  });

  it("searches names and emails without regard to case, and takes % and _ as themselves", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const t = tag();
    const ada = await createUser({ name: `Ada ${t} Lovelace` });
    const percent = await createUser({ name: `Fifty${t}% off_` });
    const ids = async (q: string) => (await listUsers(personOf(admin), search(q))).users.map((user) => user.id);

    expect(await ids(`ada ${t.toLowerCase()} LOVELACE`)).toEqual([ada.id]);
    expect(await ids(ada.email.toUpperCase())).toEqual([ada.id]);
    expect(await ids(ada.email.slice(5, 20))).toEqual([ada.id]);
    expect(await ids(`${t}%`)).toEqual([percent.id]);
    expect(await ids(`${t}_`)).toEqual([]);
    expect(await ids(`${t}%_off`)).toEqual([]);
    expect(await ids("%")).toContain(percent.id);
    expect((await ids("%")).length).toBeLessThan((await listUsers(personOf(admin))).all);
  });

  it("filters by role and by status: active, invitation pending, disabled", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const t = tag();
    const standard = await createUser({ name: `${t} standard` });
    const boss = await createUser({ name: `${t} admin`, role: "ADMIN" });
    const off = await createUser({ name: `${t} disabled`, disabled: true });
    const invited = await createUser({ name: `${t} invited` });
    await testDb().user.update({ where: { id: invited.id }, data: { passwordHash: null } });
    const ids = async (more: Partial<UserFilter>) => (await listUsers(personOf(admin), search(t, more))).users.map((user) => user.id).sort();

    expect(await ids({})).toEqual([standard.id, boss.id, off.id, invited.id].sort());
    expect(await ids({ role: "ADMIN" })).toEqual([boss.id]);
    expect(await ids({ role: "STANDARD" })).toEqual([standard.id, off.id, invited.id].sort());
    expect(await ids({ status: "active" })).toEqual([standard.id, boss.id].sort());
    expect(await ids({ status: "invited" })).toEqual([invited.id]);
    expect(await ids({ status: "disabled" })).toEqual([off.id]);
    expect(await ids({ role: "ADMIN", status: "disabled" })).toEqual([]);
  });

  it("pages through the matches, admins first and then by email, a page past the end showing the last", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const t = tag();
    const made = [await createUser({ name: t }), await createUser({ name: t }), await createUser({ name: t, role: "ADMIN" }), await createUser({ name: t }), await createUser({ name: t })];
    const order = [made[2]!, ...made.filter((user) => user.role === "STANDARD").sort((a, b) => a.email.localeCompare(b.email))].map((user) => user.id);
    const page = (n: number) => listUsers(personOf(admin), search(t), n, 2);

    const first = await page(1);
    expect(first).toMatchObject({ page: 1, pages: 3, first: 1, last: 2, total: 5 });
    const everyone = await testDb().user.count();
    expect(first.all).toBeGreaterThanOrEqual(everyone);
    const pages = [first, await page(2), await page(3)];
    expect(pages.flatMap((p) => p.users.map((user) => user.id))).toEqual(order);
    expect(await page(99)).toMatchObject({ page: 3, first: 5, last: 5 });
    expect(await page(0)).toMatchObject({ page: 1 });
    expect(await listUsers(personOf(admin), search(`${t}-nobody`), 4, 2)).toMatchObject({ users: [], page: 1, pages: 1, first: 0, last: 0, total: 0 });
  });
});

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

describe("getUserSummary", () => {
  it("reads one user for an admin and answers null for no such user", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser({ name: "Someone" });
    expect(await getUserSummary(personOf(admin), user.id)).toMatchObject({ id: user.id, name: "Someone", deviceCount: 0 });
    expect(await getUserSummary(personOf(admin), "no-such-user")).toBeNull();
    await expect(getUserSummary(personOf(user), user.id)).rejects.toMatchObject({ name: "Refusal", code: "forbidden" });
  });
});

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
