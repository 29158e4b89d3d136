// The newest reading of many metrics in one statement, each found through the (metricId, time)
// primary key rather than by scanning a metric's history.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export type LatestValue = { time: Date; value: number };

export async function latestValues(metricIds: number[]): Promise<Map<number, LatestValue>> {
  if (metricIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ metricId: number | bigint; time: Date | number | bigint; value: number }[]>`
    SELECT m."id" AS "metricId", t."time" AS "time", t."value" AS "value"
    FROM "Metric" m
    JOIN "Telemetry" t ON t."metricId" = m."id"
      AND t."time" = (SELECT MAX(x."time") FROM "Telemetry" x WHERE x."metricId" = m."id")
    WHERE m."id" IN (${Prisma.join(metricIds)})`;
  return new Map(rows.map((row) => [Number(row.metricId), { time: new Date(Number(row.time)), value: row.value }]));
}
