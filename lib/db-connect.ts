// Opens a Prisma client on a SQLite file. lib/db.ts holds the app's one client; the seed, the
// command-line tools and the tests open their own through this.
import { PrismaClient } from "./generated/prisma/client";
import { databaseFile, prepareDatabaseFile, sqliteAdapter } from "./sqlite";

export function connectDatabase(url: string): PrismaClient {
  const file = databaseFile(url);
  if (file) prepareDatabaseFile(file);
  return new PrismaClient({ adapter: sqliteAdapter(url) });
}
