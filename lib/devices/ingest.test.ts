// ingestReadings below the API: what it stores, exactly, and who it refuses.
import { describe, expect, it } from "vitest";
import { personOf, tokenCallerOf } from "@/lib/testing/callers";
import { createDevice, createUser, testDb } from "@/lib/testing/factories";
import { HOUR_MS, MINUTE_MS } from "@/lib/time";
import { MAX_READING } from "@/lib/api/schemas";
import { ingestReadings, MAX_METRICS_PER_DEVICE } from "./telemetry";

async function ownDevice() {
  const user = await createUser();
  const device = await createDevice(user.id);
  return { caller: personOf(user), deviceId: device.id };
}

async function stored(deviceId: string) {
  const rows = await testDb().telemetry.findMany({ where: { metric: { deviceId } }, select: { time: true, value: true, metric: { select: { key: true } } } });
  return rows.map((r) => ({ metric: r.metric.key, time: r.time.getTime(), value: r.value })).sort((a, b) => a.metric.localeCompare(b.metric) || a.time - b.time);
}

describe("ingestReadings", () => {
  it("stores every value bit for bit, however awkward its decimal form", async () => {
    const { caller, deviceId } = await ownDevice();
    const start = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 2 * HOUR_MS;
    // Within the API's bound (MAX_READING, 1e12): a larger value, which no device can send, would
    // sit in the shared test database and overflow PostgreSQL's sums in any admin's overview.
    const values = [0.1 + 0.2, 1 / 3, -2.5e-7, 5e-324, MAX_READING, -MAX_READING, 999_999_999_999.9999, 2 ** 39 + 0.5, 123456.789, 20, -0.000001, 4.35];
    const bits = new DataView(new ArrayBuffer(8));
    for (let i = 0; values.length < 200; i++) {
      bits.setUint32(0, (i * 2654435761) >>> 0);
      bits.setUint32(4, (i * 40503 + 12345) >>> 0);
      const x = bits.getFloat64(0);
      if (Number.isFinite(x) && Math.abs(x) <= MAX_READING) values.push(x);
    }
    const readings = values.map((value, i) => ({ metric: "temperature", time: new Date(start + i * MINUTE_MS), value }));
    expect(await ingestReadings(caller, deviceId, readings)).toEqual({ accepted: values.length });
    expect((await stored(deviceId)).map((r) => r.value)).toEqual(values);
    // Again, now that the metric is known: the usual batch, which takes the other write path.
    const later = readings.map((r) => ({ ...r, time: new Date(r.time.getTime() + values.length * MINUTE_MS) }));
    expect(await ingestReadings(caller, deviceId, later)).toEqual({ accepted: values.length });
    expect((await stored(deviceId)).map((r) => r.value)).toEqual([...values, ...values]);
  });

  it("keeps the last of a (metric, time) repeated within a batch and across batches", async () => {
    const { caller, deviceId } = await ownDevice();
    const t = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS;
    const batch = [
      { metric: "temperature", time: new Date(t), value: 1 },
      { metric: "humidity", time: new Date(t), value: 50 },
      { metric: "temperature", time: new Date(t), value: 2 },
    ];
    expect(await ingestReadings(caller, deviceId, batch)).toEqual({ accepted: 3 });
    expect(await stored(deviceId)).toEqual([
      { metric: "humidity", time: t, value: 50 },
      { metric: "temperature", time: t, value: 2 },
    ]);
    await ingestReadings(caller, deviceId, [{ metric: "temperature", time: new Date(t), value: 3 }]);
    expect(await stored(deviceId)).toEqual([
      { metric: "humidity", time: t, value: 50 },
      { metric: "temperature", time: t, value: 3 },
    ]);
  });

  it("creates a new metric with the reading's unit, else the kind's, and moves lastSeenAt only forward", async () => {
    const { caller, deviceId } = await ownDevice();
    const t = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS;
    const before = await testDb().device.findUniqueOrThrow({ where: { id: deviceId }, select: { updatedAt: true } });
    await ingestReadings(caller, deviceId, [
      { metric: "temperature", time: new Date(t), value: 1 },
      { metric: "lux", time: new Date(t + MINUTE_MS), value: 300, unit: "lx" },
    ]);
    await ingestReadings(caller, deviceId, [{ metric: "temperature", time: new Date(t - HOUR_MS), value: 1 }]);
    const device = await testDb().device.findUniqueOrThrow({ where: { id: deviceId }, select: { lastSeenAt: true, updatedAt: true, metrics: { select: { key: true, unit: true }, orderBy: { id: "asc" } } } });
    expect(device.metrics).toEqual([{ key: "temperature", unit: "°C" }, { key: "lux", unit: "lx" }]);
    expect(device.lastSeenAt).toEqual(new Date(t + MINUTE_MS));
    expect(device.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
  });

  it("answers null for another user's device or a missing one, and stores nothing", async () => {
    const { deviceId } = await ownDevice();
    const stranger = await createUser();
    const reading = { metric: "temperature", time: new Date(Date.now() - HOUR_MS), value: 1 };
    expect(await ingestReadings(personOf(stranger), deviceId, [reading])).toBeNull();
    expect(await ingestReadings(personOf(stranger), "no-such-device", [reading])).toBeNull();
    // A device token for another device, even the owner's own.
    const owner = await testDb().device.findUniqueOrThrow({ where: { id: deviceId }, select: { ownerId: true } });
    const sibling = await createDevice(owner.ownerId);
    expect(await ingestReadings(tokenCallerOf({ id: owner.ownerId, role: "STANDARD" }, { deviceId: sibling.id }), deviceId, [reading])).toBeNull();
    expect(await stored(deviceId)).toEqual([]);
  });

  it(`refuses a batch that would take a device past ${MAX_METRICS_PER_DEVICE} metrics`, async () => {
    const { caller, deviceId } = await ownDevice();
    const time = new Date(Date.now() - HOUR_MS);
    const readings = Array.from({ length: MAX_METRICS_PER_DEVICE + 1 }, (_, i) => ({ metric: `m${i}`, time, value: i }));
    expect(await ingestReadings(caller, deviceId, readings)).toEqual({ error: "too_many_metrics" });
    expect(await stored(deviceId)).toEqual([]);
  });

  it("refuses a disabled device's readings, and stores them once it is enabled again", async () => {
    const { caller, deviceId } = await ownDevice();
    const reading = { metric: "temperature", time: new Date(Date.now() - HOUR_MS), value: 7 };
    await testDb().device.update({ where: { id: deviceId }, data: { enabled: false } });
    expect(await ingestReadings(caller, deviceId, [reading])).toEqual({ error: "disabled" });
    expect(await stored(deviceId)).toEqual([]);
    await testDb().device.update({ where: { id: deviceId }, data: { enabled: true } });
    expect(await ingestReadings(caller, deviceId, [reading])).toEqual({ accepted: 1 });
  });

  it("takes overlapping batches of one device at once, all of them, with rollups that add up", async () => {
    // As a device behind several instances, or a client with several connections, sends them: on
    // PostgreSQL two such batches lock the same rollup rows, and each recomputes them from what it
    // sees; one was once ended as a deadlock (a 500), and a rollup once missed another's values.
    // Three devices, since a lost update needs an unlucky interleaving.
    const metrics = ["temperature", "humidity", "setpoint"];
    const start = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 12 * HOUR_MS;
    const batch = (n: number) =>
      Array.from({ length: 300 }, (_, i) => ({ metric: metrics[i % 3]!, time: new Date(start + (n * 50 + Math.floor(i / 3)) * MINUTE_MS), value: n }));
    for (let round = 0; round < 3; round++) {
      const { caller, deviceId } = await ownDevice();
      // Known metrics first, so that every batch below takes the usual path.
      await ingestReadings(caller, deviceId, metrics.map((metric) => ({ metric, time: new Date(start), value: 0 })));
      const results = await Promise.all(Array.from({ length: 8 }, (_, n) => ingestReadings(caller, deviceId, batch(n))));
      expect(results).toEqual(Array.from({ length: 8 }, () => ({ accepted: 300 })));
      const readings = await stored(deviceId);
      const hourly = await testDb().telemetryRollup.findMany({ where: { metric: { deviceId }, resolution: HOUR_MS }, select: { count: true, sum: true } });
      expect(hourly.reduce((n, r) => n + r.count, 0)).toBe(readings.length);
      expect(hourly.reduce((n, r) => n + r.sum, 0)).toBeCloseTo(readings.reduce((n, r) => n + r.value, 0), 6);
    }
  });

  it("stores every reading of batches that bring the same new metric at once under that one metric", async () => {
    // The metric is created by whichever batch comes first; the others lose that race and run again.
    const { caller, deviceId } = await ownDevice();
    const start = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 6 * HOUR_MS;
    const batch = (n: number) => Array.from({ length: 60 }, (_, i) => ({ metric: "co2", unit: "ppm", time: new Date(start + (n * 60 + i) * MINUTE_MS), value: n }));
    const results = await Promise.all(Array.from({ length: 6 }, (_, n) => ingestReadings(caller, deviceId, batch(n))));
    expect(results).toEqual(Array.from({ length: 6 }, () => ({ accepted: 60 })));
    const metrics = await testDb().metric.findMany({ where: { deviceId }, select: { key: true, _count: { select: { readings: true } } } });
    expect(metrics).toEqual([{ key: "co2", _count: { readings: 360 } }]);
  });
});
