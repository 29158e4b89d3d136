// Reading telemetry in buckets and ingesting it in batches, for callers who may see the device.
import "server-only";
import { db, transaction } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { DEVICE_KINDS, type DeviceKind } from "./catalog";
import { visibleTo, type Caller } from "./caller";
import { DAY_MS, rollupFor, rollupWrites } from "./rollups";

export type Bucket = { time: string; min: number; max: number; avg: number; count: number };
export type Series = { metric: string; unit: string; buckets: Bucket[] };

/**
 * Aggregates a device's readings in [from, to) into buckets of `bucketMs`; null when not the
 * caller's. A bucket size that is a whole number of hours or days reads the rollups, unless
 * `source` is "raw" (the benchmark's comparison). The range must be whole buckets (the API's query
 * schema widens it so): then both sources give the same answer.
 */
export async function readBuckets(
  caller: Caller,
  deviceId: string,
  range: { from: Date; to: Date; bucketMs: number; metric?: string },
  source: "auto" | "raw" = "auto",
): Promise<Series[] | null> {
  // Visibility first, as its own query: the aggregate below then reads the device's metrics itself,
  // so that the whole answer takes one model query and one raw one (the cheapest split measured).
  if (!(await isVisible(caller, deviceId))) return null;
  const resolution = source === "auto" ? rollupFor(range.bucketMs) : null;
  const [from, to, size] = [range.from.getTime(), range.to.getTime(), range.bucketMs];
  const metrics = Prisma.sql`SELECT "id" FROM "Metric" WHERE "deviceId" = ${deviceId}${range.metric ? Prisma.sql` AND "key" = ${range.metric}` : Prisma.empty}`;
  const buckets = resolution
    ? Prisma.sql`
        SELECT "metricId", CAST("time" / ${size} AS INTEGER) AS bucket,
               MIN("min") AS min, MAX("max") AS max, SUM("sum") / SUM("count") AS avg, SUM("count") AS count
        FROM "TelemetryRollup"
        WHERE "metricId" IN (${metrics}) AND "resolution" = ${resolution} AND "time" >= ${from} AND "time" < ${to}
        GROUP BY "metricId", bucket ORDER BY "metricId", bucket`
    : Prisma.sql`
        SELECT "metricId", CAST("time" / ${size} AS INTEGER) AS bucket,
               MIN("value") AS min, MAX("value") AS max, AVG("value") AS avg, COUNT(*) AS count
        FROM "Telemetry"
        WHERE "metricId" IN (${metrics}) AND "time" >= ${from} AND "time" < ${to}
        GROUP BY "metricId", bucket ORDER BY "metricId", bucket`;
  // One JSON array a metric: the driver maps a handful of rows instead of hundreds, which is most
  // of what this query costs (measured in BENCHMARKS.md). A bucket is its number, an integer that
  // SQLite writes and JS parses faster than its time, which is a REAL here (Prisma binds size so).
  const rows = await db.$queryRaw<{ key: string; unit: string; buckets: string | null }[]>`
    SELECT m."key", m."unit", b."buckets"
    FROM "Metric" m
    LEFT JOIN (
      SELECT "metricId", json_group_array(json_array(bucket, min, max, avg, count)) AS buckets
      FROM (${buckets}) GROUP BY "metricId"
    ) b ON b."metricId" = m."id"
    WHERE m."id" IN (${metrics})
    ORDER BY m."id"`;
  return rows.map((row) => {
    const list = row.buckets ? (JSON.parse(row.buckets) as [number, number, number, number, number][]).sort((a, b) => a[0] - b[0]) : [];
    const iso = isoFormatter();
    return {
      metric: row.key,
      unit: row.unit,
      // Indexes rather than destructuring, which allocated an iterator result for every element.
      buckets: list.map((b) => ({ time: iso(b[0] * size), min: b[1], max: b[2], avg: Math.round(b[3] * 1000) / 1000, count: b[4] })),
    };
  });
}

/**
 * toISOString for many times: each is its day's date and its time of day, and a chart's buckets
 * share a few dozen dates and a few dozen times of day, so each part is formatted once and the
 * string is their join. A Date and a string a bucket were about a tenth of the 30-day chart
 * query's CPU (1,080 buckets) and most of its garbage. Years outside 0000-9999 keep
 * toISOString's own form.
 */
export function isoFormatter(): (ms: number) => string {
  const dates = new Map<number, string>();
  const times = new Map<number, string>();
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    const timeOfDay = ms - day * DAY_MS;
    let date = dates.get(day);
    if (date === undefined) dates.set(day, (date = new Date(day * DAY_MS).toISOString().slice(0, 11)));
    if (date[10] !== "T") return new Date(ms).toISOString();
    let time = times.get(timeOfDay);
    if (time === undefined) times.set(timeOfDay, (time = new Date(timeOfDay).toISOString().slice(11)));
    return date + time;
  };
}

export type Reading = { metric: string; time: Date; value: number; unit?: string };

type Writer = Pick<Prisma.TransactionClient, "$executeRaw">;

/** A device may report this many distinct metrics; more is a misbehaving client, not a device. */
export const MAX_METRICS_PER_DEVICE = 32;

/**
 * Stores a batch for one device; a repeated (metric, time) replaces the earlier value, so a device
 * may safely resend. Unknown metrics are created, with the kind's unit when it has one.
 */
export async function ingestReadings(
  caller: Caller,
  deviceId: string,
  readings: Reading[],
): Promise<{ accepted: number } | { error: "too_many_metrics" } | null> {
  const metrics = await visibleMetrics(caller, deviceId);
  const metricIds = new Map(metrics.map((m) => [m.key, m.id]));
  const added = new Set(readings.map((r) => r.metric).filter((key) => !metricIds.has(key)));
  // The device row only when the metrics cannot answer: whether it is visible at all, or its kind's units.
  let kind: string | undefined;
  if (metrics.length === 0 || added.size > 0) {
    const device = await db.device.findFirst({ where: { id: deviceId, ...visibleTo(caller) }, select: { kind: true } });
    if (!device) return null;
    kind = device.kind;
  }
  if (metricIds.size + added.size > MAX_METRICS_PER_DEVICE) return { error: "too_many_metrics" };
  const known = DEVICE_KINDS[kind as DeviceKind]?.metrics ?? [];
  // The last of a repeated (metric, time) wins, as a resend would; one statement may not touch a row twice.
  const unique = [...new Map(readings.map((r) => [`${r.metric}\0${r.time.getTime()}`, r])).values()];
  const writes = (client: Writer) => {
    // The whole batch as one JSON parameter: Prisma's cost grows with every bound value (three a
    // reading), SQLite's json_each does not, and it reads numbers back exactly (ingest.test.ts).
    const rows = JSON.stringify(unique.map((r) => [metricIds.get(r.metric)!, r.time.getTime(), r.value]));
    const times = unique.map((r) => r.time.getTime());
    const newest = Math.min(Math.max(...times), Date.now());
    return [
      client.$executeRaw`
        INSERT INTO "Telemetry" ("metricId", "time", "value")
        SELECT "value" ->> 0, "value" ->> 1, "value" ->> 2 FROM json_each(${rows}) WHERE true
        ON CONFLICT ("metricId", "time") DO UPDATE SET "value" = excluded."value"`,
      ...rollupWrites(client, [...new Set(unique.map((r) => metricIds.get(r.metric)!))], Math.min(...times), Math.max(...times)),
      // Conditional, so that two batches at once never move it backwards; updatedAt as Prisma's update would.
      client.$executeRaw`
        UPDATE "Device" SET "lastSeenAt" = ${newest}, "updatedAt" = ${Date.now()}
        WHERE "id" = ${deviceId} AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ${newest})`,
    ];
  };
  if (added.size === 0) {
    // The usual batch, of known metrics: one batch transaction, cheaper than an interactive one.
    // It needs no retry on SQLITE_BUSY_SNAPSHOT (see transaction()): its first statement writes,
    // so SQLite takes the write lock before it reads, waiting out a busy database.
    await db.$transaction(writes(db));
    return { accepted: readings.length };
  }
  await transaction(async (tx) => {
    for (const reading of unique) {
      if (metricIds.has(reading.metric)) continue;
      const unit = reading.unit ?? known.find((m) => m.key === reading.metric)?.unit ?? "";
      // Upsert: two batches may bring the same new metric at once.
      const metric = await tx.metric.upsert({
        where: { deviceId_key: { deviceId, key: reading.metric } },
        create: { deviceId, key: reading.metric, unit },
        update: {},
        select: { id: true },
      });
      metricIds.set(reading.metric, metric.id);
    }
    for (const write of writes(tx)) await write;
  });
  return { accepted: readings.length };
}

/** The device's metrics, in one query that carries the visibility rule; none when not the caller's. */
function visibleMetrics(caller: Caller, deviceId: string) {
  return db.metric.findMany({
    where: { device: { id: deviceId, ...visibleTo(caller) } },
    select: { id: true, key: true },
  });
}

async function isVisible(caller: Caller, deviceId: string): Promise<boolean> {
  return (await db.device.findFirst({ where: { id: deviceId, ...visibleTo(caller) }, select: { id: true } })) !== null;
}
