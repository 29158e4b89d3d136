// The admin's list of users: the summary it shows, its search and filters, and its pages.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { personOf } from "@/lib/testing/callers";
import { createDevice, createUser, testDb } from "@/lib/testing/factories";
import { NO_USER_FILTER, type UserFilter } from "./user-filter";
import { getUserSummary, listUsers } from "./users";

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

describe("getUserSummary", () => {
  it("reads one user for an admin and answers null for no such user", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser({ name: "Someone" });
    expect(await getUserSummary(personOf(admin), user.id)).toMatchObject({ id: user.id, name: "Someone", deviceCount: 0 });
    expect(await getUserSummary(personOf(admin), "no-such-user")).toBeNull();
    await expect(getUserSummary(personOf(user), user.id)).rejects.toMatchObject({ name: "Refusal", code: "forbidden" });
  });
});
