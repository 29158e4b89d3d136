// `npm run db:backup -- FILE` copies the SQLite database of DATABASE_URL to FILE while the server
// runs (VACUUM INTO: one read transaction, so a consistent moment while writers carry on; SQLite's
// online backup API starts again at every write from another connection, and never ends under
// steady writes), then checks the copy.
// `npm run db:restore -- FILE` checks a copy and puts it in the database's place; stop the server
// first. A check is SQLite's integrity check and the whole audit chain (which needs this install's
// TOKEN_PEPPER). On PostgreSQL, pg_dump and pg_restore into an empty database (lib/postgres/backup.ts).
// Exit status 0 when done, 1 when a check fails, 2 when it cannot be done.
import fs from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import Database from "better-sqlite3";
import { connectDatabase } from "@/lib/db-connect";
import { isPostgresUrl } from "@/lib/db-engine";
import { backupPostgres, restorePostgres } from "@/lib/postgres/backup";
import { databaseUrl } from "@/lib/env-schema";
import { BUSY_TIMEOUT_MS, databaseFile } from "@/lib/sqlite";

class CheckFailed extends Error {}

/** SQLite's integrity check, then the audit chain; the number of audit records. */
async function check(file: string): Promise<number> {
  const raw = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = raw.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new CheckFailed(`${file} fails SQLite's integrity check: ${String(integrity)}`);
  } finally {
    raw.close();
  }
  const { verifyChain } = await import("@/lib/audit/verify");
  const client = connectDatabase(`file:${file}`);
  try {
    const chain = await verifyChain(client);
    if (!chain.ok) throw new CheckFailed(`${file}: the audit chain is broken at record #${chain.firstBroken.id} (${chain.firstBroken.reason})`);
    return chain.records;
  } finally {
    await client.$disconnect();
  }
}

async function backup(source: string, target: string): Promise<number> {
  if (fs.existsSync(target)) throw new Error(`${target} exists already; name a new file`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    db.prepare("VACUUM INTO ?").run(target);
  } finally {
    db.close();
  }
  return check(target);
}

async function restore(copy: string, target: string): Promise<number> {
  const records = await check(copy);
  // Beside the database, then renamed over it, so that a failure part-way leaves the old one whole;
  // the old file's write-ahead log must not be replayed onto the copy.
  const staged = `${target}.restoring`;
  fs.copyFileSync(copy, staged);
  for (const stale of [`${target}-wal`, `${target}-shm`]) fs.rmSync(stale, { force: true });
  fs.renameSync(staged, target);
  return records;
}

/** PostgreSQL's: pg_dump's archive; a restore into an empty database, then the whole chain checked. */
async function postgres(command: "backup" | "restore", url: string, file: string): Promise<number> {
  if (command === "backup") {
    backupPostgres(url, file);
    console.log(`Backed up the PostgreSQL database to ${file} (pg_dump, custom format). npm run db:restore checks its audit chain.`);
    return 0;
  }
  await restorePostgres(file, url);
  const { verifyChain } = await import("@/lib/audit/verify");
  const client = connectDatabase(url);
  try {
    const chain = await verifyChain(client);
    // Restored into a database that was empty: nothing of another install's was touched.
    if (!chain.ok) throw new CheckFailed(`Restored ${file}, but its audit chain is broken at record #${chain.firstBroken.id} (${chain.firstBroken.reason}): do not use this database; drop it`);
    console.log(`Restored ${file}: audit chain intact (${chain.records} records).`);
    return 0;
  } finally {
    await client.$disconnect();
  }
}

async function main(): Promise<number> {
  loadEnvConfig(process.cwd());
  const [command, file] = process.argv.slice(2);
  if ((command !== "backup" && command !== "restore") || !file) throw new Error("usage: backup.ts backup|restore FILE");
  const url = databaseUrl();
  if (isPostgresUrl(url)) return postgres(command, url, path.resolve(file));
  const database = databaseFile(url)!;
  const target = path.resolve(file);
  if (command === "backup") {
    const records = await backup(database, target);
    console.log(`Backed up ${database} to ${target}: integrity ok, audit chain intact (${records} records).`);
  } else {
    const records = await restore(target, database);
    console.log(`Restored ${target} to ${database}: integrity ok, audit chain intact (${records} records).`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof CheckFailed ? 1 : 2);
  },
);
