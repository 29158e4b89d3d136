// Hourly and daily aggregates of the readings, kept up to date on ingest, so that a month of
// minute data charts from a few hundred rows instead of tens of thousands. It runs SQL through the
// client it is given (no env, no secrets), so the seed can use it outside the server too.
import { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS, HOUR_MS } from "@/lib/time";

export const RESOLUTIONS = [HOUR_MS, DAY_MS] as const;

type Client = Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * The statements that recompute the hour buckets that [from, to] touches from the raw readings,
 * and the days that hold them; run them in the transaction that wrote the readings.
 * Recomputing (rather than adding) keeps a replaced reading correct. One statement: the fresh
 * hours, computed once, are both stored and summed into their days with the days' other, stored
 * hours (a statement each cost about 0.3 ms more a batch, most of it Prisma's per statement).
 */
export function rollupWrites(client: Client, metricIds: number[], from: number, to: number): Prisma.PrismaPromise<number>[] {
  if (metricIds.length === 0) return [];
  const ids = Prisma.join(metricIds);
  const hourStart = Math.floor(from / HOUR_MS) * HOUR_MS;
  const hourEnd = Math.floor(to / HOUR_MS) * HOUR_MS + HOUR_MS;
  const dayStart = Math.floor(from / DAY_MS) * DAY_MS;
  const dayEnd = Math.floor(to / DAY_MS) * DAY_MS + DAY_MS;
  return [
    client.$executeRaw`
      WITH "hours" AS MATERIALIZED (
        SELECT "metricId", CAST("time" / ${HOUR_MS} AS INTEGER) * ${HOUR_MS} AS "time",
               MIN("value") AS "min", MAX("value") AS "max", SUM("value") AS "sum", COUNT(*) AS "count"
        FROM "Telemetry"
        WHERE "metricId" IN (${ids}) AND "time" >= ${hourStart} AND "time" < ${hourEnd}
        GROUP BY "metricId", CAST("time" / ${HOUR_MS} AS INTEGER)
      )
      INSERT INTO "TelemetryRollup" ("metricId", "resolution", "time", "min", "max", "sum", "count")
      SELECT "metricId", ${HOUR_MS}, "time", "min", "max", "sum", "count" FROM "hours"
      UNION ALL
      SELECT "metricId", ${DAY_MS}, CAST("time" / ${DAY_MS} AS INTEGER) * ${DAY_MS}, MIN("min"), MAX("max"), SUM("sum"), SUM("count")
      FROM (
        SELECT * FROM "hours"
        UNION ALL
        SELECT "metricId", "time", "min", "max", "sum", "count" FROM "TelemetryRollup"
        WHERE "metricId" IN (${ids}) AND "resolution" = ${HOUR_MS} AND "time" >= ${dayStart} AND "time" < ${dayEnd}
          AND ("time" < ${hourStart} OR "time" >= ${hourEnd})
      )
      GROUP BY "metricId", CAST("time" / ${DAY_MS} AS INTEGER)
      ON CONFLICT ("metricId", "resolution", "time") DO UPDATE SET
        "min" = excluded."min", "max" = excluded."max", "sum" = excluded."sum", "count" = excluded."count"`,
  ];
}

/** Runs rollupWrites one after the other: for a caller that holds a client rather than a batch. */
export async function refreshRollups(client: Client, metricIds: number[], from: number, to: number): Promise<void> {
  for (const write of rollupWrites(client, metricIds, from, to)) await write;
}

/** The coarsest stored resolution that divides a bucket size, or null to read raw readings. */
export function rollupFor(bucketMs: number): number | null {
  return [...RESOLUTIONS].reverse().find((resolution) => bucketMs % resolution === 0) ?? null;
}
