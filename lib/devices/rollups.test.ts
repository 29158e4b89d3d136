// Rollups against the raw readings they summarise: kept right on ingest and on replacement, and
// read back to the same buckets as a raw aggregate gives.
import { describe, expect, it } from "vitest";
import { personOf } from "@/lib/testing/callers";
import { createDevice, createUser, testDb } from "@/lib/testing/factories";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";
import { visibleSql } from "@/lib/access/visible";
import { Prisma } from "@/lib/generated/prisma/client";
import { onPostgres } from "@/lib/sql-dialect";
import { rollupFor } from "./rollups";
import { bucketsSql } from "./sql";
import { ingestReadings, readBuckets, type Reading } from "./telemetry";

/** Whole buckets, as the API's query schema widens every range. */
function aligned(from: number, to: number, bucketMs: number) {
  return { from: new Date(Math.floor(from / bucketMs) * bucketMs), to: new Date(Math.ceil(to / bucketMs) * bucketMs), bucketMs };
}

/** Three days of minute readings ending at the last whole hour, in batches as a device sends them. */
async function deviceWithHistory() {
  const user = await createUser();
  const device = await createDevice(user.id);
  const caller = personOf(user);
  const end = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const start = end - 3 * DAY_MS;
  const readings: Reading[] = [];
  for (let time = start, i = 0; time < end; time += MINUTE_MS, i++) {
    readings.push({ metric: "temperature", time: new Date(time), value: 20 + Math.sin(i / 50) * 3 + (i % 7) / 10 });
  }
  for (let i = 0; i < readings.length; i += 500) await ingestReadings(caller, device.id, readings.slice(i, i + 500));
  return { caller, deviceId: device.id, start, end };
}

describe("rollups", () => {
  it("choose the coarsest stored resolution that divides the bucket", () => {
    expect(rollupFor(MINUTE_MS)).toBeNull();
    expect(rollupFor(5 * MINUTE_MS)).toBeNull();
    expect(rollupFor(HOUR_MS)).toBe(HOUR_MS);
    expect(rollupFor(2 * HOUR_MS)).toBe(2 * HOUR_MS);
    expect(rollupFor(3 * HOUR_MS)).toBe(HOUR_MS);
    expect(rollupFor(6 * HOUR_MS)).toBe(2 * HOUR_MS);
    expect(rollupFor(DAY_MS)).toBe(DAY_MS);
    expect(rollupFor(7 * DAY_MS)).toBe(DAY_MS);
  });

  it("are kept up to date on ingest, by the hour, the two hours and the day", async () => {
    const { deviceId, start } = await deviceWithHistory();
    const metric = await testDb().metric.findFirstOrThrow({ where: { deviceId }, select: { id: true } });
    const level = (resolution: number) => testDb().telemetryRollup.findMany({ where: { metricId: metric.id, resolution }, orderBy: { time: "asc" } });
    const [hours, twoHours, days] = [await level(HOUR_MS), await level(2 * HOUR_MS), await level(DAY_MS)];
    expect(hours).toHaveLength(72);
    // Batches of 500 minutes end mid-bucket: each two hours is still exactly its hours.
    const pairs = new Map<number, { min: number; max: number; count: number }>();
    for (const hour of hours) {
      const time = Math.floor(hour.time.getTime() / (2 * HOUR_MS)) * 2 * HOUR_MS;
      const pair = pairs.get(time);
      pairs.set(time, pair ? { min: Math.min(pair.min, hour.min), max: Math.max(pair.max, hour.max), count: pair.count + hour.count } : { min: hour.min, max: hour.max, count: hour.count });
    }
    expect(twoHours.map((b) => [b.time.getTime(), { min: b.min, max: b.max, count: b.count }])).toEqual([...pairs]);
    expect(days.reduce((sum, d) => sum + d.count, 0)).toBe(3 * 24 * 60);
    const firstHour = await testDb().telemetry.findMany({ where: { metricId: metric.id, time: { gte: new Date(start), lt: new Date(start + HOUR_MS) } } });
    const rollup = await testDb().telemetryRollup.findUniqueOrThrow({ where: { metricId_resolution_time: { metricId: metric.id, resolution: HOUR_MS, time: new Date(start) } } });
    expect(rollup.count).toBe(60);
    expect(rollup.min).toBe(Math.min(...firstHour.map((r) => r.value)));
    expect(rollup.max).toBe(Math.max(...firstHour.map((r) => r.value)));
    expect(rollup.sum).toBeCloseTo(firstHour.reduce((s, r) => s + r.value, 0), 6);
  });

  it("follow a replaced reading", async () => {
    const { caller, deviceId, start } = await deviceWithHistory();
    await ingestReadings(caller, deviceId, [{ metric: "temperature", time: new Date(start + 5 * MINUTE_MS), value: 99 }]);
    const [series] = (await readBuckets(caller, deviceId, aligned(start, start + MINUTE_MS, DAY_MS)))!;
    expect(series!.buckets[0]!.max).toBe(99);
    const [hourly] = (await readBuckets(caller, deviceId, aligned(start, start + MINUTE_MS, HOUR_MS)))!;
    expect(hourly!.buckets[0]!.max).toBe(99);
    const [twoHourly] = (await readBuckets(caller, deviceId, aligned(start, start + MINUTE_MS, 2 * HOUR_MS)))!;
    expect(twoHourly!.buckets[0]!.max).toBe(99);
  });

  it("give the same buckets as the raw readings, for every size a rollup serves", async () => {
    const { caller, deviceId, start, end } = await deviceWithHistory();
    for (const bucketMs of [HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, DAY_MS]) {
      const range = aligned(start, end, bucketMs);
      const fromRollups = await readBuckets(caller, deviceId, range);
      const fromRaw = await readBuckets(caller, deviceId, range, "raw");
      expect(fromRollups![0]!.buckets.length).toBe(Math.ceil((end - range.from.getTime()) / bucketMs));
      expect(fromRollups![0]!.buckets.map(({ avg, ...b }) => ({ ...b, avg: Math.round(avg * 100) }))).toEqual(
        fromRaw![0]!.buckets.map(({ avg, ...b }) => ({ ...b, avg: Math.round(avg * 100) })),
      );
    }
  });
});

// PostgreSQL's layout for the chart (prisma/postgres/migrations/*_covering_rollup_key): the rollup
// key carries the values, so the 30-day chart needs no heap page. Plain scans are switched off, so
// that the tiny test table cannot hide the question: could the key alone answer the chart?
describe.runIf(onPostgres)("the chart's read on PostgreSQL", () => {
  it("is an index-only scan of the rollup key", async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    const size = 2 * HOUR_MS;
    const to = Math.ceil(Date.now() / size) * size;
    const query = bucketsSql({ visible: visibleSql(personOf(user)), deviceId: device.id, from: to - 30 * DAY_MS, to, size, resolution: size });
    const [plan] = await testDb().$transaction([
      testDb().$executeRawUnsafe("SET LOCAL enable_seqscan = off"),
      testDb().$executeRawUnsafe("SET LOCAL enable_bitmapscan = off"),
      testDb().$queryRaw<{ "QUERY PLAN": unknown }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${query}`),
    ]).then((results) => results[2]);
    const scans = JSON.stringify(plan).match(/"Node Type":"[^"]*Scan","[^}]*?"Relation Name":"TelemetryRollup"/g) ?? [];
    expect(scans.length, JSON.stringify(plan)).toBeGreaterThan(0);
    for (const scan of scans) expect(scan).toContain('"Node Type":"Index Only Scan"');
  });
});
