// The homepage's view of a page of devices in a handful of statements: each device with the newest
// reading and the last 24 hours (hourly, from the rollups) of every metric, its open alerts and its
// readings in the last hour, so that the fleet summary can be added up from the same page.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { deviceAlerts, type DeviceAlert } from "./alerts";
import type { Caller } from "./caller";
import { listDeviceRows, toDeviceDto, type DeviceDto } from "./devices";
import { countsSince, latestValues, newestOf } from "./latest";
import { HOUR_MS } from "./rollups";

/** Hourly points in a tile's sparkline, the last one the hour now under way. */
export const SPARK_HOURS = 24;

export type MetricOverview = { key: string; unit: string; time: string | null; value: number | null; last24h: (number | null)[] };
export type DeviceOverview = DeviceDto & { readings: MetricOverview[]; alerts: DeviceAlert[]; readingsLastHour: number };

export async function listOverview(
  caller: Caller,
  page: { limit: number; cursor?: string },
  now = Date.now(),
): Promise<{ data: DeviceOverview[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await listDeviceRows(caller, page);
  const ids = rows.flatMap((row) => row.metrics.map((metric) => metric.id));
  const firstHour = Math.floor(now / HOUR_MS) * HOUR_MS - (SPARK_HOURS - 1) * HOUR_MS;
  const latest = await latestValues(ids);
  const hourly = await hourlyAverages(ids, firstHour);
  const recent = await countsSince(ids, now - HOUR_MS);
  const data = rows.map((row) => {
    const readings = row.metrics.map((metric) => {
      const last24h = Array.from({ length: SPARK_HOURS }, (_, i) => hourly.get(metric.id)?.get(firstHour + i * HOUR_MS) ?? null);
      return { key: metric.key, unit: metric.unit, ...newestOf(latest, metric.id), last24h };
    });
    const readingsLastHour = row.metrics.reduce((sum, metric) => sum + (recent.get(metric.id) ?? 0), 0);
    return { ...toDeviceDto(row, now), readings, alerts: deviceAlerts(row, readings, now), readingsLastHour };
  });
  return { data, nextCursor };
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
