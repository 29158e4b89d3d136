// The homepage's view of a page of devices in one statement: each device with its owner, and each
// of its metrics with the newest reading, the last 24 hours (hourly, from the rollups) and its
// readings in the last hour; then its open alerts, so that the fleet summary can be added up from
// the same page.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { HOUR_MS } from "@/lib/time";
import { deviceAlerts, type DeviceAlert } from "./alerts";
import { visibleSql, type Caller } from "./caller";
import { MAX_PAGE_SIZE, toDeviceDto, type DeviceDto, type DeviceRow } from "./devices";
import { SPARK_HOURS } from "./sparkline";

export type MetricOverview = { key: string; unit: string; time: string | null; value: number | null; last24h: (number | null)[] };
export type DeviceOverview = DeviceDto & { readings: MetricOverview[]; alerts: DeviceAlert[]; readingsLastHour: number };

/** A device as the statement writes it: fields in SELECT order, then its metrics. */
type PageRow = [id: string, name: string, kind: string, location: string, enabled: 0 | 1, lastSeenAt: number | null, createdAt: number, ownerId: string, ownerName: string, metrics: MetricRow[]];
/** A metric: its newest reading ([time, value] or null), its count in the last hour, and its hours ("[slot,thousandths,…]", or null for none). */
type MetricRow = [key: string, unit: string, newest: [number, number] | null, lastHour: number, hours: string | null];

export async function listOverview(
  caller: Caller,
  page: { limit: number; cursor?: string },
  now = Date.now(),
): Promise<{ data: DeviceOverview[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(1, page.limit), MAX_PAGE_SIZE);
  const firstHour = Math.floor(now / HOUR_MS) * HOUR_MS - (SPARK_HOURS - 1) * HOUR_MS;
  const after = page.cursor ? Prisma.sql` AND d."id" > ${page.cursor}` : Prisma.empty;
  // One statement and one JSON array back: Prisma's JS engine spends more on each of a handful of
  // queries, and on mapping their rows, than SQLite spends on all of it. Each metric walks the
  // (metricId, time) keys: its newest reading, its last hour, its SPARK_HOURS hours from firstHour.
  // The hours come as a flat JSON array of slot and average in thousandths (SQLite writes integers
  // far faster than doubles), as text: whether JSON made in a subquery stays JSON depends on the
  // query plan, so json() makes sure of it where JSON is wanted, and the hours are parsed in JS,
  // which is faster at it. Keyset paging, one row more than the page to know whether another
  // follows: a deleted cursor device cannot end it early.
  const [result] = await db.$queryRaw<{ page: string }[]>`
    WITH "shown" AS (
      SELECT d."id", d."name", d."kind", d."location", d."enabled", d."lastSeenAt", d."createdAt", d."ownerId"
      FROM "Device" d WHERE ${visibleSql(caller)}${after} ORDER BY d."id" LIMIT ${limit + 1}
    )
    SELECT json_group_array(json_array(s."id", s."name", s."kind", s."location", s."enabled", s."lastSeenAt", s."createdAt", u."id", u."name", json((
      SELECT json_group_array(json_array(m."key", m."unit",
        json((SELECT json_array(t."time", t."value") FROM "Telemetry" t WHERE t."metricId" = m."id" ORDER BY t."time" DESC LIMIT 1)),
        (SELECT COUNT(*) FROM "Telemetry" t WHERE t."metricId" = m."id" AND t."time" >= ${now - HOUR_MS}),
        (SELECT '[' || group_concat(CAST((r."time" - ${firstHour}) / ${HOUR_MS} AS INTEGER) || ',' || CAST(round(r."sum" * 1000 / r."count") AS INTEGER)) || ']'
         FROM "TelemetryRollup" r WHERE r."metricId" = m."id" AND r."resolution" = ${HOUR_MS}
           AND r."time" >= ${firstHour} AND r."time" < ${firstHour + SPARK_HOURS * HOUR_MS})
      ) ORDER BY m."id") FROM "Metric" m WHERE m."deviceId" = s."id"
    ))) ORDER BY s."id") AS "page"
    FROM "shown" s JOIN "User" u ON u."id" = s."ownerId"`;
  const rows = JSON.parse(result?.page ?? "[]") as PageRow[];
  const more = rows.length > limit;
  const data = rows.slice(0, limit).map((row) => toOverview(row, now));
  return { data, nextCursor: more ? data.at(-1)!.id : null };
}

function toOverview([id, name, kind, location, enabled, lastSeenAt, createdAt, ownerId, ownerName, metrics]: PageRow, now: number): DeviceOverview {
  const row: DeviceRow = {
    id,
    name,
    kind,
    location,
    enabled: enabled === 1,
    lastSeenAt: lastSeenAt === null ? null : new Date(lastSeenAt),
    createdAt: new Date(createdAt),
    owner: { id: ownerId, name: ownerName },
    metrics: metrics.map(([key, unit]) => ({ key, unit })),
  };
  const readings = metrics.map(([key, unit, newest, , hours]) => ({
    key,
    unit,
    time: newest ? new Date(newest[0]).toISOString() : null,
    value: newest ? newest[1] : null,
    last24h: hourly(hours),
  }));
  const readingsLastHour = metrics.reduce((sum, [, , , lastHour]) => sum + lastHour, 0);
  return { ...toDeviceDto(row, now), readings, alerts: deviceAlerts(row, readings, now), readingsLastHour };
}

/** SPARK_HOURS slots, each an hour's average to three decimals, or null for an hour without readings. */
function hourly(hours: string | null): (number | null)[] {
  const slots: (number | null)[] = Array.from({ length: SPARK_HOURS }, () => null);
  const pairs = hours === null ? [] : (JSON.parse(hours) as number[]);
  for (let i = 0; i < pairs.length; i += 2) slots[pairs[i]!] = pairs[i + 1]! / 1000;
  return slots;
}
