// The server the e2e suite runs against: a fresh database with a small seed (a SQLite file, or a
// PostgreSQL database dropped and created again), a production build into its own folder (skipped
// when its sources have not changed), then `next start`.
import fs from "node:fs";
import { seed } from "@/prisma/seed";
import { isPostgresUrl } from "@/lib/db-engine";
import { databaseUrl } from "@/lib/env-schema";
import { recreatePostgresDatabase } from "@/lib/postgres/recreate";
import { databaseFile } from "@/lib/sqlite";
import { ensureBuild } from "./e2e-build";
import { migrate, start } from "./run";

/** Empties the e2e database; refuses any other, so that a mistyped URL costs no one's data. */
async function reset(url: string): Promise<void> {
  if (isPostgresUrl(url)) {
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    if (!/^gatehouse_e2e\w*$/.test(name)) throw new Error(`Refusing to reset ${name}: the e2e database's name must start with gatehouse_e2e`);
    await recreatePostgresDatabase(url);
    return;
  }
  const file = databaseFile(url);
  if (!file || !file.includes(".data")) throw new Error(`Refusing to reset ${url}: the e2e database must be a file under .data/`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

async function main() {
  const url = databaseUrl();
  await reset(url);
  const env = { ...process.env, DATABASE_URL: url };
  migrate(env);
  await seed({ url, days: 1 });

  ensureBuild(process.env.NEXT_DIST_DIR ?? ".next", env);
  start("next", ["start", "-p", process.env.PORT ?? "3100"], { env });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
