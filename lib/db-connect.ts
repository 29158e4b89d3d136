// Opens a Prisma client on the database a URL names: a SQLite file, or PostgreSQL (postgres:// or
// postgresql://). lib/db.ts holds the app's one client; the seed, the command-line tools and the
// tests open their own through this.
import { PrismaPg } from "@prisma/adapter-pg";
import type Database from "better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { PrismaClient as PostgresClient } from "./generated/prisma-pg/client";
import { isPostgresUrl } from "./db-engine";
import { databaseFile, prepareDatabaseFile, sqliteAdapter } from "./sqlite";

/**
 * `onConnect` is told of each SQLite connection the client opens (lib/db.ts keeps it for
 * lib/db-write.ts); `poolSize` is how many connections a PostgreSQL client keeps (DATABASE_POOL_SIZE).
 */
export function connectDatabase(url: string, onConnect?: (connection: Database.Database) => void, poolSize = 10): PrismaClient {
  if (isPostgresUrl(url)) {
    // The two generated clients are made from one schema (lib/postgres/schema.ts): the same models,
    // the same methods. The code is typed against SQLite's, the stricter of the two.
    // Each process's connections name it, for pg_stat_activity (and lib/testing/refuse-inserts.ts).
    const adapter = new PrismaPg({ connectionString: url, max: poolSize, application_name: `gatehouse:${process.pid}` });
    return new PostgresClient({ adapter }) as unknown as PrismaClient;
  }
  const file = databaseFile(url);
  if (file) prepareDatabaseFile(file);
  const client = new PrismaClient({ adapter: sqliteAdapter(url, onConnect) });
  // The adapter holds one connection, and this is its first statement. In WAL mode, NORMAL still
  // never corrupts the file; it only skips an fsync per commit (a power cut may lose the last ones).
  client.$executeRawUnsafe("PRAGMA synchronous = NORMAL").catch(() => {});
  return client;
}
