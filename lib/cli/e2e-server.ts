// The server the e2e suite runs against: a fresh database with a small seed, a production build
// into its own folder (skipped when its sources have not changed), then `next start`.
import fs from "node:fs";
import { seed } from "@/prisma/seed";
import { databaseUrl } from "@/lib/env-schema";
import { databaseFile } from "@/lib/sqlite";
import { buildIsCurrent, markBuilt, sourceFingerprint } from "./build-cache";
import { migrate, run, start } from "./run";

async function main() {
  const url = databaseUrl();
  const file = databaseFile(url);
  if (!file || !file.includes(".data")) throw new Error(`Refusing to reset ${url}: the e2e database must be a file under .data/`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const env = { ...process.env, DATABASE_URL: url };
  migrate(env);
  await seed({ url, days: 1 });

  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  const fingerprint = sourceFingerprint();
  if (!buildIsCurrent(distDir, fingerprint)) {
    run("next", ["build"], { env: { ...env, NODE_ENV: "production" }, quiet: true });
    markBuilt(distDir, fingerprint);
  }
  start("next", ["start", "-p", process.env.PORT ?? "3100"], { env });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
