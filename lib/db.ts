// The app's Prisma client: one per process, kept across hot reloads in development.
import "server-only";
import type Database from "better-sqlite3";
import { connectDatabase } from "./db-connect";
import { env } from "./env";
import type { Prisma, PrismaClient } from "./generated/prisma/client";
import { onPostgres } from "./sql-dialect";

const globalForDb = globalThis as unknown as { gatehouseDb?: PrismaClient; gatehouseWriter?: Database.Database };

// On globalThis in production too: Next bundles this module once for the route handlers and again
// for pages and server actions, and one process should hold one connection, not one a bundle.
export const db = (globalForDb.gatehouseDb ??= connectDatabase(env.DATABASE_URL, (connection) => (globalForDb.gatehouseWriter = connection), env.DATABASE_POOL_SIZE));

/** The SQLite connection the client writes on, once it has opened one and while it is open; null on another engine. */
export function writerConnection(): Database.Database | null {
  const connection = globalForDb.gatehouseWriter;
  return connection?.open ? connection : null;
}

/**
 * Whether SQLite refused a write because another connection holds or changed the database. Through
 * Prisma's driver adapter it arrives as P1008 "Operation has timed out", with SQLite's own code
 * (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT) kept under meta.driverAdapterError.
 */
export function isBusy(error: unknown): boolean {
  const { code, message, meta } = (error ?? {}) as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } };
  const cause = meta?.driverAdapterError?.cause;
  if (typeof cause?.originalCode === "string" && cause.originalCode.startsWith("SQLITE_BUSY")) return true;
  return (typeof code === "string" && code.startsWith("SQLITE_BUSY")) || (typeof message === "string" && message.includes("database is locked"));
}

/**
 * Whether PostgreSQL refused a transaction because a concurrent one won a race: a unique key that
 * the other inserted first (two new audit records on the same chain head, one new metric from two
 * batches), a serialization failure or a deadlock. SQLite has one writer at a time, so there a
 * unique violation is always the data's, never a race's.
 */
export function lostRace(error: unknown): boolean {
  if (!onPostgres) return false;
  const { code, meta } = (error ?? {}) as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } };
  const cause = meta?.driverAdapterError?.cause;
  return code === "P2002" || cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "40001" || cause?.originalCode === "40P01";
}

/**
 * Runs `work` again, up to `attempts` times in all, when SQLite answers busy or PostgreSQL says it
 * lost a race (lostRace). A SQLite transaction that reads before it writes gets SQLITE_BUSY_SNAPSHOT,
 * without waiting, when another connection (a CLI tool, a second process) committed in between;
 * everything it did was rolled back, so running it again is safe. So it is on PostgreSQL, where the
 * second run sees what the winner committed, and where two transactions that lock the same rows in
 * another order (two overlapping ingest batches of one device, say) have one of them ended as a deadlock.
 */
export async function runAgainOnLostRace<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !(isBusy(error) || lostRace(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 20 * Math.random()));
    }
  }
}

/**
 * An interactive transaction, run again when it lost a race (runAgainOnLostRace). `timeoutMs`:
 * how long it may stay open before Prisma ends it (its default, 5 s, suits a request's writes; a
 * bulk write on a loaded server needs more).
 */
export function transaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>, attempts = 5, timeoutMs?: number): Promise<T> {
  return runAgainOnLostRace(() => db.$transaction(work, timeoutMs ? { timeout: timeoutMs } : undefined), attempts);
}
