// Hourly, two-hourly and daily aggregates of the readings, kept up to date on ingest, so that a
// month of minute data charts from a few hundred rows instead of tens of thousands. Two hours is
// the month chart's bucket (about 500 points): read as stored, it needs no grouping, which was
// most of that read's cost. It runs SQL through the client it is given (no env, no secrets), so
// the seed can use it outside the server too.
import type { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS, HOUR_MS } from "@/lib/time";
import { refreshRollupsSql } from "./sql";

const RESOLUTIONS = [HOUR_MS, 2 * HOUR_MS, DAY_MS] as const;

type Client = Pick<Prisma.TransactionClient, "$executeRaw">;

/** The whole buckets of `size` that [from, to] touches. */
const spanning = (size: number, from: number, to: number) => ({ from: Math.floor(from / size) * size, to: Math.floor(to / size) * size + size });

/**
 * The statements that recompute the hour buckets that [from, to] touches from the raw readings,
 * and the coarser buckets that hold them (sql.ts); run them in the transaction that wrote the readings.
 */
export function rollupSql(metricIds: number[], from: number, to: number): Prisma.Sql[] {
  if (metricIds.length === 0) return [];
  const hours = spanning(HOUR_MS, from, to);
  const coarser = RESOLUTIONS.slice(1).map((resolution) => ({ resolution, ...spanning(resolution, from, to) }));
  return [refreshRollupsSql(metricIds, [hours.from, hours.to], coarser)];
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
