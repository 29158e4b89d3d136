// Expiry reminders, the token.expired record and the admins' digest: each once, however often the
// job runs. The database is shared with other test files, so tests read back only their own rows.
import { describe, expect, it } from "vitest";
import { personOf } from "@/lib/testing/callers";
import { createDevice, createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { auditFor, setRow } from "@/lib/testing/tokens";
import { DAY_MS, HOUR_MS } from "@/lib/time";
import { issueToken } from "@/lib/tokens/lifecycle";
import { listNotifications, markAllRead, unreadCount } from "./notifications";
import { dueReminder, recordExpiredTokens, sendAdminDigest, sendExpiryReminders } from "./reminders";
import { runHygiene } from "./hygiene";

const notificationsOf = (userId: string) => testDb().notification.findMany({ where: { userId }, orderBy: { key: "asc" } });
const keysOf = async (userId: string) => (await notificationsOf(userId)).map((n) => n.key);

describe("dueReminder", () => {
  it("is the smallest threshold at or above the days left", () => {
    expect(dueReminder(31 * DAY_MS)).toBeNull();
    expect(dueReminder(30 * DAY_MS)).toBe(30);
    expect(dueReminder(8 * DAY_MS)).toBe(30);
    expect(dueReminder(5 * DAY_MS)).toBe(7);
    expect(dueReminder(DAY_MS + 1)).toBe(7);
    expect(dueReminder(HOUR_MS)).toBe(1);
    expect(dueReminder(0)).toBeNull();
  });
});

describe("sendExpiryReminders", () => {
  it("sends each threshold once, as the token nears its expiry", async () => {
    const user = await createUser();
    const { view } = await issueTestToken(user.id, { expiresInDays: 90 });
    const expiresAt = view.expiresAt.getTime();

    await sendExpiryReminders(expiresAt - 40 * DAY_MS);
    expect(await keysOf(user.id)).toEqual([]);
    for (const daysLeft of [29, 28, 6.5, 6, 0.5, 0.25]) await sendExpiryReminders(expiresAt - daysLeft * DAY_MS);
    expect(await keysOf(user.id)).toEqual([`expiry:1:${view.id}`, `expiry:30:${view.id}`, `expiry:7:${view.id}`]);

    const [oneDay] = await notificationsOf(user.id);
    expect(oneDay).toMatchObject({ kind: "token.expiring", title: "Token “personal test token” expires within a day", link: expect.stringMatching(/^\/tokens\/\w+$/), readAt: null });
  });

  it("sends a token issued with 5 days left the 7-day reminder, and runs twice send it once", async () => {
    const user = await createUser();
    const { view } = await issueTestToken(user.id, { expiresInDays: 5 });
    const now = Date.now();
    expect(await sendExpiryReminders(now)).toBeGreaterThanOrEqual(1);
    await sendExpiryReminders(now + 1000);
    const notes = await notificationsOf(user.id);
    expect(notes.map((n) => n.key)).toEqual([`expiry:7:${view.id}`]);
    expect(notes[0]!.title).toBe("Token “personal test token” expires in 5 days");
  });

  it("reminds about device tokens and a rotated token's successor, but not revoked, replaced or dashboard tokens", async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    const deviceToken = await issueTestToken(user.id, { kind: "DEVICE", deviceId: device.id, expiresInDays: 3 });
    const revoked = await issueTestToken(user.id, { expiresInDays: 3 });
    await testDb().apiToken.update({ where: { id: revoked.view.id }, data: { revokedAt: new Date() } });
    const dashboard = await issueToken("system", { userId: user.id, kind: "DASHBOARD", name: "Dashboard" });
    await setRow(dashboard.view.id, { expiresAt: new Date(Date.now() + 3 * DAY_MS) });
    const successor = await issueTestToken(user.id, { expiresInDays: 3 });
    const replaced = await issueTestToken(user.id, { expiresInDays: 3 });
    await testDb().apiToken.update({ where: { id: replaced.view.id }, data: { replacedById: successor.view.id, graceEndsAt: new Date(Date.now() + HOUR_MS) } });

    await sendExpiryReminders(Date.now());
    expect((await keysOf(user.id)).sort()).toEqual([`expiry:7:${deviceToken.view.id}`, `expiry:7:${successor.view.id}`].sort());
  });
});

describe("recordExpiredTokens", () => {
  it("records token.expired once, with a notification to the owner, and skips revoked tokens", async () => {
    const user = await createUser();
    const { view } = await issueTestToken(user.id);
    const revoked = await issueTestToken(user.id);
    await setRow(view.id, { expiresAt: new Date(Date.now() - HOUR_MS) });
    await testDb().apiToken.update({ where: { id: revoked.view.id }, data: { expiresAt: new Date(Date.now() - HOUR_MS), revokedAt: new Date() } });

    await recordExpiredTokens(Date.now());
    await recordExpiredTokens(Date.now());
    await runHygiene(Date.now());

    const events = await auditFor(view.id, "token.expired");
    expect(events).toMatchObject([{ actorType: "system", actorId: null, targetType: "token", outcome: "success" }]);
    expect(await auditFor(revoked.view.id, "token.expired")).toHaveLength(0);
    expect(await keysOf(user.id)).toEqual([`expired:${view.id}`]);
  });

  it("records it once when runs overlap, as on several instances", async () => {
    const user = await createUser();
    const { view } = await issueTestToken(user.id);
    await setRow(view.id, { expiresAt: new Date(Date.now() - HOUR_MS) });
    const now = Date.now();
    await Promise.all([recordExpiredTokens(now), recordExpiredTokens(now), recordExpiredTokens(now)]);
    expect(await auditFor(view.id, "token.expired")).toHaveLength(1);
    expect(await keysOf(user.id)).toEqual([`expired:${view.id}`]);
  });
});

describe("sendAdminDigest", () => {
  it("sends each active admin one digest a day, naming tokens that expire within 7 days", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const disabledAdmin = await createUser({ role: "ADMIN", disabled: true });
    const owner = await createUser({ name: "Digest Owner" });
    await issueTestToken(owner.id, { expiresInDays: 3 });
    const now = Date.now();

    await sendAdminDigest(now);
    await sendAdminDigest(now + 1000);
    const today = await notificationsOf(admin.id);
    expect(today).toHaveLength(1);
    expect(today[0]).toMatchObject({ key: `digest:${new Date(now).toISOString().slice(0, 10)}:${admin.id}`, kind: "digest", link: "/admin" });
    expect(today[0]!.body).toMatch(/tokens? expiring within 7 days/);
    expect(today[0]!.title).toMatch(/^Daily digest: /);
    expect(await notificationsOf(disabledAdmin.id)).toHaveLength(0);

    await sendAdminDigest(now + DAY_MS);
    expect(await notificationsOf(admin.id)).toHaveLength(2);
    expect(await notificationsOf(owner.id)).toHaveLength(0);
  });
});

describe("a person's notifications", () => {
  it("lists only their own, newest first, and marks them read", async () => {
    const user = await createUser();
    const other = await createUser();
    const now = Date.now();
    for (const [userId, key, at] of [
      [user.id, "older", now - HOUR_MS],
      [user.id, "newer", now],
      [other.id, "theirs", now],
    ] as const) {
      await testDb().notification.create({ data: { userId, key: `${key}:${userId}`, kind: "test", title: key, body: "", createdAt: new Date(at) } });
    }
    const person = personOf(user);
    expect((await listNotifications(person)).map((n) => [n.title, n.read])).toEqual([
      ["newer", false],
      ["older", false],
    ]);
    expect(await unreadCount(person)).toBe(2);
    expect(await markAllRead(person)).toBe(2);
    expect(await unreadCount(person)).toBe(0);
    expect(await unreadCount(personOf(other))).toBe(1);
  });
});
