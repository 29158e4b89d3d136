// lib/postgres/migrate.ts against a real server: what `npm run db:migrate` does on PostgreSQL.
import { afterEach, describe, expect, it } from "vitest";
import { TEST_POSTGRES_URL, createPostgresDatabase, querySql } from "@/lib/testing/postgres";
import { migratePostgres, postgresMigrations, type Migration } from "./migrate";

const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const drop of drops.splice(0)) await drop();
});

async function fresh(): Promise<string> {
  const database = await createPostgresDatabase();
  drops.push(database.drop);
  return database.url;
}

const query = <T extends Record<string, unknown>>(url: string, sql: string) => querySql<T>(url, sql);

const extra = (name: string, sql: string): Migration => ({ name, sql, checksum: name + sql });

describe.skipIf(!TEST_POSTGRES_URL)("migratePostgres", () => {
  it("applies every committed migration once, records it, and applies nothing the second time", async () => {
    const url = await fresh();
    const committed = postgresMigrations();
    expect(await migratePostgres(url)).toEqual(committed.map((m) => m.name));
    expect(await migratePostgres(url)).toEqual([]);
    const recorded = await query<{ name: string }>(url, 'SELECT "name" FROM "_gatehouse_migrations" ORDER BY "name"');
    expect(recorded.map((r) => r.name)).toEqual(committed.map((m) => m.name));
    expect(await query(url, 'SELECT "role" FROM "Policy" ORDER BY "role"')).toEqual([{ role: "ADMIN" }, { role: "STANDARD" }]);
  });

  it("runs at once from two instances without applying anything twice", async () => {
    const url = await fresh();
    const [a, b] = await Promise.all([migratePostgres(url), migratePostgres(url)]);
    expect([...a, ...b].sort()).toEqual(postgresMigrations().map((m) => m.name));
  });

  it("rolls a failing migration back whole and leaves it unrecorded", async () => {
    const url = await fresh();
    const migrations = [...postgresMigrations(), extra("29990101000000_broken", 'CREATE TABLE "Half" ("id" INTEGER); SELECT no_such_function();')];
    await expect(migratePostgres(url, migrations)).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    expect(await query(url, "SELECT to_regclass('\"Half\"') AS t")).toEqual([{ t: null }]);
    expect(await query(url, `SELECT 1 FROM "_gatehouse_migrations" WHERE "name" = '29990101000000_broken'`)).toEqual([]);
  });

  it("refuses a migration edited after it was applied, and a database ahead of the files", async () => {
    const url = await fresh();
    const added = extra("29990101000000_added", 'CREATE TABLE "Added" ("id" INTEGER)');
    await migratePostgres(url, [...postgresMigrations(), added]);
    await expect(migratePostgres(url, [...postgresMigrations(), { ...added, checksum: "edited" }])).rejects.toThrow(/was applied from a different file/);
    await expect(migratePostgres(url)).rejects.toThrow(/29990101000000_added, which is not among the committed ones/);
  });
});
