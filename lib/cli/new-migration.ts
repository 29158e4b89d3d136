// `npm run db:new-migration -- <name>`: writes the SQL that takes the committed migrations to
// schema.prisma into a new migration folder, for SQLite and for PostgreSQL, and remakes
// PostgreSQL's twin schema. `prisma migrate dev` cannot run here (see README).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA, SCHEMA, readPostgresSchema } from "@/lib/postgres/schema";
import { bin } from "./run";

const MIGRATIONS = path.join("prisma", "migrations");

/** `prisma migrate diff … --script --exit-code`: the script, or null when there is nothing to change. */
function diff(args: string[]): string | null {
  const result = spawnSync(bin("prisma"), ["migrate", "diff", ...args, "--script", "--exit-code"], { encoding: "utf8" });
  if (result.status === 0) return null;
  if (result.status !== 2) {
    process.stderr.write(result.stderr);
    process.exit(1);
  }
  return result.stdout;
}

function main() {
  const name = process.argv[2]?.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
  if (!name) {
    console.error("Usage: npm run db:new-migration -- <name>   (for example: add_device_firmware)");
    process.exit(2);
  }
  const sqlite = diff(["--from-migrations", MIGRATIONS, "--to-schema-datamodel", SCHEMA]);
  if (sqlite === null) {
    console.log("schema.prisma matches the committed migrations: nothing to write.");
    return;
  }
  // PostgreSQL's migration goes from its twin schema as committed (which its migrations reach:
  // prisma/postgres/schema.test.ts) to the twin of the new schema.prisma; no database is needed.
  const { committed, expected } = readPostgresSchema();
  const next = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-schema-")), "schema.prisma");
  fs.writeFileSync(next, expected);
  const postgres = diff(["--from-schema-datamodel", POSTGRES_SCHEMA, "--to-schema-datamodel", next]);
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const [folder, script] of [[MIGRATIONS, sqlite], [POSTGRES_MIGRATIONS, postgres]] as const) {
    if (script === null) continue;
    const file = path.join(folder, `${stamp}_${name}`, "migration.sql");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, script);
    console.log(`Wrote ${file}.`);
  }
  if (committed !== expected) fs.writeFileSync(POSTGRES_SCHEMA, expected);
  console.log("Review them (triggers, backfills and default rows are written by hand, for each engine), then apply with: npm run db:migrate");
}

main();
