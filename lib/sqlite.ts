// Where the SQLite file is and how it is opened. Free of the generated client, so that
// prisma.config.ts can use it before `prisma generate` has run.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
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

/**
 * Dates are stored as integer milliseconds: compact, and cheap to bucket in SQL. `onConnect` is told
 * of each connection the adapter opens (it keeps it as its `client`), so that lib/db-write.ts can
 * run a batch on the very connection Prisma writes on.
 */
export function sqliteAdapter(url: string, onConnect?: (connection: Database.Database) => void): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS }, { timestampFormat: "unixepoch-ms" });
  if (!onConnect) return factory;
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      const { client } = adapter as unknown as { client?: unknown };
      if (client instanceof Database) onConnect(client);
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}

/**
 * Runs `work` once no transaction is open on the connection: the last check and the start of the
 * work happen with no await between them, so nothing can begin one in between. After the busy
 * timeout it gives up with SQLITE_BUSY, as SQLite does for a lock another connection holds (and a
 * caller that waits inside its own transaction for itself finds out).
 */
export async function outsideTransaction<T>(connection: Database.Database, work: () => T): Promise<Awaited<T>> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  while (connection.inTransaction) {
    if (Date.now() > deadline) throw new Database.SqliteError("A transaction stayed open on this connection past the busy timeout", "SQLITE_BUSY");
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return await work();
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
