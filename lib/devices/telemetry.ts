// Reading telemetry in buckets and ingesting it in batches, for callers who may see the device.
import "server-only";
import { db, transaction } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { DEVICE_KINDS, type DeviceKind } from "./catalog";
import { visibleTo, type Caller } from "./caller";
import { refreshRollups, rollupFor } from "./rollups";

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
  // Two flat queries: Prisma's nested select costs several times more on the JS engine.
  if (!(await db.device.findFirst({ where: { id: deviceId, ...visibleTo(caller) }, select: { id: true } }))) return null;
  const metrics = await db.metric.findMany({
    where: { deviceId, ...(range.metric ? { key: range.metric } : {}) },
    select: { id: true, key: true, unit: true },
    orderBy: { id: "asc" },
  });
  if (metrics.length === 0) return [];
  const ids = metrics.map((m) => m.id);
  const resolution = source === "auto" ? rollupFor(range.bucketMs) : null;
  const [from, to, size] = [range.from.getTime(), range.to.getTime(), range.bucketMs];
  const inIds = Prisma.join(ids);
  const buckets = resolution
    ? Prisma.sql`
        SELECT "metricId", CAST("time" / ${size} AS INTEGER) * ${size} AS bucket,
               MIN("min") AS min, MAX("max") AS max, SUM("sum") / SUM("count") AS avg, SUM("count") AS count
        FROM "TelemetryRollup"
        WHERE "metricId" IN (${inIds}) AND "resolution" = ${resolution} AND "time" >= ${from} AND "time" < ${to}
        GROUP BY "metricId", bucket ORDER BY "metricId", bucket`
    : Prisma.sql`
        SELECT "metricId", CAST("time" / ${size} AS INTEGER) * ${size} AS bucket,
               MIN("value") AS min, MAX("value") AS max, AVG("value") AS avg, COUNT(*) AS count
        FROM "Telemetry"
        WHERE "metricId" IN (${inIds}) AND "time" >= ${from} AND "time" < ${to}
        GROUP BY "metricId", bucket ORDER BY "metricId", bucket`;
  // One JSON array a metric: the driver maps a handful of rows instead of hundreds, which is most
  // of what this query costs (measured in BENCHMARKS.md).
  const rows = await db.$queryRaw<{ metricId: number | bigint; buckets: string }[]>`
    SELECT "metricId", json_group_array(json_array(bucket, min, max, avg, count)) AS buckets
    FROM (${buckets}) GROUP BY "metricId"`;
  const byMetric = new Map<number, Bucket[]>(ids.map((id) => [id, []]));
  for (const row of rows) {
    const list = (JSON.parse(row.buckets) as [number, number, number, number, number][]).sort((a, b) => a[0] - b[0]);
    byMetric.set(
      Number(row.metricId),
      list.map(([bucket, min, max, avg, count]) => ({ time: new Date(bucket).toISOString(), min, max, avg: Math.round(avg * 1000) / 1000, count })),
    );
  }
  return metrics.map((m) => ({ metric: m.key, unit: m.unit, buckets: byMetric.get(m.id)! }));
}

export type Reading = { metric: string; time: Date; value: number; unit?: string };

/**
 * Stores a batch for one device; a repeated (metric, time) replaces the earlier value, so a device
 * may safely resend. Unknown metrics are created, with the kind's unit when it has one.
 */
/** A device may report this many distinct metrics; more is a misbehaving client, not a device. */
export const MAX_METRICS_PER_DEVICE = 32;

export async function ingestReadings(
  caller: Caller,
  deviceId: string,
  readings: Reading[],
): Promise<{ accepted: number } | { error: "too_many_metrics" } | null> {
  const device = await db.device.findFirst({
    where: { id: deviceId, ...visibleTo(caller) },
    select: { id: true, kind: true, metrics: { select: { id: true, key: true } } },
  });
  if (!device) return null;
  const metricIds = new Map(device.metrics.map((m) => [m.key, m.id]));
  const added = new Set(readings.map((r) => r.metric).filter((key) => !metricIds.has(key)));
  if (metricIds.size + added.size > MAX_METRICS_PER_DEVICE) return { error: "too_many_metrics" };
  const known = DEVICE_KINDS[device.kind as DeviceKind]?.metrics ?? [];
  // The last of a repeated (metric, time) wins, as a resend would; one statement may not touch a row twice.
  const unique = [...new Map(readings.map((r) => [`${r.metric}\0${r.time.getTime()}`, r])).values()];
  await transaction(async (tx) => {
    for (const reading of unique) {
      if (metricIds.has(reading.metric)) continue;
      const unit = reading.unit ?? known.find((m) => m.key === reading.metric)?.unit ?? "";
      // Upsert: two batches may bring the same new metric at once.
      const metric = await tx.metric.upsert({
        where: { deviceId_key: { deviceId: device.id, key: reading.metric } },
        create: { deviceId: device.id, key: reading.metric, unit },
        update: {},
        select: { id: true },
      });
      metricIds.set(reading.metric, metric.id);
    }
    for (let start = 0; start < unique.length; start += 250) {
      const values = unique
        .slice(start, start + 250)
        .map((r) => Prisma.sql`(${metricIds.get(r.metric)!}, ${r.time.getTime()}, ${r.value})`);
      await tx.$executeRaw`
        INSERT INTO "Telemetry" ("metricId", "time", "value") VALUES ${Prisma.join(values)}
        ON CONFLICT ("metricId", "time") DO UPDATE SET "value" = excluded."value"`;
    }
    const times = unique.map((r) => r.time.getTime());
    await refreshRollups(tx, [...new Set(unique.map((r) => metricIds.get(r.metric)!))], Math.min(...times), Math.max(...times));
    const newest = new Date(Math.min(Math.max(...times), Date.now()));
    // Conditional, so that two batches at once never move it backwards.
    await tx.device.updateMany({ where: { id: device.id, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: newest } }] }, data: { lastSeenAt: newest } });
  });
  return { accepted: readings.length };
}
