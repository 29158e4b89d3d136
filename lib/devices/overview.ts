// The homepage's view of a page of devices in a handful of statements: each device with the newest
// reading and the last 24 hours (hourly, from the rollups) of every metric, and its open alerts.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { deviceAlerts, type DeviceAlert } from "./alerts";
import type { Caller } from "./caller";
import { listDevices, type DeviceDto } from "./devices";
import { latestValues } from "./latest";
import { HOUR_MS } from "./rollups";

/** Hourly points in a tile's sparkline, the last one the hour now under way. */
export const SPARK_HOURS = 24;

export type MetricOverview = { key: string; unit: string; time: string | null; value: number | null; last24h: (number | null)[] };
export type DeviceOverview = DeviceDto & { readings: MetricOverview[]; alerts: DeviceAlert[] };

export async function listOverview(
  caller: Caller,
  page: { limit: number; cursor?: string },
  now = Date.now(),
): Promise<{ data: DeviceOverview[]; nextCursor: string | null }> {
  const { data, nextCursor } = await listDevices(caller, page);
  const metrics = await db.metric.findMany({
    where: { deviceId: { in: data.map((device) => device.id) } },
    select: { id: true, deviceId: true, key: true, unit: true },
    orderBy: { id: "asc" },
  });
  const ids = metrics.map((metric) => metric.id);
  const firstHour = Math.floor(now / HOUR_MS) * HOUR_MS - (SPARK_HOURS - 1) * HOUR_MS;
  const [latest, hourly] = await Promise.all([latestValues(ids), hourlyAverages(ids, firstHour)]);
  const readings = new Map<string, MetricOverview[]>();
  for (const metric of metrics) {
    const newest = latest.get(metric.id);
    const last24h = Array.from({ length: SPARK_HOURS }, (_, i) => hourly.get(metric.id)?.get(firstHour + i * HOUR_MS) ?? null);
    const entry = { key: metric.key, unit: metric.unit, time: newest?.time.toISOString() ?? null, value: newest?.value ?? null, last24h };
    readings.set(metric.deviceId, [...(readings.get(metric.deviceId) ?? []), entry]);
  }
  const overview = data.map((device) => {
    const own = readings.get(device.id) ?? [];
    const alerts = deviceAlerts({ ...device, lastSeenAt: device.lastSeenAt ? new Date(device.lastSeenAt) : null }, own, now);
    return { ...device, readings: own, alerts };
  });
  return { data: overview, nextCursor };
}

/** Hourly averages from `from` on, a metric to a row (one JSON array each keeps the mapping cheap). */
async function hourlyAverages(metricIds: number[], from: number): Promise<Map<number, Map<number, number>>> {
  if (metricIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ metricId: number | bigint; points: string }[]>`
    SELECT "metricId", json_group_array(json_array("time", "sum" / "count")) AS points
    FROM "TelemetryRollup"
    WHERE "metricId" IN (${Prisma.join(metricIds)}) AND "resolution" = ${HOUR_MS} AND "time" >= ${from}
    GROUP BY "metricId"`;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return new Map(rows.map((row) => [Number(row.metricId), new Map((JSON.parse(row.points) as [number, number][]).map(([t, avg]) => [t, round(avg)]))]));
}
