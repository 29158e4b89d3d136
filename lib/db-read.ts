// Reads on the hot path: a domain's hand-written statement (a Prisma.Sql from its sql.ts) run on
// the driver itself, as a prepared statement kept for the next request. Through Prisma the same
// statement costs about 250 µs a call on this machine (its client pipeline and a fresh `prepare`),
// and a model query about 650 µs; here it costs what SQLite does, about 15 µs for a row by key.
//
// SQLite: a connection of this process's own, which may only read (query_only), beside Prisma's
// one. In WAL mode it sees every committed write at once; it cannot see a Prisma transaction's
// uncommitted ones, so it is for reads outside transactions. Another database: Prisma's $queryRaw.
// Rows come as the driver gives them: dates as stored (SQLite: integer milliseconds), booleans as
// 0 or 1. Read them through asMs, asDate and asBool, which take either engine's form.
import "server-only";
import Database from "better-sqlite3";
import { db } from "./db";
import { env } from "./env";
import type { Prisma } from "./generated/prisma/client";
import { BUSY_TIMEOUT_MS, databaseFile } from "./sqlite";

/** Statements kept per connection; a statement with a list of values has one text per length. */
const MAX_STATEMENTS = 256;

/** A connection and the statements kept on it. */
export type Kept = { connection: Database.Database; statements: Map<string, Database.Statement> };

/** One reader a process, on globalThis: Next bundles this module more than once. */
const shared = globalThis as unknown as { gatehouseReader?: Kept | null };

function reader(): Kept | null {
  if (shared.gatehouseReader !== undefined) return shared.gatehouseReader;
  const file = databaseFile(env.DATABASE_URL);
  let opened: Kept | null = null;
  if (file) {
    const connection = new Database(file, { timeout: BUSY_TIMEOUT_MS, fileMustExist: true });
    connection.pragma("query_only = ON");
    opened = { connection, statements: new Map() };
  }
  return (shared.gatehouseReader = opened);
}

/** The connection's prepared statement for sql, kept for the next call (the least recently used goes past MAX_STATEMENTS). */
export function keptStatement({ connection, statements }: Kept, sql: string): Database.Statement {
  let prepared = statements.get(sql);
  if (prepared) {
    // Least recently used goes first: a Map keeps insertion order.
    statements.delete(sql);
  } else {
    prepared = connection.prepare(sql);
    if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
  }
  statements.set(sql, prepared);
  return prepared;
}

/** A value as SQLite stores it: dates as milliseconds (the adapter's unixepoch-ms), booleans as 0 or 1. */
export function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}

/**
 * The rows of a read-only statement. An object, so that a test can count the reads (vi.spyOn).
 * Inside a transaction, read through the transaction's client instead.
 */
export const sqlReader = {
  async rows<T>(query: Prisma.Sql): Promise<T[]> {
    const open = reader();
    if (!open) return db.$queryRaw<T[]>(query);
    return keptStatement(open, query.sql).all(...query.values.map(sqliteValue)) as T[];
  },
};

export const readRows = <T>(query: Prisma.Sql): Promise<T[]> => sqlReader.rows<T>(query);

/** A date column's value in milliseconds, whichever form the engine gave it in. */
export function asMs(value: number | bigint | Date): number;
export function asMs(value: number | bigint | Date | null): number | null;
export function asMs(value: number | bigint | Date | null): number | null {
  return value === null ? null : Number(value);
}

export function asDate(value: number | bigint | Date): Date;
export function asDate(value: number | bigint | Date | null): Date | null;
export function asDate(value: number | bigint | Date | null): Date | null {
  return value === null ? null : value instanceof Date ? value : new Date(Number(value));
}

export const asBool = (value: number | bigint | boolean): boolean => Boolean(Number(value));
