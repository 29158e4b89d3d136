import { beforeAll, describe, expect, it } from "vitest";
import { createDevice, createUser, testDb } from "@/lib/testing/factories";
import type { Caller } from "@/lib/access/caller";
import { personOf } from "@/lib/testing/callers";
import { getDevice, latestReadings, listDevices as listPage } from "./devices";
import { ONLINE_WINDOW_MS } from "./status";
import { MINUTE_MS } from "@/lib/time";

const DTO_KEYS = ["createdAt", "enabled", "id", "kind", "lastSeenAt", "location", "metrics", "name", "owner", "status"];

/** Every device the caller may see, across pages, by name. */
async function listDevices(caller: Caller) {
  const all = [];
  let cursor: string | undefined;
  do {
    const page = await listPage(caller, { limit: 2, cursor });
    all.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

const T1 = new Date(Date.UTC(2026, 10, 1, 12, 0));
const T2 = new Date(T1.getTime() + MINUTE_MS);
const T3 = new Date(T1.getTime() + 2 * MINUTE_MS);

type User = Awaited<ReturnType<typeof createUser>>;

let alice: User;
let bob: User;
let admin: User;
let aliceDevices: { online: string; offline: string; disabled: string };
let bobDevice: string;

beforeAll(async () => {
  alice = await createUser({ name: "Alice" });
  bob = await createUser({ name: "Bob" });
  admin = await createUser({ role: "ADMIN" });
  const online = await createDevice(alice.id, {
    name: "A online",
    // Inserted out of time order, so the newest is neither the first nor the last row written.
    readings: [
      { key: "temperature", values: [[T2, 20.5], [T3, 21.5], [T1, 19.5]] },
      { key: "humidity", values: [[T1, 40]] },
    ],
  });
  const offline = await createDevice(alice.id, { name: "A offline" });
  const disabled = await createDevice(alice.id, { name: "A disabled", enabled: false });
  await testDb().device.update({ where: { id: online.id }, data: { lastSeenAt: new Date() } });
  await testDb().device.update({ where: { id: offline.id }, data: { lastSeenAt: new Date(Date.now() - 2 * ONLINE_WINDOW_MS) } });
  await testDb().device.update({ where: { id: disabled.id }, data: { lastSeenAt: new Date() } });
  aliceDevices = { online: online.id, offline: offline.id, disabled: disabled.id };
  bobDevice = (await createDevice(bob.id, { name: "B only" })).id;
});

describe("listDevices", () => {
  it("shows a standard user exactly their own devices", async () => {
    const ids = (await listDevices(personOf(alice))).map((device) => device.id);
    expect(ids.sort()).toEqual(Object.values(aliceDevices).sort());
    expect((await listDevices(personOf(bob))).map((device) => device.id)).toEqual([bobDevice]);
  });

  it("shows an admin every user's devices", async () => {
    const ids = (await listDevices(personOf(admin))).map((device) => device.id);
    expect(ids).toEqual(expect.arrayContaining([...Object.values(aliceDevices), bobDevice]));
  });

  it("orders by name", async () => {
    expect((await listDevices(personOf(alice))).map((device) => device.name)).toEqual(["A disabled", "A offline", "A online"]);
  });

  it("computes each device's status and names its owner", async () => {
    const byId = new Map((await listDevices(personOf(alice))).map((device) => [device.id, device]));
    expect(byId.get(aliceDevices.online)).toMatchObject({ status: "online", owner: { id: alice.id, name: "Alice" }, kind: "thermostat" });
    expect(byId.get(aliceDevices.offline)?.status).toBe("offline");
    expect(byId.get(aliceDevices.disabled)?.status).toBe("disabled");
  });

  it("returns the DTO and nothing more", async () => {
    for (const device of await listDevices(personOf(alice))) expect(Object.keys(device).sort()).toEqual(DTO_KEYS);
  });
});

describe("getDevice", () => {
  it("finds a standard user's own device", async () => {
    const device = await getDevice(personOf(alice), aliceDevices.online);
    expect(device).toMatchObject({ id: aliceDevices.online, name: "A online", enabled: true, status: "online", owner: { name: "Alice" } });
  });

  it("hides another user's device from a standard user, but not from an admin", async () => {
    expect(await getDevice(personOf(alice), bobDevice)).toBeNull();
    expect(await getDevice(personOf(bob), aliceDevices.online)).toBeNull();
    expect((await getDevice(personOf(admin), bobDevice))?.owner.name).toBe("Bob");
    expect((await getDevice(personOf(admin), aliceDevices.online))?.id).toBe(aliceDevices.online);
  });

  it("answers null for a device that does not exist", async () => {
    expect(await getDevice(personOf(admin), "no-such-device")).toBeNull();
    expect(await getDevice(personOf(alice), "no-such-device")).toBeNull();
  });

  it("gives the newest reading of each metric", async () => {
    const latest = await latestReadings(personOf(alice), aliceDevices.online);
    const byKey = Object.fromEntries(latest!.map((metric) => [metric.key, metric]));
    expect(byKey.temperature).toEqual({ key: "temperature", unit: "°C", value: 21.5, time: T3.toISOString() });
    expect(byKey.humidity).toEqual({ key: "humidity", unit: "°C", value: 40, time: T1.toISOString() });
  });

  it("gives no readings to a device without metrics, and null for another user's device", async () => {
    expect(await latestReadings(personOf(alice), aliceDevices.offline)).toEqual([]);
    expect(await latestReadings(personOf(bob), aliceDevices.online)).toBeNull();
  });

  it("computes the status", async () => {
    expect((await getDevice(personOf(alice), aliceDevices.offline))?.status).toBe("offline");
    expect((await getDevice(personOf(alice), aliceDevices.disabled))?.status).toBe("disabled");
  });

  it("returns the DTO and nothing more", async () => {
    const device = await getDevice(personOf(admin), aliceDevices.online);
    expect(Object.keys(device!).sort()).toEqual(DTO_KEYS);
    expect(Object.keys(device!.owner).sort()).toEqual(["id", "name"]);
  });
});
