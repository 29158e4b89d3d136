// The app's Prisma client: one per process, kept across hot reloads in development.
import "server-only";
import type Database from "better-sqlite3";
import { connectDatabase } from "./db-connect";
import { env } from "./env";
import type { Prisma, PrismaClient } from "./generated/prisma/client";

const globalForDb = globalThis as unknown as { gatehouseDb?: PrismaClient; gatehouseWriter?: Database.Database };

// On globalThis in production too: Next bundles this module once for the route handlers and again
// for pages and server actions, and one process should hold one connection, not one a bundle.
export const db = (globalForDb.gatehouseDb ??= connectDatabase(env.DATABASE_URL, (connection) => (globalForDb.gatehouseWriter = connection)));

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
 * An interactive transaction, run again when SQLite answers busy. A transaction that reads before
 * it writes gets SQLITE_BUSY_SNAPSHOT, without waiting, when another connection (a CLI tool, a
 * second process) committed in between; everything it did was rolled back, so running it again
 * is safe.
 */
export async function transaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work);
    } catch (error) {
      if (attempt >= attempts || !isBusy(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 20 * Math.random()));
    }
  }
}
