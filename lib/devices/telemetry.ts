// Reading telemetry in buckets and ingesting it in batches, for callers who may see the device.
import "server-only";
import type { Caller } from "@/lib/access/caller";
import { assertScope } from "@/lib/access/checks";
import { visibleSql } from "@/lib/access/visible";
import { db, transaction } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS } from "@/lib/time";
import { DEVICE_KINDS, type DeviceKind } from "./catalog";
import { rollupFor, rollupWrites } from "./rollups";
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
  const rows = await db.$queryRaw<{ key: string | null; unit: string; buckets: string | null }[]>(
    bucketsSql({ visible: visibleSql(caller), deviceId, metric: range.metric, from, to, size, resolution }),
  );
  if (rows.length === 0) return null;
  // One formatter for the whole call: the metrics share their buckets' dates and times of day.
  const iso = isoFormatter();
  return rows.flatMap(({ key, unit, buckets: json }) => {
    if (key === null) return [];
    const list = json ? (JSON.parse(json) as [number, number, number, number, number][]).sort((a, b) => a[0] - b[0]) : [];
    return {
      metric: key,
      unit,
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
): Promise<{ accepted: number } | { error: "too_many_metrics" | "disabled" } | null> {
  assertScope(caller, "telemetry:write");
  // No row when the device is not the caller's, a row without a metric when it has none yet.
  const device = await db.$queryRaw<{ kind: string; enabled: boolean | number; id: number | bigint | null; key: string | null }[]>(ingestTargetSql(visibleSql(caller), deviceId));
  if (device.length === 0) return null;
  // A disabled device is switched off in Gatehouse: what it still sends is refused, not stored.
  if (!device[0]!.enabled) return { error: "disabled" };
  const metricIds = new Map(device.flatMap((m) => (m.key === null ? [] : [[m.key, Number(m.id)] as const])));
  const added = new Set(readings.map((r) => r.metric).filter((key) => !metricIds.has(key)));
  if (metricIds.size + added.size > MAX_METRICS_PER_DEVICE) return { error: "too_many_metrics" };
  const known = DEVICE_KINDS[device[0]!.kind as DeviceKind]?.metrics ?? [];
  // The last of a repeated (metric, time) wins, as a resend would; one statement may not touch a row twice.
  const unique = [...new Map(readings.map((r) => [`${r.metric}\0${r.time.getTime()}`, r])).values()];
  const writes = (client: Writer) => {
    const rows = JSON.stringify(unique.map((r) => [metricIds.get(r.metric)!, r.time.getTime(), r.value]));
    const times = unique.map((r) => r.time.getTime());
    const now = Date.now();
    return [
      client.$executeRaw(insertReadingsSql(rows)),
      ...rollupWrites(client, [...new Set(unique.map((r) => metricIds.get(r.metric)!))], Math.min(...times), Math.max(...times)),
      client.$executeRaw(touchLastSeenSql(deviceId, Math.min(Math.max(...times), now), now)),
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
