// PostgreSQL's schema and migrations cannot drift from SQLite's: the twin schema is made from
// schema.prisma, and both engines' migrations, applied to real databases, build the same tables.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/cli/run";
import { postgresCatalog, sqliteCatalog, type Catalog } from "@/lib/postgres/catalog";
import { migratePostgres } from "@/lib/postgres/migrate";
import { postgresSchema, readPostgresSchema } from "@/lib/postgres/schema";
import { TEST_POSTGRES_URL, createPostgresDatabase } from "@/lib/testing/postgres";

describe("prisma/postgres/schema.prisma", () => {
  it("is schema.prisma with PostgreSQL as its provider, as committed", () => {
    const { committed, expected } = readPostgresSchema();
    expect(committed, "run npm run db:new-migration to remake it").toBe(expected);
    expect(committed).toContain('provider = "postgresql"');
  });

  it("cannot be made from a schema that no longer names its provider as expected", () => {
    expect(() => postgresSchema('datasource db {\n  provider = "mysql"\n}')).toThrow(/provider or output/);
  });
});

describe.skipIf(!TEST_POSTGRES_URL)("the PostgreSQL migrations", () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let sqlite: Catalog;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-drift-"));
    const file = path.join(dir, "drift.db");
    migrate({ ...process.env, DATABASE_URL: `file:${file}` });
    sqlite = sqliteCatalog(file);
    database = await createPostgresDatabase();
    await migratePostgres(database.url);
  });

  afterAll(async () => {
    await database?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("build the same tables, columns, keys, indexes and foreign keys as SQLite's", async () => {
    const postgres = await postgresCatalog(database.url);
    expect(Object.keys(postgres).sort()).toEqual(Object.keys(sqlite).sort());
    for (const table of Object.keys(sqlite)) expect(postgres[table], table).toEqual(sqlite[table]);
  });

  it("would be seen to differ by a column more on one side", async () => {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('ALTER TABLE "Device" ADD COLUMN "firmware" TEXT');
      expect((await postgresCatalog(database.url)).Device).not.toEqual(sqlite.Device);
    } finally {
      await client.query('ALTER TABLE "Device" DROP COLUMN "firmware"');
      await client.end();
    }
  });
});
