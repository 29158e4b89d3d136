// Prisma CLI configuration: the JS engine over better-sqlite3, so that no engine binary is downloaded.
import path from "node:path";
import { defineConfig } from "prisma/config";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { databaseUrl } from "./lib/env-schema";
import { databaseFile, prepareDatabaseFile, sqliteAdapter } from "./lib/sqlite";

// Every Prisma CLI call needs DATABASE_URL resolved, or it falls back to downloading an engine.
process.env.DATABASE_URL = databaseUrl();

/**
 * `migrate diff --from-migrations` replays each migration file on an in-memory shadow database with
 * one executeRaw call, which better-sqlite3 refuses for more than one statement. Sending those
 * parameterless calls through executeScript (SQLite's exec) lets the diff run offline.
 */
function sqliteAdapterWithScriptShadow(url: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = sqliteAdapter(url);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    async connectToShadowDb() {
      const shadow = await factory.connectToShadowDb();
      const executeRaw = shadow.executeRaw.bind(shadow);
      shadow.executeRaw = async (query) => {
        if (query.args.length > 0) return executeRaw(query);
        await shadow.executeScript(query.sql);
        return 0;
      };
      return shadow;
    },
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL!;
    const file = databaseFile(url);
    if (file) prepareDatabaseFile(file);
    return sqliteAdapterWithScriptShadow(url);
  },
});
