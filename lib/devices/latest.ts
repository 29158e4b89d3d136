// The newest reading of many metrics, and how many came in lately: one statement each, walking the
// (metricId, time) primary key rather than a metric's whole history. The rows come back as one
// JSON array: mapping hundreds of driver rows costs more than the query on Prisma's JS engine.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export type LatestValue = { time: Date; value: number };

export async function latestValues(metricIds: number[]): Promise<Map<number, LatestValue>> {
  if (metricIds.length === 0) return new Map();
  const [row] = await db.$queryRaw<{ latest: string | null }[]>`
    SELECT json_group_array(json_array(m."id", t."time", t."value")) AS "latest"
    FROM "Metric" m
    JOIN "Telemetry" t ON t."metricId" = m."id"
      AND t."time" = (SELECT MAX(x."time") FROM "Telemetry" x WHERE x."metricId" = m."id")
    WHERE m."id" IN (${Prisma.join(metricIds)})`;
  const list = JSON.parse(row?.latest ?? "[]") as [number, number, number][];
  return new Map(list.map(([id, time, value]) => [id, { time: new Date(time), value }]));
}

/** A metric's newest reading as the API shows it: an ISO time and a value, or nulls. */
export function newestOf(latest: Map<number, LatestValue>, metricId: number): { time: string | null; value: number | null } {
  const newest = latest.get(metricId);
  return { time: newest?.time.toISOString() ?? null, value: newest?.value ?? null };
}

/** How many readings each metric has had since `since`, counted along the (metricId, time) key. */
export async function countsSince(metricIds: number[], since: number): Promise<Map<number, number>> {
  if (metricIds.length === 0) return new Map();
  const [row] = await db.$queryRaw<{ counts: string | null }[]>`
    SELECT json_group_array(json_array("metricId", "n")) AS "counts"
    FROM (SELECT "metricId", COUNT(*) AS "n" FROM "Telemetry" WHERE "metricId" IN (${Prisma.join(metricIds)}) AND "time" >= ${since} GROUP BY "metricId")`;
  return new Map(JSON.parse(row?.counts ?? "[]") as [number, number][]);
}
