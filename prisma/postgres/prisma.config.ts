// Prisma CLI configuration for PostgreSQL's client (`prisma generate --config` this file): the JS
// engine over node-postgres, so that no engine binary is downloaded. Migrations are not Prisma's
// here: lib/cli/migrate.ts applies prisma/postgres/migrations.
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { isPostgresUrl } from "../../lib/db-engine";

// The datasource's url must be resolved, and a PostgreSQL one, or the CLI falls back to downloading
// an engine; generating never connects, so when DATABASE_URL names SQLite any such URL will do.
if (!isPostgresUrl(process.env.DATABASE_URL ?? "")) process.env.DATABASE_URL = "postgresql://localhost/gatehouse";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL! });
  },
});
