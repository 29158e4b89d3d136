// `npm run db:backup` and `db:restore` on PostgreSQL (lib/cli/backup.ts has SQLite's): pg_dump's
// custom format, a consistent snapshot taken while the instances write, and pg_restore into an
// empty database in one transaction, whose audit chain is then checked whole.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/** The URL's password goes to pg_dump and pg_restore in the environment, not on a command line that `ps` shows. */
function tool(name: "pg_dump" | "pg_restore", args: string[], url: string): void {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  const result = spawnSync(name, [`--dbname=${parsed.toString()}`, ...args], { env: { ...process.env, PGPASSWORD: password }, encoding: "utf8" });
  if (result.error) throw new Error(`${name} could not run (${result.error.message}): install PostgreSQL's client tools`);
  if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr.trim()}`);
}

export function backupPostgres(url: string, target: string): void {
  if (fs.existsSync(target)) throw new Error(`${target} exists already; name a new file`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  tool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${target}`], url);
}

/** Restores into the database of `url`, which must hold no tables yet: a restore never mixes two installs' data. */
export async function restorePostgres(copy: string, url: string): Promise<void> {
  if (!fs.existsSync(copy)) throw new Error(`${copy} does not exist`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = current_schema()");
    if (Number(rows[0]?.n) > 0) throw new Error("The database is not empty: restore into a new one (createdb), then point DATABASE_URL at it");
  } finally {
    await client.end();
  }
  tool("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", copy], url);
}
