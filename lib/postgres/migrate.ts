// Applies prisma/postgres/migrations to a PostgreSQL database, offline: Prisma's JS engine cannot
// migrate PostgreSQL (DESIGN.md), so the bookkeeping that `prisma migrate deploy` keeps in
// _prisma_migrations is kept here in "_gatehouse_migrations". Each migration runs in its own
// transaction with its record, so a failure leaves it unapplied and unrecorded; an advisory lock
// lets several instances deploy at once, one after another; a recorded migration whose file has
// changed since stops the run rather than leave the database unlike the files.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { POSTGRES_MIGRATIONS } from "./schema";

const LOCK = 7_146_210_113; // any fixed number: the advisory lock of this migrator
const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_gatehouse_migrations" (
  "name" TEXT PRIMARY KEY,
  "checksum" TEXT NOT NULL,
  "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now()
)`;

export type Migration = { name: string; sql: string; checksum: string };

/** The committed migrations, in name (time) order. */
export function postgresMigrations(folder = POSTGRES_MIGRATIONS): Migration[] {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(folder, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies what is not yet applied; returns the names it applied. */
export async function migratePostgres(url: string, migrations = postgresMigrations()): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK]);
    await client.query(BOOKKEEPING);
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT "name", "checksum" FROM "_gatehouse_migrations"');
    const applied = new Map(rows.map((row) => [row.name, row.checksum]));
    for (const name of applied.keys()) {
      if (!migrations.some((migration) => migration.name === name)) throw new Error(`The database has migration ${name}, which is not among the committed ones: is this an older checkout?`);
    }
    const done: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum === migration.checksum) continue;
      if (checksum) throw new Error(`Migration ${migration.name} was applied from a different file (checksum ${checksum.slice(0, 12)}, now ${migration.checksum.slice(0, 12)}): a migration is never edited once applied; write a new one`);
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO "_gatehouse_migrations" ("name", "checksum") VALUES ($1, $2)', [migration.name, migration.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`);
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    await client.end();
  }
}
