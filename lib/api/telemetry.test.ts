// Telemetry through the API: ingest and read back, and what a device token may do.
import { beforeAll, describe, expect, it } from "vitest";
import { issueTestToken, testDb } from "@/lib/testing/factories";
import { HOUR_MS, MINUTE_MS, SECOND_MS } from "@/lib/time";
import { MAX_BATCH } from "./schemas";
import { apiClient, deviceOf, expectProblem, randomId, storedReadings, telemetryCalls, userWithToken, withoutInstance } from "@/lib/testing/api-client";

const call = apiClient("203.0.113.14");
const iso = (ms: number) => new Date(ms).toISOString();
/** The same instant written with a +02:00 offset. */
const isoPlus2 = (ms: number) => new Date(ms + 2 * HOUR_MS).toISOString().replace("Z", "+02:00");

let owner: Awaited<ReturnType<typeof userWithToken>>;
/** The start of an hour three hours ago: every reading below lies in the past. */
let hour: number;

beforeAll(async () => {
  owner = await userWithToken();
  hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 3 * HOUR_MS;
});

const { ingest, read } = telemetryCalls(call, () => owner.token);

describe("ingest, then read back", () => {
  it("returns each stored reading, a resent (metric, time) replacing the value, and moves lastSeenAt", async () => {
    const id = await deviceOf(owner.user.id);
    const first = await ingest(id, [
      { metric: "temperature", time: hour, value: 10 },
      { metric: "temperature", time: iso(hour + MINUTE_MS), value: 11 },
      { metric: "temperature", time: isoPlus2(hour + 2 * MINUTE_MS), value: 12 },
      { metric: "lux", time: hour, value: 300, unit: "lx" },
    ]);
    expect(first.status, first.text).toBe(201);
    expect(first.body).toEqual({ accepted: 4 });
    const resent = await ingest(id, [{ metric: "temperature", time: hour + MINUTE_MS, value: 20 }]);
    expect(resent.status, resent.text).toBe(201);

    const series = await read(id, `from=${iso(hour)}&to=${iso(hour + 3 * MINUTE_MS)}&bucket=60`);
    expect(series.status, series.text).toBe(200);
    expect(series.body).toEqual({
      from: iso(hour),
      to: iso(hour + 3 * MINUTE_MS),
      bucketSeconds: 60,
      data: [
        {
          metric: "temperature",
          unit: "°C",
          buckets: [
            { time: iso(hour), min: 10, max: 10, avg: 10, count: 1 },
            { time: iso(hour + MINUTE_MS), min: 20, max: 20, avg: 20, count: 1 },
            { time: iso(hour + 2 * MINUTE_MS), min: 12, max: 12, avg: 12, count: 1 },
          ],
        },
        { metric: "lux", unit: "lx", buckets: [{ time: iso(hour), min: 300, max: 300, avg: 300, count: 1 }] },
      ],
    });
    const only = await read(id, `from=${iso(hour)}&to=${iso(hour + 3 * MINUTE_MS)}&bucket=60&metric=lux`);
    expect(only.body.data.map((s: { metric: string }) => s.metric)).toEqual(["lux"]);
    expect(await storedReadings(id)).toHaveLength(4);

    const device = await call("GET", `/devices/${id}`, { token: owner.token });
    expect(device.body.lastSeenAt).toBe(iso(hour + 2 * MINUTE_MS));
    expect(device.body.metrics).toEqual([{ key: "temperature", unit: "°C" }, { key: "lux", unit: "lx" }]);
    const latest = await call("GET", `/devices/${id}/readings/latest`, { token: owner.token });
    expect(latest.body.data).toEqual([
      { key: "temperature", unit: "°C", time: iso(hour + 2 * MINUTE_MS), value: 12 },
      { key: "lux", unit: "lx", time: iso(hour), value: 300 },
    ]);

    // An older batch does not move lastSeenAt back; a reading a little ahead of the clock stops at now.
    await ingest(id, [{ metric: "temperature", time: hour - HOUR_MS, value: 1 }]);
    expect((await testDb().device.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(new Date(hour + 2 * MINUTE_MS));
    const before = Date.now();
    expect((await ingest(id, [{ metric: "temperature", time: before + 2 * MINUTE_MS, value: 2 }])).status).toBe(201);
    const seen = (await testDb().device.findUniqueOrThrow({ where: { id } })).lastSeenAt!.getTime();
    expect(seen).toBeGreaterThanOrEqual(before);
    expect(seen).toBeLessThanOrEqual(Date.now());
  });

  // Regression test, once a bug (lib/devices/telemetry.ts:27): the driver adapter binds ${range.bucketMs} as a REAL, so
  // ("time" / bucketMs) * bucketMs is float division and gives back "time": every reading is its
  // own bucket. CAST("time" / ${bucketMs} AS INTEGER) * ${bucketMs} buckets correctly.
  it("aggregates the readings of one bucket into min, max, avg and count", async () => {
    const id = await deviceOf(owner.user.id);
    await ingest(id, [
      { metric: "temperature", time: hour + 10 * SECOND_MS, value: 1 },
      { metric: "temperature", time: hour + 70 * SECOND_MS, value: 2 },
      { metric: "temperature", time: hour + 25 * MINUTE_MS, value: 6 },
      { metric: "temperature", time: hour + HOUR_MS + 5 * MINUTE_MS, value: 100 },
    ]);
    await ingest(id, [{ metric: "temperature", time: hour + 10 * SECOND_MS, value: 3 }]);
    const series = await read(id, `from=${iso(hour)}&to=${iso(hour + 2 * HOUR_MS)}&bucket=3600`);
    expect(series.status, series.text).toBe(200);
    expect(series.body.data[0].buckets).toEqual([
      { time: iso(hour), min: 2, max: 6, avg: 3.667, count: 3 },
      { time: iso(hour + HOUR_MS), min: 100, max: 100, avg: 100, count: 1 },
    ]);
  });

  it("gives a bucket's values to the nearest 0.001, from the rollups and from raw readings alike", async () => {
    const id = await deviceOf(owner.user.id);
    await ingest(id, [
      { metric: "pressure", time: hour + MINUTE_MS, value: -1.23456 },
      { metric: "pressure", time: hour + 2 * MINUTE_MS, value: 1013.2504 },
      { metric: "pressure", time: hour + 3 * MINUTE_MS, value: 1013.2496 },
    ]);
    const bucket = { min: -1.235, max: 1013.25, avg: 675.088, count: 3 };
    // An hour's bucket reads the hourly rollup; a minute's the raw readings.
    const hourly = await read(id, `from=${iso(hour)}&to=${iso(hour + HOUR_MS)}&bucket=3600`);
    expect(hourly.body.data[0].buckets).toEqual([{ time: iso(hour), ...bucket }]);
    const minutes = await read(id, `from=${iso(hour)}&to=${iso(hour + 4 * MINUTE_MS)}&bucket=240`);
    expect(minutes.body.data[0].buckets).toEqual([{ time: iso(hour), ...bucket }]);
  });

  it(`accepts a batch of exactly ${MAX_BATCH} readings`, async () => {
    const id = await deviceOf(owner.user.id);
    const readings = Array.from({ length: MAX_BATCH }, (_, i) => ({ metric: "humidity", time: hour - i * MINUTE_MS, value: i % 90 }));
    const result = await ingest(id, readings);
    expect(result.status, result.text).toBe(201);
    expect(result.body).toEqual({ accepted: MAX_BATCH });
    expect(await storedReadings(id)).toHaveLength(MAX_BATCH);
  });

  // Regression test, once a bug (lib/devices/telemetry.ts:53-65): the device's metrics are read outside the transaction,
  // so two batches that both bring a new metric race to create it and the loser answers 500
  // (Unique constraint failed on Metric(deviceId, key)). Create with an upsert (or INSERT ... ON
  // CONFLICT DO NOTHING, then select) inside the transaction.
  it("takes concurrent batches that bring the same new metric", async () => {
    const id = await deviceOf(owner.user.id);
    const results = await Promise.all([0, 1, 2, 3].map((i) => ingest(id, [{ metric: "fresh", time: hour + i * MINUTE_MS, value: i }])));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
  });
});

describe("a device token", () => {
  let deviceId: string;
  let sibling: string;
  let token: string;
  let tokenId: string;

  beforeAll(async () => {
    deviceId = await deviceOf(owner.user.id);
    sibling = await deviceOf(owner.user.id);
    const issued = await issueTestToken(owner.user.id, { kind: "DEVICE", deviceId });
    token = issued.token;
    tokenId = issued.view.id;
  });

  it("pushes readings to its own device", async () => {
    const result = await ingest(deviceId, [{ metric: "temperature", time: hour, value: 19 }], token);
    expect(result.status, result.text).toBe(201);
    expect(await storedReadings(deviceId)).toEqual([{ time: new Date(hour), value: 19, metric: { key: "temperature" } }]);
  });

  it("is refused with 409 while its device is disabled, and stores nothing", async () => {
    const disabled = await deviceOf(owner.user.id);
    const ownToken = (await issueTestToken(owner.user.id, { kind: "DEVICE", deviceId: disabled })).token;
    expect((await call("PATCH", `/devices/${disabled}`, { token: owner.token, body: { enabled: false } })).status).toBe(200);
    expectProblem(await ingest(disabled, [{ metric: "temperature", time: hour, value: 19 }], ownToken), 409, "conflict", [ownToken]);
    expect(await storedReadings(disabled)).toEqual([]);
  });

  // Regression test, once a bug (visibleTo in what is now lib/access/visible.ts, with lib/devices/telemetry.ts): visibleTo() returns
  // { id: caller.deviceId }, which `{ id: deviceId, ...visibleTo(caller) }` spreads over the
  // requested id, so the device check always finds the token's own device; the writes then use the
  // requested deviceId. A device token therefore writes into any device: 201 for a sibling, and a
  // 500 (foreign key / P2025) for an id that does not exist.
  it("gets 404 for another device of the same owner, as for a device that does not exist", async () => {
    const other = await ingest(sibling, [{ metric: "temperature", time: hour, value: 19 }], token);
    const missing = await ingest(randomId(), [{ metric: "temperature", time: hour, value: 19 }], token);
    expectProblem(other, 404, "not_found", [token]);
    expectProblem(missing, 404, "not_found", [token]);
    expect(withoutInstance(other.body)).toEqual(withoutInstance(missing.body));
    expect(await storedReadings(sibling)).toEqual([]);
  });

  // Regression test for a security bug, same cause as above: any device token, a standard user's or an admin's, creates
  // a metric on another user's device and stores readings there (and moves its lastSeenAt).
  it("cannot write readings into another user's device", async () => {
    const stranger = await userWithToken();
    const admin = await userWithToken({ role: "ADMIN" });
    const adminDevice = await deviceOf(admin.user.id);
    const adminDeviceToken = (await issueTestToken(admin.user.id, { kind: "DEVICE", deviceId: adminDevice })).token;
    for (const deviceToken of [token, adminDeviceToken]) {
      const theirs = await deviceOf(stranger.user.id);
      const result = await ingest(theirs, [{ metric: "planted", time: hour, value: 666 }], deviceToken);
      expect({ status: result.status, stored: await storedReadings(theirs) }).toEqual({ status: 404, stored: [] });
      expect((await testDb().device.findUniqueOrThrow({ where: { id: theirs } })).lastSeenAt).toBeNull();
    }
  });

  it.each([
    ["GET", "/devices"],
    ["POST", "/devices"],
    ["GET", "/devices/{own}"],
    ["PATCH", "/devices/{own}"],
    ["DELETE", "/devices/{own}"],
    ["GET", "/devices/{own}/readings/latest"],
    ["GET", "/devices/{own}/telemetry"],
  ])("gets 403 for %s %s", async (method, path) => {
    const body = method === "POST" ? { name: "Sneaky", kind: "thermostat" } : method === "PATCH" ? { name: "Sneaky" } : undefined;
    const before = { device: await testDb().device.findUnique({ where: { id: deviceId } }), count: await testDb().device.count({ where: { ownerId: owner.user.id } }) };
    const result = await call(method, path.replace("{own}", deviceId), { token, body });
    expectProblem(result, 403, "forbidden", [token]);
    expect({ device: await testDb().device.findUnique({ where: { id: deviceId } }), count: await testDb().device.count({ where: { ownerId: owner.user.id } }) }).toEqual(before);
  });

  it("is described by /me", async () => {
    const me = await call("GET", "/me", { token });
    expect(me.status).toBe(200);
    expect(me.body.token).toEqual({ id: tokenId, kind: "DEVICE", scopes: ["telemetry:write"], deviceId });
  });
});
