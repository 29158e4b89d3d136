// Where the SQLite file is and how it is opened. Free of the generated client, so that
// prisma.config.ts can use it before `prisma generate` has run.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { SECOND_MS } from "./time";

const DEFAULT_DATABASE_FILE = ".data/gatehouse.db";
export const BUSY_TIMEOUT_MS = 5 * SECOND_MS;

/**
 * Resolves DATABASE_URL to one absolute SQLite file, so that the Prisma CLI (which reads relative
 * paths from prisma/) and the app (which reads them from the working directory) open the same file.
 */
export function resolveDatabaseUrl(url: string | undefined, cwd = process.cwd()): string {
  const value = url?.trim() || `file:${DEFAULT_DATABASE_FILE}`;
  if (!value.startsWith("file:")) return value;
  return `file:${path.resolve(cwd, value.slice("file:".length))}`;
}

/** The file system path of a `file:` URL, or undefined for any other engine. */
export function databaseFile(url: string): string | undefined {
  return url.startsWith("file:") ? url.slice("file:".length) : undefined;
}

/** Dates are stored as integer milliseconds: compact, and cheap to bucket in SQL. */
export function sqliteAdapter(url: string) {
  return new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS }, { timestampFormat: "unixepoch-ms" });
}

/**
 * WAL lets readers and the one writer work at once. The mode is stored in the file, so setting it
 * here holds for every later connection; busy_timeout is set per connection by the adapter, and
 * foreign keys are on by default in better-sqlite3's build (lib/db.test.ts checks all three).
 */
export function prepareDatabaseFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    raw.pragma("journal_mode = WAL");
  } finally {
    raw.close();
  }
}
