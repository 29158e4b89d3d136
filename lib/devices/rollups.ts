// Hourly and daily aggregates of the readings, kept up to date on ingest, so that a month of
// minute data charts from a few hundred rows instead of tens of thousands. It runs SQL through the
// client it is given (no env, no secrets), so the seed can use it outside the server too.
import type { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS, HOUR_MS } from "@/lib/time";
import { refreshRollupsSql } from "./sql";

const RESOLUTIONS = [HOUR_MS, DAY_MS] as const;

type Client = Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * The statements that recompute the hour buckets that [from, to] touches from the raw readings,
 * and the days that hold them (sql.ts); run them in the transaction that wrote the readings.
 */
export function rollupSql(metricIds: number[], from: number, to: number): Prisma.Sql[] {
  if (metricIds.length === 0) return [];
  const hours: [number, number] = [Math.floor(from / HOUR_MS) * HOUR_MS, Math.floor(to / HOUR_MS) * HOUR_MS + HOUR_MS];
  const days: [number, number] = [Math.floor(from / DAY_MS) * DAY_MS, Math.floor(to / DAY_MS) * DAY_MS + DAY_MS];
  return [refreshRollupsSql(metricIds, hours, days)];
}

/** rollupSql as a client's writes, for a batch transaction. */
export function rollupWrites(client: Client, metricIds: number[], from: number, to: number): Prisma.PrismaPromise<number>[] {
  return rollupSql(metricIds, from, to).map((query) => client.$executeRaw(query));
}

/** Runs rollupWrites one after the other: for a caller that holds a client rather than a batch. */
export async function refreshRollups(client: Client, metricIds: number[], from: number, to: number): Promise<void> {
  for (const write of rollupWrites(client, metricIds, from, to)) await write;
}

/** The coarsest stored resolution that divides a bucket size, or null to read raw readings. */
export function rollupFor(bucketMs: number): number | null {
  return [...RESOLUTIONS].reverse().find((resolution) => bucketMs % resolution === 0) ?? null;
}
