// `npm run db:migrate`: applies the committed migrations to the database DATABASE_URL names.
// SQLite through `prisma migrate deploy`; PostgreSQL through lib/postgres/migrate.ts, since
// Prisma's JS engine cannot migrate it.
import { loadEnvConfig } from "@next/env";
import { databaseUrl } from "@/lib/env-schema";
import { migratePostgres } from "@/lib/postgres/migrate";
import { isPostgresUrl } from "@/lib/db-engine";
import { run } from "./run";

async function main() {
  loadEnvConfig(process.cwd());
  const url = databaseUrl();
  if (!isPostgresUrl(url)) {
    run("prisma", ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url } });
    return;
  }
  const applied = await migratePostgres(url);
  console.log(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "The database is up to date: no migration to apply.");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
