// Opens a Prisma client on a SQLite file. lib/db.ts holds the app's one client; the seed, the
// command-line tools and the tests open their own through this.
import type Database from "better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { databaseFile, prepareDatabaseFile, sqliteAdapter } from "./sqlite";

/** `onConnect` is told of each SQLite connection the client opens (lib/db.ts keeps it for lib/db-write.ts). */
export function connectDatabase(url: string, onConnect?: (connection: Database.Database) => void): PrismaClient {
  const file = databaseFile(url);
  if (file) prepareDatabaseFile(file);
  const client = new PrismaClient({ adapter: sqliteAdapter(url, onConnect) });
  // The adapter holds one connection, and this is its first statement. In WAL mode, NORMAL still
  // never corrupts the file; it only skips an fsync per commit (a power cut may lose the last ones).
  client.$executeRawUnsafe("PRAGMA synchronous = NORMAL").catch(() => {});
  return client;
}
