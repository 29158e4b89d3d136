// Reading telemetry in buckets and ingesting it in batches, for callers who may see the device.
import "server-only";
import type { Caller } from "@/lib/access/caller";
import { assertScope } from "@/lib/access/checks";
import { visibleSql } from "@/lib/access/visible";
import { transaction } from "@/lib/db";
import { asBool, readRows } from "@/lib/db-read";
import { sqlWriter } from "@/lib/db-write";
import { advisoryLocksSql } from "@/lib/sql-dialect";
import { DAY_MS } from "@/lib/time";
import { DEVICE_KINDS, type DeviceKind } from "./catalog";
import { rollupFor, rollupSql } from "./rollups";
import { bucketsSql, ingestTargetSql, insertReadingsSql, touchLastSeenSql } from "./sql";

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
  assertScope(caller, "telemetry:read");
  const resolution = source === "auto" ? rollupFor(range.bucketMs) : null;
  const [from, to, size] = [range.from.getTime(), range.to.getTime(), range.bucketMs];
  // On the driver (lib/db-read.ts): through Prisma, which prepares the statement again and maps
  // the rows, the same read cost about 2 ms more, a third of the whole call.
  const rows = await readRows<{ key: string | null; unit: string; buckets: string }>(
    bucketsSql({ visible: visibleSql(caller), deviceId, metric: range.metric, from, to, size, resolution }),
  );
  if (rows.length === 0) return null;
  // One formatter for the whole call: the metrics share their buckets' dates and times of day.
  const iso = isoFormatter();
  return rows.flatMap(({ key, unit, buckets: json }) => {
    if (key === null) return [];
    const [numbers, mins, maxes, avgs, counts] = JSON.parse(json) as number[][];
    const buckets = numbers!.map((n, i) => ({ time: iso(n * size), min: mins![i]! / 1000, max: maxes![i]! / 1000, avg: avgs![i]! / 1000, count: counts![i]! }));
    return { metric: key, unit, buckets: inOrder(numbers!, buckets) };
  });
}

/** The buckets by their numbers: SQLite aggregates them in its subquery's order, but does not promise to. */
function inOrder<T>(numbers: number[], buckets: T[]): T[] {
  if (numbers.every((n, i) => i === 0 || numbers[i - 1]! < n)) return buckets;
  return numbers.map((n, i) => [n, i] as const).sort((a, b) => a[0] - b[0]).map(([, i]) => buckets[i]!);
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
): Promise<{ accepted: number } | { error: "too_many_metrics" | "disabled" } | null> {
  assertScope(caller, "telemetry:write");
  // No row when the device is not the caller's, a row without a metric when it has none yet.
  type Target = { kind: string; enabled: boolean | number | bigint; id: number | bigint | null; key: string | null };
  const device = await readRows<Target>(ingestTargetSql(visibleSql(caller), deviceId));
  if (device.length === 0) return null;
  // A disabled device is switched off in Gatehouse: what it still sends is refused, not stored.
  if (!asBool(device[0]!.enabled)) return { error: "disabled" };
  const metricIds = new Map(device.flatMap((m) => (m.key === null ? [] : [[m.key, Number(m.id)] as const])));
  const batch = latestOfEach(readings);
  const added = [...batch.metrics].filter((key) => !metricIds.has(key));
  if (metricIds.size + added.length > MAX_METRICS_PER_DEVICE) return { error: "too_many_metrics" };
  // The rows go to SQLite as one JSON value (sql.ts). `ids`: the metrics' ids as this attempt knows them.
  const statements = (ids: Map<string, number>) => {
    const rows = batch.unique.map((r) => [ids.get(r.metric)!, r.time.getTime(), r.value] as const);
    const now = Date.now();
    return [
      insertReadingsSql(rows),
      ...rollupSql([...batch.metrics].map((key) => ids.get(key)!), batch.from, batch.to),
      touchLastSeenSql(deviceId, Math.min(batch.to, now), now),
    ];
  };
  // On PostgreSQL a device's batches take turns: two at once would each recompute a shared rollup
  // row from a snapshot without the other's readings. SQLite's one writer already orders them.
  const lock = advisoryLocksSql([`ingest ${deviceId}`]);
  if (added.length === 0) {
    // The usual batch, of known metrics: one transaction on the driver (lib/db-write.ts).
    await sqlWriter.run([...(lock ? [lock] : []), ...statements(metricIds)]);
    return { accepted: readings.length };
  }
  const known = DEVICE_KINDS[device[0]!.kind as DeviceKind]?.metrics ?? [];
  await transaction(async (tx) => {
    if (lock) await tx.$executeRaw(lock);
    // A fresh map each attempt: an id upserted by an attempt that was rolled back is gone (and on
    // SQLite may be reused by another device's new metric).
    const ids = new Map(metricIds);
    for (const reading of batch.unique) {
      if (ids.has(reading.metric)) continue;
      const unit = reading.unit ?? known.find((m) => m.key === reading.metric)?.unit ?? "";
      // Upsert: two batches may bring the same new metric at once.
      const metric = await tx.metric.upsert({
        where: { deviceId_key: { deviceId, key: reading.metric } },
        create: { deviceId, key: reading.metric, unit },
        update: {},
        select: { id: true },
      });
      ids.set(reading.metric, metric.id);
    }
    for (const query of statements(ids)) await tx.$executeRaw(query);
  });
  return { accepted: readings.length };
}

/**
 * The last reading of each (metric, time), as a resend would leave it (one statement may not touch
 * a row twice), with the batch's metrics and its first and last time, in one pass. Keyed by a
 * number, the time and the metric's place in the batch: cheaper than a string a reading.
 */
function latestOfEach(readings: Reading[]): { unique: Reading[]; metrics: Set<string>; from: number; to: number } {
  const places = new Map<string, number>();
  const last = new Map<number, Reading>();
  let [from, to] = [Infinity, -Infinity];
  for (const reading of readings) {
    let place = places.get(reading.metric);
    if (place === undefined) places.set(reading.metric, (place = places.size));
    const time = reading.time.getTime();
    if (time < from) from = time;
    if (time > to) to = time;
    // Unique while a batch has fewer than 1,024 metrics; one with more is refused all the same.
    last.set(time * 1024 + place, reading);
  }
  return { unique: [...last.values()], metrics: new Set(places.keys()), from, to };
}
